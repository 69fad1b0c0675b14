// Choice lifetime (DESIGN config `expiresAfterDays`; standards E10): default 182 days,
// refusals kept exactly as long as consents, hard cap 395 days.
import { expect } from '@open-wc/testing';
import {
  DAY,
  GPC,
  NO_SIGNALS,
  START,
  fakeStorage,
  harness,
  loaded,
  makeConfig,
  reload,
  stored,
  storedState,
  testClock,
  userChoice,
  waitFor,
} from './fixtures.js';

describe('consent: expiry (default 182 days)', () => {
  it('sets expiresAt 182 days after the decision', async () => {
    const { consent, storage } = await loaded();
    await consent.acceptAll();
    expect(consent.state.expiresAt).to.equal(new Date(START + 182 * DAY).toISOString());
    expect(stored(storage).expiresAt).to.equal(new Date(START + 182 * DAY).toISOString());
  });

  it('keeps the choices at 181 days', async () => {
    const first = await loaded();
    await first.consent.acceptAll();
    first.clock.advance(181 * DAY);
    const { consent } = await reload(first);
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.needsBanner).to.equal(false);
    expect(consent.records().map((r) => r.method)).to.deep.equal(['accept-all']);
  });

  it('at 183 days makes consent purposes undecided again and writes an "expire" record', async () => {
    const first = await loaded();
    await first.consent.acceptAll();
    first.clock.advance(183 * DAY);
    const { consent, storage } = await reload(first);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.state.choices['analytics']!.source).to.equal('default');
    expect(consent.needsBanner).to.equal(true);
    expect(consent.records()[0]!.method).to.equal('expire');
    expect(stored(storage).records[0]!.method).to.equal('expire');
    expect(stored(storage).choices['analytics']).to.equal(undefined);
  });

  it('writes the "expire" record once, not on every later load', async () => {
    const first = await loaded();
    await first.consent.acceptAll();
    first.clock.advance(183 * DAY);
    const second = await reload(first);
    second.clock.advance(DAY);
    const { consent } = await reload(second);
    expect(consent.records().filter((r) => r.method === 'expire')).to.have.length(1);
  });

  it('keeps a refusal exactly as long as a consent: not re-asked at 181 days', async () => {
    const first = await loaded();
    await first.consent.rejectAll();
    first.clock.advance(181 * DAY);
    const { consent } = await reload(first);
    expect(consent.needsBanner).to.equal(false);
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'user' });
  });

  it('re-asks a refusal at 183 days, like a consent', async () => {
    const first = await loaded();
    await first.consent.rejectAll();
    first.clock.advance(183 * DAY);
    const { consent } = await reload(first);
    expect(consent.needsBanner).to.equal(true);
    expect(consent.records()[0]!.method).to.equal('expire');
  });

  it('never re-grants an objection when choices expire (nothing is re-granted by Candor itself)', async () => {
    const first = await loaded();
    await first.consent.rejectAll();
    first.clock.advance(183 * DAY);
    const { consent } = await reload(first);
    expect(consent.granted('sale-share')).to.equal(false);
    expect(consent.granted('marketing-email')).to.equal(false);
  });

  it('never re-grants a stored GPC denial when choices expire on a visit without GPC', async () => {
    const first = await loaded({ signals: GPC });
    await first.consent.set({ personalisation: true });
    first.clock.advance(183 * DAY);
    const { consent } = await reload(first, { signals: NO_SIGNALS });
    expect(consent.granted('sale-share')).to.equal(false);
    expect(consent.granted('personalisation')).to.equal(false);
  });

  it('respects expiresAfterDays: 30', async () => {
    const config = makeConfig({ expiresAfterDays: 30 });
    const first = await loaded({ config });
    await first.consent.acceptAll();
    expect(first.consent.state.expiresAt).to.equal(new Date(START + 30 * DAY).toISOString());
    first.clock.advance(29 * DAY);
    const kept = await reload(first);
    expect(kept.consent.granted('analytics')).to.equal(true);
    kept.clock.advance(2 * DAY);
    const { consent } = await reload(kept);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.records()[0]!.method).to.equal('expire');
  });

  it('caps a stored expiresAt beyond 395 days', async () => {
    const decided = START - 394 * DAY;
    const initial = storedState({ analytics: userChoice(true, decided) }, decided, {
      expiresAt: new Date(decided + 1000 * DAY).toISOString(),
    });
    const config = makeConfig({ expiresAfterDays: 395 });
    const early = await loaded({ config, storage: fakeStorage({ initial }) });
    expect(early.consent.granted('analytics')).to.equal(true);
    expect(early.consent.state.expiresAt).to.equal(new Date(decided + 395 * DAY).toISOString());
    const { consent } = await loaded({ config, storage: fakeStorage({ initial }), clock: testClock(START + 2 * DAY) });
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.records()[0]!.method).to.equal('expire');
  });

  it('a shorter expiresAfterDays applies to choices already stored (counted from their last update)', async () => {
    const decided = START - 60 * DAY;
    const initial = storedState({ analytics: userChoice(true, decided) }, decided, {
      expiresAt: new Date(decided + 182 * DAY).toISOString(), // made under the default of 182 days
    });
    const longer = await loaded({ storage: fakeStorage({ initial }) });
    expect(longer.consent.granted('analytics'), 'within 182 days').to.equal(true);
    const { consent } = await loaded({ config: makeConfig({ expiresAfterDays: 30 }), storage: fakeStorage({ initial }) });
    expect(consent.granted('analytics'), 'the owner shortened it to 30 days').to.equal(false);
    expect(consent.needsBanner).to.equal(true);
    expect(consent.records()[0]!.method).to.equal('expire');
    // A longer lifetime never stretches the one a choice was made with.
    const stretched = await loaded({ config: makeConfig({ expiresAfterDays: 395 }), storage: fakeStorage({ initial }), clock: testClock(decided + 183 * DAY) });
    expect(stretched.consent.granted('analytics')).to.equal(false);
  });

  it('counts the lifetime from updatedAt when the stored expiresAt is missing', async () => {
    const decided = START - 183 * DAY;
    const initial = storedState({ analytics: userChoice(true, decided) }, decided, { expiresAt: null });
    const { consent } = await loaded({ storage: fakeStorage({ initial }) });
    expect(consent.granted('analytics')).to.equal(false);
  });
});

describe('consent: expiry of a load answered after the timeout', () => {
  it('an expired stored consent is not revived by merging it with a decision made meanwhile', async () => {
    const old = START - 200 * DAY;
    const initial = storedState({ personalisation: userChoice(true, old), 'marketing-email': userChoice(false, old) }, old);
    const storage = fakeStorage({ initial, load: 'manual' });
    const { consent } = harness({ storage, timeoutMs: 20 });
    await consent.ready;
    await consent.optOut(); // decides only purposes that list a signal; personalisation lists none
    storage.pending[0]!.succeed();
    await waitFor(() => consent.saveStatus === 'saved' && storage.writes.length > 0, 1000, 'the merged save');
    expect(consent.granted('personalisation'), 'expired 18 days ago').to.equal(false);
    expect(consent.undecided).to.include('personalisation');
    expect(consent.granted('marketing-email'), 'the objection stays').to.equal(false);
    expect(storage.writes.at(-1)!.choices['personalisation']).to.equal(undefined);
  });
});
