// forgeStorage() with a fake `invoke`, and end to end through the real consentHandlers (src/forge is
// plain TypeScript with no Node API, so it runs here too) and an in-memory key-value store.
import { expect } from '@open-wc/testing';
import { createConsent } from '../../src/core/consent.js';
import type { ConsentState, ConsentStorage } from '../../src/core/types.js';
import { consentHandlers, type ConsentHandlers, type KeyValueStore, type ResolverRequest } from '../../src/forge/index.js';
import { forgeStorage, ForgeStorageError, type ForgeInvoke } from '../../src/storage/index.js';
import { makeConfig, testClock } from '../core/fixtures.js';
import { storageContract } from './contract.js';
import { makeChoice, makeRecord, makeState } from './fixtures.js';

interface Call {
  key: string;
  payload: unknown;
}

interface Deferred {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A fake `invoke` that records calls. `answer` decides each answer; by default get answers
 * `{ state: null }` and set/delete `{ ok: true }`. `manual()` makes every call wait for the test.
 */
function fakeInvoke(answer?: (call: Call) => unknown) {
  const calls: Call[] = [];
  const pending: Deferred[] = [];
  let manual = false;
  const invoke: ForgeInvoke = (key, payload) => {
    const call = { key, payload: structuredClone(payload) };
    calls.push(call);
    if (manual) return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    if (answer) return Promise.resolve().then(() => answer(call));
    return Promise.resolve(key === 'candor.consent.get' ? { state: null } : { ok: true });
  };
  return {
    invoke,
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

async function rejection(promise: Promise<unknown>): Promise<ForgeStorageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ForgeStorageError);
    expect(error).to.be.instanceOf(Error);
    return error as ForgeStorageError;
  }
  throw new Error('expected a rejection');
}

describe('forgeStorage: payloads', () => {
  it('sends exactly { scope } to get and delete and { scope, state, writer, seq } to set, with no identity', async () => {
    const fake = fakeInvoke();
    const storage = forgeStorage({ invoke: fake.invoke });
    const state = makeState();
    expect(await storage.load()).to.equal(null);
    await storage.save(state);
    await storage.clear();
    const writer = (fake.calls[1]?.payload as { writer?: unknown }).writer;
    expect(writer).to.match(/^[0-9a-f-]{36}$/);
    expect(fake.calls).to.deep.equal([
      { key: 'candor.consent.get', payload: { scope: 'default' } },
      { key: 'candor.consent.set', payload: { scope: 'default', state, writer, seq: 1 } },
      { key: 'candor.consent.delete', payload: { scope: 'default' } },
    ]);
  });

  it('each set carries the adapter\'s writer id and a seq one higher than the last; another adapter has another writer', async () => {
    const fake = fakeInvoke();
    const storage = forgeStorage({ invoke: fake.invoke });
    await storage.save(makeState({ policyVersion: 'v1' }));
    await storage.save(makeState({ policyVersion: 'v2' }));
    await storage.save(makeState({ policyVersion: 'v3' }));
    const sets = fake.calls.map((call) => call.payload as { writer: string; seq: number });
    expect(sets.map((p) => p.seq)).to.deep.equal([1, 2, 3]);
    expect(new Set(sets.map((p) => p.writer)).size).to.equal(1);
    const other = fakeInvoke();
    await forgeStorage({ invoke: other.invoke }).save(makeState());
    expect((other.calls[0]?.payload as { writer: string }).writer).not.to.equal(sets[0]!.writer);
  });

  it('sends the configured scope', async () => {
    const fake = fakeInvoke();
    const storage = forgeStorage({ invoke: fake.invoke, scope: 'notice.v2' });
    await storage.load();
    await storage.save(makeState());
    await storage.clear();
    expect(fake.calls.map((call) => (call.payload as { scope?: unknown }).scope)).to.deep.equal(['notice.v2', 'notice.v2', 'notice.v2']);
    expect((fake.calls[1]?.payload as { state?: unknown }).state).to.deep.equal(makeState());
  });

  it('accepts invoke as @forge/bridge types it', async () => {
    // The bridge's signature: invoke<T>(functionKey: string, payload?: object): Promise<T>.
    const bridgeInvoke = <T = unknown>(functionKey: string, payload?: object): Promise<T> =>
      Promise.resolve((functionKey.endsWith('.get') ? { state: null } : { ok: true, payload }) as T);
    const storage = forgeStorage({ invoke: bridgeInvoke });
    expect(await storage.load()).to.equal(null);
  });

  it('has no subscribe (nothing tells the page about changes made elsewhere)', () => {
    expect(forgeStorage({ invoke: fakeInvoke().invoke }).subscribe).to.equal(undefined);
  });

  it('throws a TypeError for invalid options', () => {
    const { invoke } = fakeInvoke();
    const bad: unknown[] = [
      undefined,
      {},
      { invoke: 'invoke' },
      { invoke, scope: 'Bad Scope' },
      { invoke, scope: 'a:b' },
      { invoke, scope: '' },
      { invoke, timeoutMs: 0 },
      { invoke, timeoutMs: -1 },
      { invoke, timeoutMs: Infinity },
      { invoke, timeoutMs: 2 ** 31 }, // a timer fires at once for this: every call would time out
      { invoke, timeoutMs: '100' },
    ];
    for (const options of bad) {
      expect(() => forgeStorage(options as Parameters<typeof forgeStorage>[0]), JSON.stringify(options)).to.throw(TypeError);
    }
  });
});

