/** Options of `consentHandlers` and their validation (a mistake here is the app's, so it throws). */
import { readClock, type Clock } from '../core/time.js';
import { BASES, MAX_ID_LENGTH, type Basis, type Purpose } from '../core/types.js';
import type { ServerPurposes } from './check-state.js';
import { DEFAULT_SCOPE, isScope } from './protocol.js';

/**
 * Where consent is kept: anything with async `get`, `set` and `delete` by string key.
 * `kvs` from `@forge/kvs` fits as it is.
 */
export interface KeyValueStore {
  /** The stored value, or `undefined` when there is none. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/**
 * A purpose as the server needs it: an id, or the config's purpose object (only `id` and
 * `basis` are read; `basis: "necessary"` makes it always granted).
 */
export type PurposeLike = string | { readonly id: string; readonly basis?: string };

/** Options of `consentHandlers`. */
export interface ConsentHandlersOptions {
  /** Where consent is kept, e.g. `kvs` from `@forge/kvs`. */
  store: KeyValueStore;
  /**
   * The config's `purposes` array (necessary ones are forced on), or bare ids (then none is
   * treated as necessary). A choice for any other purpose is refused.
   */
  purposes: readonly PurposeLike[];
  /**
   * Allowed scopes (1–64 characters `a-z 0-9 . _ -`). Default `["default"]`: list every scope your
   * pages use, and give `eraseAccount` the same list, so it can erase every key of an account.
   */
  scopes?: readonly string[];
  /** Largest accepted payload, in bytes of JSON (UTF-8). Default 32 768; at most 240 KiB (Forge's value limit). */
  maxPayloadBytes?: number;
  /** The server's clock: a `Date` or epoch milliseconds. Default `Date.now`. */
  now?: Clock;
}

/** Default of `maxPayloadBytes`. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 32_768;

/** Forge KVS's value limit (240 KiB), the most `maxPayloadBytes` may be. */
export const MAX_KVS_VALUE_BYTES = 240 * 1024;

/** Options after validation. */
export interface ResolvedOptions {
  store: KeyValueStore;
  purposes: ServerPurposes;
  scopes: ReadonlySet<string>;
  maxPayloadBytes: number;
  now: () => number;
}

function fail(message: string): never {
  throw new TypeError(`consentHandlers: ${message}`);
}

function resolvePurposes(purposes: unknown): ServerPurposes {
  if (!Array.isArray(purposes)) fail('option "purposes" must be an array of purpose ids or purpose objects');
  const necessary = new Map<string, boolean>();
  const config: Purpose[] = [];
  purposes.forEach((item: unknown, index) => {
    const entry = typeof item === 'string' ? { id: item } : item;
    if (typeof entry !== 'object' || entry === null) fail(`purposes[${index}] must be an id or an object with an id`);
    const { id, basis } = entry as { id?: unknown; basis?: unknown };
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
      fail(`purposes[${index}].id must be a string of 1–${MAX_ID_LENGTH} characters`);
    }
    if (basis !== undefined && !BASES.includes(basis as Basis)) {
      fail(`purposes[${index}].basis must be one of ${BASES.join(', ')}`);
    }
    if (necessary.has(id)) fail(`purpose id ${JSON.stringify(id)} appears twice`);
    necessary.set(id, basis === 'necessary');
    config.push({ id, basis: (basis as Basis | undefined) ?? 'consent' });
  });
  return { necessary, config };
}

/** Validates the options; throws a TypeError naming the first problem. */
export function resolveOptions(options: ConsentHandlersOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('expected an options object');
  const { store, scopes, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES, now } = options;
  if (
    typeof store !== 'object' || store === null ||
    typeof store.get !== 'function' || typeof store.set !== 'function' || typeof store.delete !== 'function'
  ) {
    fail('option "store" must have get, set and delete methods (kvs from @forge/kvs fits)');
  }
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every(isScope))) {
    fail('option "scopes" must be a non-empty array of scopes of 1–64 characters a-z 0-9 . _ -');
  }
  if (!Number.isInteger(maxPayloadBytes) || maxPayloadBytes < 1 || maxPayloadBytes > MAX_KVS_VALUE_BYTES) {
    fail(`option "maxPayloadBytes" must be an integer from 1 to ${MAX_KVS_VALUE_BYTES}`);
  }
  if (now !== undefined && typeof now !== 'function') fail('option "now" must be a function');
  const clock: Clock = now ?? Date.now;
  return {
    store,
    purposes: resolvePurposes(options.purposes),
    // Only what is listed: an account could otherwise create any number of keys, and eraseAccount
    // (which cannot list keys) would not know to delete them.
    scopes: new Set(scopes ?? [DEFAULT_SCOPE]),
    maxPayloadBytes,
    now: () => readClock(clock),
  };
}
