/** `consentHandlers`: the resolver functions behind `forgeStorage`. */
import { checkState, isPlainObject, parseStored, readStored } from './check-state.js';
import { tryConsentKey, isAccountId } from './keys.js';
import { resolveOptions, type ConsentHandlersOptions, type ResolvedOptions } from './options.js';
import {
  DEFAULT_SCOPE,
  FORGE_FUNCTION_KEYS,
  isScope,
  isWrite,
  type DeleteResult,
  type ForgeErrorCode,
  type ForgeRefusal,
  type GetResult,
  type SetResult,
} from './protocol.js';

/**
 * What a resolver function receives (`@forge/resolver` passes `{ payload, context }`). Only
 * `context.accountId` and `context.accountType` are read: `@forge/resolver` sets `accountId`
 * from the platform's principal, so it is the one trustworthy identity.
 */
export interface ResolverRequest {
  payload?: unknown;
  context?: { accountId?: unknown; accountType?: unknown };
}

/** A resolver function as `Resolver.define` takes it. */
export type ConsentHandler<R> = (request: ResolverRequest) => Promise<R>;

/** The three resolver functions, by function key. */
export interface ConsentHandlers {
  'candor.consent.get': ConsentHandler<GetResult>;
  'candor.consent.set': ConsentHandler<SetResult>;
  'candor.consent.delete': ConsentHandler<DeleteResult>;
}

const refuse = (error: ForgeErrorCode): ForgeRefusal => ({ ok: false, error });

/** A refusal raised while checking a request; nothing has been changed yet. */
class Refused extends Error {
  constructor(readonly code: ForgeErrorCode) {
    super(code);
  }
}

const encoder = new TextEncoder();

/** Size of `value` as UTF-8 JSON, or `undefined` when it cannot be serialised. */
function jsonBytes(value: unknown): number | undefined {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : encoder.encode(json).length;
  } catch {
    return undefined;
  }
}

/** The caller's account id, from the trusted context only (`undefined`: anonymous). */
function accountOf(request: unknown): unknown {
  const context = isPlainObjectLike(request) ? request.context : undefined;
  if (!isPlainObjectLike(context)) return undefined;
  if (context.accountType === 'anonymous') return undefined;
  return context.accountId;
}

