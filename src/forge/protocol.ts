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

/** Payload of `candor.consent.set`. */
export interface SetPayload {
  scope?: string;
  state: ConsentState;
}

/** Answer of `candor.consent.get`. */
export type GetResult = { state: ConsentState | null } | ForgeRefusal;

/** Answer of `candor.consent.set`: the state as stored (the server set `updatedAt`). */
export type SetResult = { ok: true; state: ConsentState } | ForgeRefusal;

/** Answer of `candor.consent.delete`. */
export type DeleteResult = { ok: true } | ForgeRefusal;