describe('forgeStorage: load', () => {
  it('resolves the state the resolver answered, as given (the core checks it)', async () => {
    const state = { ...makeState(), choices: { analytics: 'not even a choice' } };
    const storage = forgeStorage({ invoke: fakeInvoke(() => ({ state })).invoke });
    expect(await storage.load()).to.deep.equal(state);
  });

  for (const answer of [undefined, null, 'state', 42, [], {}, { state: 5 }, { state: 'x' }, { state: [] }, { ok: true }]) {
    it(`rejects the malformed answer ${JSON.stringify(answer)}`, async () => {
      const storage = forgeStorage({ invoke: fakeInvoke(() => answer).invoke });
      const error = await rejection(storage.load());
      expect(error.code).to.equal('malformed');
      expect(error.message).to.contain('candor.consent.get');
    });
  }

  it('rejects a malformed answer to set and delete', async () => {
    const storage = forgeStorage({ invoke: fakeInvoke(() => ({ state: null })).invoke });
    expect((await rejection(storage.save(makeState()))).code).to.equal('malformed');
    expect((await rejection(storage.clear())).code).to.equal('malformed');
  });
});

describe('forgeStorage: failures', () => {
  for (const code of ['unauthenticated', 'invalid', 'too-large', 'unavailable'] as const) {
    it(`a { ok: false, error: "${code}" } answer rejects load, save and clear with code "${code}"`, async () => {
      const storage = forgeStorage({ invoke: fakeInvoke(() => ({ ok: false, error: code })).invoke });
      for (const promise of [storage.load(), storage.save(makeState()), storage.clear()]) {
        const error = await rejection(promise);
        expect(error.code).to.equal(code);
        expect(error.message).to.match(/^forgeStorage: candor\.consent\.(get|set|delete) was refused/);
      }
    });
  }

  it('a refusal with an unknown reason is "malformed"', async () => {
    const storage = forgeStorage({ invoke: fakeInvoke(() => ({ ok: false, error: 'teapot' })).invoke });
    expect((await rejection(storage.save(makeState()))).code).to.equal('malformed');
  });

  it('invoke rejecting with an "unauthenticated" error rejects with code "unauthenticated"', async () => {
    for (const reason of [Object.assign(new Error('nope'), { code: 'unauthenticated' }), { ok: false, error: 'unauthenticated' }]) {
      const storage = forgeStorage({ invoke: () => Promise.reject(reason) });
      const error = await rejection(storage.save(makeState()));
      expect(error.code).to.equal('unauthenticated');
      expect(error.cause).to.equal(reason);
    }
  });

  it('a rejected invoke rejects the save with a clear Error carrying the cause', async () => {
    const cause = new Error('Resolver calls are rate limited at 500req/25s');
    const storage = forgeStorage({ invoke: () => Promise.reject(cause) });
    const error = await rejection(storage.save(makeState()));
    expect(error.code).to.equal('rejected');
    expect(error.message).to.equal('forgeStorage: invoke("candor.consent.set") failed: Error: Resolver calls are rate limited at 500req/25s');
    expect(error.cause).to.equal(cause);
  });

  it('an invoke that throws synchronously rejects instead of throwing', async () => {
    const storage = forgeStorage({
      invoke: () => {
        throw new TypeError('not in Forge');
      },
    });
    const saving = storage.save(makeState());
    expect((await rejection(saving)).code).to.equal('rejected');
    expect((await rejection(storage.load())).code).to.equal('rejected');
  });

  it('an invoke that hangs rejects after timeoutMs, and the next call goes through', async () => {
    let hang = true;
    const calls: string[] = [];
    const invoke: ForgeInvoke = (key) => {
      calls.push(key);
      if (hang) return new Promise(() => {});
      return Promise.resolve(key.endsWith('.get') ? { state: makeState() } : { ok: true });
    };
    const storage = forgeStorage({ invoke, timeoutMs: 60 });
    const started = performance.now();
    const error = await rejection(storage.save(makeState()));
    expect(performance.now() - started).to.be.within(55, 1000);
    expect(error.code).to.equal('timeout');
    expect(error.message).to.equal('forgeStorage: candor.consent.set did not answer within 60 ms');
    expect((await rejection(storage.load())).code).to.equal('timeout');
    hang = false;
    await storage.save(makeState());
    expect(await storage.load()).to.deep.equal(makeState());
    await storage.clear();
    expect(calls).to.deep.equal(['candor.consent.set', 'candor.consent.get', 'candor.consent.set', 'candor.consent.get', 'candor.consent.delete']);
  });

  it('does not retry by itself (the core does, with backoff)', async () => {
    let count = 0;
    const storage = forgeStorage({ invoke: () => (count++, Promise.reject(new Error('down'))) });
    await rejection(storage.save(makeState()));
    await tick(50);
    expect(count).to.equal(1);
  });
});

