import { isObject } from './json.js';
import { DAY_MS, parseIso, toIso } from './time.js';
import {
  CHOICE_SOURCES,
  MAX_EXPIRES_AFTER_DAYS,
  MAX_ID_LENGTH,
  MAX_RECORDS,
  RECORD_METHODS,
  SCHEMA,
  type Choice,
  type ConsentRecord,
  type ConsentState,
  type Purpose,
  type Signals,
} from './types.js';

/** What decoding stored data gives: what can be vouched for, and why the rest was dropped. */
export interface Decoded {
  state: ConsentState | null;
  problems: string[];
  /** Written by a newer Candor (a newer schema): not readable here, and never to be written over unasked. */
  newer?: true;
}

type Json = Record<string, unknown>;


/** `JSON.stringify` for messages; never throws (BigInt, cycles, a throwing `toJSON`). */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'nothing';
  } catch {
    return `a ${typeof value}`;
  }
}

function isVersion(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** Exactly `{ gpc: boolean, dnt: boolean }`; anything missing counts as "signal off". */
function decodeSignals(value: unknown): Signals | undefined {
  if (!isObject(value)) return undefined;
  const { gpc = false, dnt = false } = value;
  return typeof gpc === 'boolean' && typeof dnt === 'boolean' ? { gpc, dnt } : undefined;
}

function decodeChoice(value: unknown, latest: number): Choice | string {
  if (!isObject(value)) return 'expected an object';
  if (typeof value.granted !== 'boolean') return `granted: expected true or false, got ${show(value.granted)}`;
  const source = value.source;
  if (!CHOICE_SOURCES.includes(source as never) || source === 'default') { // a string, then
    return `source: expected "user" | "gpc" | "dnt" | "host", got ${show(source)}`;
  }
  const at = parseIso(value.at);
  if (at === undefined || at > latest) return 'at: expected an ISO 8601 time not in the future';
  const signals = value.signals === undefined ? { gpc: false, dnt: false } : decodeSignals(value.signals);
  if (!signals) return 'signals: expected { gpc: boolean, dnt: boolean }';
  // A signal-sourced choice can only ever be a denial.
  if ((source === 'gpc' || source === 'dnt') && value.granted) return `granted: a "${source}" choice cannot grant`;
  return { granted: value.granted, source: source as Choice['source'], at: toIso(at), signals };
}

function decodeRecord(value: unknown, latest: number): ConsentRecord | undefined {
  if (!isObject(value) || !isObject(value.policy) || !isObject(value.choices)) return undefined;
  const at = parseIso(value.at);
  const signals = decodeSignals(value.signals);
  const { recordId, method, locale, policy } = value;
  if (typeof recordId !== 'string' || recordId.length === 0 || recordId.length > 100) return undefined;
  if (at === undefined || at > latest || !signals) return undefined;
  if (!RECORD_METHODS.includes(method as never) || typeof locale !== 'string' || locale.length > 35) return undefined;
  if (!isVersion(policy.id) || !isVersion(policy.version)) return undefined;
  const choices: Record<string, boolean> = {};
  for (const [id, granted] of Object.entries(value.choices)) {
    if (typeof granted !== 'boolean') return undefined;
    choices[id] = granted;
  }
  return {
    recordId,
    schema: SCHEMA,
    at: toIso(at),
    policy: { id: policy.id, version: policy.version },
    method: method as ConsentRecord['method'],
    choices,
    signals,
    locale,
  };
}

/**
 * Turns whatever a storage adapter returned into a `ConsentState` Candor can trust, or
 * `null`. Never throws and never grants anything it cannot vouch for: a value that is not
 * JSON, from another schema or policy, or malformed is dropped whole; a malformed or unknown
 * choice is dropped alone. Every drop is described in `problems`.
 *
 * @param now Choices and records dated more than a day after `now` are treated as forged; an
 *   `updatedAt` that far ahead (a server's stamp seen on a device whose clock is behind) is
 *   counted as `now` plus a day.
 */
export function decodeState(raw: unknown, policyId: string, purposes: readonly Purpose[], now: number): Decoded {
  try {
    return decode(raw, policyId, purposes, now);
  } catch {
    // Only an object with throwing getters (a Proxy, say) gets here: nothing in it is trusted.
    return { state: null, problems: ['stored consent could not be read; treated as no choice yet'] };
  }
}

function decode(raw: unknown, policyId: string, purposes: readonly Purpose[], now: number): Decoded {
  const problems: string[] = [];
  /** Nothing is kept: "stored consent <problem>; treated as no choice yet". */
  const none = (problem: string): Decoded => ({ state: null, problems: [`stored consent ${problem}; treated as no choice yet`] });
  if (raw === null || raw === undefined) return { state: null, problems };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return none('is not valid JSON');
    }
  }
  if (!isObject(value)) return none('is not an object');
  if (value.schema !== SCHEMA) {
    const future = typeof value.schema === 'number' && value.schema > SCHEMA;
    const decoded = none(`has ${future ? 'a newer' : 'an unknown'} schema ${value.schema === undefined ? '(none)' : show(value.schema)}; this Candor reads schema ${SCHEMA}`);
    if (future) decoded.newer = true;
    return decoded;
  }
  if (value.policyId !== policyId) {
    return none(`is for policy ${value.policyId === undefined ? '(none)' : show(value.policyId)}, not ${show(policyId)}`);
  }
  const latest = now + DAY_MS;
  const storedUpdate = parseIso(value.updatedAt);
  if (storedUpdate === undefined) return none('has no valid updatedAt');
  // A server stamps updatedAt by its own clock (forgeStorage, httpStorage), so on a device whose
  // clock is behind it lies in the future. That is the device's fault, not the data's: keep the
  // state and count from at most a day ahead (the tolerance choices and records get).
  const updatedAt = Math.min(storedUpdate, latest);

  const known = new Map(purposes.map((purpose) => [purpose.id, purpose]));
  const choices: Record<string, Choice> = {};
  const rawChoices = isObject(value.choices) ? value.choices : {};
  if (!isObject(value.choices)) problems.push('stored consent: choices is not an object; no choice kept');
  for (const [id, rawChoice] of Object.entries(rawChoices)) {
    const purpose = known.get(id);
    if (!purpose) {
      problems.push(`stored consent: choice for unknown purpose ${JSON.stringify(id)} dropped`);
      continue;
    }
    if (purpose.basis === 'necessary') continue; // always granted; nothing to keep
    const choice = decodeChoice(rawChoice, latest);
    if (typeof choice === 'string') problems.push(`stored consent: choices.${id}.${choice}; choice dropped`);
    else choices[id] = choice;
  }

  const rawRecords: unknown[] = Array.isArray(value.records) ? value.records : [];
  const wellFormed = rawRecords
    .map((record) => decodeRecord(record, latest))
    .filter((record): record is ConsentRecord => record !== undefined);
  // Any malformed record is reported, also one that the bound of 50 would have dropped anyway.
  if (value.records !== undefined && !Array.isArray(value.records)) {
    problems.push('stored consent: records is not an array; no record kept');
  } else if (wellFormed.length < rawRecords.length) {
    problems.push('stored consent: malformed records dropped');
  }
  const records = wellFormed.slice(0, MAX_RECORDS);

  // Never trust an expiry further away than the hard cap allows.
  const cap = updatedAt + MAX_EXPIRES_AFTER_DAYS * DAY_MS;
  const storedExpiry = parseIso(value.expiresAt);
  const expiresAt = storedExpiry === undefined ? null : Math.min(storedExpiry, cap);
  if (value.expiresAt != null && storedExpiry === undefined) {
    problems.push('stored consent: expiresAt is not an ISO 8601 time; the choice lifetime is counted from updatedAt');
  }

  if (!isVersion(value.policyVersion)) problems.push('stored consent: policyVersion is not a version string');
  const acknowledged = value.acknowledgedVersion;
  if (acknowledged != null && !isVersion(acknowledged)) {
    problems.push('stored consent: acknowledgedVersion is not a version string; treated as never acknowledged');
  }

  return {
    state: {
      schema: SCHEMA,
      policyId,
      policyVersion: isVersion(value.policyVersion) ? value.policyVersion : '',
      acknowledgedVersion: isVersion(acknowledged) ? acknowledged : null,
      choices,
      updatedAt: toIso(updatedAt),
      expiresAt: expiresAt === null ? null : toIso(expiresAt),
      records,
    },
    problems,
  };
}
