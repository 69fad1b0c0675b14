// Consent records (DESIGN "Storage" → consent records; standards R1, R4) and time formats.
import { expect } from '@open-wc/testing';
import type { ConsentRecord, ConsentState } from '../../src/core/types.js';
import { ALL_IDS, GPC, ISO_UTC, UUID, harness, loaded, makeConfig, reload, stored, testClock } from './fixtures.js';

const RECORD_KEYS = ['at', 'choices', 'locale', 'method', 'policy', 'recordId', 'schema', 'signals'];
const STATE_KEYS = ['acknowledgedVersion', 'choices', 'expiresAt', 'policyId', 'policyVersion', 'records', 'schema', 'updatedAt'];

describe('consent: records', () => {
  it('every decision appends a complete record', async () => {
    const { consent, clock } = await loaded({ locale: 'de-DE' });
    clock.set('2026-04-02T08:30:00.000Z');
    await consent.set({ analytics: true }, { method: 'save' });
    const [record] = consent.records();
    expect(record).to.exist;
    expect(record!.recordId).to.match(UUID);
    expect(record!.schema).to.equal(1);
    expect(record!.at).to.equal('2026-04-02T08:30:00.000Z');
    expect(record!.policy).to.deep.equal({ id: 'acme-privacy', version: '2026-01-01' });
    expect(record!.method).to.equal('save');
    expect(record!.choices).to.deep.equal({
      necessary: true, analytics: true, advertising: false, personalisation: false, 'sale-share': true, 'marketing-email': true,
    });
    expect(record!.signals).to.deep.equal({ gpc: false, dnt: false });
    expect(record!.locale).to.equal('de-DE');
  });

  it('a locale function is asked at each record; what it gives is cut to the 35 characters a stored record may have', async () => {
    let locale = 'en';
    const { consent } = await loaded({ locale: () => locale });
    await consent.acceptAll();
    locale = 'de';
    await consent.rejectAll();
    expect(consent.records().map((record) => record.locale)).to.deep.equal(['de', 'en']);
    const long = await loaded({ locale: () => `x-${'a'.repeat(60)}` });
    await long.consent.acceptAll();
    expect(long.consent.records()[0]!.locale).to.have.length(35);
    const again = await reload(long);
    expect(again.consent.records(), 'the history survives a reload').to.have.length(1);
  });

  it('records the signals seen at the time', async () => {
    const { consent } = await loaded({ signals: GPC });
    await consent.acceptAll();
    expect(consent.records()[0]!.signals).to.deep.equal({ gpc: true, dnt: false });
  });

  it('writes one record per action, with its method', async () => {
    const { consent } = await loaded();
    await consent.acceptAll();
    await consent.rejectAll();
    await consent.set({ analytics: true });
    await consent.set({ analytics: false }, { method: 'save' });
    await consent.optOut();
    await consent.withdraw();
    await consent.acknowledge();
    expect(consent.records().map((r) => r.method)).to.deep.equal([
      'change-notice', 'withdraw', 'opt-out', 'save', 'api', 'reject-all', 'accept-all',
    ]);
  });

  it('lists records newest first, with distinct UUIDs', async () => {
    const { consent, clock } = await loaded();
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      await consent.set({ analytics: i % 2 === 0 });
    }
    const records = consent.records();
    const times = records.map((r) => Date.parse(r.at));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(new Set(records.map((r) => r.recordId)).size).to.equal(5);
    expect(records[0]!.choices['analytics']).to.equal(true); // i = 4
  });

  it('keeps the newest 50 after 60 decisions, in memory and in storage', async () => {
    const { consent, clock, storage } = await loaded();
    const ids: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      clock.advance(1000);
      await consent.set({ personalisation: i % 2 === 0 });
      ids.push(consent.records()[0]!.recordId);
    }
    const records = consent.records();
    expect(records).to.have.length(50);
    expect(records.map((r) => r.recordId)).to.deep.equal(ids.slice(10).reverse());
    expect(stored(storage).records).to.have.length(50);
    expect(stored(storage).records[0]!.recordId).to.equal(ids[59]);
  });

  it('hold only the documented keys (no name, email, IP or anything else)', async () => {
    const { consent, storage } = await loaded({ signals: GPC });
    await consent.acceptAll();
    await consent.withdraw();
    const all: ConsentRecord[] = [...consent.records(), ...stored(storage).records];
    expect(all.length).to.be.greaterThan(0);
    for (const record of all) {
      expect(Object.keys(record).sort()).to.deep.equal(RECORD_KEYS);
      expect(Object.keys(record.policy).sort()).to.deep.equal(['id', 'version']);
      expect(Object.keys(record.signals).sort()).to.deep.equal(['dnt', 'gpc']);
      expect(Object.keys(record.choices).sort()).to.deep.equal([...ALL_IDS].sort());
      for (const granted of Object.values(record.choices)) expect(granted).to.be.a('boolean');
    }
    expect(Object.keys(stored(storage)).sort()).to.deep.equal(STATE_KEYS);
  });

  it('records() returns copies: changing them changes nothing', async () => {
    const { consent } = await loaded();
    await consent.acceptAll();
    const copy = consent.records();
    const original = JSON.stringify(consent.records());
    copy[0]!.choices['analytics'] = false;
    copy[0]!.policy.version = 'forged';
    copy[0]!.signals.gpc = true;
    copy[0]!.method = 'reject-all';
    copy.push({ ...copy[0]! });
    expect(JSON.stringify(consent.records())).to.equal(original);
    expect(JSON.stringify(consent.state.records)).to.equal(original);
  });

  it('survive a reload', async () => {
    const first = await loaded();
    await first.consent.acceptAll();
    const ids = first.consent.records().map((r) => r.recordId);
    const { consent } = await reload(first);
    expect(consent.records().map((r) => r.recordId)).to.deep.equal(ids);
  });
});