describe('forgeStorage: coalesced writes', () => {
  const states = Array.from({ length: 10 }, (_, i) =>
    makeState({ policyVersion: `v${i}`, choices: { analytics: makeChoice(i % 2 === 0) }, records: [makeRecord(i + 1)] }),
  );

  it('10 saves during a slow invoke make 2 invokes; the second writes the last state', async () => {
    const fake = fakeInvoke();
    fake.manual();
    const storage = forgeStorage({ invoke: fake.invoke });
    const settled: number[] = [];
    const saves = states.map((state, i) => storage.save(state).then(() => settled.push(i)));
    await tick();
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0]).to.deep.include({ key: 'candor.consent.set' });
    expect(fake.calls[0]!.payload).to.deep.include({ scope: 'default', state: states[0], seq: 1 });
    fake.pending[0]!.resolve({ ok: true });
    await tick();
    // The first save settles with the first write; the other nine wait for the second.
    expect(settled).to.deep.equal([0]);
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[1]!.payload).to.deep.include({ scope: 'default', state: states[9], seq: 2 });
    fake.pending[1]!.resolve({ ok: true });
    await Promise.all(saves);
    expect(settled.sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fake.calls).to.have.length(2);
  });

  it('a failed first write rejects only its own save; the coalesced one still goes out', async () => {
    const fake = fakeInvoke();
    fake.manual();
    const storage = forgeStorage({ invoke: fake.invoke });
    const first = storage.save(states[0]!);
    const rest = states.slice(1).map((state) => storage.save(state));
    await tick();
    fake.pending[0]!.reject(new Error('flaky'));
    expect((await rejection(first)).code).to.equal('rejected');
    await tick();
    expect(fake.calls).to.have.length(2);
    expect((fake.calls[1]!.payload as { state: ConsentState }).state).to.deep.equal(states[9]);
    fake.pending[1]!.resolve({ ok: true });
    await Promise.all(rest);
  });

  it('a failed coalesced write rejects every save it covered', async () => {
    const fake = fakeInvoke();
    fake.manual();
    const storage = forgeStorage({ invoke: fake.invoke });
    const first = storage.save(states[0]!);
    const rest = states.slice(1).map((state) => storage.save(state).then(() => 'resolved', (error: ForgeStorageError) => error.code));
    await tick();
    fake.pending[0]!.resolve({ ok: true });
    await first;
    await tick();
    fake.pending[1]!.resolve({ ok: false, error: 'unavailable' });
    expect(await Promise.all(rest)).to.deep.equal(Array(9).fill('unavailable'));
  });

  it('clear waits for the writes before it; a save after clear comes after it', async () => {
    const fake = fakeInvoke();
    fake.manual();
    const storage = forgeStorage({ invoke: fake.invoke });
    const done = [storage.save(states[0]!), storage.save(states[1]!), storage.clear(), storage.clear(), storage.save(states[2]!)];
    for (let i = 0; i < 3; i++) {
      await tick();
      fake.pending[i]!.resolve({ ok: true });
    }
    await tick();
    fake.auto();
    fake.pending[3]?.resolve({ ok: true });
    await Promise.all(done);
    expect(fake.calls.map((call) => [call.key, (call.payload as { state?: ConsentState }).state?.policyVersion])).to.deep.equal([
      ['candor.consent.set', 'v0'],
      ['candor.consent.set', 'v1'],
      ['candor.consent.delete', undefined],
      ['candor.consent.set', 'v2'],
    ]);
  });

  it('a long burst stays far below the bridge limit of 500 calls per 25 s', async () => {
    const fake = fakeInvoke(async () => {
      await tick(5);
      return { ok: true };
    });
    const storage = forgeStorage({ invoke: fake.invoke });
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) saves.push(storage.save(states[i % 10]!));
    await Promise.all(saves);
    expect(fake.calls.length).to.equal(2);
    expect((fake.calls[1]!.payload as { state: ConsentState }).state).to.deep.equal(states[9]);
  });
});

