// Host cookie consent (Atlassian Forge: getCookieConsentPreferences): mapped purposes follow the
// host with source "host", need no banner, are recorded once per change; null means no host.
import { expect } from '@open-wc/testing';
import type { HostCookiePreferences } from '../../src/core/index.js';
import { fakeStorage, harness, makeConfig, waitFor } from './fixtures.js';

const mapping = { host: { cookieCategories: { analytics: 'analytics', marketing: 'advertising', functional: 'personalisation' } } };

function hostWith(prefs: HostCookiePreferences | null) {
  const listeners = new Set<() => void>();
  const host = {
    prefs,
    calls: 0,
    cookiePreferences: async () => {
      host.calls += 1;
      return host.prefs;
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change(next: HostCookiePreferences | null) {
      host.prefs = next;
      for (const listener of listeners) listener();
    },
  };
  return host;
}

describe('consent: host cookie preferences', () => {
  it('mapped purposes follow the host (source "host") and need no banner', async () => {
    const host = hostWith({ strictlyNecessary: true, functional: false, analytics: true, marketing: false });
    const { consent } = harness({ config: makeConfig(mapping), host });
    await consent.ready;
    expect(consent.state.choices['analytics']).to.include({ granted: true, source: 'host' });
    expect(consent.state.choices['advertising']).to.include({ granted: false, source: 'host' });
    expect(consent.state.choices['personalisation']).to.include({ granted: false, source: 'host' });
    expect(consent.needsBanner).to.equal(false); // every consent purpose is decided by the host
    expect(consent.hostDecides('analytics')).to.equal(true);
    expect(consent.hostDecides('marketing-email')).to.equal(false);
    expect(consent.records()[0]?.method).to.equal('host');
  });

  it('records the host once: a second load with the same preferences writes nothing', async () => {
    const storage = fakeStorage();
    const first = harness({ config: makeConfig(mapping), storage, host: hostWith({ analytics: true, marketing: false, functional: true }) });
    await first.consent.ready;
    await waitFor(() => storage.writes.length === 1, 500, 'host record saved');
    const second = harness({ config: makeConfig(mapping), storage, host: hostWith({ analytics: true, marketing: false, functional: true }) });
    await second.consent.ready;
    expect(second.consent.granted('analytics')).to.equal(true);
    expect(storage.writes).to.have.length(1);
    expect(second.consent.records().filter((record) => record.method === 'host')).to.have.length(1);
  });

  it('null (no host preferences) behaves as on any site', async () => {
    const { consent } = harness({ config: makeConfig(mapping), host: hostWith(null) });
    await consent.ready;
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'default' });
    expect(consent.needsBanner).to.equal(true);
    expect(consent.hostDecides('analytics')).to.equal(false);
  });

  it('an honoured signal still wins over a host grant', async () => {
    const { consent } = harness({ config: makeConfig(mapping), host: hostWith({ analytics: true }), signals: { gpc: true, dnt: false } });
    await consent.ready;
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'gpc' });
  });

  it('a host that throws is reported and Candor asks itself', async () => {
    const { consent, errors } = harness({
      config: makeConfig(mapping),
      host: { cookiePreferences: () => Promise.reject(new Error('bridge unavailable')) },
    });
    await consent.ready;
    expect(consent.needsBanner).to.equal(true);
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
    expect(errors[0]?.message).to.contain('bridge unavailable');
  });

  it('a change of the host choice applies at once, with origin "host" and a record', async () => {
    const host = hostWith({ analytics: false, marketing: false, functional: false });
    const { consent, changes } = harness({ config: makeConfig(mapping), host });
    await consent.ready;
    host.change({ analytics: true, marketing: false, functional: false });
    await waitFor(() => consent.granted('analytics'), 500, 'host change applied');
    const change = changes.find((detail) => detail.changed.includes('analytics'));
    expect(change?.origin).to.equal('host');
    expect(consent.records()[0]?.method).to.equal('host');
  });

  it('Accept all leaves the purposes the host decides to the host; Reject all still refuses them', async () => {
    const host = hostWith({ strictlyNecessary: true, functional: true, analytics: false, marketing: false });
    const { consent } = harness({ config: makeConfig(mapping), host });
    await consent.ready;
    await consent.acceptAll();
    // The host said no to analytics cookies: "Accept all" in the app does not overrule it.
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'host' });
    expect(consent.state.choices['advertising']).to.include({ granted: false, source: 'host' });
    expect(consent.state.choices['marketing-email']).to.include({ granted: true, source: 'user' });
    await consent.rejectAll();
    // A refusal is never held back: it applies to what the host granted too.
    expect(consent.state.choices['personalisation']).to.include({ granted: false, source: 'user' });
    expect(consent.state.choices['marketing-email']).to.include({ granted: false, source: 'user' });
  });

  it('without a host mapping in the config the host is not asked', async () => {
    const host = hostWith({ analytics: true });
    const { consent } = harness({ host });
    await consent.ready;
    expect(host.calls).to.equal(0);
    expect(consent.granted('analytics')).to.equal(false);
  });
});
