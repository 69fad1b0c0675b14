/**
 * `httpStorage()`: consent kept by your own server (`candor/server`, or anything that answers
 * the same way), reached with `fetch`.
 */
import type { ConsentStorage } from '../core/types.js';
import { DEFAULT_SCOPE, isScope, type ForgeErrorCode } from '../forge/protocol.js';
import { isObject } from '../core/json.js';
import { checkTimeout, isErrorCode, remoteStorage, type RemoteErrorCode } from './remote.js';

/** `fetch` as {@link httpStorage} calls it (the global one by default). */
export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link httpStorage}. */
export interface HttpStorageOptions {
  /** The endpoint: one URL that takes every call as `POST { key, payload }`. */
  url: string;
  /**
   * Extra request headers (a CSRF token, `Authorization`), or a function returning them for
   * each call (for tokens that rotate). `content-type` and `accept` are always JSON.
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /**
   * `fetch`'s `credentials`: whether cookies go with the call. Default `"same-origin"` (the
   * session cookie of your own origin is sent); `"include"` for an endpoint on another origin
   * that allows it with CORS.
   */
  credentials?: RequestCredentials;
  /** Which of the person's consent states to use (1–64 of `a-z 0-9 . _ -`). Default `"default"`. */
  scope?: string;
  /** How long one call may take before it counts as failed (and is aborted), in ms. Default 10 000. */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (tests, instrumented clients). */
  fetch?: HttpFetch;
}

/**
 * Why an {@link httpStorage} call failed: the server's refusal (`unauthenticated`, `invalid`,
 * `too-large`, `unavailable`), `timeout`, `rejected` (`fetch` failed, or an HTTP error without
 * a Candor answer) or `malformed` (the answer was not what `candor/server` returns).
 */
export type HttpStorageErrorCode = RemoteErrorCode;

/** The error `httpStorage`'s methods reject with; `code` says why, `status` is the HTTP status when there was one. */
export class HttpStorageError extends Error {
  override name = 'HttpStorageError';
  readonly code: HttpStorageErrorCode;
  readonly status: number | undefined;

  constructor(code: HttpStorageErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status;
  }
}

/** An HTTP answer that carried no Candor result. */
class HttpFailure extends Error {
  constructor(readonly status: number, readonly code: ForgeErrorCode | 'rejected' | 'malformed') {
    super(`HTTP ${status}`);
  }
}

/** The code an HTTP status means when the body is not a Candor answer (a proxy's or a login wall's). */
function statusCode(status: number): ForgeErrorCode | 'rejected' {
  if (status === 401 || status === 403) return 'unauthenticated';
  if (status === 413) return 'too-large';
  return 'rejected';
}

/**
 * A {@link ConsentStorage} kept by your server. Every call is one
 * `POST url` with `content-type: application/json` and the body
 * `{ "key": "candor.consent.get" | "candor.consent.set" | "candor.consent.delete", "payload": … }`,
 * where `payload` is exactly what the Forge resolver functions take (`{ scope }`,
 * `{ scope, state, writer, seq }`), and the server answers with their results (`{ state }`, `{ ok: true,
 * state }`, `{ ok: true }`, or `{ ok: false, error }`). No identity is sent: the server takes
 * it from its own session (the cookie `credentials` lets through, or a header you add).
 * `consentServer` from `candor/server` is such a server.
 *
 * Behaves like `forgeStorage`: writes one at a time with saves coalesced (a burst costs at
 * most two calls), `timeoutMs` per call (the request is aborted), no retry of its own; a
 * failure rejects with an {@link HttpStorageError}. A refusal `unauthenticated` (also a bare
 * HTTP 401 or 403, as from a login wall) makes the core keep choices for the visit only.
 *
 * @throws TypeError when the options are invalid.
 */
export function httpStorage(options: HttpStorageOptions): ConsentStorage {
  if (typeof options !== 'object' || options === null || typeof options.url !== 'string' || options.url === '') {
    throw new TypeError('httpStorage: option "url" must be the URL of your consent endpoint');
  }
  const { url, headers, credentials = 'same-origin', scope = DEFAULT_SCOPE, timeoutMs = 10_000 } = options;
  if (!isScope(scope)) throw new TypeError('httpStorage: option "scope" must be 1–64 characters a-z 0-9 . _ -');
  checkTimeout('httpStorage', timeoutMs);
  if (headers !== undefined && typeof headers !== 'function' && (typeof headers !== 'object' || headers === null)) {
    throw new TypeError('httpStorage: option "headers" must be an object of header names and values, or a function returning one');
  }
  if (!['same-origin', 'include', 'omit'].includes(credentials)) {
    throw new TypeError('httpStorage: option "credentials" must be "same-origin", "include" or "omit"');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new TypeError('httpStorage: option "fetch" must be a function');
  const doFetch: HttpFetch = options.fetch ?? ((input, init) => fetch(input, init));

  const send = async (key: string, payload: Record<string, unknown>, signal: AbortSignal | undefined): Promise<unknown> => {
    const extra = typeof headers === 'function' ? await headers() : headers;
    const response = await doFetch(url, {
      method: 'POST',
      credentials,
      headers: { ...extra, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ key, payload }),
      ...(signal ? { signal } : {}),
    });
    let answer: unknown;
    try {
      answer = JSON.parse(await response.text()) as unknown;
    } catch {
      answer = undefined;
    }
    // A refusal from the handlers comes with its own HTTP status (401, 400, 413, 503): the body decides.
    if (isObject(answer) && answer.ok === false && isErrorCode(answer.error)) return answer;
    if (!response.ok) throw new HttpFailure(response.status, statusCode(response.status));
    if (answer === undefined) throw new HttpFailure(response.status, 'malformed');
    return answer;
  };

  return remoteStorage({
    name: 'httpStorage',
    scope,
    timeoutMs,
    send,
    error: (code, message) => new HttpStorageError(code, message),
    sendError: (key, error) => {
      if (error instanceof HttpFailure) {
        const hinted = error.code === 'rejected' || error.code === 'malformed' ? '' : `: ${hint(error.code)}`;
        const what = error.code === 'malformed' ? 'answered with something other than JSON' : `answered HTTP ${error.status}`;
        return new HttpStorageError(error.code, `httpStorage: ${key} ${what} (POST ${url})${hinted}`, { status: error.status });
      }
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return new HttpStorageError('rejected', `httpStorage: ${key} failed (POST ${url}): ${detail}`, { cause: error });
    },
    hint,
    expected: `${url} an endpoint of consentServer from candor/server`,
  });
}

function hint(code: ForgeErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return 'the server found no signed-in person (choices are kept for this visit only)';
    case 'invalid':
      return 'the server did not accept the call (are its purposes the config\'s?)';
    case 'too-large':
      return 'the state is larger than the server accepts (maxPayloadBytes)';
    case 'unavailable':
      return 'the server\'s storage failed';
  }
}