/** The Forge side, in the page: consentHandlers over a Map, called as the bridge would. */
function resolverBackend(purposes: Parameters<typeof consentHandlers>[0]['purposes'], now: () => number, accountId = 'a1', maxPayloadBytes?: number) {
  const data = new Map<string, string>();
  const store: KeyValueStore = {
    get: (key) => Promise.resolve(data.has(key) ? (JSON.parse(data.get(key)!) as unknown) : undefined),
    set: (key, value) => Promise.resolve(void data.set(key, JSON.stringify(value))),
    delete: (key) => Promise.resolve(void data.delete(key)),
  };
  const handlers: ConsentHandlers = consentHandlers({ store, purposes, now, ...(maxPayloadBytes ? { maxPayloadBytes } : {}) });
  const invoke: ForgeInvoke = async (key, payload) => {
    const handler = handlers[key as keyof ConsentHandlers];
    // The bridge and the resolver JSON-serialise both ways; the context comes from the platform.
    const request = JSON.parse(JSON.stringify({ payload, context: { accountId, accountType: 'licensed' } })) as ResolverRequest;
    return JSON.parse(JSON.stringify(await handler(request))) as unknown;
  };
  return { data, invoke, handlers };
}

// The shared adapter contract, end to end: forgeStorage → invoke → consentHandlers → store.
// The server sets updatedAt from its own clock; here that clock reads the time the page stamped on
// the state it sends (client and server clocks agree), so what is loaded back equals what was saved.
storageContract('forgeStorage → consentHandlers', () => {
  let clock = Date.parse('2026-06-01T00:00:00.000Z');
  const backend = resolverBackend(['analytics', 'advertising', 'personalisation', 'marketing-email', 'sale-share'], () => clock);
  const invoke: ForgeInvoke = (key, payload) => {
    const state = (payload as { state?: ConsentState } | undefined)?.state;
    if (key === 'candor.consent.set' && state) clock = Date.parse(state.updatedAt);
    return backend.invoke(key, payload);
  };
  return { storage: forgeStorage({ invoke }) };
});

