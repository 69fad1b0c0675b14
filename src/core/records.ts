import { MAX_RECORDS, SCHEMA, type Choice, type ConsentRecord, type RecordMethod, type Signals } from './types.js';

/** A random UUID v4, also on pages that are not a secure context (no `crypto.randomUUID`). */
export function uuid(): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  cryptoApi.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RecordInput {
  at: string;
  policy: { id: string; version: string };
  method: RecordMethod;
  choices: Readonly<Record<string, Choice>>;
  signals: Signals;
  locale: string;
}

/** A new record: the effective grant of every purpose after the decision. No personal data. */
export function makeRecord(input: RecordInput): ConsentRecord {
  const choices: Record<string, boolean> = {};
  for (const [id, choice] of Object.entries(input.choices)) choices[id] = choice.granted;
  return {
    recordId: uuid(),
    schema: SCHEMA,
    at: input.at,
    policy: { ...input.policy },
    method: input.method,
    choices,
    signals: { ...input.signals },
    locale: input.locale,
  };
}

/** Newest first, bounded. */
export function appendRecord(records: readonly ConsentRecord[], record: ConsentRecord): ConsentRecord[] {
  return [record, ...records].slice(0, MAX_RECORDS);
}