describe('consent: times are ISO 8601 UTC', () => {
  function times(state: ConsentState): string[] {
    const list = [state.updatedAt, ...state.records.map((r) => r.at), ...Object.values(state.choices).map((c) => c.at)];
    if (state.expiresAt !== null) list.push(state.expiresAt);
    return list;
  }

  it('in the effective state and in storage, after every kind of change', async () => {
    // A start time given with an offset and milliseconds.
    const clock = testClock(Date.parse('2026-04-01T12:34:56.789+02:00'));
    const { consent, storage } = await loaded({ signals: GPC, clock, config: makeConfig() });
    expect(times(consent.state).length).to.be.greaterThan(0);
    for (const time of times(consent.state)) expect(time).to.match(ISO_UTC);
    await consent.set({ personalisation: true });
    await consent.acknowledge();
    clock.advance(200 * 86_400_000);
    const again = await reload({ consent, storage, clock });
    expect(again.consent.state.expiresAt).to.be.a('string');
    for (const state of [again.consent.state, stored(storage)]) {
      for (const time of times(state)) expect(time, time).to.match(ISO_UTC);
    }
  });

  it('accepts a clock that returns a Date', async () => {
    const { consent } = await loaded({ now: () => new Date('2026-04-01T10:00:00+02:00') } as never);
    await consent.acceptAll();
    expect(consent.records()[0]!.at).to.equal('2026-04-01T08:00:00.000Z');
  });
});

describe('consent: the locale written into records', () => {
  it('a record written with the longest locale allowed is read back on the next load', async () => {
    const h = await loaded({ locale: 'en-GB-u-ca-gregory-nu-latn-hc-h23x' }); // 35 characters
    await h.consent.acceptAll();
    const next = await reload(h);
    expect(next.errors).to.deep.equal([]);
    expect(next.consent.records()).to.have.length(1);
  });

  it('a longer one is a TypeError naming the option: its records would be dropped as malformed on the next load', () => {
    for (const locale of ['en-GB-u-ca-gregory-nu-latn-x-private1', 42, {}]) {
      expect(() => harness({ locale: locale as never }), String(locale)).to.throw(TypeError, /option "locale" must be a language tag of at most 35 characters/);
    }
  });
});
