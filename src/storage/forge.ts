/** `forgeStorage()`: consent kept by a Forge resolver (`candor/forge`), reached through `invoke`. */
import { withTimeout } from '../core/time.js';
import type { ConsentState, ConsentStorage } from '../core/types.js';
import {
  DEFAULT_SCOPE,
  FORGE_ERROR_CODES,
  FORGE_FUNCTION_KEYS,
  isScope,
  type ForgeErrorCode,
} from '../forge/protocol.js';

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
export type ForgeStorageErrorCode = ForgeErrorCode | 'timeout' | 'rejected' | 'malformed';

/** The error `forgeStorage`'s methods reject with; `code` says why. */
export class ForgeStorageError extends Error {
  override name = 'ForgeStorageError';
  readonly code: ForgeStorageErrorCode;

  constructor(code: ForgeStorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorCode(value: unknown): value is ForgeErrorCode {
  return FORGE_ERROR_CODES.includes(value as ForgeErrorCode);
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One resolver call waiting its turn; a `set` not yet started takes newer states. */
type Operation = { kind: 'set'; state: ConsentState; waiters: Waiter[] } | { kind: 'delete'; waiters: Waiter[] };

/**
 * A {@link ConsentStorage} for Forge Custom UI: the state is kept per Atlassian account by the
 * resolver functions of `consentHandlers` (`candor/forge`), called through `invoke` with
 * exactly `candor.consent.get { scope }`, `candor.consent.set { scope, state }` and
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
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new TypeError('forgeStorage: option "timeoutMs" must be a positive number of milliseconds');
  }

  /** Calls `key` and returns its answer, or throws a ForgeStorageError. */
  const call = async (key: string, payload: Json): Promise<Json> => {
    let answer: unknown;
    try {
      answer = await withTimeout(Promise.resolve().then(() => invoke(key, payload)), timeoutMs, () => new Timeout());
    } catch (error) {
      throw invokeError(key, error, timeoutMs);
    }
    if (isObject(answer) && answer.ok === false) {
      const code = isErrorCode(answer.error) ? answer.error : 'malformed';
      throw new ForgeStorageError(code, `forgeStorage: ${key} was refused (${code === 'malformed' ? 'no known reason' : code})${hint(code)}`);
    }
    if (!isObject(answer)) throw malformed(key);
    return answer;
  };

  const queue: Operation[] = [];
  let running = false;

  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    while (queue.length > 0) {
      const operation = queue.shift() as Operation;
      try {
        if (operation.kind === 'set') {
          const answer = await call(FORGE_FUNCTION_KEYS.set, { scope, state: operation.state });
          if (answer.ok !== true) throw malformed(FORGE_FUNCTION_KEYS.set);
        } else {
          const answer = await call(FORGE_FUNCTION_KEYS.delete, { scope });
          if (answer.ok !== true) throw malformed(FORGE_FUNCTION_KEYS.delete);
        }
        for (const waiter of operation.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of operation.waiters) waiter.reject(error);
      }
    }
    running = false;
  };

  /** Queues a write; a `set` waiting behind the one in flight takes the newer state instead. */
  const enqueue = (state: ConsentState | null): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      const last = queue[queue.length - 1];
      if (state !== null && last?.kind === 'set') {
        last.state = state;
        last.waiters.push(waiter);
      } else if (state === null && last?.kind === 'delete') {
        last.waiters.push(waiter);
      } else {
        queue.push(state === null ? { kind: 'delete', waiters: [waiter] } : { kind: 'set', state, waiters: [waiter] });
      }
      void run();
    });

  return {
    async load() {
      const answer = await call(FORGE_FUNCTION_KEYS.get, { scope });
      const state = answer.state;
      if (!('state' in answer) || (state !== null && !isObject(state))) throw malformed(FORGE_FUNCTION_KEYS.get);
      return state as ConsentState | null;
    },
    save: (state) => enqueue(state),
    clear: () => enqueue(null),
  };
}

function hint(code: ForgeStorageErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return ': the viewer is not logged in to an Atlassian account';
    case 'invalid':
      return ': the resolver did not accept the state (are its purposes the config\'s?)';
    case 'too-large':
      return ': the state is larger than the resolver\'s maxPayloadBytes';
    case 'unavailable':
      return ': the resolver\'s storage failed';
    default:
      return '';
  }
}

/** Marks a call that did not answer in time. */
class Timeout extends Error {}

function malformed(key: string): ForgeStorageError {
  return new ForgeStorageError('malformed', `forgeStorage: ${key} gave an unexpected answer; is the resolver consentHandlers from candor/forge?`);
}

/** Turns a rejected or timed-out `invoke` into a ForgeStorageError. */
function invokeError(key: string, error: unknown, timeoutMs: number): ForgeStorageError {
  if (error instanceof Timeout) {
    return new ForgeStorageError('timeout', `forgeStorage: ${key} did not answer within ${timeoutMs} ms`);
  }
  const { code, error: reason } = isObject(error) ? error : {};
  if (code === 'unauthenticated' || reason === 'unauthenticated') {
    return new ForgeStorageError('unauthenticated', `forgeStorage: ${key} was refused${hint('unauthenticated')}`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ForgeStorageError('rejected', `forgeStorage: invoke("${key}") failed: ${detail}`, { cause: error });
}
