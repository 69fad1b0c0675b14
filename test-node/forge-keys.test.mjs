// Storage keys and eraseAccount from the BUILT dist/forge.js (run `npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, OTHER, PURPOSES, key, memoryStore, request, state } from './forge-helpers.mjs';

const { consentHandlers, consentKey, eraseAccount, KEY_NAMESPACE, MAX_KVS_KEY_LENGTH } = await import(
  new URL('../dist/forge.js', import.meta.url).href
);

// Forge KVS's documented key rule (limits-kvs-ce), as Forge writes it.
// eslint-disable-next-line no-useless-escape
const FORGE_KEY_RULE = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

test('consentKey builds candor:v1:consent:<accountId>:<scope>', () => {
  assert.equal(KEY_NAMESPACE, 'candor:v1:consent');
  assert.equal(consentKey(ACCOUNT), `candor:v1:consent:${ACCOUNT}:default`);
  assert.equal(consentKey(OTHER, 'notice.v2'), `candor:v1:consent:${OTHER}:notice.v2`);
});

test('the longest possible key satisfies Forge KVS key rules', () => {
  const longest = consentKey('a'.repeat(128), 'b'.repeat(64));
  assert.ok(longest.length <= MAX_KVS_KEY_LENGTH);
  assert.equal(MAX_KVS_KEY_LENGTH, 500);
  assert.match(longest, FORGE_KEY_RULE);
  assert.match(consentKey(ACCOUNT, 'a0._-'), FORGE_KEY_RULE);
});

test('consentKey refuses parts that break the rules', () => {
  for (const [accountId, scope] of [
    ['', 'default'],
    ['a b', 'default'],
    ['a#b', 'default'],
    ['a.b', 'default'],
    ['a'.repeat(129), 'default'],
    [ACCOUNT, 'A'],
    [ACCOUNT, 'a:b'],
    [ACCOUNT, ''],
    [ACCOUNT, 'x'.repeat(65)],
    [7, 'default'],
  ]) {
    assert.throws(() => consentKey(accountId, scope), TypeError, `${accountId} / ${scope}`);
  }
});

test('every key the handlers write satisfies Forge KVS key rules', async () => {
  const store = memoryStore();
  const scopes = ['default', 'z'.repeat(64), 'v1.2_beta-3'];
  const { 'candor.consent.set': set } = consentHandlers({ store, purposes: PURPOSES, scopes, now: () => Date.parse('2026-03-01T00:00:00Z') });
  for (const accountId of [ACCOUNT, OTHER, 'x'.repeat(128), 'qm:A_b-9']) {
    for (const scope of scopes) {
      assert.equal((await set(request({ scope, state: state() }, { accountId }))).ok, true);
    }
  }
  assert.equal(store.data.size, 12);
  for (const written of store.data.keys()) {
    assert.match(written, FORGE_KEY_RULE);
    assert.ok(written.length <= 500);
  }
});

test('eraseAccount deletes the account in every given scope and nothing else', async () => {
  const store = memoryStore();
  for (const k of [key(ACCOUNT), key(ACCOUNT, 'beta'), key(OTHER), key(OTHER, 'beta')]) store.put(k, state());
  await eraseAccount(store, ACCOUNT, { scopes: ['default', 'beta', 'gamma'] });
  assert.deepEqual([...store.data.keys()].sort(), [key(OTHER), key(OTHER, 'beta')].sort());
});

test('eraseAccount erases the "default" scope by default', async () => {
  const store = memoryStore();
  store.put(key(ACCOUNT), state());
  store.put(key(ACCOUNT, 'beta'), state());
  await eraseAccount(store, ACCOUNT);
  assert.deepEqual([...store.data.keys()], [key(ACCOUNT, 'beta')]);
});

test('eraseAccount rejects an invalid account id, scope or store without deleting anything', async () => {
  const store = memoryStore();
  store.put(key(ACCOUNT), state());
  await assert.rejects(eraseAccount(store, 'a b'), TypeError);
  await assert.rejects(eraseAccount(store, undefined), TypeError);
  await assert.rejects(eraseAccount(store, ACCOUNT, { scopes: ['default', 'Bad'] }), TypeError);
  await assert.rejects(eraseAccount({}, ACCOUNT), TypeError);
  assert.equal(store.data.size, 1);
});

test('eraseAccount lets store errors through, so the privacy job can retry', async () => {
  const failure = new Error('kvs down');
  await assert.rejects(eraseAccount({ delete: () => Promise.reject(failure) }, ACCOUNT), (error) => error === failure);
});
