// (b) consentHandlers (built dist/forge.js) registered on the REAL @forge/resolver, called the way the
// Forge runtime calls the exported handler (forge.md §2):
//   handler({ call: { functionKey, payload }, context }, { principal: { accountId }, installContext, … })
// @forge/resolver 2.0.1 builds the callback's `context` as `{ ...context, accountId: principal.accountId, … }`,
// so a spoofed `context.accountId` never reaches the handlers; the platform principal does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, MALLORY, NOW, config, consentHandlers, loadResolver, memoryKvs, state, storageKey } from './helpers.mjs';

const { Resolver, makeResolver } = await loadResolver();

const GET = 'candor.consent.get';
const SET = 'candor.consent.set';
const DELETE = 'candor.consent.delete';

/** The app's resolver exactly as DESIGN.md "Forge" writes it, over an in-memory kvs. */
function app() {
  const store = memoryKvs();
  const resolver = new Resolver();
  for (const [key, fn] of Object.entries(consentHandlers({ store, purposes: config().purposes, now: () => NOW }))) resolver.define(key, fn);
  return { store, handler: resolver.getDefinitions(), resolver };
}

/** The platform's call: `context` is what the event carries, `principal` who is really signed in. */
function call(handler, functionKey, payload, { context = {}, principal } = {}) {
  const runtime = { installContext: 'ari:cloud:jira::site/1' };
  if (principal !== undefined) runtime.principal = { accountId: principal };
  return handler({ call: { functionKey, payload }, context: { accountType: 'licensed', ...context } }, runtime);
}

describe('consentHandlers on the real Resolver', () => {
  test('the three handlers register under their function keys (define is not told twice)', () => {
    const { resolver } = app();
    for (const key of [GET, SET, DELETE]) assert.equal(typeof resolver.getFunction(key), 'function');
    assert.throws(() => resolver.getFunction('candor.consent.list'), /no definition/);
    assert.throws(() => resolver.define(GET, () => {}), /already exists/);
  });

  test('makeResolver(consentHandlers(…)) is an equivalent handler', async () => {
    const store = memoryKvs();
    const handler = makeResolver(consentHandlers({ store, purposes: config().purposes, now: () => NOW }));
    const result = await call(handler, SET, { scope: 'default', state: state() }, { principal: ALICE });
    assert.equal(result.ok, true);
    assert.deepEqual([...store.data.keys()], [storageKey(ALICE)]);
  });

  test('set with a spoofed context.accountId stores under the platform principal only', async () => {
    const { store, handler } = app();
    const result = await call(handler, SET, { scope: 'default', state: state() }, { context: { accountId: ALICE }, principal: MALLORY });
    assert.equal(result.ok, true);
    assert.deepEqual([...store.data.keys()], [storageKey(MALLORY)]);
    assert.equal(store.read(storageKey(ALICE)), undefined);
    assert.deepEqual(store.read(storageKey(MALLORY)), result.state);
  });

  test('get with a spoofed context.accountId reads the principal\'s record, never the spoofed one\'s', async () => {
    const { handler } = app();
    const alices = await call(handler, SET, { scope: 'default', state: state() }, { principal: ALICE });
    assert.equal(alices.ok, true);
    assert.deepEqual(await call(handler, GET, { scope: 'default' }, { context: { accountId: ALICE }, principal: MALLORY }), { state: null });
    assert.deepEqual(await call(handler, GET, { scope: 'default' }, { principal: ALICE }), { state: alices.state });
  });

  test('delete with a spoofed context.accountId deletes the principal\'s record only', async () => {
    const { store, handler } = app();
    await call(handler, SET, { scope: 'default', state: state() }, { principal: ALICE });
    await call(handler, SET, { scope: 'default', state: state() }, { principal: MALLORY });
    assert.deepEqual(await call(handler, DELETE, { scope: 'default' }, { context: { accountId: ALICE }, principal: MALLORY }), { ok: true });
    assert.deepEqual([...store.data.keys()], [storageKey(ALICE)]);
  });

  test('an account id in the payload is refused (allow-listed fields) and stores nothing', async () => {
    const { store, handler } = app();
    const result = await call(handler, SET, { scope: 'default', state: state(), accountId: ALICE }, { principal: MALLORY });
    assert.deepEqual(result, { ok: false, error: 'invalid' });
    assert.equal(store.data.size, 0);
  });

  test('no principal (anonymous viewer) with a spoofed context.accountId is refused: the Resolver clears it', async () => {
    const { store, handler } = app();
    for (const [key, payload] of [[GET, { scope: 'default' }], [SET, { scope: 'default', state: state() }], [DELETE, { scope: 'default' }]]) {
      assert.deepEqual(await call(handler, key, payload, { context: { accountId: ALICE } }), { ok: false, error: 'unauthenticated' });
    }
    assert.deepEqual(store.calls, []);
  });

  test('accountType "anonymous" in the platform context is refused even with a principal', async () => {
    const { store, handler } = app();
    const result = await call(handler, SET, { scope: 'default', state: state() }, { context: { accountType: 'anonymous' }, principal: ALICE });
    assert.deepEqual(result, { ok: false, error: 'unauthenticated' });
    assert.deepEqual(store.calls, []);
  });

  test('what the Resolver returns is plain JSON (it sanitises results with a JSON round trip)', async () => {
    const { handler } = app();
    const result = await call(handler, SET, { scope: 'default', state: state() }, { principal: ALICE });
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    assert.equal(result.state.updatedAt, new Date(NOW).toISOString());
  });

  test('a missing payload reaches the handlers as {} (the Resolver\'s default) and means the default scope', async () => {
    const { store, handler } = app();
    await call(handler, SET, { state: state() }, { principal: ALICE });
    const result = await handler({ call: { functionKey: GET }, context: { accountType: 'licensed' } }, { principal: { accountId: ALICE } });
    assert.deepEqual(result, { state: store.read(storageKey(ALICE)) });
  });
});
