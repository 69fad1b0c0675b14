/** `consentServer`: the handlers of `candor/forge`, for any server that knows who is calling. */
import type { ConsentState } from '../core/types.js';
import { consentOperations, type ConsentCall } from '../forge/handlers.js';
import { isPlainObject } from '../forge/check-state.js';
import { isAccountId } from '../forge/keys.js';
import { resolveOptions, type ConsentHandlersOptions } from '../forge/options.js';
import {
  DEFAULT_SCOPE,
  FORGE_FUNCTION_KEYS,
  isScope,
  type DeleteResult,
  type ForgeErrorCode,
  type ForgeRefusal,
  type GetResult,
  type SetResult,
} from '../forge/protocol.js';

/**
 * Options of {@link consentServer}: those of `consentHandlers` (`store`, `purposes`, `scopes`,
 * `maxPayloadBytes`, `now`). `store` is anything with async `get`, `set` and `delete` by string
 * key (a `Map` wrapper, Redis, a SQL table); it receives plain JSON values.
 */
export type ConsentServerOptions = ConsentHandlersOptions;

/** What `handle` answers: the Forge handlers' results, by call key. */
export type ConsentResult = GetResult | SetResult | DeleteResult;

/** A call as `httpStorage` sends it: `{ key, payload }`. */
export interface ConsentRequest {
  key: string;
  payload?: unknown;
}

/** The server side of `httpStorage`: see {@link consentServer}. */
export interface ConsentServer {
  /**
   * Answers one call `{ key, payload }` for `subjectId`, the person your own session says is
   * calling (`undefined`, `null` or `""` when nobody is signed in: refused `unauthenticated`).
   * Never rejects: every failure is `{ ok: false, error }`.
   */
  handle(subjectId: string | null | undefined, request: unknown): Promise<ConsentResult>;
  /**
   * The state stored for `subjectId` (read as the page reads it; `null` when there is none),
   * for server-side checks such as the mailer's (`objectedTo`, `granted`).
   *
   * @throws Error (as a rejection) with `code` `"invalid"` for an id or scope that cannot be
   *   part of a key, `"unavailable"` when the store fails: treat both as "do not send".
   */
  load(subjectId: string, scope?: string): Promise<ConsentState | null>;
  /** The largest payload accepted, in bytes of JSON: the body limit of adapters such as `nodeHandler`. */
  readonly maxPayloadBytes: number;
}

/** HTTP status for each answer: 200 for success, and per refusal code. */
export const STATUS_OF: Readonly<Record<ForgeErrorCode, number>> = {
  unauthenticated: 401,
  invalid: 400,
  'too-large': 413,
  unavailable: 503,
};


const refuse = (error: ForgeErrorCode): ForgeRefusal => ({ ok: false, error });

/**
 * Keeps each person's consent for `httpStorage` on your own server, with exactly the rules of
 * `consentHandlers` (`candor/forge`): the same payloads, results, strict state check, size cap,
 * scopes and keys (`candor:v1:consent:<subjectId>:<scope>`). The one difference is identity:
 * **you** authenticate the request and pass the subject id from your own session; nothing in
 * the request can name a subject (a payload holds only `scope` and `state`; anything else is
 * refused `invalid`). Subject ids are 1–128 of `A-Z a-z 0-9 : _ -` (a user id or UUID; hash
 * an email first); anything else is refused like a missing one, `unauthenticated`.
 *
 * ```js
 * import { consentServer, nodeHandler, objectedTo } from 'candor/server';
 * const consent = consentServer({ store, purposes: config.purposes });
 * // node:http, or Express: app.post('/api/consent', nodeHandler(consent, { subject: (req) => req.session?.userId }))
 * http.createServer(nodeHandler(consent, { subject: (req) => sessionOf(req)?.userId }));
 * // the mailer
 * if (!objectedTo(await consent.load(userId), 'marketing-email')) await sendNewsletter(userId);
 * ```
 *
 * @throws TypeError when the options are invalid (at setup, not per call).
 */
export function consentServer(options: ConsentServerOptions): ConsentServer {
  let resolved;
  try {
    resolved = resolveOptions(options);
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(error.message.replace(/^consentHandlers: /, 'consentServer: '));
    throw error;
  }
  const operations = consentOperations(resolved);

  const handle = async (subjectId: string | null | undefined, request: unknown): Promise<ConsentResult> => {
    const call: ConsentCall = {
      subject: () => subjectId,
      payload: () => (request as ConsentRequest).payload,
    };
    let key: unknown;
    try {
      // Only { key, payload }: nothing else (no subject, no identity) is taken from the request.
      const wellFormed = isPlainObject(request) && Object.keys(request).every((field) => field === 'key' || field === 'payload');
      key = wellFormed ? request.key : undefined;
    } catch {
      key = undefined;
    }
    switch (key) {
      case FORGE_FUNCTION_KEYS.get:
        return operations.get(call);
      case FORGE_FUNCTION_KEYS.set:
        return operations.set(call);
      case FORGE_FUNCTION_KEYS.delete:
        return operations.delete(call);
      default:
        // Not a call: refused as the operations would, identity first.
        return refuse(isAccountId(subjectId) ? 'invalid' : 'unauthenticated');
    }
  };

  return {
    handle,
    async load(subjectId, scope = DEFAULT_SCOPE) {
      if (!isScope(scope)) throw Object.assign(new Error('consentServer.load: invalid scope'), { code: 'invalid' });
      const result = await operations.get({ subject: () => subjectId, payload: () => ({ scope }) });
      if ('state' in result) return result.state;
      const code = result.error === 'unauthenticated' ? 'invalid' : result.error;
      throw Object.assign(new Error(`consentServer.load: ${code === 'invalid' ? 'the subject id cannot be part of a key' : `the store failed (${code})`}`), { code });
    },
    maxPayloadBytes: resolved.maxPayloadBytes,
  };
}
