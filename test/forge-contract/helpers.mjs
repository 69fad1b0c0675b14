// Shared fixtures of the Forge contract tests (not a test file: no `.test.` in its name).
//
// Candor's side is always the BUILT output (run `npm run build` at the repository root first):
//   dist/storage/forge.js  forgeStorage (page side), ESM, no lit in its import graph
//   dist/core/consent.js   createConsent (page side), ESM, no lit in its import graph
//   dist/forge.js          consentHandlers (resolver side, `candor/forge`)
// Forge's side is the REAL @forge/bridge, @forge/resolver and @forge/kvs pinned in ./package.json.
// Only what no npm package contains is faked: the host's `globalThis.__bridge.callBridge` (injected by
// Forge's closed global-bridge.js) and the Forge runtime's `globalThis.__forge_fetch__` (KVS transport).
import { readFileSync } from 'node:fs';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

export const { forgeStorage, ForgeStorageError } = await import(dist('storage/forge.js'));
export const { createConsent } = await import(dist('core/consent.js'));
export const { consentHandlers, consentKey } = await import(dist('forge.js'));

/** The versions actually installed (package.json pins them exactly; the lockfile fixes the rest). */
export function installedVersions() {
  // Read from disk: @forge/bridge's `exports` does not expose its package.json.
  const version = (name) => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  return {
    '@forge/bridge': version('@forge/bridge'),
    '@forge/resolver': version('@forge/resolver'),
    '@forge/kvs': version('@forge/kvs'),
  };
}

/**
 * `Resolver` from the real @forge/resolver. It is CommonJS with `exports.default = Resolver`, so
 * Node's native ESM `import Resolver from '@forge/resolver'` yields the exports object, not the class
 * (bundlers, tsc and Forge's own build apply the `__esModule` interop and get the class).
 */
export async function loadResolver() {
  const mod = await import('@forge/resolver');
  return { Resolver: mod.default.default, makeResolver: mod.makeResolver };
}

/** Two Atlassian account ids, in the two formats Atlassian uses. */
export const ALICE = '557058:f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
export const MALLORY = '5b10ac8d82e05b22cc7d4ef5';

export const NOW = Date.parse('2026-04-01T12:00:00.000Z');
export const NO_SIGNALS = Object.freeze({ gpc: false, dnt: false });

/** A small valid Candor config (one necessary purpose, two consent purposes). A fresh copy each call. */
export function config() {
  return {
    policy: { id: 'acme-forge', title: 'Privacy Policy', version: '2026-01-01', effective: '2026-01-01' },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', basis: 'consent' },
      { id: 'advertising', label: 'Advertising', basis: 'consent' },
    ],
  };
}

/** A ConsentState as the core writes it, for config(). */
export function state(overrides = {}) {
  const at = '2026-03-01T10:00:00.000Z';
  const choice = (granted) => ({ granted, source: 'user', at, signals: { gpc: false, dnt: false } });
  return {
    schema: 1,
    policyId: 'acme-forge',
    policyVersion: '2026-01-01',
    acknowledgedVersion: '2026-01-01',
    choices: { analytics: choice(true), advertising: choice(false) },
    updatedAt: at,
    expiresAt: '2026-08-30T10:00:00.000Z',
    records: [],
    ...overrides,
  };
}

export const storageKey = (accountId, scope = 'default') => `candor:v1:consent:${accountId}:${scope}`;

/** What crosses a network hop: JSON and back (the Forge function runs elsewhere than the page). */
export const overTheWire = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * Installs a fake Forge host as `globalThis.__bridge` and only THEN imports the real @forge/bridge
 * (its modules capture `callBridge` at evaluation time, so the host must exist first and cannot be
 * swapped later: `host.route` is what tests change instead).
 *
 * Every call is logged as `{ name, payload }` with the payload exactly as the bridge passed it.
 * By default `invoke` answers like `candor/forge` with nothing stored; any other bridge call throws
 * (Candor must make no other kind of call).
 */
