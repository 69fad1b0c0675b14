/**
 * The server's strict check of a `ConsentState` sent by the page. Stricter than the page's
 * `decodeState` (which salvages what it can from stored data): here anything unexpected
 * refuses the whole write, and what is accepted is then run through `decodeState` as well,
 * so the server never stores what the page would not read back without a problem.
 */
import { decodeState } from '../core/decode.js';
import { DAY_MS, parseIso, toIso } from '../core/time.js';
import {
  CHOICE_SOURCES,
  MAX_EXPIRES_AFTER_DAYS,
  MAX_ID_LENGTH,
  MAX_RECORDS,
  RECORD_METHODS,
  SCHEMA,
  type Choice,
  type ChoiceSource,
  type ConsentRecord,
  type ConsentState,
  type Purpose,
  type RecordMethod,
  type Signals,
} from '../core/types.js';

/** The purposes the server accepts, and which of them are necessary. */
export interface ServerPurposes {
  /** Purpose id → whether it is necessary (always granted). */
  necessary: ReadonlyMap<string, boolean>;
  /** The same, shaped for `decodeState`. */
  config: readonly Purpose[];
}

type Json = Record<string, unknown>;

/** Thrown inside the check only; the caller turns it into `invalid`. */
class Invalid extends Error {}

const STATE_KEYS = ['schema', 'policyId', 'policyVersion', 'acknowledgedVersion', 'choices', 'updatedAt', 'expiresAt', 'records'];
const CHOICE_KEYS = ['granted', 'source', 'at', 'signals'];
const RECORD_KEYS = ['recordId', 'schema', 'at', 'policy', 'method', 'choices', 'signals', 'locale'];
const POLICY_KEYS = ['id', 'version'];
const SIGNAL_KEYS = ['gpc', 'dnt'];

/** A plain JSON object (not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object with exactly `keys` (all present, nothing else). */
function exactly(value: unknown, keys: readonly string[]): Json {
  if (!isPlainObject(value)) throw new Invalid();
  const own = Object.keys(value);
  if (own.length !== keys.length || !own.every((key) => keys.includes(key))) throw new Invalid();
  return value;
}

function version(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) throw new Invalid();
  return value;
}

function time(value: unknown): number {
  const ms = parseIso(value);
  if (ms === undefined) throw new Invalid();
  return ms;
}

function signals(value: unknown): Signals {
  const { gpc, dnt } = exactly(value, SIGNAL_KEYS);
  if (typeof gpc !== 'boolean' || typeof dnt !== 'boolean') throw new Invalid();
  return { gpc, dnt };
}

/** A choice, or `undefined` for a `default` one (the same as no explicit choice: not stored). */
function choice(value: unknown, necessary: boolean, now: number): Choice | undefined {
  const raw = exactly(value, CHOICE_KEYS);
  const { granted, source } = raw;
  if (typeof granted !== 'boolean') throw new Invalid();
  if (typeof source !== 'string' || !CHOICE_SOURCES.includes(source as ChoiceSource)) throw new Invalid();
  // A signal can only ever deny.
  if ((source === 'gpc' || source === 'dnt') && granted) throw new Invalid();
  const at = toIso(Math.min(time(raw.at), now)); // later than the server's clock: capped
  const seen = signals(raw.signals);
  if (necessary) {
    // Forced on, whatever was sent; a signal never denies a necessary purpose.
    const kept: ChoiceSource = source === 'gpc' || source === 'dnt' ? 'default' : (source as ChoiceSource);
    return { granted: true, source: kept, at, signals: seen };
  }
  if (source === 'default') return undefined;
  return { granted, source: source as ChoiceSource, at, signals: seen };
}

