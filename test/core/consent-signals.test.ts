// DESIGN "Signals and precedence" (rules 1-4) with injected signals.
import { expect } from '@open-wc/testing';
import {
  BOTH,
  DNT,
  GPC,
  NO_SIGNALS,
  fakeStorage,
  grants,
  loaded,
  makeConfig,
  reload,
  sleep,
  stored,
} from './fixtures.js';

const LISTING_GPC = ['analytics', 'advertising', 'sale-share'];

function signalRecords(records: readonly { method: string }[]): number {
  return records.filter((record) => record.method === 'signal').length;
}

describe('consent: GPC on', () => {
  it('denies every purpose that lists gpc, with source "gpc"', async () => {
    const { consent } = await loaded({ signals: GPC });
    for (const id of LISTING_GPC) {
      expect(consent.granted(id), id).to.equal(false);
      expect(consent.state.choices[id]!.source, id).to.equal('gpc');
    }
  });

  it('denies a legitimate-interest purpose that lists gpc (its default would grant it)', async () => {
    const { consent } = await loaded({ signals: GPC });
    expect(consent.granted('sale-share')).to.equal(false);
  });

  it('leaves a purpose that does not list gpc alone', async () => {
    const { consent } = await loaded({ signals: GPC });
    expect(consent.state.choices['personalisation']).to.include({ granted: false, source: 'default' });
    expect(consent.state.choices['marketing-email']).to.include({ granted: true, source: 'default' });
    expect(consent.undecided).to.deep.equal(['personalisation']);
  });

  it('stores the denial with one "signal" record, written once across reloads', async () => {
    const first = await loaded({ signals: GPC });
    await sleep(10);
    expect(signalRecords(first.consent.records())).to.equal(1);
    expect(first.consent.records()[0]!.signals).to.deep.equal({ gpc: true, dnt: false });
    expect(stored(first.storage).choices['sale-share']).to.include({ granted: false, source: 'gpc' });
    const second = await reload(first, { signals: GPC });
    const third = await reload(second, { signals: GPC });
    await sleep(10);
    expect(signalRecords(third.consent.records())).to.equal(1);
    expect(signalRecords(stored(third.storage).records)).to.equal(1);
    expect(third.storage.saveAttempts).to.equal(1); // nothing to write on the later loads
  });

  it('never writes over what a newer Candor stored (a newer schema): the denial applies, the person\'s decision is saved', async () => {
    const newer = { schema: 2, policyId: 'acme-privacy', choices: { analytics: { granted: true } }, records: [{ id: 'kept' }] };
    const { consent, storage, errors } = await loaded({ signals: GPC, storage: fakeStorage({ initial: newer }) });
    await sleep(10);
    expect(errors.map((error) => error.code), 'reported as unreadable').to.deep.equal(['stored-data']);
    expect(consent.granted('analytics'), 'the signal still applies on this page').to.equal(false);
    expect(storage.saveAttempts, 'nothing written unasked').to.equal(0);
    await consent.rejectAll();
    expect(storage.saveAttempts, 'the person\'s own decision is saved').to.equal(1);
  });

  it('the same when the adapter answers the newer state as a JSON string', async () => {
    const newer = JSON.stringify({ schema: 2, policyId: 'acme-privacy', choices: {}, records: [] });
    const { consent, storage } = await loaded({ signals: GPC, storage: fakeStorage({ initial: newer }) });
    await sleep(10);
    expect(consent.granted('analytics')).to.equal(false);
    expect(storage.saveAttempts, 'nothing written unasked').to.equal(0);
  });

  it('does not acknowledge the policy (a signal is not a decision)', async () => {
    const { consent, storage } = await loaded({ signals: GPC });
    await sleep(10);
    expect(stored(storage).acknowledgedVersion).to.equal(null);
    expect(consent.state.acknowledgedVersion).to.equal(null);
  });

  it('wins over an older opt-in made without GPC (rule 2)', async () => {
    const first = await loaded({ signals: NO_SIGNALS });
    await first.consent.acceptAll();
    first.clock.advance(60_000);
    const { consent } = await reload(first, { signals: GPC });
    for (const id of LISTING_GPC) {
      expect(consent.granted(id), id).to.equal(false);
      expect(consent.state.choices[id]!.source, id).to.equal('gpc');
    }
    expect(grants(consent, ['personalisation', 'marketing-email'])).to.deep.equal({ personalisation: true, 'marketing-email': true });
  });

  it('loses to an opt-in the person made while GPC was on (rule 1)', async () => {
    const first = await loaded({ signals: GPC });
    await first.consent.set({ analytics: true, 'sale-share': true });
    first.clock.advance(60_000);
    const { consent } = await reload(first, { signals: GPC });
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.granted('sale-share')).to.equal(true);
    expect(consent.state.choices['analytics']!.source).to.equal('user');
    expect(consent.granted('advertising')).to.equal(false);
  });

  it('keeps its denial on a later load without GPC: absence never opts back in', async () => {
    const first = await loaded({ signals: GPC });
    first.clock.advance(60_000);
    const { consent } = await reload(first, { signals: NO_SIGNALS });
    expect(consent.granted('sale-share')).to.equal(false);
    expect(consent.state.choices['sale-share']!.source).to.equal('gpc');
    expect(consent.granted('analytics')).to.equal(false);
  });

  it('keeps its denial of an older opt-in on a later load without GPC', async () => {
    const first = await loaded({ signals: NO_SIGNALS });
    await first.consent.acceptAll();
    first.clock.advance(60_000);
    const second = await reload(first, { signals: GPC });
    second.clock.advance(60_000);
    const { consent } = await reload(second, { signals: NO_SIGNALS });
    for (const id of LISTING_GPC) expect(consent.granted(id), id).to.equal(false);
  });

  it('is not honoured with signals { gpc: "ignore" }', async () => {
    const { consent } = await loaded({ signals: GPC, config: makeConfig({ signals: { gpc: 'ignore' } }) });
    expect(consent.granted('sale-share')).to.equal(true);
    expect(consent.state.choices['analytics']!.source).to.equal('default');
    expect(consent.undecided).to.include('analytics');
    expect(consent.records()).to.have.length(0);
  });
});