describe('forgeStorage → consentHandlers, end to end', () => {
  it('the server sets updatedAt and keeps the state under the caller\'s key', async () => {
    const now = Date.parse('2026-06-01T00:00:00.000Z');
    const backend = resolverBackend(['analytics'], () => now, '557058:abc');
    const storage = forgeStorage({ invoke: backend.invoke });
    await storage.save(makeState());
    expect([...backend.data.keys()]).to.deep.equal(['candor:v1:consent:557058:abc:default']);
    expect((await storage.load())?.updatedAt).to.equal('2026-06-01T00:00:00.000Z');
  });

  it('a state the server refuses rejects the save with code "invalid" and changes nothing', async () => {
    const backend = resolverBackend(['analytics'], () => Date.now());
    const storage = forgeStorage({ invoke: backend.invoke });
    await storage.save(makeState());
    const before = [...backend.data.values()];
    const error = await rejection(storage.save(makeState({ choices: { tracking: makeChoice(true) } })));
    expect(error.code).to.equal('invalid');
    expect([...backend.data.values()]).to.deep.equal(before);
  });

  it('an anonymous viewer gets code "unauthenticated"', async () => {
    const handlers = consentHandlers({ store: { get: async () => undefined, set: async () => undefined, delete: async () => undefined }, purposes: ['analytics'] });
    const invoke: ForgeInvoke = (key, payload) => handlers[key as keyof ConsentHandlers]({ payload, context: { accountType: 'anonymous' } });
    const storage = forgeStorage({ invoke });
    expect((await rejection(storage.load())).code).to.equal('unauthenticated');
    expect((await rejection(storage.save(makeState()))).code).to.equal('unauthenticated');
  });

  it('what the core saves passes the server\'s strict check and comes back on the next visit', async () => {
    const clock = testClock();
    const config = makeConfig();
    const backend = resolverBackend(JSON.parse(JSON.stringify(config.purposes)) as typeof config.purposes, clock.now);
    const errors: unknown[] = [];
    const open = (signals = { gpc: false, dnt: false }): ReturnType<typeof createConsent> =>
      createConsent({ config, storage: forgeStorage({ invoke: backend.invoke }), now: clock.now, signals, locale: 'de-DE', onError: (e) => errors.push(e) });

    // A GPC visit stores signal denials; then decisions of every kind.
    const first = open({ gpc: true, dnt: false });
    await first.ready;
    await first.acceptAll();
    clock.advance(60_000);
    await first.set({ analytics: false });
    clock.advance(60_000);
    await first.acknowledge();
    expect(first.saveStatus).to.equal('saved');
    const written = JSON.parse([...backend.data.values()][0]!) as ConsentState;
    expect(written.records.length).to.be.greaterThan(1);

    clock.advance(60_000);
    const second = open();
    const state = await second.ready;
    expect(state.choices['analytics']?.granted).to.equal(false);
    expect(second.granted('necessary')).to.equal(true);
    expect(second.records()).to.deep.equal(first.records());
    await second.withdraw();
    expect(second.saveStatus).to.equal('saved');
    await second.rejectAll();
    expect(errors).to.deep.equal([]);
  });
});

describe('forgeStorage → consentHandlers: late writes and clocks', () => {
  it('a write that timed out and lands after a newer one does not overwrite it', async () => {
    const backend = resolverBackend(['analytics'], () => Date.parse('2026-06-01T00:00:00.000Z'));
    let held: (() => void) | undefined;
    // The first set is held back (a cold resolver, a slow network) until the test lets it land.
    const invoke: ForgeInvoke = (key, payload) => {
      if (key === 'candor.consent.set' && !held) {
        return new Promise((resolve) => {
          held = () => void backend.invoke(key, payload).then(resolve);
        });
      }
      return backend.invoke(key, payload);
    };
    const storage = forgeStorage({ invoke, timeoutMs: 50 });
    const first = makeState({ choices: { analytics: makeChoice(true) } });
    expect((await rejection(storage.save(first))).code).to.equal('timeout');
    const newer = makeState({ choices: { analytics: makeChoice(false) } });
    await storage.save(newer);
    held!();
    await tick(20);
    expect((await storage.load())?.choices['analytics']?.granted).to.equal(false);
  });

  /** A page at `pageTime` over consentHandlers whose clock reads `serverTime`; `open()` makes a controller. */
  function skewed(pageTime: string, serverTime: string) {
    const server = Date.parse(serverTime);
    const page = testClock(Date.parse(pageTime));
    const config = makeConfig();
    const backend = resolverBackend(JSON.parse(JSON.stringify(config.purposes)) as typeof config.purposes, () => server);
    const errors: unknown[] = [];
    const open = (): ReturnType<typeof createConsent> =>
      createConsent({ config, storage: forgeStorage({ invoke: backend.invoke }), now: page.now, signals: { gpc: false, dnt: false }, onError: (e) => errors.push(e) });
    return { page, backend, errors, open };
  }

  it('a page whose clock is two days behind the server reads back its choices (the server stamps updatedAt)', async () => {
    const { page, errors, open } = skewed('2026-06-01T00:00:00.000Z', '2026-06-03T00:00:00.000Z');
    const first = open();
    await first.ready;
    await first.set({ analytics: true });
    expect(first.saveStatus).to.equal('saved');
    page.advance(60_000);
    const second = open();
    await second.ready;
    expect(second.granted('analytics')).to.equal(true);
    expect(second.needsBanner).to.equal(first.needsBanner);
    expect(errors).to.deep.equal([]);
  });

  it('a page whose clock is two days ahead of the server can still save (record times are capped, not refused)', async () => {
    const { backend, errors, open } = skewed('2026-06-03T00:00:00.000Z', '2026-06-01T00:00:00.000Z');
    const consent = open();
    await consent.ready;
    await consent.acceptAll();
    expect(consent.saveStatus).to.equal('saved');
    const stored = JSON.parse([...backend.data.values()][0]!) as ConsentState;
    expect(stored.records[0]?.at).to.equal('2026-06-01T00:00:00.000Z');
    expect(errors).to.deep.equal([]);
  });
});