function record(value: unknown, now: number): ConsentRecord {
  const raw = exactly(value, RECORD_KEYS);
  const { recordId, method, locale } = raw;
  if (typeof recordId !== 'string' || recordId.length === 0 || recordId.length > 100) throw new Invalid();
  if (raw.schema !== SCHEMA) throw new Invalid();
  // The page's own rule for records allows a day of clock skew. A record dated later than that
  // (the page's clock is fast) is capped to the server's clock, not refused: refusing would keep
  // such a page from ever saving a choice.
  const sent = time(raw.at);
  const at = sent > now + DAY_MS ? now : sent;
  const policy = exactly(raw.policy, POLICY_KEYS);
  if (typeof method !== 'string' || !RECORD_METHODS.includes(method as RecordMethod)) throw new Invalid();
  if (typeof locale !== 'string' || locale.length > 35) throw new Invalid();
  if (!isPlainObject(raw.choices)) throw new Invalid();
  const choices: Record<string, boolean> = {};
  // Records are history: they may name purposes the config no longer has, but only as ids.
  for (const [id, granted] of Object.entries(raw.choices)) {
    if (id.length === 0 || id.length > MAX_ID_LENGTH || typeof granted !== 'boolean') throw new Invalid();
    choices[id] = granted;
  }
  return {
    recordId,
    schema: SCHEMA,
    at: toIso(at),
    policy: { id: version(policy.id), version: version(policy.version) },
    method: method as RecordMethod,
    choices,
    signals: signals(raw.signals),
    locale,
  };
}

function state(value: unknown, purposes: ServerPurposes, now: number): ConsentState {
  const raw = exactly(value, STATE_KEYS);
  if (raw.schema !== SCHEMA) throw new Invalid();
  const policyId = version(raw.policyId);
  const policyVersion = version(raw.policyVersion);
  const acknowledgedVersion = raw.acknowledgedVersion === null ? null : version(raw.acknowledgedVersion);
  time(raw.updatedAt); // must be well-formed; the server replaces it
  const updatedAt = now;
  const expiresAt = raw.expiresAt === null ? null : Math.min(time(raw.expiresAt), updatedAt + MAX_EXPIRES_AFTER_DAYS * DAY_MS);

  if (!isPlainObject(raw.choices)) throw new Invalid();
  const choices: Record<string, Choice> = {};
  for (const [id, rawChoice] of Object.entries(raw.choices)) {
    const necessary = purposes.necessary.get(id);
    if (necessary === undefined) throw new Invalid(); // not a configured purpose
    const checked = choice(rawChoice, necessary, now);
    if (checked) choices[id] = checked;
  }

  if (!Array.isArray(raw.records) || raw.records.length > MAX_RECORDS) throw new Invalid();
  const records = raw.records.map((item: unknown) => record(item, now));

  return {
    schema: SCHEMA,
    policyId,
    policyVersion,
    acknowledgedVersion,
    choices,
    updatedAt: toIso(updatedAt),
    expiresAt: expiresAt === null ? null : toIso(expiresAt),
    records,
  };
}

/**
 * Checks a state sent by the page and returns what the server stores: the same state with
 * `updatedAt` set to `now`, choice times later than `now` and record times more than a day
 * later capped to it, necessary purposes
 * granted and `default` choices left out (they mean "no explicit choice"). Returns `undefined`
 * when anything is off: an unknown or missing field, a purpose not configured, a non-boolean
 * grant, an unknown source, a malformed time or record, more than 50 records, a version
 * longer than 64 characters. Never throws.
 */
export function checkState(value: unknown, purposes: ServerPurposes, now: number): ConsentState | undefined {
  let checked: ConsentState;
  try {
    checked = state(value, purposes, now);
  } catch {
    return undefined; // Invalid, or a throwing getter in an object that did not come from JSON
  }
  // The page's own schema check must accept it as it is, with nothing to report.
  const decoded = decodeState(checked, checked.policyId, purposes.config, now);
  return decoded.state !== null && decoded.problems.length === 0 ? checked : undefined;
}

/**
 * Reads a stored value the way the page does (`decodeState`, with the policy id the value
 * itself names): what cannot be vouched for is dropped; a corrupt value gives `null`.
 */
export function readStored(value: unknown, purposes: ServerPurposes, now: number): ConsentState | null {
  const parsed = parseStored(value);
  if (!isPlainObject(parsed)) return null;
  const policyId = parsed.policyId;
  if (typeof policyId !== 'string' || policyId.length === 0 || policyId.length > MAX_ID_LENGTH) return null;
  return decodeState(parsed, policyId, purposes.config, now).state;
}

/** A stored value as an object: stores that keep JSON text give a string (`undefined` when it is not JSON). */
export function parseStored(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
