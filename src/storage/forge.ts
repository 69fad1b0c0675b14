/** `forgeStorage()`: consent kept by a Forge resolver (`candor/forge`), reached through `invoke`. */
import type { ConsentStorage } from '../core/types.js';
import { DEFAULT_SCOPE, isScope, type ForgeErrorCode } from '../forge/protocol.js';
import { isObject } from '../core/json.js';
import { checkTimeout, remoteStorage, type RemoteErrorCode } from './remote.js';

/**
 * `invoke` from `@forge/bridge` (pass it in; Candor imports no `@forge/*` module): calls a
 * resolver function by key and resolves with what it returned.
 */
export type ForgeInvoke = (functionKey: string, payload?: Record<string, unknown>) => Promise<unknown>;

/** Options of {@link forgeStorage}. */
export interface ForgeStorageOptions {
  /** `invoke` from `@forge/bridge`. */
  invoke: ForgeInvoke;
  /** Which of the person's consent states to use (1–64 of `a-z 0-9 . _ -`). Default `"default"`. */
  scope?: string;
  /** How long one `invoke` may take before it counts as failed, in ms. Default 10 000. */
  timeoutMs?: number;
}

/**
 * Why a {@link forgeStorage} call failed: a resolver's refusal (`unauthenticated`, `invalid`,
 * `too-large`, `unavailable`), `timeout`, `rejected` (`invoke` itself failed) or `malformed`
 * (the answer was not what `candor/forge` returns).
 */
export type ForgeStorageErrorCode = RemoteErrorCode;

/** The error `forgeStorage`'s methods reject with; `code` says why. */
export class ForgeStorageError extends Error {
  override name = 'ForgeStorageError';
  readonly code: ForgeStorageErrorCode;

  constructor(code: ForgeStorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * A {@link ConsentStorage} for Forge Custom UI: the state is kept per Atlassian account by the
 * resolver functions of `consentHandlers` (`candor/forge`), called through `invoke` with
 * exactly `candor.consent.get { scope }`, `candor.consent.set { scope, state, writer, seq }` and
 * `candor.consent.delete { scope }`. No identity is sent: the resolver knows the caller.
 *
 * - Writes go one at a time. Saves made while one is in flight are coalesced into one more
 *   call with the newest state, so a burst of changes costs at most two calls; each `save()`
 *   settles with the call that wrote its state (or a newer one). `clear()` takes its turn
 *   after the writes before it.
 * - A call that is refused, rejects or does not answer within `timeoutMs` rejects with a
 *   {@link ForgeStorageError} (`code` says why; `unauthenticated` for an anonymous viewer).
 *   The adapter does not retry: the core keeps the choice in memory and retries with backoff.
 * - `load()` resolves with the stored state (untrusted: the core checks it) or `null`.
 *
 * @throws TypeError when the options are invalid.
 */
export function forgeStorage(options: ForgeStorageOptions): ConsentStorage {
  if (typeof options !== 'object' || options === null || typeof options.invoke !== 'function') {
    throw new TypeError('forgeStorage: option "invoke" must be a function (invoke from @forge/bridge)');
  }
  const { invoke, scope = DEFAULT_SCOPE, timeoutMs = 10_000 } = options;
  if (!isScope(scope)) throw new TypeError('forgeStorage: option "scope" must be 1–64 characters a-z 0-9 . _ -');
  checkTimeout('forgeStorage', timeoutMs);
  return remoteStorage({
    name: 'forgeStorage',
    scope,
    timeoutMs,
    send: (key, payload) => invoke(key, payload),
    error: (code, message) => new ForgeStorageError(code, message),
    sendError: invokeError,
    hint,
    expected: 'the resolver consentHandlers from candor/forge',
  });
}

function hint(code: ForgeErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return 'the viewer is not logged in to an Atlassian account';
    case 'invalid':
      return 'the resolver did not accept the state (are its purposes the config\'s?)';
    case 'too-large':
      return 'the state is larger than the resolver\'s maxPayloadBytes';
    case 'unavailable':
      return 'the resolver\'s storage failed';
  }
}

/** Turns a rejected `invoke` into a ForgeStorageError. */
function invokeError(key: string, error: unknown): ForgeStorageError {
  const { code, error: reason } = isObject(error) ? error : {};
  if (code === 'unauthenticated' || reason === 'unauthenticated') {
    return new ForgeStorageError('unauthenticated', `forgeStorage: ${key} was refused: ${hint('unauthenticated')}`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ForgeStorageError('rejected', `forgeStorage: invoke("${key}") failed: ${detail}`, { cause: error });
}
