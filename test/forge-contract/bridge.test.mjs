// (a) forgeStorage (built dist/storage/forge.js) over the REAL @forge/bridge `invoke`: exactly which
// `globalThis.__bridge.callBridge` calls Candor's page side makes, with which payloads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ALICE, ForgeStorageError, forgeStorage, installHost, installedVersions, state } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

test('the pinned @forge/* versions are the ones installed', () => {
  assert.deepEqual(installedVersions(), { '@forge/bridge': '7.2.0', '@forge/resolver': '2.0.1', '@forge/kvs': '1.6.5' });
});

test('the real @forge/bridge throws when imported outside Forge (why Candor never imports it)', () => {
  // A fresh process: a failed module evaluation stays cached in this one.
  const script = `
    try { await import('@forge/bridge'); console.log(JSON.stringify({ imported: true })); }
    catch (e) { console.log(JSON.stringify({ name: e.constructor.name, message: e.message })); }`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const outcome = JSON.parse(child.stdout);
  assert.equal(outcome.name, 'BridgeAPIError');
  assert.match(outcome.message, /Unable to establish a connection with the Custom UI bridge/);
});

// From here on this process has a fake host and the real bridge loaded on top of it.
const { host, bridge } = await installHost();
const { invoke } = bridge;

/** Resets the log and the answers before each scenario. */
function fresh(route) {
  host.calls.length = 0;
  host.route = route ?? ((name, message) => (message.functionKey === 'candor.consent.get' ? { state: null } : { ok: true }));
}

/** The callBridge message the real `invoke(functionKey, payload)` sends (bridge 7.2.0 out/invoke/invoke.js). */
const invokeCall = (functionKey, payload) => ({ name: 'invoke', payload: { functionKey, payload, metadata: undefined } });

describe('forgeStorage over the real bridge invoke: the calls it makes', () => {
  test('load() is one callBridge("invoke", { functionKey: "candor.consent.get", payload: { scope } })', async () => {
    fresh();
    const storage = forgeStorage({ invoke });
    assert.equal(await storage.load(), null);
    assert.deepEqual(host.calls, [invokeCall('candor.consent.get', { scope: 'default' })]);
  });

  test('load() resolves with the state the resolver answered', async () => {
    const stored = state();
    fresh(() => ({ state: stored }));
    assert.deepEqual(await forgeStorage({ invoke }).load(), stored);
  });

  test('save(state) is one call of candor.consent.set with exactly { scope, state, writer, seq } and no identity', async () => {
    fresh();
    const sent = state();
    await forgeStorage({ invoke }).save(sent);
    const writer = host.calls[0]?.payload.payload.writer;
    assert.match(writer, /^[0-9a-f-]{36}$/, 'a random writer id per adapter');
    assert.deepEqual(host.calls, [invokeCall('candor.consent.set', { scope: 'default', state: sent, writer, seq: 1 })]);
    const wire = JSON.stringify(host.calls);
    assert.doesNotMatch(wire, /accountId|557058|cloudId/);
    assert.ok(!wire.includes(ALICE));
  });

  test('clear() is one call of candor.consent.delete with exactly { scope }', async () => {
    fresh();
    await forgeStorage({ invoke }).clear();
    assert.deepEqual(host.calls, [invokeCall('candor.consent.delete', { scope: 'default' })]);
  });

  test('the scope option is what every call sends', async () => {
    fresh();
    const storage = forgeStorage({ invoke, scope: 'jira-global.v2' });
    await storage.load();
    await storage.save(state());
    await storage.clear();
    assert.deepEqual(
      host.calls.map(({ payload }) => [payload.functionKey, payload.payload.scope]),
      [
        ['candor.consent.get', 'jira-global.v2'],
        ['candor.consent.set', 'jira-global.v2'],
        ['candor.consent.delete', 'jira-global.v2'],
      ],
    );
  });

  test('only "invoke" is ever called on the bridge, and payloads are plain JSON (what the bridge accepts)', async () => {
    fresh();
    const storage = forgeStorage({ invoke });
    await storage.load();
    await storage.save(state());
    await storage.clear();
    assert.deepEqual(new Set(host.calls.map((c) => c.name)), new Set(['invoke']));
    for (const { payload } of host.calls) assert.deepEqual(JSON.parse(JSON.stringify(payload.payload)), payload.payload);
  });

  test('a burst of 100 saves is at most 2 bridge calls, the last with the newest state (far below 500 / 25 s)', async () => {
    let releaseFirst;
    const gate = new Promise((resolve) => (releaseFirst = resolve));
    // The first write hangs until released; everything saved meanwhile must coalesce.
    fresh(async () => {
      if (host.calls.length === 1) await gate;
      return { ok: true };
    });
    const storage = forgeStorage({ invoke });
    const saves = [];
    for (let i = 0; i < 100; i += 1) saves.push(storage.save(state({ policyVersion: `v${i}` })));
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(host.calls.length, 1);
    releaseFirst();
    await Promise.all(saves);
    assert.equal(host.calls.length, 2);
    assert.equal(host.calls[0].payload.payload.state.policyVersion, 'v0');
    assert.equal(host.calls[1].payload.payload.state.policyVersion, 'v99');
  });
});

describe('forgeStorage over the real bridge invoke: failures', () => {
  test('a refusal answered through the bridge rejects with its code (unauthenticated)', async () => {
    fresh(() => ({ ok: false, error: 'unauthenticated' }));
    await assert.rejects(forgeStorage({ invoke }).load(), (error) => error instanceof ForgeStorageError && error.code === 'unauthenticated');
  });

  test('a callBridge that rejects (e.g. the resolver threw) rejects with code "rejected"', async () => {
    fresh(() => Promise.reject(new Error('There was an error invoking the function')));
    await assert.rejects(forgeStorage({ invoke }).save(state()), (error) => error instanceof ForgeStorageError && error.code === 'rejected');
  });

  test('a callBridge that never answers rejects with code "timeout" after timeoutMs', async () => {
    fresh(() => new Promise(() => {}));
    await assert.rejects(forgeStorage({ invoke, timeoutMs: 30 }).load(), (error) => error instanceof ForgeStorageError && error.code === 'timeout');
  });

  test('an answer that is not candor/forge\'s shape rejects with code "malformed", never "no consent"', async () => {
    fresh(() => ({ something: 'else' }));
    await assert.rejects(forgeStorage({ invoke }).load(), (error) => error instanceof ForgeStorageError && error.code === 'malformed');
  });
});
