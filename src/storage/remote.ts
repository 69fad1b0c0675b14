/**
 * What `forgeStorage` and `httpStorage` share: a {@link ConsentStorage} over a transport that
 * sends `candor.consent.get | set | delete` with the payloads of `candor/forge`'s handlers and
 * resolves with their answers. This module does the common part: one write at a time with
 * saves coalesced, a timeout on every call, and checking answers (refusal codes, malformed).
 * Each adapter supplies how a call is sent, its error class and its wording.
 */
import { isObject } from '../core/json.js';
import { uuid } from '../core/records.js';
import { withTimeout } from '../core/time.js';
import type { ConsentState, ConsentStorage } from '../core/types.js';
import { FORGE_ERROR_CODES, FORGE_FUNCTION_KEYS, type ForgeErrorCode } from '../forge/protocol.js';

/**
 * Why a remote call failed: the server's refusal (`unauthenticated`, `invalid`, `too-large`,
 * `unavailable`), `timeout`, `rejected` (the transport itself failed) or `malformed` (the
 * answer was not what Candor's handlers return).
 */
export type RemoteErrorCode = ForgeErrorCode | 'timeout' | 'rejected' | 'malformed';

export type Json = Record<string, unknown>;


export function isErrorCode(value: unknown): value is ForgeErrorCode {
  return FORGE_ERROR_CODES.includes(value as ForgeErrorCode);
}

/** How one adapter talks to its server. */
export interface RemoteSpec {
  /** The adapter's name, which starts every message (`forgeStorage`). */
  name: string;
  scope: string;
  timeoutMs: number;
  /**
   * Sends one call; resolves with the server's answer or rejects. `signal` aborts when the
   * call times out (a transport that cannot be cancelled may ignore it).
   */
  send(key: string, payload: Json, signal: AbortSignal | undefined): Promise<unknown>;
  /** Makes the adapter's error. */
  error(code: RemoteErrorCode, message: string): Error;
  /** Turns a failed `send` (not a timeout) into the adapter's error. */
  sendError(key: string, error: unknown): Error;
  /** Explains a refusal, after ": " (empty for none). */
  hint(code: ForgeErrorCode): string;
  /** What the server should have been, for the `malformed` message. */
  expected: string;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One call waiting its turn; a `set` not yet started takes newer states. */
type Operation = { kind: 'set'; state: ConsentState; waiters: Waiter[] } | { kind: 'delete'; waiters: Waiter[] };

/** Marks a call that did not answer in time. */
class Timeout extends Error {}

/**
 * A {@link ConsentStorage} over `spec.send`:
 * - writes go one at a time; saves made while one is in flight are coalesced into one more
 *   call with the newest state (a burst costs at most two calls), each `save()` settling with
 *   the call that wrote its state or a newer one; `clear()` takes its turn after the writes
 *   before it;
 * - a call that is refused, fails or does not answer within `timeoutMs` rejects with the
 *   adapter's error (no retry: the core retries with backoff);
 * - `load()` resolves with the stored state as given (the core checks it) or `null`;
 * - every `set` carries this adapter's `writer` id and a `seq` one higher than the last, so the
 *   server can drop a call that timed out here but lands after a newer one;
 * - a `set` refused as `too-large` is sent again with the oldest records dropped (never a choice,
 *   never the newest record), as DESIGN asks of adapters with a size limit.
 */
export function remoteStorage(spec: RemoteSpec): ConsentStorage {
  const { name, scope, timeoutMs } = spec;
  const writer = uuid();
  let seq = 0;

  const malformed = (key: string): Error =>
    spec.error('malformed', `${name}: ${key} gave an unexpected answer; is ${spec.expected}?`);

  /** Calls `key` and returns its answer, or throws the adapter's error. */
  const call = async (key: string, payload: Json): Promise<Json> => {
    let answer: unknown;
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    try {
      answer = await withTimeout(Promise.resolve().then(() => spec.send(key, payload, controller?.signal)), timeoutMs, () => {
        controller?.abort();
        return new Timeout();
      });
    } catch (error) {
      if (error instanceof Timeout) throw spec.error('timeout', `${name}: ${key} did not answer within ${timeoutMs} ms`);
      throw spec.sendError(key, error);
    }
    if (isObject(answer) && answer.ok === false) {
      const code = isErrorCode(answer.error) ? answer.error : 'malformed';
      const hint = code === 'malformed' ? '' : spec.hint(code);
      throw spec.error(code, `${name}: ${key} was refused (${code === 'malformed' ? 'no known reason' : code})${hint ? `: ${hint}` : ''}`);
    }
    if (!isObject(answer)) throw malformed(key);
    return answer;
  };

  /** How many records the server took at most so far (its size cap is not known in advance). */
  let recordsThatFit = Infinity;

  /**
   * Writes `state`. Refused as `too-large` (the server's `maxPayloadBytes`), it is sent again
   * with the older half of its records dropped, down to the newest record: a choice is never
   * dropped. The number that fit is where the next write starts.
   */
  const set = async (state: ConsentState): Promise<Json> => {
    for (;;) {
      const records = (state.records ?? []).slice(0, recordsThatFit);
      try {
        return await call(FORGE_FUNCTION_KEYS.set, { scope, state: { ...state, records }, writer, seq: ++seq });
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'too-large' || records.length <= 1) throw error;
        recordsThatFit = Math.ceil(records.length / 2);
      }
    }
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
          const answer = await set(operation.state);
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

/** Checks a positive `timeoutMs` below 2^31 (timers fire at once for more); throws a TypeError naming `name`. */
export function checkTimeout(name: string, timeoutMs: unknown): number {
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs < 2 ** 31)) {
    throw new TypeError(`${name}: option "timeoutMs" must be a positive number of milliseconds below 2^31`);
  }
  return timeoutMs;
}