export async function installHost() {
  const host = {
    calls: [],
    /** `(name, payload) => answer`; replace it per test. */
    route: defaultRoute,
  };
  globalThis.__bridge = {
    callBridge: async (name, payload) => {
      host.calls.push({ name, payload });
      return host.route(name, payload);
    },
  };
  const bridge = await import('@forge/bridge');
  return { host, bridge };
}

function defaultRoute(name, payload) {
  if (name !== 'invoke') throw new Error(`unexpected bridge call ${name}`);
  return payload.functionKey === 'candor.consent.get' ? { state: null } : { ok: true };
}

/**
 * A host route that does what the Forge platform does with an `invoke`: sends `{ functionKey,
 * payload }` to the app's function as `handler({ call: { functionKey, payload }, context }, runtime)`
 * (forge.md §2), where `context` is built by the platform and `runtime.principal` is the signed-in
 * caller, and sends the JSON result back. `who()` says who is signed in at the time of the call.
 */
export function forgeFunctionRoute(handler, who) {
  return async (name, message) => {
    if (name !== 'invoke') throw new Error(`unexpected bridge call ${name}`);
    const { functionKey, payload } = overTheWire(message);
    const { accountId, accountType = 'licensed' } = who();
    const context = { accountType, localId: 'ari:cloud:ecosystem::extension/app/env/static/privacy-centre', moduleKey: 'privacy-centre' };
    const runtime = accountId === undefined ? { installContext: 'ari:cloud:jira::site/1' } : { installContext: 'ari:cloud:jira::site/1', principal: { accountId } };
    return overTheWire(await handler({ call: { functionKey, payload }, context }, runtime));
  };
}

/**
 * An in-memory key-value store with the shape of `kvs` (get/set/delete), keeping JSON copies like
 * KVS does, and logging every call: the one the Node tests of the handlers use.
 */
export { memoryStore as memoryKvs } from '../../test-node/forge-helpers.mjs';

/** Forge's documented key rule (forge.md §3): ≤ 500 characters of `[a-zA-Z0-9:._\s-#]`, not only spaces. */
const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/**
 * An EMULATION of the Forge runtime's KVS endpoint, installed as `globalThis.__forge_fetch__`, for the
 * real `kvs` of @forge/kvs. It implements only what `kvs.get/set/delete` use in @forge/kvs 1.6.5
 * (`out/storage-api.js`): POST `/api/v1/get | set | delete` with a JSON body `{ key, value? }`;
 * 404 `KEY_NOT_FOUND`, 400 `INVALID_KEY` by the documented key rule. This is an internal,
 * version-pinned interface, not a public contract.
 */
export function installKvsEndpoint() {
  const data = new Map();
  const requests = [];
  const json = (status, body) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  globalThis.__forge_fetch__ = async (target, path, init) => {
    const body = JSON.parse(init.body);
    requests.push({ target, path, method: init.method, body });
    if (typeof body.key !== 'string' || body.key.length > 500 || !KVS_KEY.test(body.key)) {
      return json(400, { code: 'INVALID_KEY', message: 'Provided key is invalid' });
    }
    switch (path) {
      case '/api/v1/get':
        return data.has(body.key)
          ? json(200, { key: body.key, value: JSON.parse(data.get(body.key)) })
          : json(404, { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' });
      case '/api/v1/set':
        data.set(body.key, JSON.stringify(body.value));
        return json(200);
      case '/api/v1/delete':
        if (!data.has(body.key)) return json(404, { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' });
        data.delete(body.key);
        return json(204);
      default:
        return json(404, { code: 'NOT_FOUND', message: `no emulation of ${path}` });
    }
  };
  return {
    data,
    requests,
    read: (key) => (data.has(key) ? JSON.parse(data.get(key)) : undefined),
  };
}

/** Waits until `predicate()` is true (polling on timers), or fails after `ms`. */
export async function until(predicate, what, ms = 2000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
