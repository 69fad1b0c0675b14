// httpStorage() with a fake `fetch` (the `fetch` option), and end to end through the real consentServer
// (candor/server: plain TypeScript, so it runs here too) behind a fake endpoint. The real node:http
// server is tested in test-node/server-http.test.mjs.
import { expect } from '@open-wc/testing';
import { createConsent } from '../../src/core/consent.js';
import type { ConsentState, ConsentStorage } from '../../src/core/types.js';
import type { KeyValueStore } from '../../src/forge/index.js';
import { consentServer, STATUS_OF, type ConsentServer } from '../../src/server/server.js';
import { httpStorage, HttpStorageError, type HttpFetch } from '../../src/storage/index.js';
import { makeConfig, testClock } from '../core/fixtures.js';
import { storageContract } from './contract.js';
import { makeChoice, makeRecord, makeState } from './fixtures.js';

const URL_ = '/api/consent';

interface Call {
  url: string;
  init: RequestInit;
  key: string;
  payload: unknown;
}

interface Deferred {
  resolve: (value: Response) => void;
  reject: (error: unknown) => void;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fake `fetch` that records calls. `answer` decides each response; by default get answers
 * `{ state: null }` and set/delete `{ ok: true }`. `manual()` makes every call wait for the test.
 */
function fakeFetch(answer?: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const pending: Deferred[] = [];
  let manual = false;
  const fetch: HttpFetch = (url, init) => {
    const body = JSON.parse(init.body as string) as { key: string; payload: unknown };
    const call = { url, init, key: body.key, payload: body.payload };
    calls.push(call);
    if (manual) return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    if (answer) return Promise.resolve().then(() => answer(call));
    return Promise.resolve(json(body.key === 'candor.consent.get' ? { state: null } : { ok: true }));
  };
  return {
    fetch,
    calls,
    pending,
    manual() {
      manual = true;
    },
    auto() {
      manual = false;
    },
  };
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (reading a Response body takes a few tasks, not one). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await tick(5);
  expect(condition(), 'condition met in time').to.equal(true);
}

async function rejection(promise: Promise<unknown>): Promise<HttpStorageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(HttpStorageError);
    return error as HttpStorageError;
  }
  throw new Error('expected a rejection');
}

/** consentServer over a Map, behind a fake endpoint that answers as nodeHandler does; `subject` is the session. */
function serverBackend(purposes: Parameters<typeof consentServer>[0]['purposes'], now: () => number, subject: () => string | undefined = () => 'u1') {
  const data = new Map<string, string>();
  const store: KeyValueStore = {
    get: (key) => Promise.resolve(data.has(key) ? (JSON.parse(data.get(key)!) as unknown) : undefined),
    set: (key, value) => Promise.resolve(void data.set(key, JSON.stringify(value))),
    delete: (key) => Promise.resolve(void data.delete(key)),
  };
  const server: ConsentServer = consentServer({ store, purposes, now });
  const fetch: HttpFetch = async (_url, init) => {
    const result = await server.handle(subject(), JSON.parse(init.body as string));
    return json(result, 'ok' in result && result.ok === false ? STATUS_OF[result.error] : 200);
  };
  return { data, fetch, server };
}

