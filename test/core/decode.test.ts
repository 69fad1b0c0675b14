import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  createConsent,
  decodeState,
  type CandorErrorDetail,
  type ConsentState,
  type ConsentStorage,
} from '../../src/core/index.js';
import {
  DAY,
  NOW,
  OFF,
  POLICY_ID,
  choice,
  idsByBasis,
  iso,
  record,
  validDesignConfig,
  validState,
  type Json,
} from './fixtures-config.js';

const config = validDesignConfig();
const purposes = config.purposes;
const ids = idsByBasis(config);
const decode = (raw: unknown): ReturnType<typeof decodeState> => decodeState(raw, POLICY_ID, purposes, NOW);
const asJson = (state: ConsentState): Json => structuredClone(state) as unknown as Json;
const choicesOf = (state: Json): Json => state['choices'] as Json;

describe('decodeState', () => {
  describe('unit cases', () => {
    it('null and undefined are "no choice yet", with no problem', () => {
      expect(decode(null)).to.deep.equal({ state: null, problems: [] });
      expect(decode(undefined)).to.deep.equal({ state: null, problems: [] });
    });

    it('a valid state round-trips unchanged, as an object and as JSON text', () => {
      expect(decode(validState())).to.deep.equal({ state: validState(), problems: [] });
      expect(decode(JSON.stringify(validState()))).to.deep.equal({ state: validState(), problems: [] });
    });

    it('returns a copy: changing the result does not change the input', () => {
      const input = validState();
      const { state } = decode(input);
      state!.choices['analytics']!.granted = false;
      expect(input.choices['analytics']!.granted).to.equal(true);
    });

    it('corrupt JSON text', () => {
      const { state, problems } = decode('{"schema":1,"policyId":');
      expect(state).to.equal(null);
      expect(problems).to.deep.equal(['stored consent is not valid JSON; treated as no choice yet']);
    });

    const notObjects: [string, unknown][] = [
      ['a number', 42], ['true', true], ['an array', [validState()]], ['JSON text of an array', '[1,2]'],
      ['JSON text of null', 'null'], ['JSON text of a string', '"{}"'], ['a function', () => validState()],
    ];
    for (const [name, raw] of notObjects) {
      it(`${name} is not an object`, () => {
        expect(decode(raw)).to.deep.equal({ state: null, problems: ['stored consent is not an object; treated as no choice yet'] });
      });
    }

    it('schema 2 is "newer"', () => {
      const { state, problems } = decode({ ...validState(), schema: 2 });
      expect(state).to.equal(null);
      expect(problems).to.deep.equal(['stored consent has a newer schema 2; this Candor reads schema 1; treated as no choice yet']);
      expect(decode({ ...validState(), schema: 2 }).newer, 'flagged: never to be written over unasked').to.equal(true);
      expect(decode(JSON.stringify({ ...validState(), schema: 3 })).newer, 'also from a JSON string').to.equal(true);
    });

    it('a missing, string or zero schema is "unknown"', () => {
      const missing: Json = asJson(validState());
      delete missing['schema'];
      expect(decode(missing).problems).to.deep.equal(['stored consent has an unknown schema (none); this Candor reads schema 1; treated as no choice yet']);
      expect(decode({ ...validState(), schema: '1' }).problems[0]).to.contain('an unknown schema "1"');
      expect(decode({ ...validState(), schema: 0 }).state).to.equal(null);
      expect(decode({ ...validState(), schema: 0 }).newer).to.equal(undefined);
    });

    it('a BigInt schema is reported, not thrown', () => {
      const { state, problems } = decode({ ...validState(), schema: BigInt(1) });
      expect(state).to.equal(null);
      expect(problems).to.have.length(1);
    });

    it('another policy id', () => {
      const { state, problems } = decode({ ...validState(), policyId: 'other-policy' });
      expect(state).to.equal(null);
      expect(problems).to.deep.equal(['stored consent is for policy "other-policy", not "acme-privacy"; treated as no choice yet']);
    });

    it('a missing or invalid updatedAt drops everything', () => {
      for (const updatedAt of [undefined, 'yesterday', '2026-02-30T00:00:00Z', 12345, null]) {
        const { state, problems } = decode({ ...validState(), updatedAt });
        expect(state, String(updatedAt)).to.equal(null);
        expect(problems).to.deep.equal(['stored consent has no valid updatedAt; treated as no choice yet']);
      }
    });

    it('an updatedAt more than a day ahead (a server\'s stamp on a device whose clock is behind) keeps the state, counted from now + 1 day', () => {
      for (const ahead of [2 * DAY, 40 * DAY, 4000 * DAY]) {
        const { state, problems } = decode({ ...validState(), updatedAt: iso(NOW + ahead), expiresAt: null });
        expect(problems, String(ahead)).to.deep.equal([]);
        expect(state!.choices).to.deep.equal(validState().choices);
        expect(state!.updatedAt).to.equal(iso(NOW + DAY));
      }
      // Within a day it is kept as it is.
      expect(decode({ ...validState(), updatedAt: iso(NOW + DAY) }).state!.updatedAt).to.equal(iso(NOW + DAY));
    });

    it('a far-future updatedAt cannot stretch the lifetime: expiresAt stays within 395 days of now + 1 day', () => {
      const { state } = decode({ ...validState(), updatedAt: iso(NOW + 4000 * DAY), expiresAt: '2099-01-01T00:00:00.000Z' });
      expect(state!.expiresAt).to.equal(iso(NOW + DAY + 395 * DAY));
    });

    it('a choice for an unknown purpose is dropped and reported; the others are kept', () => {
      const raw = validState();
      raw.choices['telemetry'] = choice(true);
      const { state, problems } = decode(raw);
      expect(state!.choices).to.deep.equal(validState().choices);
      expect(problems).to.deep.equal(['stored consent: choice for unknown purpose "telemetry" dropped']);
    });

    it('granted "yes" is dropped', () => {
      const raw = asJson(validState());
      (choicesOf(raw)['analytics'] as Json)['granted'] = 'yes';
      const { state, problems } = decode(raw);
      expect(state!.choices['analytics']).to.equal(undefined);
      expect(state!.choices['advertising']).to.deep.equal(validState().choices['advertising']);
      expect(problems).to.deep.equal(['stored consent: choices.analytics.granted: expected true or false, got "yes"; choice dropped']);
    });

    for (const source of ['default', 'bogus', 'USER', '', null]) {
      it(`source ${JSON.stringify(source)} is dropped`, () => {
        const raw = asJson(validState());
        (choicesOf(raw)['advertising'] as Json)['source'] = source;
        const { state, problems } = decode(raw);
        expect(state!.choices['advertising']).to.equal(undefined);
        expect(problems).to.deep.equal([
          `stored consent: choices.advertising.source: expected "user" | "gpc" | "dnt" | "host", got ${JSON.stringify(source)}; choice dropped`,
        ]);
      });
    }

    for (const source of ['gpc', 'dnt'] as const) {
      it(`a "${source}" choice that grants is dropped; one that denies is kept`, () => {
        const raw = validState();
        raw.choices['analytics'] = choice(true, { source });
        raw.choices['advertising'] = choice(false, { source });
        const { state, problems } = decode(raw);
        expect(state!.choices['analytics']).to.equal(undefined);
        expect(state!.choices['advertising']).to.deep.equal(choice(false, { source }));
        expect(problems).to.deep.equal([`stored consent: choices.analytics.granted: a "${source}" choice cannot grant; choice dropped`]);
      });
    }

    it('a choice dated more than a day after now is dropped as forged; within a day is kept', () => {
      const raw = validState();
      raw.choices['analytics'] = choice(true, { at: iso(NOW + DAY + 1) });
      raw.choices['advertising'] = choice(true, { at: iso(NOW + DAY) });
      const { state, problems } = decode(raw);
      expect(state!.choices['analytics']).to.equal(undefined);
      expect(state!.choices['advertising']!.granted).to.equal(true);
      expect(problems).to.deep.equal(['stored consent: choices.analytics.at: expected an ISO 8601 time not in the future; choice dropped']);
    });

    it('a choice with an impossible or missing date is dropped', () => {
      const raw = asJson(validState());
      (choicesOf(raw)['analytics'] as Json)['at'] = '2026-02-30T10:00:00Z';
      delete (choicesOf(raw)['advertising'] as Json)['at'];
      const { state, problems } = decode(raw);
      expect(Object.keys(state!.choices).sort()).to.deep.equal(['marketing-email', 'sale-share']);
      expect(problems).to.have.length(2);
    });

    it('a choice with malformed signals is dropped; missing signals count as off', () => {
      const raw = asJson(validState());
      (choicesOf(raw)['analytics'] as Json)['signals'] = { gpc: 'yes', dnt: false };
      delete (choicesOf(raw)['advertising'] as Json)['signals'];
      const { state, problems } = decode(raw);
      expect(state!.choices['analytics']).to.equal(undefined);
      expect(state!.choices['advertising']).to.deep.equal(choice(false, { signals: OFF }));
      expect(problems).to.deep.equal(['stored consent: choices.analytics.signals: expected { gpc: boolean, dnt: boolean }; choice dropped']);
    });

    it('a choice for a necessary purpose is ignored without a problem (necessary is always granted)', () => {
      const raw = validState();
      raw.choices['necessary'] = choice(false);
      const { state, problems } = decode(raw);
      expect(state!.choices['necessary']).to.equal(undefined);
      expect(problems).to.deep.equal([]);
    });

    it('choices that are not an object', () => {
      const { state, problems } = decode({ ...validState(), choices: [choice(true)] });
      expect(state!.choices).to.deep.equal({});
      expect(problems).to.deep.equal(['stored consent: choices is not an object; no choice kept']);
    });

    it('malformed records are dropped and reported; the well-formed ones are kept in order', () => {
      const raw = asJson(validState());
      const records = raw['records'] as unknown[];
      records.splice(1, 0, { ...record(5), method: 'teleport' }, 'garbage', { ...record(6), at: iso(NOW + 2 * DAY) }, { ...record(7), choices: { analytics: 'yes' } });
      const { state, problems } = decode(raw);
      expect(state!.records).to.deep.equal(validState().records);
      expect(problems).to.deep.equal(['stored consent: malformed records dropped']);
    });

    it('records that are not an array are reported', () => {
      const { state, problems } = decode({ ...validState(), records: 'none' });
      expect(state!.records).to.deep.equal([]);
      expect(problems).to.deep.equal(['stored consent: records is not an array; no record kept']);
    });

    it('a state without records (an older writer) is kept without a problem', () => {
      const { records: _omitted, ...rest } = validState();
      const { state, problems } = decode(rest);
      expect(state!.records).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });

    it('keeps at most 50 records (the newest), without a problem', () => {
      const many = Array.from({ length: 60 }, (_, n) => record(n));
      const { state, problems } = decode({ ...validState(), records: many });
      expect(state!.records).to.deep.equal(many.slice(0, 50));
      expect(problems).to.deep.equal([]);
    });

    it('a malformed record among 60 is reported even though only 50 are kept', () => {
      const many: unknown[] = Array.from({ length: 60 }, (_, n) => record(n));
      many[10] = { ...record(10), recordId: 7 };
      const { state, problems } = decode({ ...validState(), records: many });
      expect(state!.records).to.have.length(50);
      expect(state!.records.map((r) => r.recordId)).not.to.include(record(10).recordId);
      expect(problems).to.deep.equal(['stored consent: malformed records dropped']);
    });

    it('expiresAt is capped to updatedAt + 395 days', () => {
      const updatedAt = NOW - 10 * DAY;
      const { state, problems } = decode({ ...validState(), updatedAt: iso(updatedAt), expiresAt: '2099-01-01T00:00:00.000Z' });
      expect(state!.expiresAt).to.equal(iso(updatedAt + 395 * DAY));
      expect(problems).to.deep.equal([]);
      expect(decode({ ...validState(), expiresAt: iso(updatedAt + 395 * DAY - 1) }).state!.expiresAt).to.equal(iso(updatedAt + 395 * DAY - 1));
    });

    it('a null expiresAt stays null; a malformed one is reported and becomes null', () => {
      expect(decode({ ...validState(), expiresAt: null })).to.deep.equal({ state: { ...validState(), expiresAt: null }, problems: [] });
      const { state, problems } = decode({ ...validState(), expiresAt: 'never' });
      expect(state!.expiresAt).to.equal(null);
      expect(problems).to.deep.equal(['stored consent: expiresAt is not an ISO 8601 time; the choice lifetime is counted from updatedAt']);
    });

    it('a malformed acknowledgedVersion is reported and counts as never acknowledged', () => {
      const { state, problems } = decode({ ...validState(), acknowledgedVersion: 20260301 });
      expect(state!.acknowledgedVersion).to.equal(null);
      expect(problems).to.deep.equal(['stored consent: acknowledgedVersion is not a version string; treated as never acknowledged']);
      expect(decode({ ...validState(), acknowledgedVersion: null }).problems).to.deep.equal([]);
    });

    it('an object whose getters throw is reported, not thrown', () => {
      const hostile = new Proxy(validState(), {
        get(target, key) {
          if (key === 'choices') throw new Error('blocked');
          return Reflect.get(target, key) as unknown;
        },
      });
      expect(decode(hostile)).to.deep.equal({ state: null, problems: ['stored consent could not be read; treated as no choice yet'] });
    });

    it('values that JSON.stringify cannot show are reported, not thrown', () => {
      const cyclic: Json = {};
      cyclic['self'] = cyclic;
      expect(decode({ ...validState(), policyId: cyclic }).state).to.equal(null);
      const raw = asJson(validState());
      (choicesOf(raw)['analytics'] as Json)['granted'] = BigInt(1);
      (choicesOf(raw)['advertising'] as Json)['source'] = BigInt(2);
      const { state, problems } = decode(raw);
      expect(state!.choices['analytics']).to.equal(undefined);
      expect(state!.choices['advertising']).to.equal(undefined);
      expect(problems).to.have.length(2);
    });
  });

  // ---- properties -------------------------------------------------------------------------

  const anything = fc.anything({
    withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
    withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true,
  });
  const jsonText = fc.oneof(fc.json(), fc.string(), fc.json().map((text) => text.slice(0, -1)));

  /** One change to a valid state; `harmful` ones make it not well-formed. */
  interface Mutation {
    what: string;
    harmful: boolean;
    apply(state: Json): void;
  }

  const optional = fc.constantFrom(...ids.optional);
  const allPurposes = fc.constantFrom(...purposes.map((p) => p.id));
  const otherString = fc.string({ maxLength: 20 }).filter((s) => s !== POLICY_ID);
  const unknownId = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !purposes.some((p) => p.id === s) && s !== '__proto__');
  const isoTime = fc.integer({ min: NOW - 400 * DAY, max: NOW }).map(iso);
  const futureTime = fc.integer({ min: NOW + DAY + 1, max: NOW + 4000 * DAY }).map(iso);
  const malformedTime = fc.oneof(fc.constantFrom('yesterday', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '', 'NaN'), fc.integer(), fc.constant(null));
  const badTime = fc.oneof(futureTime, malformedTime);
  const notBoolean = fc.oneof(fc.constantFrom('yes', 'true', 'false', 1, 0, null, '', {}, []), fc.string());
  const badSource = fc.oneof(fc.constantFrom('default', 'bogus', 'USER', '', 1, null, true), fc.string().filter((s) => !['user', 'gpc', 'dnt', 'host'].includes(s)));
  const validChoice = fc.record({
    granted: fc.boolean(),
    source: fc.constantFrom('user', 'host', 'gpc', 'dnt'),
    at: isoTime,
    signals: fc.record({ gpc: fc.boolean(), dnt: fc.boolean() }),
  }).map((c) => (c.source === 'gpc' || c.source === 'dnt' ? { ...c, granted: false } : c));

  const set = (key: string, value: unknown) => (state: Json): void => {
    if (value === undefined) delete state[key];
    else state[key] = value;
  };
  const setChoice = (id: string, key: string, value: unknown) => (state: Json): void => {
    const choices = state['choices'];
    if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) return;
    let target = (choices as Json)[id];
    if (typeof target !== 'object' || target === null) {
      target = choice(false);
      (choices as Json)[id] = target;
    }
    (target as Json)[key] = value;
  };
  const putChoice = (id: string, value: unknown) => (state: Json): void => {
    const choices = state['choices'];
    if (typeof choices === 'object' && choices !== null && !Array.isArray(choices)) (choices as Json)[id] = value;
  };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    // harmful
    fc.tuple(optional, notBoolean).map(([id, v]) => ({ what: `choices.${id}.granted = ${String(v)}`, harmful: true, apply: setChoice(id, 'granted', v) })),
    fc.tuple(optional, badSource).map(([id, v]) => ({ what: `choices.${id}.source = ${String(v)}`, harmful: true, apply: setChoice(id, 'source', v) })),
    fc.tuple(optional, fc.constantFrom('gpc', 'dnt')).map(([id, source]) => ({
      what: `choices.${id} granted by ${source}`, harmful: true, apply: putChoice(id, choice(true, { source })),
    })),
    fc.tuple(optional, badTime).map(([id, v]) => ({ what: `choices.${id}.at = ${String(v)}`, harmful: true, apply: setChoice(id, 'at', v) })),
    fc.tuple(optional, fc.constantFrom('yes', null, 1, { gpc: '1' }, { dnt: 0 }, [])).map(([id, v]) => ({
      what: `choices.${id}.signals = ${JSON.stringify(v)}`, harmful: true, apply: setChoice(id, 'signals', v),
    })),
    fc.tuple(optional, fc.constantFrom('granted', 'yes', true, null, 1, [])).map(([id, v]) => ({
      what: `choices.${id} = ${JSON.stringify(v)}`, harmful: true, apply: putChoice(id, v),
    })),
    fc.tuple(unknownId, validChoice).map(([id, c]) => ({ what: `extra purpose ${id}`, harmful: true, apply: putChoice(id, c) })),
    fc.constantFrom('all', null, [], 1, undefined).map((v) => ({ what: `choices = ${String(v)}`, harmful: true, apply: set('choices', v) })),
    fc.oneof(otherString, fc.constantFrom(undefined, null, 1)).map((v) => ({ what: `policyId = ${String(v)}`, harmful: true, apply: set('policyId', v) })),
    fc.constantFrom(2, 0, '1', undefined, 1.5, null, -1).map((v) => ({ what: `schema = ${String(v)}`, harmful: true, apply: set('schema', v) })),
    fc.oneof(malformedTime, fc.constant(undefined)).map((v) => ({ what: `updatedAt = ${String(v)}`, harmful: true, apply: set('updatedAt', v) })),
    // A future updatedAt is a device clock that is behind the server's: counted as now + 1 day, not harmful.
    futureTime.map((v) => ({ what: `updatedAt = ${v}`, harmful: false, apply: set('updatedAt', v) })),
    fc.constantFrom('never', 123, '2026-02-30T00:00:00Z', true).map((v) => ({ what: `expiresAt = ${String(v)}`, harmful: true, apply: set('expiresAt', v) })),
    fc.constantFrom('none', null, 1).map((v) => ({ what: `records = ${String(v)}`, harmful: true, apply: set('records', v) })),
    // A state without records (an older writer) loses nothing: not harmful.
    fc.constant({ what: 'records = undefined', harmful: false, apply: set('records', undefined) }),
    fc.constantFrom('junk', null, { ...record(9), method: 'hack' }, { ...record(9), signals: null }, { ...record(9), at: iso(NOW + 9 * DAY) }).map((v) => ({
      what: `records gains ${JSON.stringify(v)}`, harmful: true,
      apply: (state: Json) => {
        if (Array.isArray(state['records'])) (state['records'] as unknown[]).unshift(v);
        else state['records'] = [v];
      },
    })),
    fc.constantFrom(7, '', 'v'.repeat(65), false).map((v) => ({ what: `acknowledgedVersion = ${String(v)}`, harmful: true, apply: set('acknowledgedVersion', v) })),
    fc.constantFrom(7, '', undefined, null).map((v) => ({ what: `policyVersion = ${String(v)}`, harmful: true, apply: set('policyVersion', v) })),
    // harmless
    fc.tuple(optional, validChoice).map(([id, c]) => ({ what: `choices.${id} = valid ${JSON.stringify(c)}`, harmful: false, apply: putChoice(id, c) })),
    fc.tuple(optional, fc.boolean()).map(([id, granted]) => ({ what: `choices.${id} user ${granted}`, harmful: false, apply: putChoice(id, choice(granted)) })),
    fc.tuple(fc.constantFrom(...ids.necessary), validChoice).map(([id, c]) => ({ what: `necessary choice`, harmful: false, apply: putChoice(id, c) })),
    optional.map((id) => ({
      what: `choices.${id} removed`, harmful: false,
      apply: (state: Json) => {
        const choices = state['choices'];
        if (typeof choices === 'object' && choices !== null) delete (choices as Json)[id];
      },
    })),
    fc.tuple(fc.string({ maxLength: 8 }).filter((k) => !['schema', 'policyId', 'policyVersion', 'acknowledgedVersion', 'choices', 'updatedAt', 'expiresAt', 'records', '__proto__'].includes(k)), fc.jsonValue()).map(([key, v]) => ({
      what: `extra key ${key}`, harmful: false, apply: set(key, v),
    })),
    fc.integer({ min: 0, max: 70 }).map((n) => ({
      what: `${n} valid records`, harmful: false, apply: set('records', Array.from({ length: n }, (_, i) => record(i))),
    })),
    fc.oneof(fc.constant(null), fc.integer({ min: NOW, max: NOW + 5000 * DAY }).map(iso)).map((v) => ({
      what: `expiresAt = ${String(v)} (capped)`, harmful: false, apply: set('expiresAt', v),
    })),
  );

  interface NearValid {
    raw: unknown;
    harmful: boolean;
    what: string[];
  }
  const nearValid: fc.Arbitrary<NearValid> = fc.tuple(fc.array(mutation, { maxLength: 4 }), fc.boolean()).map(([mutations, asText]) => {
    const state = asJson(validState());
    // Harmless changes first, so that none of them can undo a harmful one.
    const ordered = [...mutations.filter((m) => !m.harmful), ...mutations.filter((m) => m.harmful)];
    for (const m of ordered) m.apply(state);
    return { raw: asText ? JSON.stringify(state) : state, harmful: mutations.some((m) => m.harmful), what: ordered.map((m) => m.what) };
  });

  /** The stored value as decodeState sees it: JSON text parsed, anything else as is. */
  function parsed(raw: unknown): unknown {
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }
  function objectAt(value: unknown, key: string): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const child = (value as Json)[key];
    return typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Json) : undefined;
  }
  /** The raw choice for `id`, as an own property of the input's `choices` (or undefined). */
  function rawChoice(raw: unknown, id: string): Json | undefined {
    const choices = objectAt(parsed(raw), 'choices');
    if (!choices || !Object.prototype.hasOwnProperty.call(choices, id)) return undefined;
    const value = choices[id];
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  }
  /** The input itself held a real boolean `true` for `id`, from the person or the host. */
  function rawGrants(raw: unknown, id: string): boolean {
    const c = rawChoice(raw, id);
    return c !== undefined && c['granted'] === true && (c['source'] === 'user' || c['source'] === 'host');
  }

  /** The four properties of the brief, for one input. */
  function checkDecoded(raw: unknown): void {
    const { state, problems } = decode(raw);
    const input = parsed(raw);
    if (state === null) {
      if (input !== null && input !== undefined) expect(problems, 'dropped the whole value without a problem').not.to.be.empty;
      if (raw === null || raw === undefined) expect(problems).to.deep.equal([]);
      return;
    }
    expect(state.schema).to.equal(1);
    expect(state.policyId).to.equal(POLICY_ID);
    for (const [id, kept] of Object.entries(state.choices)) {
      expect(ids.optional, `kept a choice for ${id}`).to.include(id);
      expect(kept.granted).to.be.a('boolean');
      expect(['user', 'gpc', 'dnt', 'host']).to.include(kept.source);
      if (kept.granted) expect(rawGrants(raw, id), `granted ${id} without a stored grant`).to.equal(true);
      if (kept.source === 'gpc' || kept.source === 'dnt') expect(kept.granted).to.equal(false);
    }
    const rawChoices = objectAt(input, 'choices');
    for (const id of Object.keys(rawChoices ?? {})) {
      if (ids.necessary.includes(id)) continue;
      if (!(id in state.choices)) expect(problems, `dropped choice ${id} without a problem`).not.to.be.empty;
    }
    const rawRecords = (input as Json)['records'];
    if (Array.isArray(rawRecords) && state.records.length < Math.min(rawRecords.length, 50)) {
      expect(problems, 'dropped records without a problem').not.to.be.empty;
    }
    expect(state.records.length).to.be.at.most(50);
    const ack = (input as Json)['acknowledgedVersion'];
    if (ack !== null && ack !== undefined && state.acknowledgedVersion === null) expect(problems).not.to.be.empty;
    if (state.expiresAt !== null) {
      expect(Date.parse(state.expiresAt)).to.be.at.most(Date.parse(state.updatedAt) + 395 * DAY);
    }
  }

  describe('properties (fast-check)', () => {
    it('any value at all: never throws, never grants, every drop reported', () => {
      fc.assert(fc.property(anything, (raw) => checkDecoded(raw)), { numRuns: 300 });
    });

    it('any JSON text (and broken JSON text)', () => {
      fc.assert(fc.property(jsonText, (raw) => checkDecoded(raw)), { numRuns: 300 });
    });

    it('any object shaped roughly like a state', () => {
      const loose = fc.record(
        {
          schema: fc.oneof(fc.constant(1), anything),
          policyId: fc.oneof(fc.constant(POLICY_ID), anything),
          updatedAt: fc.oneof(isoTime, anything),
          choices: fc.dictionary(fc.oneof(allPurposes, fc.string()), fc.oneof(validChoice, anything)),
          records: fc.oneof(fc.array(fc.oneof(fc.constant(record(1)), anything)), anything),
          expiresAt: fc.oneof(isoTime, anything),
          acknowledgedVersion: anything,
        },
        { requiredKeys: [] },
      );
      fc.assert(fc.property(loose, (raw) => checkDecoded(raw)), { numRuns: 300 });
    });

    it('near-valid states: the properties hold, harmful changes are reported, harmless ones are not', () => {
      fc.assert(
        fc.property(nearValid, ({ raw, harmful, what }) => {
          checkDecoded(raw);
          const { state, problems } = decode(raw);
          if (harmful) expect(problems, what.join('; ')).not.to.be.empty;
          else {
            expect(problems, what.join('; ')).to.deep.equal([]);
            expect(state).not.to.equal(null);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  // ---- end to end: createConsent over a storage that returns the value -----------------------

  describe('createConsent over untrusted stored values (property)', () => {
    /** A memory-like storage whose load() resolves `value`. */
    function storageOf(value: unknown): ConsentStorage {
      return {
        load: () => Promise.resolve(value as ConsentState | null),
        save: () => Promise.resolve(),
        clear: () => Promise.resolve(),
      };
    }

    /** A value that might pass as a state for this policy (so an error is not required of it). */
    function candidate(raw: unknown): boolean {
      const input = parsed(raw);
      return typeof input === 'object' && input !== null && (input as Json)['schema'] === 1 && (input as Json)['policyId'] === POLICY_ID;
    }

    async function run(raw: unknown): Promise<{ granted: Set<string>; errors: CandorErrorDetail[] }> {
      const errors: CandorErrorDetail[] = [];
      const consent = createConsent({
        config,
        storage: storageOf(raw),
        now: () => NOW,
        signals: { gpc: false, dnt: false },
        onError: (error) => errors.push(error),
        timeoutMs: 1000,
      });
      const state = await consent.ready;
      consent.destroy();
      const granted = new Set(Object.entries(state.choices).filter(([, c]) => c.granted).map(([id]) => id));
      for (const id of granted) expect(consent.granted(id)).to.equal(true);
      return { granted, errors };
    }

    function checkGrants(raw: unknown, granted: Set<string>): void {
      for (const id of ids.necessary) expect(granted.has(id)).to.equal(true);
      for (const id of ids.consent) {
        if (granted.has(id)) expect(rawGrants(raw, id), `granted ${id} without a stored grant`).to.equal(true);
      }
    }

    it('any value: ready resolves, nothing consent-based is granted, non-states are reported', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(anything, jsonText), async (raw) => {
          const { granted, errors } = await run(raw);
          checkGrants(raw, granted);
          if (raw !== null && raw !== undefined && !candidate(raw)) {
            expect(errors.map((e) => e.code)).to.include('stored-data');
          }
          expect(errors.map((e) => e.code).filter((code) => code !== 'stored-data')).to.deep.equal([]);
        }),
        { numRuns: 200 },
      );
    });

    it('near-valid states: only well-formed grants count, and every harmful change is reported', async () => {
      await fc.assert(
        fc.asyncProperty(nearValid, async ({ raw, harmful, what }) => {
          const { granted, errors } = await run(raw);
          checkGrants(raw, granted);
          const codes = errors.map((e) => e.code);
          if (harmful) expect(codes, what.join('; ')).to.include('stored-data');
          else expect(codes, what.join('; ')).not.to.include('stored-data');
        }),
        { numRuns: 200 },
      );
    });

    it('the valid state grants what it holds', async () => {
      const { granted, errors } = await run(validState());
      expect(errors).to.deep.equal([]);
      expect([...granted].sort()).to.deep.equal(['analytics', 'marketing-email', 'necessary']);
    });

    it('null and undefined are "no choice yet", with no error', async () => {
      for (const raw of [null, undefined]) {
        const { granted, errors } = await run(raw);
        expect(errors).to.deep.equal([]);
        expect([...granted].sort()).to.deep.equal(['marketing-email', 'necessary', 'sale-share']);
      }
    });
  });

  describe('createConsent over a failing storage', () => {
    const failing: [string, () => Promise<ConsentState | null>][] = [
      ['throws', () => { throw new Error('disk on fire'); }],
      ['rejects', () => Promise.reject(new Error('network down'))],
      ['never resolves', () => new Promise<ConsentState | null>(() => undefined)],
      ['rejects with a non-Error', () => Promise.reject('nope' as unknown as Error)],
    ];
    for (const [name, load] of failing) {
      it(`load() ${name}: ready resolves, only necessary is granted, onError code "storage"`, async () => {
        const errors: CandorErrorDetail[] = [];
        const consent = createConsent({
          config,
          storage: { load, save: () => Promise.resolve(), clear: () => Promise.resolve() },
          now: () => NOW,
          signals: { gpc: false, dnt: false },
          onError: (error) => errors.push(error),
          timeoutMs: 50,
        });
        const state = await consent.ready;
        consent.destroy();
        const granted = Object.entries(state.choices).filter(([, c]) => c.granted).map(([id]) => id);
        expect(granted).to.deep.equal(['necessary']);
        for (const id of ids.optional) expect(consent.granted(id)).to.equal(false);
        expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
      });
    }
  });
});