describe('consent: DNT on', () => {
  it('denies every purpose that lists dnt, with source "dnt"', async () => {
    const { consent } = await loaded({ signals: DNT });
    for (const id of ['analytics', 'advertising']) {
      expect(consent.granted(id), id).to.equal(false);
      expect(consent.state.choices[id]!.source, id).to.equal('dnt');
    }
    expect(signalRecords(consent.records())).to.equal(1);
  });

  it('leaves a purpose that lists only gpc alone', async () => {
    const { consent } = await loaded({ signals: DNT });
    expect(consent.state.choices['sale-share']).to.include({ granted: true, source: 'default' });
  });

  it('wins over an older opt-in made without DNT, loses to one made with it', async () => {
    const first = await loaded({ signals: NO_SIGNALS });
    await first.consent.set({ analytics: true });
    first.clock.advance(60_000);
    const second = await reload(first, { signals: DNT });
    expect(second.consent.state.choices['analytics']).to.include({ granted: false, source: 'dnt' });
    await second.consent.set({ analytics: true });
    second.clock.advance(60_000);
    const { consent } = await reload(second, { signals: DNT });
    expect(consent.state.choices['analytics']).to.include({ granted: true, source: 'user' });
  });

  it('keeps its denial on a later load without DNT', async () => {
    const first = await loaded({ signals: DNT });
    first.clock.advance(60_000);
    const { consent } = await reload(first, { signals: NO_SIGNALS });
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'dnt' });
  });

  it('is not honoured with signals { dnt: "ignore" }', async () => {
    const { consent } = await loaded({ signals: DNT, config: makeConfig({ signals: { dnt: 'ignore' } }) });
    expect(consent.state.choices['analytics']!.source).to.equal('default');
    expect(consent.undecided).to.include('analytics');
    expect(consent.records()).to.have.length(0);
  });
});

describe('consent: GPC and DNT both on', () => {
  it('records source "gpc" for a purpose listing both', async () => {
    const { consent } = await loaded({ signals: BOTH });
    expect(consent.state.choices['analytics']!.source).to.equal('gpc');
    expect(consent.state.choices['advertising']!.source).to.equal('gpc');
  });

  it('an opt-in made with only GPC on does not beat DNT (every honoured signal on now must have been on)', async () => {
    const first = await loaded({ signals: GPC });
    await first.consent.set({ analytics: true });
    first.clock.advance(60_000);
    const { consent } = await reload(first, { signals: BOTH });
    expect(consent.granted('analytics')).to.equal(false);
  });
});