describe('forgeStorage → consentHandlers: the server\'s size cap', () => {
  it('a state over maxPayloadBytes is saved with its oldest records dropped, never a choice; the next save starts from what fit', async () => {
    const clock = testClock();
    const config = makeConfig();
    const backend = resolverBackend(JSON.parse(JSON.stringify(config.purposes)) as typeof config.purposes, clock.now, 'a1', 8_000);
    const sets: number[] = [];
    const invoke: ForgeInvoke = (key, payload) => {
      if (key === 'candor.consent.set') sets.push((payload as { state: ConsentState }).state.records.length);
      return backend.invoke(key, payload);
    };
    const errors: unknown[] = [];
    const consent = createConsent({ config, storage: forgeStorage({ invoke }), now: clock.now, signals: { gpc: false, dnt: false }, onError: (e) => errors.push(e) });
    await consent.ready;
    for (let i = 0; i < 40; i += 1) {
      clock.advance(60_000);
      await consent.set({ analytics: i % 2 === 0, personalisation: i % 3 === 0 });
    }
    await consent.acceptAll();
    expect(consent.saveStatus).to.equal('saved');
    expect(errors).to.deep.equal([]);
    const stored = JSON.parse([...backend.data.values()][0]!) as ConsentState;
    expect(stored.records.length).to.be.within(1, 40);
    expect(stored.records[0]!.method, 'the newest record is kept').to.equal('accept-all');
    expect(stored.choices['analytics']?.granted).to.equal(true);
    expect(stored.choices['personalisation']?.granted).to.equal(true);
    // Once a cut was needed, later saves start from the number that fit (no halving dance on every save).
    const last = sets.slice(-3);
    expect(last[last.length - 1]).to.be.at.most(stored.records.length);
    expect(sets.length, 'a few more calls than saves, not one per record').to.be.below(41 + 12);
  });

  it('a state that does not fit even with one record is refused as too-large', async () => {
    const config = makeConfig();
    const backend = resolverBackend(JSON.parse(JSON.stringify(config.purposes)) as typeof config.purposes, () => Date.now(), 'a1', 300);
    const storage = forgeStorage({ invoke: backend.invoke });
    const state = makeState({ records: [makeRecord(1), makeRecord(2), makeRecord(3)] });
    const error = await rejection(storage.save(state));
    expect(error.code).to.equal('too-large');
    expect(backend.data.size).to.equal(0);
  });
});

describe('forgeStorage and consentHandlers: types', () => {
  it('forgeStorage type-checks as a ConsentStorage', () => {
    const storage: ConsentStorage = forgeStorage({ invoke: fakeInvoke().invoke });
    expect(storage.load).to.be.a('function');
  });

  it('consentHandlers takes kvs and registers with Resolver.define as @forge/* type them (npm run typecheck)', () => {
    // Stand-ins with the signatures of @forge/kvs 1.6.5 and @forge/resolver 2.0.1 (research/forge.md §2–3).
    interface ForgeRequest {
      payload: { [key: string]: unknown };
      context: { accountId?: string; accountType?: string; localId: string; cloudId?: string };
    }
    const kvs = {
      get: <T>(key: string, options?: { metadataFields?: string[] }): Promise<T | undefined> => Promise.resolve(void [key, options]),
      set: <T>(key: string, value: T, options?: { ttl?: { unit: 'SECONDS'; value: number }; keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS' }): Promise<void> =>
        Promise.resolve(void [key, value, options]),
      delete: (key: string): Promise<void> => Promise.resolve(void key),
    };
    const defined: string[] = [];
    const resolver = {
      define(functionKey: string, cb: (request: ForgeRequest) => Promise<unknown> | unknown) {
        defined.push(functionKey);
        void cb;
        return resolver;
      },
    };
    const config = JSON.parse(JSON.stringify(makeConfig())) as { purposes: Array<{ id: string; basis: string }> };
    for (const [key, fn] of Object.entries(consentHandlers({ store: kvs, purposes: config.purposes }))) resolver.define(key, fn);
    expect(defined).to.deep.equal(['candor.consent.get', 'candor.consent.set', 'candor.consent.delete']);
  });
});
