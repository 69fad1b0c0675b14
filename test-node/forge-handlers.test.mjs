// consentHandlers from the BUILT dist/forge.js (run `npm run build` first): the resolver side of
// forgeStorage and its security rules, against an in-memory store.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNT,
  NOW,
  NOW_ISO,
  OTHER,
  PURPOSES,
  SECRET,
  choice,
  failingStore,
  key,
  memoryStore,
  record,
  request,
  state,
} from './forge-helpers.mjs';

const { consentHandlers, DEFAULT_MAX_PAYLOAD_BYTES } = await import(new URL('../dist/forge.js', import.meta.url).href);

const GET = 'candor.consent.get';
const SET = 'candor.consent.set';
const DELETE = 'candor.consent.delete';

function setup(options = {}) {
  const store = options.store ?? memoryStore();
  const handlers = consentHandlers({ store, purposes: PURPOSES, now: () => NOW, ...options });
  return { store, handlers, get: handlers[GET], set: handlers[SET], del: handlers[DELETE] };
}

/** Asserts a refusal that carries nothing but its code. */
function refused(result, error) {
  assert.deepEqual(result, { ok: false, error });
}

describe('consentHandlers: shape', () => {
  test('returns exactly the three resolver functions of DESIGN.md', () => {
    const { handlers } = setup();
    assert.deepEqual(Object.keys(handlers).sort(), [DELETE, GET, SET]);
    for (const fn of Object.values(handlers)) assert.equal(typeof fn, 'function');
  });

  test('get of nothing stored is { state: null }', async () => {
    const { get } = setup();
    assert.deepEqual(await get(request({ scope: 'default' })), { state: null });
  });

  test('set stores under candor:v1:consent:<accountId>:<scope> and answers { ok: true, state }', async () => {
    const { store, set, get } = setup();
    const sent = state();
    const result = await set(request({ scope: 'default', state: sent }));
    assert.equal(result.ok, true);
    assert.deepEqual(Object.keys(result).sort(), ['ok', 'state']);
    assert.deepEqual(result.state, { ...sent, updatedAt: NOW_ISO });
    assert.deepEqual([...store.data.keys()], [key()]);
    assert.deepEqual(store.read(key()), result.state);
    assert.deepEqual(await get(request({ scope: 'default' })), { state: result.state });
  });

  test('answers survive a JSON round trip unchanged (the bridge serialises them)', async () => {
    const { set, get } = setup();
    const result = await set(request({ state: state() }));
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    const loaded = await get(request({}));
    assert.deepEqual(JSON.parse(JSON.stringify(loaded)), loaded);
  });

  test('delete removes the state and answers { ok: true }; deleting nothing is fine', async () => {
    const { store, set, del, get } = setup();
    await set(request({ scope: 'default', state: state() }));
    assert.deepEqual(await del(request({ scope: 'default' })), { ok: true });
    assert.equal(store.data.size, 0);
    assert.deepEqual(await get(request({ scope: 'default' })), { state: null });
    assert.deepEqual(await del(request({ scope: 'default' })), { ok: true });
  });

  test('scope defaults to "default" (also with no payload at all, as @forge/resolver passes {})', async () => {
    const { store, set, get, del } = setup();
    await set(request({ state: state() }));
    assert.deepEqual([...store.data.keys()], [key(ACCOUNT, 'default')]);
    assert.notEqual((await get(request(undefined))).state, null);
    assert.notEqual((await get(request({}))).state, null);
    assert.deepEqual(await del(request(undefined)), { ok: true });
    assert.equal(store.data.size, 0);
  });

  test('scopes are kept apart', async () => {
    const { store, set, get } = setup({ scopes: ['default', 'notice.v2'] });
    await set(request({ scope: 'notice.v2', state: state({ policyVersion: 'v2' }) }));
    await set(request({ scope: 'default', state: state({ policyVersion: 'v1' }) }));
    assert.deepEqual([...store.data.keys()].sort(), [key(ACCOUNT, 'default'), key(ACCOUNT, 'notice.v2')]);
    assert.equal((await get(request({ scope: 'notice.v2' }))).state.policyVersion, 'v2');
    assert.equal((await get(request({ scope: 'default' }))).state.policyVersion, 'v1');
  });
});