/** The subject a call is made for; an id that cannot be part of a key is refused like a missing one: there is no one to store for. */
function subjectOf(call: ConsentCall): string {
  const subject = call.subject();
  if (!isAccountId(subject)) throw new Refused('unauthenticated');
  return subject;
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The payload, checked against the size cap and the allow-list of its fields. */
function payloadOf(call: ConsentCall, fields: readonly string[], maxBytes: number): Record<string, unknown> {
  const raw = call.payload();
  const payload: unknown = raw === undefined ? {} : raw;
  const bytes = jsonBytes(payload);
  if (bytes === undefined) throw new Refused('invalid');
  if (bytes > maxBytes) throw new Refused('too-large');
  if (!isPlainObject(payload)) throw new Refused('invalid');
  if (!Object.keys(payload).every((field) => fields.includes(field))) throw new Refused('invalid');
  return payload;
}

function keyFor(accountId: string, payload: Record<string, unknown>, options: ResolvedOptions): string {
  const scope = payload.scope === undefined ? DEFAULT_SCOPE : payload.scope;
  if (!isScope(scope) || !options.scopes.has(scope)) throw new Refused('invalid');
  const key = tryConsentKey(accountId, scope);
  if (key === undefined) throw new Refused('invalid');
  return key;
}

/** Runs `body`, turning a refusal or any failure into `{ ok: false, error }` (nothing else leaks). */
async function guarded<R>(body: () => Promise<R>): Promise<R | ForgeRefusal> {
  try {
    return await body();
  } catch (error) {
    return refuse(error instanceof Refused ? error.code : 'unavailable');
  }
}

/** Calls the store; any failure becomes `unavailable`, whatever the store said. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw new Refused('unavailable');
  }
}

/**
 * The resolver functions that keep each person's consent for `forgeStorage`, by function key
 * (`candor.consent.get | set | delete`). Register them with `@forge/resolver`:
 *
 * ```ts
 * // `Resolver` from the @forge/resolver package, `kvs` from @forge/kvs (your app imports them, not Candor)
 * import { consentHandlers } from 'candor/forge';
 * import config from './candor.json';
 * const resolver = new Resolver();
 * for (const [key, fn] of Object.entries(consentHandlers({ store: kvs, purposes: config.purposes })))
 *   resolver.define(key, fn);
 * export const handler = resolver.getDefinitions();
 * ```
 *
 * Security rules:
 * - the identity is `request.context.accountId` (set by `@forge/resolver` from the platform's
 *   principal), never anything in the payload; an anonymous caller (`accountType: "anonymous"`
 *   or no account id) is refused with `unauthenticated`;
 * - payloads hold only the documented fields (`{ scope }`, `{ scope, state, writer?, seq? }`), at most
 *   `maxPayloadBytes` of JSON; `scope` defaults to `"default"` and must be allowed;
 * - a state must pass the page's schema check strictly: configured purposes only, boolean
 *   grants, known sources, well-formed times (later than the server's clock: capped) and
 *   records, versions of at most 64 characters; necessary purposes are forced on; the server
 *   sets `updatedAt`;
 * - a set with `writer` and `seq` is stored with them, and one whose `seq` is not above the
 *   stored `seq` of the same `writer` is a late duplicate: it answers the stored state and
 *   changes nothing (a page's write that timed out can never overwrite its newer one);
 * - keys are `candor:v1:consent:<accountId>:<scope>`, each part checked against Forge's key rules;
 * - a refused call answers `{ ok: false, error }` (`unauthenticated`, `invalid`, `too-large`,
 *   `unavailable` for any store failure), changes nothing, echoes nothing of the payload and
 *   logs nothing.
 *
 * @throws TypeError when the options are invalid (at setup, not per call).
 */
export function consentHandlers(options: ConsentHandlersOptions): ConsentHandlers {
  const operations = consentOperations(resolveOptions(options));
  const call = (request: ResolverRequest): ConsentCall => ({
    subject: () => accountOf(request),
    payload: () => (isPlainObjectLike(request) ? request.payload : undefined),
  });
  return {
    [FORGE_FUNCTION_KEYS.get]: (request: ResolverRequest) => operations.get(call(request)),
    [FORGE_FUNCTION_KEYS.set]: (request: ResolverRequest) => operations.set(call(request)),
    [FORGE_FUNCTION_KEYS.delete]: (request: ResolverRequest) => operations.delete(call(request)),
  };
}

/**
 * One call to the operations: who makes it, as the host vouches for it (Forge's context, or
 * the session of `candor/server`'s caller; `undefined` when anonymous), and the payload it
 * sent. Both are read inside the operation, so a failure to read them is refused like any other.
 */
export interface ConsentCall {
  subject(): unknown;
  payload(): unknown;
}

/** The checks and store calls behind both `consentHandlers` (Forge) and `consentServer` (`candor/server`). */
export interface ConsentOperations {
  get(call: ConsentCall): Promise<GetResult>;
  set(call: ConsentCall): Promise<SetResult>;
  delete(call: ConsentCall): Promise<DeleteResult>;
}

/** The operations over validated options; every rule of {@link consentHandlers} is here. */
export function consentOperations(resolved: ResolvedOptions): ConsentOperations {
  const { store, purposes, maxPayloadBytes } = resolved;

  return {
    get: (call) =>
      guarded(async (): Promise<GetResult> => {
        const subject = subjectOf(call);
        const key = keyFor(subject, payloadOf(call, ['scope'], maxPayloadBytes), resolved);
        const now = resolved.now();
        const stored = await storeCall(() => store.get(key));
        return { state: readStored(stored, purposes, now) };
      }),

    set: (call) =>
      guarded(async (): Promise<SetResult> => {
        const subject = subjectOf(call);
        const payload = payloadOf(call, ['scope', 'state', 'writer', 'seq'], maxPayloadBytes);
        const key = keyFor(subject, payload, resolved);
        const { writer, seq } = payload;
        const ordered = writer !== undefined || seq !== undefined;
        if (ordered && !isWrite(writer, seq)) throw new Refused('invalid');
        const now = resolved.now();
        const state = checkState(payload.state, purposes, now);
        if (!state) throw new Refused('invalid');
        const bytes = jsonBytes(state);
        if (bytes === undefined || bytes > maxPayloadBytes) throw new Refused('too-large');
        if (!ordered) {
          await storeCall(() => store.set(key, state));
          return { ok: true, state };
        }
        // A write that arrives after a newer one from the same page (it timed out there, then
        // landed) changes nothing: the newer state stays.
        const stored = parseStored(await storeCall(() => store.get(key)));
        if (isPlainObject(stored) && stored.writer === writer && typeof stored.seq === 'number' && stored.seq >= (seq as number)) {
          const kept = readStored(stored, purposes, now);
          if (kept) return { ok: true, state: kept };
        }
        await storeCall(() => store.set(key, { ...state, writer, seq }));
        return { ok: true, state };
      }),

    delete: (call) =>
      guarded(async (): Promise<DeleteResult> => {
        const subject = subjectOf(call);
        const key = keyFor(subject, payloadOf(call, ['scope'], maxPayloadBytes), resolved);
        await storeCall(() => store.delete(key));
        return { ok: true };
      }),
  };
}