describe('httpStorage: requests', () => {
  it('POSTs JSON { key, payload } with the Forge payloads to one URL, same-origin credentials, no identity', async () => {
    const fake = fakeFetch();
    const storage = httpStorage({ url: URL_, fetch: fake.fetch });
    const state = makeState();
    expect(await storage.load()).to.equal(null);
    await storage.save(state);
    await storage.clear();
    const writer = (fake.calls[1]?.payload as { writer?: unknown }).writer;
    expect(writer).to.match(/^[0-9a-f-]{36}$/);
    expect(fake.calls.map(({ url, key, payload }) => ({ url, key, payload }))).to.deep.equal([
      { url: URL_, key: 'candor.consent.get', payload: { scope: 'default' } },
      { url: URL_, key: 'candor.consent.set', payload: { scope: 'default', state, writer, seq: 1 } },
      { url: URL_, key: 'candor.consent.delete', payload: { scope: 'default' } },
    ]);
    for (const { init } of fake.calls) {
      expect(init.method).to.equal('POST');
      expect(init.credentials).to.equal('same-origin');
      expect(init.headers).to.deep.equal({ 'content-type': 'application/json', accept: 'application/json' });
      expect(Object.keys(JSON.parse(init.body as string) as object)).to.deep.equal(['key', 'payload']);
      expect(init.signal).to.be.instanceOf(AbortSignal);
    }
  });

  it('sends the configured scope, credentials and headers (an object, or a function called per request)', async () => {
    const fake = fakeFetch();
    let n = 0;
    const storage = httpStorage({ url: 'https://api.example/consent', fetch: fake.fetch, scope: 'notice.v2', credentials: 'include', headers: () => ({ 'x-csrf-token': `t${++n}` }) });
    await storage.load();
    await storage.save(makeState());
    expect(fake.calls.map((call) => (call.payload as { scope?: unknown }).scope)).to.deep.equal(['notice.v2', 'notice.v2']);
    expect((fake.calls[1]?.payload as { state?: unknown }).state).to.deep.equal(makeState());
    expect(fake.calls.map((call) => (call.init.headers as Record<string, string>)['x-csrf-token'])).to.deep.equal(['t1', 't2']);
    expect(fake.calls[0]!.init.credentials).to.equal('include');
    const fixed = fakeFetch();
    await httpStorage({ url: URL_, fetch: fixed.fetch, headers: { authorization: 'Bearer x', 'content-type': 'text/plain' } }).load();
    expect(fixed.calls[0]!.init.headers).to.deep.equal({ authorization: 'Bearer x', 'content-type': 'application/json', accept: 'application/json' });
  });

  it('uses the global fetch by default', async () => {
    const original = window.fetch;
    const fake = fakeFetch();
    window.fetch = ((url: string, init: RequestInit) => fake.fetch(url, init)) as typeof window.fetch;
    try {
      expect(await httpStorage({ url: URL_ }).load()).to.equal(null);
      expect(fake.calls).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });

  it('has no subscribe', () => {
    expect(httpStorage({ url: URL_ }).subscribe).to.equal(undefined);
  });

  it('throws a TypeError for invalid options', () => {
    const bad: unknown[] = [
      undefined,
      {},
      { url: '' },
      { url: 5 },
      { url: URL_, scope: 'a:b' },
      { url: URL_, timeoutMs: 0 },
      { url: URL_, timeoutMs: Infinity },
      { url: URL_, timeoutMs: 2 ** 31 }, // a timer fires at once for this: every call would time out
      { url: URL_, headers: 'x' },
      { url: URL_, credentials: 'always' },
      { url: URL_, fetch: 'fetch' },
    ];
    for (const options of bad) {
      expect(() => httpStorage(options as Parameters<typeof httpStorage>[0]), JSON.stringify(options)).to.throw(TypeError, /^httpStorage: /);
    }
  });
});

describe('httpStorage: answers and failures', () => {
  it('resolves the state the server answered, as given (the core checks it)', async () => {
    const state = { ...makeState(), choices: { analytics: 'not a choice' } };
    const storage = httpStorage({ url: URL_, fetch: fakeFetch(() => json({ state })).fetch });
    expect(await storage.load()).to.deep.equal(state);
  });

  for (const code of ['unauthenticated', 'invalid', 'too-large', 'unavailable'] as const) {
    it(`a { ok: false, error: "${code}" } answer (with its HTTP status) rejects load, save and clear with code "${code}"`, async () => {
      const storage = httpStorage({ url: URL_, fetch: fakeFetch(() => json({ ok: false, error: code }, STATUS_OF[code])).fetch });
      for (const promise of [storage.load(), storage.save(makeState()), storage.clear()]) {
        const error = await rejection(promise);
        expect(error.code).to.equal(code);
        expect(error.message).to.match(/^httpStorage: candor\.consent\.(get|set|delete) was refused/);
      }
    });
  }

  it('a bare HTTP 401/403 (a login wall) is "unauthenticated", 413 "too-large", other errors "rejected", with the status', async () => {
    for (const [status, code] of [[401, 'unauthenticated'], [403, 'unauthenticated'], [413, 'too-large'], [500, 'rejected'], [404, 'rejected'], [502, 'rejected']] as const) {
      const storage = httpStorage({ url: URL_, fetch: () => Promise.resolve(new Response('<html>nope</html>', { status })) });
      const error = await rejection(storage.save(makeState()));
      expect([error.code, error.status], String(status)).to.deep.equal([code, status]);
      expect(error.message).to.contain(`HTTP ${status}`);
    }
  });

  for (const body of ['not json', '', 'null', '42', '[]', '{}', '{"state":5}', '{"ok":true}', '{"ok":false,"error":"teapot"}']) {
    it(`a 200 answer ${JSON.stringify(body)} to get is "malformed"`, async () => {
      const storage = httpStorage({ url: URL_, fetch: () => Promise.resolve(new Response(body, { status: 200 })) });
      expect((await rejection(storage.load())).code).to.equal('malformed');
    });
  }

  it('a malformed answer to set and delete is "malformed"', async () => {
    const storage = httpStorage({ url: URL_, fetch: fakeFetch(() => json({ state: null })).fetch });
    expect((await rejection(storage.save(makeState()))).code).to.equal('malformed');
    expect((await rejection(storage.clear())).code).to.equal('malformed');
  });

  it('a fetch that rejects (offline, CORS) or throws is "rejected", with the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const storage = httpStorage({ url: URL_, fetch: () => Promise.reject(cause) });
    const error = await rejection(storage.save(makeState()));
    expect(error.code).to.equal('rejected');
    expect(error.message).to.equal('httpStorage: candor.consent.set failed (POST /api/consent): TypeError: Failed to fetch');
    expect(error.cause).to.equal(cause);
    const throwing = httpStorage({ url: URL_, fetch: () => { throw new Error('sync'); } });
    expect((await rejection(throwing.load())).code).to.equal('rejected');
  });

  it('a hanging request rejects after timeoutMs and is aborted; the next call goes through', async () => {
    let hang = true;
    const signals: AbortSignal[] = [];
    const fetch: HttpFetch = (_url, init) => {
      signals.push(init.signal!);
      if (hang) return new Promise(() => {});
      const { key } = JSON.parse(init.body as string) as { key: string };
      return Promise.resolve(json(key.endsWith('.get') ? { state: makeState() } : { ok: true }));
    };
    const storage = httpStorage({ url: URL_, fetch, timeoutMs: 60 });
    const started = performance.now();
    const error = await rejection(storage.save(makeState()));
    expect(performance.now() - started).to.be.within(55, 1000);
    expect(error.code).to.equal('timeout');
    expect(error.message).to.equal('httpStorage: candor.consent.set did not answer within 60 ms');
    expect(signals[0]!.aborted).to.equal(true);
    hang = false;
    expect(await storage.load()).to.deep.equal(makeState());
    expect(signals[1]!.aborted).to.equal(false);
  });

  it('does not retry by itself', async () => {
    let count = 0;
    const storage = httpStorage({ url: URL_, fetch: () => (count++, Promise.reject(new Error('down'))) });
    await rejection(storage.save(makeState()));
    await tick(50);
    expect(count).to.equal(1);
  });
});

