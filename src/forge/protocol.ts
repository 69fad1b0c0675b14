/**
 * The wire contract between `forgeStorage` (page) and `consentHandlers` (Forge resolver):
 * function keys, payloads, results and the scope rule. Shared by both sides; plain data and
 * types only, so the page bundle pays for nothing else from `src/forge/`.
 */
import type { ConsentState } from '../core/types.js';

/** Resolver function keys (DESIGN.md "Forge"). */
export const FORGE_FUNCTION_KEYS = {
  get: 'candor.consent.get',
  set: 'candor.consent.set',
  delete: 'candor.consent.delete',
} as const;

/** Scope used when a payload names none. */
export const DEFAULT_SCOPE = 'default';

/** A scope: 1–64 of `a-z 0-9 . _ -` (no `:`, so it can end a storage key unambiguously). */
export const SCOPE_PATTERN = /^[a-z0-9._-]{1,64}$/;

/** Whether `value` is a valid scope. */
export function isScope(value: unknown): value is string {
  return typeof value === 'string' && SCOPE_PATTERN.test(value);
}

/** Why a resolver call was refused. Never carries anything from the payload. */
export type ForgeErrorCode = 'unauthenticated' | 'invalid' | 'too-large' | 'unavailable';

/** Every code a handler can refuse with. */
export const FORGE_ERROR_CODES: readonly ForgeErrorCode[] = ['unauthenticated', 'invalid', 'too-large', 'unavailable'];

/** What a handler answers when it refuses a call; a refused call changes nothing. */
export interface ForgeRefusal {
  ok: false;
  error: ForgeErrorCode;
}

/** Payload of `candor.consent.get` and `candor.consent.delete`. */
export interface ScopePayload {
  scope?: string;
}

/**
 * Payload of `candor.consent.set`. `writer` (a random id per page's adapter) and `seq` (1, 2, 3…
 * per writer) come together or not at all: with them, the server drops a write that arrives
 * after a newer one from the same page (a call that timed out on the page but still landed).
 */
export interface SetPayload {
  scope?: string;
  state: ConsentState;
  writer?: string;
  seq?: number;
}

/** A `writer` id: 1–64 of `A-Z a-z 0-9 -` (a UUID fits). */
export const WRITER_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** Whether `writer` and `seq` are a valid pair of `SetPayload` fields. */
export function isWrite(writer: unknown, seq: unknown): boolean {
  return typeof writer === 'string' && WRITER_PATTERN.test(writer) && Number.isSafeInteger(seq) && (seq as number) > 0;
}

/** Answer of `candor.consent.get`. */
export type GetResult = { state: ConsentState | null } | ForgeRefusal;

/**
 * Answer of `candor.consent.set`: the state as stored (the server set `updatedAt`). For a write
 * older than one already stored from the same writer, the stored (newer) state, unchanged.
 */
export type SetResult = { ok: true; state: ConsentState } | ForgeRefusal;

/** Answer of `candor.consent.delete`. */
export type DeleteResult = { ok: true } | ForgeRefusal;
