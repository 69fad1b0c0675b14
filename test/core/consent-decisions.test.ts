// DESIGN "Decisions (what each action does)": one test per rule.
import { expect } from '@open-wc/testing';
import {
  CONSENT_IDS,
  GPC,
  LI_IDS,
  OPTIONAL_IDS,
  grants,
  loaded,
  makeConfig,
  sleep,
  stored,
} from './fixtures.js';

describe('consent: acceptAll()', () => {
  it('grants every purpose, as the person\'s own choice', async () => {
    const { consent } = await loaded();
    await consent.acceptAll();
    for (const id of OPTIONAL_IDS) {
      expect(consent.granted(id), id).to.equal(true);
      expect(consent.state.choices[id]!.source, id).to.equal('user');
    }
    expect(consent.undecided).to.deep.equal([]);
    expect(consent.records()[0]!.method).to.equal('accept-all');
  });

  it('does not grant a purpose an honoured signal denies (GPC on)', async () => {
    const { consent } = await loaded({ signals: GPC });
    await consent.acceptAll();
    expect(grants(consent, OPTIONAL_IDS)).to.deep.equal({
      analytics: false, advertising: false, personalisation: true, 'sale-share': false, 'marketing-email': true,
    });
    for (const id of ['analytics', 'advertising', 'sale-share']) expect(consent.state.choices[id]!.source, id).to.equal('gpc');
  });

  it('a purpose\'s own switch (set) overrides the signal, recorded with the signal on', async () => {
    const { consent } = await loaded({ signals: GPC });
    await consent.acceptAll();
    await consent.set({ analytics: true });
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.state.choices['analytics']).to.deep.include({ granted: true, source: 'user', signals: { gpc: true, dnt: false } });
    expect(consent.granted('advertising')).to.equal(false); // only that purpose's switch
  });
});

describe('consent: rejectAll()', () => {
  it('denies every purpose that is not necessary, legitimate-interest ones included', async () => {
    const { consent } = await loaded();
    await consent.rejectAll();
    expect(grants(consent)).to.deep.equal({
      necessary: true, analytics: false, advertising: false, personalisation: false, 'sale-share': false, 'marketing-email': false,
    });
    for (const id of OPTIONAL_IDS) expect(consent.state.choices[id]!.source, id).to.equal('user');
    expect(consent.undecided).to.deep.equal([]);
    expect(consent.needsBanner).to.equal(false);
    expect(consent.records()[0]!.method).to.equal('reject-all');
  });
});

describe('consent: set()', () => {
  it('records exactly the switches given and leaves every other purpose as it was', async () => {
    const { consent, storage } = await loaded();
    await consent.set({ analytics: true, 'marketing-email': false });
    expect(consent.state.choices['analytics']).to.include({ granted: true, source: 'user' });
    expect(consent.state.choices['marketing-email']).to.include({ granted: false, source: 'user' });
    expect(consent.state.choices['advertising']).to.include({ granted: false, source: 'default' });
    expect(consent.state.choices['sale-share']).to.include({ granted: true, source: 'default' });
    expect(consent.undecided).to.include('advertising');
    expect(Object.keys(stored(storage).choices).sort()).to.deep.equal(['analytics', 'marketing-email']);
  });

  it('records method "api" by default', async () => {
    const { consent } = await loaded();
    await consent.set({ analytics: true });
    expect(consent.records()[0]!.method).to.equal('api');
  });

  it('records method "save" with { method: "save" }', async () => {
    const { consent } = await loaded();
    await consent.set({ analytics: true }, { method: 'save' });
    expect(consent.records()[0]!.method).to.equal('save');
  });

  it('rejects an unknown purpose with a TypeError naming it, and records nothing', async () => {
    const { consent, storage, errors } = await loaded();
    let thrown: unknown;
    await consent.set({ analytics: true, 'no-such-purpose': true }).catch((error: unknown) => { thrown = error; });
    expect(thrown).to.be.instanceOf(TypeError);
    expect((thrown as Error).message).to.contain('no-such-purpose');
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.records()).to.have.length(0);
    await sleep(10);
    expect(storage.saveAttempts).to.equal(0);
    expect(errors.map((e) => e.code)).to.deep.equal(['input']);
  });

  it('rejects a non-boolean value with a TypeError naming the purpose', async () => {
    const { consent } = await loaded();
    let thrown: unknown;
    await consent.set({ advertising: 'yes' as unknown as boolean }).catch((error: unknown) => { thrown = error; });
    expect(thrown).to.be.instanceOf(TypeError);
    expect((thrown as Error).message).to.contain('advertising');
    expect(consent.granted('advertising')).to.equal(false);
  });

  it('rejects necessary: false with a TypeError naming the purpose', async () => {
    const { consent } = await loaded();
    let thrown: unknown;
    await consent.set({ necessary: false }).catch((error: unknown) => { thrown = error; });
    expect(thrown).to.be.instanceOf(TypeError);
    expect((thrown as Error).message).to.contain('necessary');
    expect(consent.granted('necessary')).to.equal(true);
    expect(consent.records()).to.have.length(0);
  });
});