describe('httpStorage: coalesced writes', () => {
  const states = Array.from({ length: 10 }, (_, i) =>
    makeState({ policyVersion: `v${i}`, choices: { analytics: makeChoice(i % 2 === 0) }, records: [makeRecord(i + 1)] }),
  );

  it('10 saves during a slow request make 2 requests; the second writes the last state', async () => {
    const fake = fakeFetch();
    fake.manual();
    const storage = httpStorage({ url: URL_, fetch: fake.fetch });
    const settled: number[] = [];
    const saves = states.map((state, i) => storage.save(state).then(() => settled.push(i)));
    await tick();
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0]!.payload).to.deep.include({ scope: 'default', state: states[0], seq: 1 });
    fake.pending[0]!.resolve(json({ ok: true }));
    await until(() => fake.calls.length === 2);
    expect(settled).to.deep.equal([0]);
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[1]!.payload).to.deep.include({ scope: 'default', state: states[9], seq: 2 });
    fake.pending[1]!.resolve(json({ ok: true }));
    await Promise.all(saves);
    expect(fake.calls).to.have.length(2);
  });

  it('a failed coalesced write rejects every save it covered', async () => {
    const fake = fakeFetch();
    fake.manual();
    const storage = httpStorage({ url: URL_, fetch: fake.fetch });
    const first = storage.save(states[0]!);
    const rest = states.slice(1).map((state) => storage.save(state).then(() => 'resolved', (error: HttpStorageError) => error.code));
    await tick();
    fake.pending[0]!.resolve(json({ ok: true }));
    await first;
    await until(() => fake.pending.length === 2);
    fake.pending[1]!.resolve(json({ ok: false, error: 'unavailable' }, 503));
    expect(await Promise.all(rest)).to.deep.equal(Array(9).fill('unavailable'));
  });

  it('clear waits for the writes before it; a save after clear comes after it', async () => {
    const fake = fakeFetch();
    fake.manual();
    const storage = httpStorage({ url: URL_, fetch: fake.fetch });
    const done = [storage.save(states[0]!), storage.save(states[1]!), storage.clear(), storage.clear(), storage.save(states[2]!)];
    for (let i = 0; i < 3; i++) {
      await until(() => fake.pending.length === i + 1);
      fake.pending[i]!.resolve(json({ ok: true }));
    }
    await until(() => fake.pending.length === 4);
    fake.auto();
    fake.pending[3]?.resolve(json({ ok: true }));
    await Promise.all(done);
    expect(fake.calls.map((call) => [call.key, (call.payload as { state?: ConsentState }).state?.policyVersion])).to.deep.equal([
      ['candor.consent.set', 'v0'],
      ['candor.consent.set', 'v1'],
      ['candor.consent.delete', undefined],
      ['candor.consent.set', 'v2'],
    ]);
  });
});

