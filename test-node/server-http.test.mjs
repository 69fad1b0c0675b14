// candor/server from the BUILT dist/server.js behind a real node:http server on 127.0.0.1, called with
// fetch and with the BUILT httpStorage (dist/storage/http.js) and createConsent (dist/core/consent.js):
// the subject comes from a session cookie the test controls; nothing in a request can name another.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { memoryStore, failingStore, state, choice, record, SECRET } from './forge-helpers.mjs';

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { consentServer, nodeHandler, objectedTo, granted, consentKey, STATUS_OF } = await dist('server.js');
const { httpStorage, HttpStorageError } = await dist('storage/http.js');
const { createConsent } = await dist('core/consent.js');

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
/** The config's purposes (the server reads only id and basis). */
const PURPOSES = [
  { id: 'essential', basis: 'necessary', label: 'Essential' },
  { id: 'analytics', basis: 'consent', label: 'Analytics' },
  { id: 'advertising', basis: 'consent', label: 'Advertising', signals: ['gpc', 'dnt'] },
  { id: 'personalisation', basis: 'legitimate-interest', label: 'Personalisation' },
  { id: 'marketing-email', basis: 'legitimate-interest', label: 'Promotional email' },
];
const MAX = 8_192;
/** Session id (cookie `sid`) → subject id: the app's own sessions. */
const SESSIONS = new Map([
  ['s-alice', 'alice'],
  ['s-bob', 'bob'],
]);
const sessionOf = (req) => {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return sid === undefined ? undefined : SESSIONS.get(sid);
};

let store;
let failing = false;
let subjectThrows = false;
let server;
let base;
let consent;

