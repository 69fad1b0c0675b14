// (c) The full round trip, every Forge package real:
//   page: createConsent (dist/core/consent.js) + forgeStorage (dist/storage/forge.js) over the REAL
//         @forge/bridge `invoke`
//   → fake host `callBridge` (JSON over the wire, as the platform sends it to the function)
//   → the REAL @forge/resolver handler with consentHandlers (dist/forge.js) registered
//   → a store: an in-memory kvs, and the REAL `kvs` of @forge/kvs over an emulated KVS endpoint
//   → reload: a new createConsent with a new forgeStorage sees the same choices.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALICE,
  MALLORY,
  NO_SIGNALS,
  NOW,
  config,
  consentHandlers,
  createConsent,
  forgeFunctionRoute,
  forgeStorage,
  installHost,
  installKvsEndpoint,
  loadResolver,
  memoryKvs,
  storageKey,
  until,
} from './helpers.mjs';

const { host, bridge } = await installHost();
const { Resolver } = await loadResolver();
const { kvs } = await import('@forge/kvs');

/** Who the platform says is signed in, per call. */
let signedIn = { accountId: ALICE };

/** Deploys "the app": the resolver of DESIGN.md "Forge" over `store`, reached through the host. */
function deploy(store) {
  const resolver = new Resolver();
  for (const [key, fn] of Object.entries(consentHandlers({ store, purposes: config().purposes, now: () => NOW + 1000 }))) {
    resolver.define(key, fn);
  }
  host.calls.length = 0;
  host.route = forgeFunctionRoute(resolver.getDefinitions(), () => signedIn);
}

/** A page load: a new controller with a new forgeStorage over the real bridge's invoke. */
async function openPage(options = {}) {
  const errors = [];
  const consent = createConsent({
    config: config(),
    storage: forgeStorage({ invoke: bridge.invoke }),
    signals: NO_SIGNALS,
    locale: 'en-US',
    now: () => NOW,
    onError: (error) => errors.push(error),
    ...options,
  });
  await consent.ready;
  return { consent, errors };
}

const functionKeys = () => host.calls.map((c) => c.payload.functionKey ?? c.name);

const stores = [
  {
    name: 'an in-memory kvs',
    make() {
      const store = memoryKvs();
      return { store, read: (key) => store.read(key), keys: () => [...store.data.keys()] };
    },
  },
  {
    name: 'the real @forge/kvs over an emulated KVS endpoint',
    make() {
      const endpoint = installKvsEndpoint();
      return { store: kvs, read: endpoint.read, keys: () => [...endpoint.data.keys()], endpoint };
    },
  },
];

for (const variant of stores) {
  describe(`round trip through the real bridge and resolver into ${variant.name}`, () => {
    test('choices saved on one page load are there on the next, stored under the signed-in account', async () => {
      const backend = variant.make();
      deploy(backend.store);
      signedIn = { accountId: ALICE };

      const first = await openPage();
      assert.equal(first.consent.needsBanner, true);
      await first.consent.set({ analytics: true, advertising: false });
      await until(() => first.consent.saveStatus === 'saved', 'the save');
      first.consent.destroy();
      assert.deepEqual(first.errors, []);
      assert.deepEqual(functionKeys(), ['candor.consent.get', 'candor.consent.set']);

      assert.deepEqual(backend.keys(), [storageKey(ALICE)]);
      const stored = backend.read(storageKey(ALICE));
      assert.equal(stored.policyId, 'acme-forge');
      assert.equal(stored.updatedAt, new Date(NOW + 1000).toISOString(), 'the server set updatedAt');

      const reload = await openPage();
      assert.deepEqual(reload.errors, []);
      assert.equal(reload.consent.needsBanner, false);
      assert.equal(reload.consent.granted('necessary'), true);
      assert.equal(reload.consent.granted('analytics'), true);
      assert.equal(reload.consent.granted('advertising'), false);
      assert.deepEqual(reload.consent.state.choices, first.consent.state.choices);
      assert.deepEqual(reload.consent.records(), first.consent.records());
      reload.consent.destroy();

      if (backend.endpoint) {
        // What the real kvs sent to the (emulated) runtime: plain get/set on the principal's key
        // (the set reads first: a write older than the stored one from the same page is dropped).
        assert.deepEqual(
          backend.endpoint.requests.map((r) => [r.target, r.method, r.path, r.body.key]),
          [
            [{ type: 'kvs', provider: 'app', remote: 'kvs' }, 'POST', '/api/v1/get', storageKey(ALICE)],
            [{ type: 'kvs', provider: 'app', remote: 'kvs' }, 'POST', '/api/v1/get', storageKey(ALICE)],
            [{ type: 'kvs', provider: 'app', remote: 'kvs' }, 'POST', '/api/v1/set', storageKey(ALICE)],
            [{ type: 'kvs', provider: 'app', remote: 'kvs' }, 'POST', '/api/v1/get', storageKey(ALICE)],
          ],
        );
      }
    });

    test('a later change and a withdrawal survive reloads too', async () => {
      const backend = variant.make();
      deploy(backend.store);
      signedIn = { accountId: ALICE };

      const first = await openPage();
      await first.consent.acceptAll();
      await until(() => first.consent.saveStatus === 'saved', 'the save');
      first.consent.destroy();

      const second = await openPage();
      assert.equal(second.consent.granted('advertising'), true);
      await second.consent.withdraw();
      await until(() => second.consent.saveStatus === 'saved', 'the save');
      second.consent.destroy();

      const third = await openPage();
      assert.deepEqual(third.errors, []);
      assert.equal(third.consent.granted('analytics'), false);
      assert.equal(third.consent.granted('advertising'), false);
      assert.equal(third.consent.granted('necessary'), true);
      assert.deepEqual(third.consent.records().map((r) => r.method), ['withdraw', 'accept-all']);
      third.consent.destroy();
    });

    test('another account signed in to the same app sees none of it', async () => {
      const backend = variant.make();
      deploy(backend.store);
      signedIn = { accountId: ALICE };
      const alice = await openPage();
      await alice.consent.acceptAll();
      await until(() => alice.consent.saveStatus === 'saved', 'the save');
      alice.consent.destroy();

      signedIn = { accountId: MALLORY };
      const mallory = await openPage();
      assert.equal(mallory.consent.needsBanner, true);
      assert.equal(mallory.consent.granted('analytics'), false);
      mallory.consent.destroy();
      assert.deepEqual(backend.keys(), [storageKey(ALICE)]);
    });

    test('forgeStorage.clear() goes through to the store', async () => {
      const backend = variant.make();
      deploy(backend.store);
      signedIn = { accountId: ALICE };
      const page = await openPage();
      await page.consent.acceptAll();
      await until(() => page.consent.saveStatus === 'saved', 'the save');
      page.consent.destroy();
      assert.equal(backend.keys().length, 1);
      await forgeStorage({ invoke: bridge.invoke }).clear();
      assert.deepEqual(backend.keys(), []);
      assert.equal(await forgeStorage({ invoke: bridge.invoke }).load(), null);
    });
  });
}