describe('consentHandlers: identity comes only from context.accountId', () => {
  test('each account reads and writes only its own key', async () => {
    const { store, set, get } = setup();
    await set(request({ state: state() }, { accountId: ACCOUNT }));
    assert.deepEqual(await get(request({}, { accountId: OTHER })), { state: null });
    await set(request({ state: state({ policyVersion: 'other' }) }, { accountId: OTHER }));
    assert.deepEqual([...store.data.keys()].sort(), [key(ACCOUNT), key(OTHER)].sort());
    assert.equal((await get(request({}, { accountId: ACCOUNT }))).state.policyVersion, '2026-01-15');
  });

  test('an account id in the payload is refused, never used', async () => {
    const { store, set, get, del } = setup();
    refused(await set(request({ state: state(), accountId: OTHER })), 'invalid');
    refused(await get(request({ accountId: OTHER })), 'invalid');
    refused(await del(request({ accountId: OTHER })), 'invalid');
    refused(await set(request({ state: state(), context: { accountId: OTHER } })), 'invalid');
    refused(await get(request({ key: key(OTHER) })), 'invalid');
    assert.deepEqual(store.calls, []);
  });

  test('other context fields (spoofable through getContext) play no part', async () => {
    const { store, set } = setup();
    await set(request({ state: state() }, { accountId: ACCOUNT, cloudId: 'evil', localId: OTHER, principal: { accountId: OTHER } }));
    assert.deepEqual([...store.data.keys()], [key(ACCOUNT)]);
  });

  for (const [name, context] of [
    ['accountType "anonymous" (even with an account id)', { accountId: ACCOUNT, accountType: 'anonymous' }],
    ['no account id', { accountType: 'licensed' }],
    ['an empty account id', { accountId: '' }],
    ['a non-string account id', { accountId: 42 }],
    ['an account id with characters a key cannot hold', { accountId: 'a b/../c' }],
    ['an account id of 129 characters', { accountId: 'a'.repeat(129) }],
    ['no context at all', undefined],
    ['a null context', null],
  ]) {
    test(`refuses ${name} with "unauthenticated" and touches nothing`, async () => {
      const { store, set, get, del } = setup();
      store.put(key(), state());
      const req = (payload) => ({ payload, context });
      refused(await get(req({})), 'unauthenticated');
      refused(await set(req({ state: state() })), 'unauthenticated');
      refused(await del(req({})), 'unauthenticated');
      assert.deepEqual(store.calls, []);
      assert.deepEqual(store.read(key()), state());
    });
  }

  test('a request that is not an object is refused as unauthenticated', async () => {
    const { get } = setup();
    refused(await get(undefined), 'unauthenticated');
    refused(await get('x'), 'unauthenticated');
  });

  test('an account id of 128 characters is accepted', async () => {
    const { store, set } = setup();
    const long = 'A1:_-'.repeat(25) + 'abc';
    assert.equal(long.length, 128);
    assert.equal((await set(request({ state: state() }, { accountId: long }))).ok, true);
    assert.deepEqual([...store.data.keys()], [key(long)]);
  });
});

