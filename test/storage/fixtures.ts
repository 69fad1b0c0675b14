// Consent states for storage tests: schema 1, policy "acme-privacy", English records.
import type { Choice, ConsentRecord, ConsentState, Signals } from '../../src/core/types.js';

export const NO_SIGNALS: Signals = { gpc: false, dnt: false };
export const AT = '2026-01-01T00:00:00.000Z';

/** One effective choice; `source: 'user'` unless overridden. */
export function makeChoice(granted: boolean, overrides: Partial<Choice> = {}): Choice {
  return { granted, source: 'user', at: AT, signals: { ...NO_SIGNALS }, ...overrides };
}

/** A consent record; `n` makes its id and time unique (a higher `n` is newer). */
export function makeRecord(n: number, choices: Record<string, boolean> = { analytics: true }, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    recordId: `rec-${String(n).padStart(4, '0')}`,
    schema: 1,
    at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    policy: { id: 'acme-privacy', version: '2026-03-01' },
    method: 'save',
    choices,
    signals: { ...NO_SIGNALS },
    locale: 'en',
    ...overrides,
  };
}

/** A valid state with one analytics choice and one record, unless overridden. */
export function makeState(overrides: Partial<ConsentState> = {}): ConsentState {
  return {
    schema: 1,
    policyId: 'acme-privacy',
    policyVersion: '2026-03-01',
    acknowledgedVersion: '2026-03-01',
    choices: { analytics: makeChoice(true) },
    updatedAt: AT,
    expiresAt: '2026-07-02T00:00:00.000Z',
    records: [makeRecord(1)],
    ...overrides,
  };
}

/** Records `newest`, `newest - 1`, … (newest first), `count` of them, each with `choices`. */
export function makeRecords(count: number, newest = count, choices?: Record<string, boolean>): ConsentRecord[] {
  return Array.from({ length: count }, (_, i) => makeRecord(newest - i, choices));
}

/** A state with `count` purposes, every one granted, and `records` records holding all of them. */
export function makeWideState(count: number, records = 1): ConsentState {
  const ids = Array.from({ length: count }, (_, i) => `purpose-${i}`);
  const choices = Object.fromEntries(ids.map((id) => [id, makeChoice(true)]));
  const recordChoices = Object.fromEntries(ids.map((id) => [id, true]));
  return makeState({ choices, records: makeRecords(records, records, recordChoices) });
}