// The shared adapter contract, end to end: httpStorage → fetch → consentServer → store. As in
// forge.test.ts, the server's clock reads the time the page stamped, so what is loaded equals what was saved.
storageContract('httpStorage → consentServer', () => {
  let clock = Date.parse('2026-06-01T00:00:00.000Z');
  const backend = serverBackend(['analytics', 'advertising', 'personalisation', 'marketing-email', 'sale-share'], () => clock);
  const fetch: HttpFetch = (url, init) => {
    const { key, payload } = JSON.parse(init.body as string) as { key: string; payload: { state?: ConsentState } };
    if (key === 'candor.consent.set' && payload.state) clock = Date.parse(payload.state.updatedAt);
    return backend.fetch(url, init);
  };
  return { storage: httpStorage({ url: URL_, fetch }) };
});

describe('httpStorage → consentServer, end to end', () => {
  it('keeps the state under the session\'s subject; another session sees only its own', async () => {
    let who: string | undefined = 'alice';
    const backend = serverBackend(['analytics'], () => Date.parse('2026-06-01T00:00:00.000Z'), () => who);
    const storage = httpStorage({ url: URL_, fetch: backend.fetch });
    await storage.save(makeState());
    expect([...backend.data.keys()]).to.deep.equal(['candor:v1:consent:alice:default']);
    who = 'bob';
    expect(await storage.load()).to.equal(null);
    who = undefined;
    expect((await rejection(storage.load())).code).to.equal('unauthenticated');
    expect((await rejection(storage.save(makeState()))).code).to.equal('unauthenticated');
  });

  it('a state the server refuses rejects with "invalid" and changes nothing', async () => {
    const backend = serverBackend(['analytics'], () => Date.now());
    const storage = httpStorage({ url: URL_, fetch: backend.fetch });
    await storage.save(makeState());
    const before = [...backend.data.values()];
    expect((await rejection(storage.save(makeState({ choices: { tracking: makeChoice(true) } })))).code).to.equal('invalid');
    expect([...backend.data.values()]).to.deep.equal(before);
  });

  it('what the core saves passes the server\'s check and comes back on the next visit; anonymous keeps it for the visit', async () => {
    const clock = testClock();
    const config = makeConfig();
    let who: string | undefined = 'u1';
    const backend = serverBackend(JSON.parse(JSON.stringify(config.purposes)) as typeof config.purposes, clock.now, () => who);
    const errors: unknown[] = [];
    const open = (): ReturnType<typeof createConsent> =>
      createConsent({ config, storage: httpStorage({ url: URL_, fetch: backend.fetch }), now: clock.now, signals: { gpc: false, dnt: false }, onError: (e) => errors.push(e) });
    const first = open();
    await first.ready;
    await first.acceptAll();
    clock.advance(60_000);
    await first.set({ analytics: false });
    expect(first.saveStatus).to.equal('saved');
    const second = open();
    const state = await second.ready;
    expect(state.choices['analytics']?.granted).to.equal(false);
    expect(second.records()).to.deep.equal(first.records());
    expect(errors).to.deep.equal([]);

    who = undefined;
    const anonymous = open();
    await anonymous.ready;
    await anonymous.set({ analytics: true });
    expect(anonymous.granted('analytics')).to.equal(true); // kept for the visit
    [first, second, anonymous].forEach((c) => c.destroy());
  });

  it('type-checks as a ConsentStorage', () => {
    const storage: ConsentStorage = httpStorage({ url: URL_ });
    expect(storage.save).to.be.a('function');
  });
});