describe('consent: withdraw()', () => {
  it('denies every consent purpose, keeps objections, and re-grants nothing', async () => {
    const { consent } = await loaded();
    await consent.acceptAll();
    await consent.set({ 'marketing-email': false }); // an objection
    const before = grants(consent);
    await consent.withdraw();
    for (const id of CONSENT_IDS) {
      expect(consent.granted(id), id).to.equal(false);
      expect(consent.state.choices[id]!.source, id).to.equal('user');
    }
    expect(consent.granted('marketing-email')).to.equal(false);
    expect(consent.granted('sale-share')).to.equal(true); // not a consent: withdraw() leaves it
    for (const [id, was] of Object.entries(before)) if (!was) expect(consent.granted(id), `${id} re-granted`).to.equal(false);
    expect(consent.records()[0]!.method).to.equal('withdraw');
  });

  it('after a refusal grants nothing (not even a refused legitimate-interest purpose)', async () => {
    const { consent } = await loaded();
    await consent.rejectAll();
    await consent.withdraw();
    for (const id of OPTIONAL_IDS) expect(consent.granted(id), id).to.equal(false);
  });
});

describe('consent: optOut()', () => {
  it('denies exactly the purposes that list a signal', async () => {
    const { consent } = await loaded();
    await consent.acceptAll();
    await consent.optOut();
    expect(grants(consent, OPTIONAL_IDS)).to.deep.equal({
      analytics: false, advertising: false, personalisation: true, 'sale-share': false, 'marketing-email': true,
    });
    expect(consent.records()[0]!.method).to.equal('opt-out');
  });
});

describe('consent: needsBanner', () => {
  it('stays true until every consent purpose is decided, then false', async () => {
    const { consent } = await loaded();
    expect(consent.needsBanner).to.equal(true);
    await consent.set({ analytics: true, advertising: false });
    expect(consent.needsBanner).to.equal(true);
    expect(consent.undecided).to.deep.equal(['personalisation']);
    await consent.set({ personalisation: false });
    expect(consent.needsBanner).to.equal(false);
  });

  it('is not needed for a legitimate-interest purpose (only consent purposes are asked)', async () => {
    const { consent } = await loaded();
    await consent.set({ analytics: false, advertising: false, personalisation: false });
    expect(consent.needsBanner).to.equal(false);
    for (const id of LI_IDS) expect(consent.granted(id)).to.equal(true);
  });

  it('counts a consent purpose denied by an honoured signal as decided', async () => {
    const { consent } = await loaded({ signals: GPC });
    expect(consent.undecided).to.deep.equal(['personalisation']);
    await consent.set({ personalisation: false });
    expect(consent.needsBanner).to.equal(false);
  });
});

describe('consent: a config with no consent-basis purpose (a notice)', () => {
  const noticeConfig = () => makeConfig({
    purposes: [
      { id: 'necessary', basis: 'necessary' },
      { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ],
  });

  it('needs the banner until acknowledged, then not', async () => {
    const { consent } = await loaded({ config: noticeConfig() });
    expect(consent.needsBanner).to.equal(true);
    await consent.acknowledge();
    expect(consent.needsBanner).to.equal(false);
    expect(consent.granted('sale-share')).to.equal(true); // OK is an acknowledgement, not consent or objection
  });

  it('needs the banner until any decision (opting out), then not', async () => {
    const { consent } = await loaded({ config: noticeConfig() });
    await consent.optOut();
    expect(consent.needsBanner).to.equal(false);
    expect(consent.granted('sale-share')).to.equal(false);
  });

  it('stays acknowledged on the next load', async () => {
    const first = await loaded({ config: noticeConfig() });
    await first.consent.acknowledge();
    const second = await loaded({ config: noticeConfig(), storage: first.storage, clock: first.clock });
    expect(second.consent.needsBanner).to.equal(false);
  });
});