describe('an anonymous viewer through the real bridge and resolver', () => {
  test('is refused by the resolver; the page keeps choices for this visit only, with no retry loop', async () => {
    const store = memoryKvs();
    deploy(store);
    signedIn = { accountId: undefined, accountType: 'anonymous' };
    const page = await openPage();
    assert.equal(page.consent.persistent, false);
    await page.consent.acceptAll();
    assert.equal(page.consent.granted('analytics'), true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(functionKeys(), ['candor.consent.get'], 'nothing is sent after the refusal');
    assert.deepEqual(store.calls, []);
    page.consent.destroy();
  });
});

describe('host cookie consent through the real getCookieConsentPreferences', () => {
  const hostConfig = () => ({ ...config(), host: { cookieCategories: { analytics: 'analytics', marketing: 'advertising' } } });

  test('the bridge asks the host with callBridge("getCookieConsentPreferences"); mapped purposes follow the host', async () => {
    const store = memoryKvs();
    deploy(store);
    signedIn = { accountId: ALICE };
    const resolverRoute = host.route;
    host.route = (name, payload) =>
      name === 'getCookieConsentPreferences'
        ? { strictlyNecessary: true, functional: false, analytics: true, marketing: false }
        : resolverRoute(name, payload);
    const page = await openPage({ config: hostConfig(), host: { cookiePreferences: bridge.getCookieConsentPreferences } });
    assert.deepEqual(
      host.calls.filter((c) => c.name === 'getCookieConsentPreferences'),
      [{ name: 'getCookieConsentPreferences', payload: undefined }],
    );
    assert.equal(page.consent.hostDecides('analytics'), true);
    assert.equal(page.consent.granted('analytics'), true);
    assert.equal(page.consent.state.choices.analytics.source, 'host');
    assert.equal(page.consent.granted('advertising'), false);
    assert.equal(page.consent.needsBanner, false);
    page.consent.destroy();
  });

  test('a host without the API (callBridge throws) reads as null: Candor behaves as on any site', async () => {
    const store = memoryKvs();
    deploy(store);
    signedIn = { accountId: ALICE };
    const resolverRoute = host.route;
    host.route = (name, payload) => {
      if (name === 'getCookieConsentPreferences') throw new Error('Unknown bridge method');
      return resolverRoute(name, payload);
    };
    const page = await openPage({ config: hostConfig(), host: { cookiePreferences: bridge.getCookieConsentPreferences } });
    assert.equal(page.consent.hostDecides('analytics'), false);
    assert.equal(page.consent.needsBanner, true);
    assert.deepEqual(page.errors, []);
    page.consent.destroy();
  });
});