describe('consentHandlers: payloads are allow-listed', () => {
  for (const [name, payload] of [
    ['an unknown field', { scope: 'default', extra: 1 }],
    ['__proto__ as a field', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['null', null],
    ['an array', []],
    ['a string', 'default'],
    ['a number', 7],
  ]) {
    test(`get and delete refuse ${name}`, async () => {
      const { store, get, del } = setup();
      refused(await get(request(payload)), 'invalid');
      refused(await del(request(payload)), 'invalid');
      assert.deepEqual(store.calls, []);
      assert.equal({}.polluted, undefined);
    });
  }

  test('set refuses unknown fields, a missing state and a state that is not an object', async () => {
    const { store, set } = setup();
    refused(await set(request({ scope: 'default', state: state(), ok: true })), 'invalid');
    refused(await set(request({ scope: 'default' })), 'invalid');
    refused(await set(request(undefined)), 'invalid');
    refused(await set(request({ state: null })), 'invalid');
    refused(await set(request({ state: JSON.stringify(state()) })), 'invalid');
    refused(await set(request({ state: [state()] })), 'invalid');
    assert.deepEqual(store.calls, []);
  });

  for (const scope of ['Default', 'a:b', '', 'a'.repeat(65), '../x', 'a b', 'a#b', 5, null, true, { s: 1 }]) {
    test(`refuses the scope ${JSON.stringify(scope)}`, async () => {
      const { store, get, set, del } = setup();
      refused(await get(request({ scope })), 'invalid');
      refused(await set(request({ scope, state: state() })), 'invalid');
      refused(await del(request({ scope })), 'invalid');
      assert.deepEqual(store.calls, []);
    });
  }

  test('accepts a scope of 64 characters a-z 0-9 . _ -', async () => {
    const scope = 'a0._-'.repeat(12) + 'abcd';
    const { store, set } = setup({ scopes: [scope] });
    assert.equal(scope.length, 64);
    assert.equal((await set(request({ scope, state: state() }))).ok, true);
    assert.deepEqual([...store.data.keys()], [key(ACCOUNT, scope)]);
  });

  test('the scopes option allow-lists scopes', async () => {
    const { store, set, get } = setup({ scopes: ['default', 'beta'] });
    assert.equal((await set(request({ scope: 'beta', state: state() }))).ok, true);
    assert.equal((await set(request({ state: state() }))).ok, true);
    refused(await set(request({ scope: 'gamma', state: state() })), 'invalid');
    refused(await get(request({ scope: 'gamma' })), 'invalid');
    assert.equal(store.writes().length, 2);
  });

  test('by default only the "default" scope is allowed (an account cannot create keys eraseAccount does not know)', async () => {
    const { store, set, get } = setup();
    for (const scope of ['junk-0', 'notice.v2', 'acme-privacy']) {
      refused(await set(request({ scope, state: state() })), 'invalid');
      refused(await get(request({ scope })), 'invalid');
    }
    assert.equal((await set(request({ state: state() }))).ok, true);
    assert.deepEqual([...store.data.keys()], [key(ACCOUNT, 'default')]);
  });

  test('with scopes that leave out "default", a payload without scope is refused', async () => {
    const { get } = setup({ scopes: ['beta'] });
    refused(await get(request({})), 'invalid');
    assert.deepEqual(await get(request({ scope: 'beta' })), { state: null });
  });
});

describe('consentHandlers: the state is checked like the page checks it, strictly', () => {
  /** Runs set with `sent` and asserts it is refused as invalid and nothing is written. */
  async function invalid(sent) {
    const { store, set } = setup();
    store.put(key(), state({ policyVersion: 'before' }));
    refused(await set(request({ state: sent })), 'invalid');
    assert.deepEqual(store.writes(), []);
    assert.equal(store.read(key()).policyVersion, 'before');
  }
  const withChoice = (id, value) => state({ choices: { analytics: choice(true), [id]: value } });
  const withRecord = (value) => state({ records: [value] });
  const without = (field) => {
    const copy = state();
    delete copy[field];
    return copy;
  };

  const cases = {
    'a purpose not in the config': withChoice('tracking', choice(true)),
    'a purpose id that is a prototype key': withChoice('__proto__', choice(true)),
    'a grant that is not a boolean': withChoice('advertising', choice('yes')),
    'a grant of 1': withChoice('advertising', choice(1)),
    'an unknown source': withChoice('advertising', choice(true, { source: 'admin' })),
    'a signal source that grants': withChoice('advertising', choice(true, { source: 'gpc' })),
    'a time that is not ISO 8601': withChoice('advertising', choice(true, { at: 'yesterday' })),
    'an impossible date': withChoice('advertising', choice(true, { at: '2026-02-30T10:00:00Z' })),
    'signals that are not booleans': withChoice('advertising', choice(true, { signals: { gpc: 'false', dnt: false } })),
    'signals with an unknown field': withChoice('advertising', choice(true, { signals: { gpc: false, dnt: false, x: true } })),
    'a choice without signals': withChoice('advertising', { granted: true, source: 'user', at: '2026-02-01T10:00:00Z' }),
    'a choice with an unknown field': withChoice('advertising', { ...choice(true), note: 'hi' }),
    'a choice that is not an object': withChoice('advertising', true),
    'choices that are not an object': state({ choices: [] }),
    'an unknown top-level field': { ...state(), accountId: OTHER },
    'a missing field': without('records'),
    'a missing acknowledgedVersion': without('acknowledgedVersion'),
    'schema 2': state({ schema: 2 }),
    'a policyVersion of 65 characters': state({ policyVersion: 'v'.repeat(65) }),
    'an empty policyVersion': state({ policyVersion: '' }),
    'a numeric policyVersion': state({ policyVersion: 3 }),
    'an acknowledgedVersion of 65 characters': state({ acknowledgedVersion: 'v'.repeat(65) }),
    'a policyId of 65 characters': state({ policyId: 'p'.repeat(65) }),
    'an updatedAt that is not a time': state({ updatedAt: 'now' }),
    'an expiresAt that is not a time': state({ expiresAt: 'never' }),
    'records that are not an array': state({ records: {} }),
    '51 records': state({ records: Array.from({ length: 51 }, (_, n) => record(n)) }),
    'a record with an unknown method': withRecord(record(1, { method: 'coerced' })),
    'a record with an unknown field': withRecord({ ...record(1), ip: '10.0.0.1' }),
    'a record missing a field': withRecord((({ locale, ...rest }) => rest)(record(1))),
    'a record with a non-boolean choice': withRecord(record(1, { choices: { analytics: 'yes' } })),
    'a record with a 65-character purpose id': withRecord(record(1, { choices: { ['p'.repeat(65)]: true } })),
    'a record with schema 2': withRecord(record(1, { schema: 2 })),
    'a record with an empty id': withRecord(record(1, { recordId: '' })),
    'a record with a long locale': withRecord(record(1, { locale: 'x'.repeat(36) })),
    'a record whose policy has an extra field': withRecord(record(1, { policy: { id: 'p', version: 'v', by: 'me' } })),
    'a record with bad signals': withRecord(record(1, { signals: { gpc: 1, dnt: 0 } })),
  };
  for (const [name, sent] of Object.entries(cases)) {
    test(`refuses ${name}, and changes nothing`, () => invalid(sent));
  }

  test('accepts versions of exactly 64 characters, and every source of the list', async () => {
    const { set } = setup();
    const v = 'v'.repeat(64);
    const choices = {
      analytics: choice(true, { source: 'host' }),
      advertising: choice(false, { source: 'gpc', signals: { gpc: true, dnt: false } }),
      personalisation: choice(false, { source: 'dnt', signals: { gpc: false, dnt: true } }),
    };
    const result = await set(request({ state: state({ policyVersion: v, acknowledgedVersion: v, policyId: v, choices }) }));
    assert.equal(result.ok, true);
    assert.deepEqual(result.state.choices, choices);
  });

  test('accepts 50 records and an acknowledgedVersion of null', async () => {
    const { set } = setup();
    const records = Array.from({ length: 50 }, (_, n) => record(50 - n));
    const result = await set(request({ state: state({ records, acknowledgedVersion: null }) }));
    assert.equal(result.ok, true);
    assert.equal(result.state.records.length, 50);
    assert.equal(result.state.acknowledgedVersion, null);
  });

  test('the server sets updatedAt, whatever the page sent', async () => {
    const { store, set } = setup();
    for (const updatedAt of ['2099-01-01T00:00:00Z', '2001-01-01']) {
      const result = await set(request({ state: state({ updatedAt }) }));
      assert.equal(result.state.updatedAt, NOW_ISO);
      assert.equal(store.read(key()).updatedAt, NOW_ISO);
    }
  });

  test('choice times later than the server clock are capped to it; earlier ones are kept', async () => {
    const { store, set } = setup();
    const choices = {
      analytics: choice(true, { at: '2099-12-31T23:59:59Z' }),
      advertising: choice(false, { at: '2026-02-01T10:00:00+01:00' }),
    };
    const result = await set(request({ state: state({ choices }) }));
    assert.equal(result.state.choices.analytics.at, NOW_ISO);
    assert.equal(result.state.choices.advertising.at, '2026-02-01T09:00:00.000Z');
    assert.deepEqual(store.read(key()), result.state);
  });

  test('record times more than a day after the server clock are capped to it (a page clock days fast can still save)', async () => {
    const { store, set } = setup();
    const ahead = record(1, { at: '2026-03-03T12:00:00.000Z' });
    const result = await set(request({ state: state({ records: [ahead, record(2)] }) }));
    assert.equal(result.ok, true);
    assert.equal(result.state.records[0].at, NOW_ISO);
    assert.equal(result.state.records[1].at, record(2).at);
    assert.deepEqual(store.read(key()).records, result.state.records);
  });

  test('expiresAt is kept, but never more than 395 days after updatedAt', async () => {
    const { set } = setup();
    assert.equal((await set(request({ state: state() }))).state.expiresAt, '2026-08-02T10:00:00.000Z');
    assert.equal((await set(request({ state: state({ expiresAt: null }) }))).state.expiresAt, null);
    const far = await set(request({ state: state({ expiresAt: '2199-01-01T00:00:00Z' }) }));
    assert.equal(far.state.expiresAt, new Date(NOW + 395 * 86_400_000).toISOString());
  });

  test('necessary purposes are forced on, also against a signal', async () => {
    const { store, set } = setup();
    const refusedNecessary = choice(false, { source: 'user' });
    const result = await set(request({ state: state({ choices: { essential: refusedNecessary, analytics: choice(true) } }) }));
    assert.equal(result.state.choices.essential.granted, true);
    assert.equal(store.read(key()).choices.essential.granted, true);
    const bySignal = choice(false, { source: 'gpc', signals: { gpc: true, dnt: false } });
    const second = await set(request({ state: state({ choices: { essential: bySignal } }) }));
    assert.deepEqual(second.state.choices.essential, { ...bySignal, granted: true, source: 'default' });
  });

  test('with bare purpose ids, none is necessary', async () => {
    const { set } = setup({ purposes: ['essential', 'analytics'] });
    const result = await set(request({ state: state({ choices: { essential: choice(false) } }) }));
    assert.equal(result.state.choices.essential.granted, false);
    refused(await set(request({ state: state({ choices: { advertising: choice(false) } }) })), 'invalid');
  });

  test('"default" choices of optional purposes are not stored (they mean "no explicit choice")', async () => {
    const { set } = setup();
    const result = await set(request({ state: state({ choices: { analytics: choice(false, { source: 'default' }), advertising: choice(true) } }) }));
    assert.deepEqual(Object.keys(result.state.choices), ['advertising']);
  });

  test('records may name purposes the config no longer has (they are history)', async () => {
    const { set } = setup();
    const result = await set(request({ state: state({ records: [record(1, { choices: { retired: true } })] }) }));
    assert.deepEqual(result.state.records[0].choices, { retired: true });
  });

  test('a state with no choices and no records is accepted', async () => {
    const { set } = setup();
    const result = await set(request({ state: state({ choices: {}, records: [] }) }));
    assert.equal(result.ok, true);
  });
});

describe('consentHandlers: writes from one page stay in order (writer, seq)', () => {
  const sent = (policyVersion, writer, seq) => request({ state: state({ policyVersion }), writer, seq });

  test('a write is stored with its writer and seq; get answers the state without them', async () => {
    const { store, set, get } = setup();
    const result = await set(sent('v1', 'page-a', 1));
    assert.equal(result.ok, true);
    assert.equal(result.state.writer, undefined);
    assert.equal(store.read(key()).writer, 'page-a');
    assert.equal(store.read(key()).seq, 1);
    const read = await get(request({}));
    assert.deepEqual(Object.keys(read.state).sort(), Object.keys(result.state).sort());
    assert.equal(read.state.policyVersion, 'v1');
  });

  test('a write that lands after a newer one from the same writer changes nothing and answers the stored state', async () => {
    const { store, set } = setup();
    await set(sent('newer', 'page-a', 2));
    const writes = store.writes().length;
    const late = await set(sent('older', 'page-a', 1));
    assert.equal(late.ok, true);
    assert.equal(late.state.policyVersion, 'newer');
    assert.equal(store.read(key()).policyVersion, 'newer');
    assert.equal(store.writes().length, writes);
    // The same seq again (a retried call) is a duplicate too.
    assert.equal((await set(sent('again', 'page-a', 2))).state.policyVersion, 'newer');
    assert.equal(store.read(key()).policyVersion, 'newer');
  });

  test('a newer seq of the same writer, another writer, or a write without writer is stored', async () => {
    const { store, set } = setup();
    await set(sent('a1', 'page-a', 1));
    await set(sent('a5', 'page-a', 5));
    assert.equal(store.read(key()).policyVersion, 'a5');
    await set(sent('b1', 'page-b', 1));
    assert.equal(store.read(key()).policyVersion, 'b1');
    await set(request({ state: state({ policyVersion: 'plain' }) }));
    assert.equal(store.read(key()).policyVersion, 'plain');
    assert.equal(store.read(key()).writer, undefined);
    await set(sent('a2', 'page-a', 2)); // nothing from page-a is stored any more: taken
    assert.equal(store.read(key()).policyVersion, 'a2');
  });

  test('a stored value kept as JSON text is compared the same way', async () => {
    const store = memoryStore();
    const text = { ...store, get: async (k) => { const v = await store.get(k); return v === undefined ? undefined : JSON.stringify(v); } };
    const { set } = setup({ store: text });
    await set(sent('newer', 'page-a', 3));
    assert.equal((await set(sent('older', 'page-a', 2))).state.policyVersion, 'newer');
    assert.equal(store.read(key()).policyVersion, 'newer');
  });

  const bad = {
    'a writer without seq': { writer: 'page-a' },
    'a seq without writer': { seq: 1 },
    'seq 0': { writer: 'page-a', seq: 0 },
    'a fractional seq': { writer: 'page-a', seq: 1.5 },
    'a seq as text': { writer: 'page-a', seq: '2' },
    'an empty writer': { writer: '', seq: 1 },
    'a writer of 65 characters': { writer: 'w'.repeat(65), seq: 1 },
    'a writer with a colon': { writer: 'a:b', seq: 1 },
  };
  for (const [name, fields] of Object.entries(bad)) {
    test(`refuses ${name} as "invalid" and writes nothing`, async () => {
      const { store, set } = setup();
      refused(await set(request({ state: state(), ...fields })), 'invalid');
      assert.deepEqual(store.writes(), []);
    });
  }
});

describe('consentHandlers: size cap', () => {
  test(`the default cap is 32 KB and a full history of 50 records fits easily`, async () => {
    assert.equal(DEFAULT_MAX_PAYLOAD_BYTES, 32_768);
    const { set } = setup();
    const records = Array.from({ length: 50 }, (_, n) => record(50 - n));
    const payload = { state: state({ records }) };
    assert.ok(JSON.stringify(payload).length < 20_000);
    assert.equal((await set(request(payload))).ok, true);
  });

  test('a payload over maxPayloadBytes is refused with "too-large" and nothing is written', async () => {
    const { store, set, get, del } = setup({ maxPayloadBytes: 2_000 });
    const records = Array.from({ length: 10 }, (_, n) => record(10 - n));
    refused(await set(request({ state: state({ records }) })), 'too-large');
    refused(await get(request({ scope: 'x'.repeat(3_000) })), 'too-large');
    refused(await del(request({ scope: 'x'.repeat(3_000) })), 'too-large');
    assert.deepEqual(store.calls, []);
  });

  test('over the default cap, even with fields that would be refused anyway', async () => {
    const { store, set } = setup();
    refused(await set(request({ state: state(), junk: 'x'.repeat(40_000) })), 'too-large');
    assert.deepEqual(store.calls, []);
  });

  test('size is counted in UTF-8 bytes, not characters', async () => {
    const locale = '語'.repeat(35); // 35 characters, 105 bytes
    const records = Array.from({ length: 20 }, (_, n) => record(20 - n, { locale }));
    const payload = { state: state({ records }) };
    const chars = JSON.stringify(payload).length;
    const bytes = new TextEncoder().encode(JSON.stringify(payload)).length;
    const cap = Math.floor((chars + bytes) / 2);
    const { set } = setup({ maxPayloadBytes: cap });
    refused(await set(request(payload)), 'too-large');
    const roomy = setup({ maxPayloadBytes: bytes + 200 });
    assert.equal((await roomy.set(request(payload))).ok, true);
  });
});

describe('consentHandlers: store errors', () => {
  for (const sync of [false, true]) {
    test(`a store that ${sync ? 'throws' : 'rejects'} gives "unavailable" and leaks nothing`, async () => {
      const { get, set, del } = setup({ store: failingStore({ sync }) });
      for (const result of [await get(request({})), await set(request({ state: state() })), await del(request({}))]) {
        refused(result, 'unavailable');
        assert.doesNotMatch(JSON.stringify(result), /KVS|secret|token|429|RATE/);
      }
    });
  }

  test('a failing write leaves what was stored before', async () => {
    const store = memoryStore();
    store.put(key(), state({ policyVersion: 'before' }));
    store.set = async () => {
      throw new Error(SECRET);
    };
    const { set, get } = setup({ store });
    refused(await set(request({ state: state() })), 'unavailable');
    assert.equal((await get(request({}))).state.policyVersion, 'before');
  });

  test('a clock that fails gives "unavailable"', async () => {
    const { get, set } = setup({ now: () => Number.NaN });
    refused(await get(request({})), 'unavailable');
    refused(await set(request({ state: state() })), 'unavailable');
  });

  test('the clock may return a Date', async () => {
    const { set } = setup({ now: () => new Date(NOW) });
    assert.equal((await set(request({ state: state() }))).state.updatedAt, NOW_ISO);
  });

  test('nothing is logged, whatever happens', async () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
    const original = Object.fromEntries(methods.map((m) => [m, console[m]]));
    const seen = [];
    for (const m of methods) console[m] = (...args) => seen.push([m, args]);
    try {
      const good = setup();
      await good.set(request({ state: state() }));
      await good.get(request({}));
      await good.set(request({ state: state({ schema: 9 }) }));
      await good.get(request({}, { accountType: 'anonymous' }));
      await good.del(request({}));
      const bad = setup({ store: failingStore() });
      await bad.set(request({ state: state() }));
    } finally {
      Object.assign(console, original);
    }
    assert.deepEqual(seen, []);
  });
});

