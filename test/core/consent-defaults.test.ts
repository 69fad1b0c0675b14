// Legal-basis defaults, what holds while storage has not answered, calls before `ready`,
// and invalid configs (DESIGN "Config", "JavaScript API").
import { expect } from '@open-wc/testing';
import { CandorConfigError, createConsent } from '../../src/core/consent.js';
import {
  CONSENT_IDS,
  DAY,
  START,
  fakeStorage,
  grants,
  harness,
  loaded,
  makeConfig,
  sleep,
  stored,
  storedState,
  userChoice,
  waitFor,
} from './fixtures.js';

describe('consent: legal-basis defaults (no stored choice)', () => {
  it('grants a necessary purpose, with source "default"', async () => {
    const { consent } = await loaded();
    expect(consent.granted('necessary')).to.equal(true);
    expect(consent.state.choices['necessary']).to.include({ granted: true, source: 'default' });
  });

  it('denies every consent purpose and lists it in `undecided`', async () => {
    const { consent } = await loaded();
    for (const id of CONSENT_IDS) {
      expect(consent.granted(id), id).to.equal(false);
      expect(consent.state.choices[id], id).to.include({ granted: false, source: 'default' });
    }
    expect([...consent.undecided].sort()).to.deep.equal([...CONSENT_IDS].sort());
    expect(consent.needsBanner).to.equal(true);
  });

  it('grants a legitimate-interest purpose (opt-out) and does not list it as undecided', async () => {
    const { consent } = await loaded();
    expect(consent.granted('sale-share')).to.equal(true);
    expect(consent.granted('marketing-email')).to.equal(true);
    expect(consent.state.choices['marketing-email']).to.include({ granted: true, source: 'default' });
    expect(consent.undecided).not.to.include('marketing-email');
  });

  it('holds an effective choice for every configured purpose, and nothing else', async () => {
    const { consent } = await loaded();
    expect(Object.keys(consent.state.choices).sort()).to.deep.equal(consent.config.purposes.map((p) => p.id).sort());
  });

  it('writes nothing to storage on a first visit without signals', async () => {
    const { storage } = await loaded();
    await sleep(20);
    expect(storage.saveAttempts).to.equal(0);
  });

  it('grants an unknown purpose id nothing', async () => {
    const { consent } = await loaded();
    expect(consent.granted('no-such-purpose')).to.equal(false);
  });
});

describe('consent: while storage has not answered or failed', () => {
  it('grants nothing but necessary before load answers, then the basis defaults', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent } = harness({ storage });
    expect(consent.granted('necessary')).to.equal(true);
    expect(consent.granted('sale-share')).to.equal(false);
    expect(consent.granted('marketing-email')).to.equal(false);
    expect(consent.granted('analytics')).to.equal(false);
    await waitFor(() => storage.pending.length === 1, 1000, 'load call');
    storage.pending[0]!.succeed(null);
    await consent.ready;
    expect(consent.granted('sale-share')).to.equal(true);
    expect(consent.granted('marketing-email')).to.equal(true);
  });

  it('load rejects: ready resolves, only necessary is granted, onError gets "storage"', async () => {
    const storage = fakeStorage({ load: 'reject' });
    const { consent, errors } = await loaded({ storage });
    expect(grants(consent)).to.deep.equal({
      necessary: true, analytics: false, advertising: false, personalisation: false, 'sale-share': false, 'marketing-email': false,
    });
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
  });

  it('load throws synchronously: ready resolves, only necessary is granted, onError gets "storage"', async () => {
    const storage = fakeStorage({ load: 'throw' });
    const { consent, errors } = await loaded({ storage });
    expect(grants(consent, ['necessary', 'sale-share', 'marketing-email', 'analytics'])).to.deep.equal({
      necessary: true, 'sale-share': false, 'marketing-email': false, analytics: false,
    });
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
  });

  it('load hangs past timeoutMs: ready resolves after the timeout, only necessary is granted, onError gets "storage"', async () => {
    const storage = fakeStorage({ load: 'hang' });
    const started = performance.now();
    const { consent, errors } = await loaded({ storage, timeoutMs: 60 });
    expect(performance.now() - started).to.be.greaterThan(50);
    expect(grants(consent, ['necessary', 'sale-share', 'marketing-email'])).to.deep.equal({
      necessary: true, 'sale-share': false, 'marketing-email': false,
    });
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('storage');
  });

  it('a failed load counts as "no choice yet": every consent purpose is undecided and the banner is needed', async () => {
    const { consent } = await loaded({ storage: fakeStorage({ load: 'reject' }) });
    expect([...consent.undecided].sort()).to.deep.equal([...CONSENT_IDS].sort());
    expect(consent.needsBanner).to.equal(true);
  });
});

describe('consent: calls made before ready', () => {
  it('wait for the load and apply on top of the loaded state', async () => {
    const initial = storedState({
      analytics: userChoice(true, START - DAY),
      'marketing-email': userChoice(false, START - DAY),
    }, START - DAY);
    const storage = fakeStorage({ initial, load: 'manual' });
    const { consent } = harness({ storage });
    const done = consent.set({ advertising: true });
    await waitFor(() => storage.pending.length === 1, 1000, 'load call');
    expect(storage.saveAttempts).to.equal(0); // nothing written before the load answered
    storage.pending[0]!.succeed();
    await done;
    expect(grants(consent, ['analytics', 'advertising', 'marketing-email'])).to.deep.equal({
      analytics: true, advertising: true, 'marketing-email': false,
    });
    const saved = stored(storage);
    expect(saved.choices['analytics']!.granted).to.equal(true);
    expect(saved.choices['marketing-email']!.granted).to.equal(false);
    expect(saved.choices['advertising']!.granted).to.equal(true);
  });

  it('acceptAll() before ready resolves after ready with the decision applied', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent } = harness({ storage });
    let readyFirst = false;
    void consent.ready.then(() => { readyFirst = true; });
    const done = consent.acceptAll().then((state) => {
      expect(readyFirst, 'ready resolved before the call applied').to.equal(true);
      return state;
    });
    await waitFor(() => storage.pending.length === 1, 1000, 'load call');
    storage.pending[0]!.succeed(null);
    const state = await done;
    expect(state.choices['analytics']!.granted).to.equal(true);
    expect(consent.records()[0]!.method).to.equal('accept-all');
  });
});

describe('createConsent: invalid config', () => {
  it('throws a CandorConfigError listing every problem with its path', () => {
    const config = makeConfig();
    (config.purposes[1] as { basis: string }).basis = 'maybe';
    (config.policy as { id?: string }).id = undefined;
    let thrown: unknown;
    try {
      createConsent({ config, storage: fakeStorage(), signals: { gpc: false, dnt: false } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(CandorConfigError);
    expect(thrown).to.be.instanceOf(TypeError);
    const problems = (thrown as CandorConfigError).problems;
    expect(problems.some((p) => p.startsWith('purposes[1].basis:'))).to.equal(true);
    expect(problems.some((p) => p.startsWith('policy.id:'))).to.equal(true);
  });

  it('touches no storage when the config is invalid', () => {
    const storage = fakeStorage();
    expect(() => createConsent({ config: { policy: {}, purposes: [] } as never, storage })).to.throw(CandorConfigError);
    expect(storage.calls).to.have.length(0);
  });

  it('rejects a config that is not an object', () => {
    expect(() => createConsent({ config: null as never, storage: fakeStorage() })).to.throw(CandorConfigError);
  });
});