before(async () => {
  store = memoryStore();
  const flaky = {
    get: (key) => (failing ? failingStore().get(key) : store.get(key)),
    set: (key, value) => (failing ? failingStore().set(key, value) : store.set(key, value)),
    delete: (key) => (failing ? failingStore().delete(key) : store.delete(key)),
  };
  consent = consentServer({ store: flaky, purposes: PURPOSES, scopes: ['default', 'site'], maxPayloadBytes: MAX, now: () => NOW });
  const handler = nodeHandler(consent, {
    subject: (req) => {
      if (subjectThrows) throw new Error('session store down');
      return sessionOf(req);
    },
  });
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/api/consent') return handler(req, res);
    if (url.pathname === '/express/consent') {
      // What express.json() does before the handler: the stream is read and req.body set.
      let text = '';
      for await (const chunk of req) text += chunk;
      req.body = JSON.parse(text);
      return handler(req, res);
    }
    if (url.pathname === '/consumed/consent') {
      for await (const chunk of req) void chunk; // a middleware read the body and kept nothing
      return handler(req, res);
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const as = (sid) => (sid ? { cookie: `sid=${sid}` } : {});

/** POSTs `body` (serialised unless a string) as `sid`; resolves with status and parsed JSON. */
async function post(body, { sid, headers = {}, path = '/api/consent', method = 'POST' } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...as(sid), ...headers },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const GET = 'candor.consent.get';
const SET = 'candor.consent.set';
const DELETE = 'candor.consent.delete';

describe('candor/server over node:http: round trip', () => {
  test('get, set, delete with fetch answer exactly like the Forge handlers', async () => {
    assert.deepEqual(await post({ key: GET, payload: { scope: 'default' } }, { sid: 's-alice' }).then((r) => [r.status, r.body]), [200, { state: null }]);
    const sent = state();
    const set = await post({ key: SET, payload: { scope: 'default', state: sent } }, { sid: 's-alice' });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body, { ok: true, state: { ...sent, updatedAt: new Date(NOW).toISOString() } });
    assert.equal(set.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(set.headers.get('cache-control'), 'no-store');
    assert.deepEqual(store.read(consentKey('alice')), set.body.state);
    assert.deepEqual((await post({ key: GET, payload: {} }, { sid: 's-alice' })).body, { state: set.body.state });
    assert.deepEqual((await post({ key: DELETE }, { sid: 's-alice' })).body, { ok: true });
    assert.equal(store.read(consentKey('alice')), undefined);
  });

  test('httpStorage (built) saves, loads and clears through the real server', async () => {
    const storage = httpStorage({ url: `${base}/api/consent`, headers: as('s-bob'), scope: 'site' });
    assert.equal(await storage.load(), null);
    await storage.save(state());
    assert.deepEqual(await storage.load(), { ...state(), updatedAt: new Date(NOW).toISOString() });
    assert.ok(store.data.has(consentKey('bob', 'site')));
    await storage.clear();
    assert.equal(await storage.load(), null);
  });

  test('a burst of saves through httpStorage makes at most two requests; the last state is stored', async () => {
    let requests = 0;
    const counting = (url, init) => (requests++, fetch(url, init));
    const storage = httpStorage({ url: `${base}/api/consent`, headers: () => as('s-bob'), fetch: counting });
    const states = Array.from({ length: 20 }, (_, i) => state({ policyVersion: `v${i}` }));
    await Promise.all(states.map((s) => storage.save(s)));
    assert.equal(requests, 2);
    assert.equal(store.read(consentKey('bob')).policyVersion, 'v19');
    await storage.clear();
  });

  test('a body already parsed by middleware (express.json()) is used as is', async () => {
    const result = await post({ key: SET, payload: { state: state() } }, { sid: 's-alice', path: '/express/consent' });
    assert.equal(result.status, 200);
    assert.equal(result.body.ok, true);
    assert.deepEqual((await post({ key: DELETE, payload: {} }, { sid: 's-alice', path: '/express/consent' })).body, { ok: true });
  });

  test('a body read by someone else and not kept is invalid (no hang)', async () => {
    const result = await post({ key: GET }, { sid: 's-alice', path: '/consumed/consent' });
    assert.deepEqual([result.status, result.body], [400, { ok: false, error: 'invalid' }]);
  });
});

describe('candor/server over node:http: one subject cannot touch another\'s', () => {
  test('bob naming alice anywhere in the request is refused, and alice\'s state is untouched', async () => {
    await post({ key: SET, payload: { state: state() } }, { sid: 's-alice' });
    const alices = store.read(consentKey('alice'));
    const forged = state({ choices: { analytics: choice(false), 'marketing-email': choice(true) } });
    const attempts = [
      { key: SET, payload: { state: forged, subject: 'alice' } },
      { key: SET, payload: { state: forged, accountId: 'alice' } },
      { key: SET, payload: { state: forged }, subject: 'alice' },
      { key: SET, payload: { state: forged }, context: { accountId: 'alice' } },
      { key: SET, payload: { scope: 'default', state: forged, key: consentKey('alice') } },
      { key: DELETE, payload: { subjectId: 'alice' } },
      { key: GET, payload: { scope: 'default', userId: 'alice' } },
    ];
    for (const attempt of attempts) {
      const result = await post(attempt, { sid: 's-bob' });
      assert.deepEqual([result.status, result.body], [400, { ok: false, error: 'invalid' }], JSON.stringify(attempt));
    }
    // A scope cannot reach into another subject's key either (no ":" in a scope).
    const viaScope = await post({ key: SET, payload: { scope: 'alice:default', state: forged } }, { sid: 's-bob' });
    assert.deepEqual(viaScope.body, { ok: false, error: 'invalid' });
    assert.deepEqual(store.read(consentKey('alice')), alices);
    assert.equal(store.read(consentKey('bob')), undefined);
  });

  test('headers the browser can set do not change who is calling: bob writes only bob\'s', async () => {
    const result = await post(
      { key: SET, payload: { state: state({ choices: { analytics: choice(false) } }) } },
      { sid: 's-bob', headers: { 'x-subject': 'alice', 'x-user-id': 'alice' } },
    );
    assert.equal(result.status, 200);
    assert.equal(store.read(consentKey('bob')).choices.analytics.granted, false);
    assert.equal(store.read(consentKey('alice')).choices.analytics.granted, true);
    // bob reads his own state, never alice's
    assert.equal((await post({ key: GET }, { sid: 's-bob' })).body.state.choices.analytics.granted, false);
    await post({ key: DELETE }, { sid: 's-bob' });
    assert.equal(store.read(consentKey('bob')), undefined);
    assert.ok(store.read(consentKey('alice')));
    await post({ key: DELETE }, { sid: 's-alice' });
  });
});

describe('candor/server over node:http: refusals', () => {
  test('anonymous or unknown sessions are refused unauthenticated (401) and nothing is stored', async () => {
    const before = store.writes().length;
    for (const sid of [undefined, 's-mallory']) {
      for (const body of [{ key: GET }, { key: SET, payload: { state: state() } }, { key: DELETE }, { key: 'nope' }]) {
        const result = await post(body, { sid });
        assert.deepEqual([result.status, result.body], [401, { ok: false, error: 'unauthenticated' }]);
      }
    }
    assert.equal(store.writes().length, before);
  });

  test('httpStorage rejects with code "unauthenticated", and the core keeps the choice for the visit', async () => {
    const storage = httpStorage({ url: `${base}/api/consent` });
    await assert.rejects(storage.save(state()), (error) => error instanceof HttpStorageError && error.code === 'unauthenticated');
    const errors = [];
    const config = { policy: { id: 'acme-privacy', version: '2026-01-15' }, purposes: PURPOSES.map((p) => ({ ...p })) };
    const c = createConsent({ config, storage, signals: { gpc: false, dnt: false }, now: () => NOW, onError: (e) => errors.push(e), retry: { baseMs: 5 } });
    await c.ready;
    await c.set({ analytics: true });
    assert.equal(c.granted('analytics'), true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(store.writes().filter(([, key]) => !key.includes(':bob:') && !key.includes(':alice:')).length, 0);
    c.destroy();
  });

  test('an oversize body is refused too-large (413), declared or streamed, before the store is called', async () => {
    const huge = state({ records: Array.from({ length: 50 }, (_, i) => record(i, { locale: 'x'.repeat(30) })) });
    huge.policyId = 'p'.repeat(64);
    const big = JSON.stringify({ key: SET, payload: { state: huge, scope: 'default' } });
    assert.ok(big.length > MAX);
    const before = store.calls.length;
    const declared = await post(big, { sid: 's-alice' });
    assert.deepEqual([declared.status, declared.body], [413, { ok: false, error: 'too-large' }]);
    // Streamed with no content-length (chunked), far over the body limit.
    const streamed = await new Promise((resolve, reject) => {
      const req = http.request(`${base}/api/consent`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'sid=s-alice' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.write(big);
      req.end(big);
    });
    assert.deepEqual(streamed, { status: 413, body: { ok: false, error: 'too-large' } });
    // Within the body limit but over maxPayloadBytes: the handlers' own check.
    const over = await post({ key: SET, payload: { state: 'x'.repeat(MAX) } }, { sid: 's-alice' });
    assert.deepEqual([over.status, over.body], [413, { ok: false, error: 'too-large' }]);
    assert.equal(store.calls.length, before);
    // httpStorage, refused too-large, sends the state again with its oldest records dropped until it
    // fits (DESIGN: an adapter with a size limit drops the oldest records); never a choice.
    const storage = httpStorage({ url: `${base}/api/consent`, headers: as('s-alice') });
    await storage.save(huge);
    const kept = await storage.load();
    assert.ok(kept.records.length >= 1 && kept.records.length < 50, `${kept.records.length} records kept`);
    assert.equal(kept.records[0].recordId, huge.records[0].recordId, 'the newest record kept');
    assert.deepEqual(Object.keys(kept.choices).sort(), Object.keys(huge.choices).filter((id) => huge.choices[id].source !== 'default').sort());
    // (A state too large even with one record is refused too-large: test/storage/forge.test.ts.)
  });

  test('another method (405), content type (415: a cross-site form cannot post JSON), bad JSON or key (400) are invalid', async () => {
    const wrongMethod = await post(undefined, { sid: 's-alice', method: 'GET' });
    assert.deepEqual([wrongMethod.status, wrongMethod.body], [405, { ok: false, error: 'invalid' }]);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const result = await post({ key: DELETE }, { sid: 's-alice', headers: { 'content-type': type } });
      assert.deepEqual([result.status, result.body], [415, { ok: false, error: 'invalid' }], type);
    }
    for (const body of ['{not json', '[]', '"candor.consent.get"', JSON.stringify({ key: 'candor.consent.list' }), JSON.stringify({ payload: {} })]) {
      const result = await post(body, { sid: 's-alice' });
      assert.deepEqual([result.status, result.body], [400, { ok: false, error: 'invalid' }], body);
    }
    const invalidState = await post({ key: SET, payload: { state: state({ choices: { unknown: choice(true) } }) } }, { sid: 's-alice' });
    assert.deepEqual([invalidState.status, invalidState.body], [400, { ok: false, error: 'invalid' }]);
  });

  test('a failing store or session lookup is unavailable (503), with nothing of the failure in the answer', async () => {
    failing = true;
    try {
      const result = await post({ key: SET, payload: { state: state() } }, { sid: 's-alice' });
      assert.deepEqual([result.status, result.body], [503, { ok: false, error: 'unavailable' }]);
      assert.ok(!JSON.stringify(result.body).includes(SECRET));
      await assert.rejects(consent.load('alice'), (error) => error.code === 'unavailable');
    } finally {
      failing = false;
    }
    subjectThrows = true;
    try {
      const result = await post({ key: GET }, { sid: 's-alice' });
      assert.deepEqual([result.status, result.body], [503, { ok: false, error: 'unavailable' }]);
    } finally {
      subjectThrows = false;
    }
  });

  test('the status of each refusal', () => {
    assert.deepEqual({ ...STATUS_OF }, { unauthenticated: 401, invalid: 400, 'too-large': 413, unavailable: 503 });
  });
});

describe('candor/server: the "promotional email" objection reaches the mailer', () => {
  test('alice objects in the page (createConsent + httpStorage); the mailer sees it, bob is unaffected', async () => {
    const config = { policy: { id: 'acme-privacy', version: '2026-01-15' }, purposes: PURPOSES.map((p) => ({ ...p })) };
    const storage = httpStorage({ url: `${base}/api/consent`, headers: as('s-alice') });
    const page = createConsent({ config, storage, signals: { gpc: false, dnt: false }, now: () => NOW, locale: 'en' });
    await page.ready;
    assert.equal(page.granted('marketing-email'), true); // legitimate interest: on until objected to
    await page.set({ 'marketing-email': false, analytics: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(page.saveStatus, 'saved');
    page.destroy();

    // The mailer, server-side, with the subject ids it mails.
    const mailable = [];
    for (const userId of ['alice', 'bob']) {
      const stored = await consent.load(userId);
      if (!objectedTo(stored, 'marketing-email')) mailable.push(userId);
    }
    assert.deepEqual(mailable, ['bob']);
    const alice = await consent.load('alice');
    const purpose = (id) => PURPOSES.find((p) => p.id === id);
    assert.equal(granted(alice, purpose('marketing-email'), { now: NOW }), false);
    assert.equal(granted(alice, purpose('analytics'), { now: NOW }), true);
    assert.equal(granted(alice, purpose('advertising'), { now: NOW }), false); // consent: never given
    assert.equal(granted(alice, purpose('essential'), { now: NOW }), true);
    const bob = await consent.load('bob');
    assert.equal(bob, null);
    assert.equal(granted(bob, purpose('marketing-email')), true);
    assert.equal(granted(bob, purpose('analytics')), false);
    // A material revision listing analytics voids the earlier consent; an objection never lapses.
    const policy = { id: 'acme-privacy', version: '2026-04-01', revisions: [{ version: '2026-04-01', effective: '2026-04-01', material: true, purposes: ['analytics', 'marketing-email'] }] };
    const later = Date.parse('2026-04-02T00:00:00Z');
    assert.equal(granted(alice, purpose('analytics'), { policy, now: later }), false);
    assert.equal(objectedTo(alice, 'marketing-email'), true);
    assert.equal(granted(alice, 'analytics', { now: Date.parse('2027-06-01T00:00:00Z') }), false); // expired
    await post({ key: DELETE }, { sid: 's-alice' });
  });
});

describe('candor/server: setup', () => {
  test('invalid options throw TypeErrors naming consentServer / nodeHandler', () => {
    assert.throws(() => consentServer({ purposes: PURPOSES }), /^TypeError: consentServer: option "store"/);
    assert.throws(() => consentServer({ store: memoryStore(), purposes: 'x' }), /^TypeError: consentServer: option "purposes"/);
    assert.throws(() => nodeHandler(consent, {}), /^TypeError: nodeHandler: option "subject"/);
    assert.throws(() => nodeHandler({}, { subject: () => 'a' }), TypeError);
  });

  test('handle() alone is framework-neutral: the caller passes the subject id', async () => {
    const s = consentServer({ store: memoryStore(), purposes: PURPOSES, now: () => NOW });
    assert.deepEqual(await s.handle(undefined, { key: GET }), { ok: false, error: 'unauthenticated' });
    assert.deepEqual(await s.handle('', { key: GET }), { ok: false, error: 'unauthenticated' });
    assert.deepEqual(await s.handle('carol@example.com', { key: GET }), { ok: false, error: 'unauthenticated' });
    assert.deepEqual(await s.handle('carol', { key: GET }), { state: null });
    assert.deepEqual(await s.handle('carol', null), { ok: false, error: 'invalid' });
    await assert.rejects(s.load('carol@example.com'), (error) => error.code === 'invalid');
  });
});