describe('consentHandlers: reading what is stored', () => {
  for (const [name, raw] of [
    ['not JSON', 'not json {'],
    ['a number', 42],
    ['an array', [state()]],
    ['schema 2', state({ schema: 2 })],
    ['a policyId that is not a string', state({ policyId: 5 })],
    ['no updatedAt', state({ updatedAt: undefined })],
  ]) {
    test(`a stored value that is ${name} reads as null`, async () => {
      const { store, get } = setup();
      store.put(key(), raw);
      assert.deepEqual(await get(request({})), { state: null });
    });
  }

  test('a stored JSON string is read like an object', async () => {
    const { store, get } = setup();
    const stored = { ...state(), updatedAt: NOW_ISO };
    store.put(key(), JSON.stringify(stored));
    assert.deepEqual(await get(request({})), { state: stored });
  });

  test('choices for purposes the config no longer has are dropped, the rest kept', async () => {
    const { store, get } = setup();
    store.put(key(), state({ choices: { analytics: choice(true), retired: choice(true) } }));
    const { state: loaded } = await get(request({}));
    assert.deepEqual(Object.keys(loaded.choices), ['analytics']);
  });
});

describe('consentHandlers: options', () => {
  const store = memoryStore();
  for (const [name, options] of [
    ['no options', undefined],
    ['no store', { purposes: PURPOSES }],
    ['a store without delete', { store: { get() {}, set() {} }, purposes: PURPOSES }],
    ['no purposes', { store }],
    ['purposes that are not an array', { store, purposes: { analytics: {} } }],
    ['a purpose without an id', { store, purposes: [{ basis: 'consent' }] }],
    ['an empty purpose id', { store, purposes: [''] }],
    ['a purpose id of 65 characters', { store, purposes: ['p'.repeat(65)] }],
    ['a duplicate purpose', { store, purposes: ['a', { id: 'a', basis: 'consent' }] }],
    ['an unknown basis', { store, purposes: [{ id: 'a', basis: 'necesary' }] }],
    ['an empty scopes list', { store, purposes: PURPOSES, scopes: [] }],
    ['an invalid scope', { store, purposes: PURPOSES, scopes: ['Bad Scope'] }],
    ['maxPayloadBytes 0', { store, purposes: PURPOSES, maxPayloadBytes: 0 }],
    ['maxPayloadBytes above the KVS value limit', { store, purposes: PURPOSES, maxPayloadBytes: 240 * 1024 + 1 }],
    ['a fractional maxPayloadBytes', { store, purposes: PURPOSES, maxPayloadBytes: 10.5 }],
    ['a now that is not a function', { store, purposes: PURPOSES, now: NOW }],
  ]) {
    test(`throws a TypeError for ${name}`, () => {
      assert.throws(() => consentHandlers(options), TypeError);
    });
  }

  test('accepts the largest maxPayloadBytes and the config purposes as JSON gives them', () => {
    const config = JSON.parse(JSON.stringify({ purposes: PURPOSES }));
    assert.doesNotThrow(() => consentHandlers({ store, purposes: config.purposes, maxPayloadBytes: 240 * 1024 }));
  });
});
