/**
 * `candor/forge` (dist/forge.js): the server side of Candor's Forge storage, for a Forge
 * resolver in Node. Imports no `@forge/*` module: the app passes `kvs` in.
 */
export { consentHandlers, type ConsentHandlers, type ConsentHandler, type ResolverRequest } from './handlers.js';
export {
  DEFAULT_MAX_PAYLOAD_BYTES,
  MAX_KVS_VALUE_BYTES,
  type ConsentHandlersOptions,
  type KeyValueStore,
  type PurposeLike,
} from './options.js';
export { eraseAccount, type EraseAccountOptions } from './erase.js';
export { consentKey, KEY_NAMESPACE, MAX_KVS_KEY_LENGTH } from './keys.js';
export {
  DEFAULT_SCOPE,
  FORGE_ERROR_CODES,
  FORGE_FUNCTION_KEYS,
  type DeleteResult,
  type ForgeErrorCode,
  type ForgeRefusal,
  type GetResult,
  type ScopePayload,
  type SetPayload,
  type SetResult,
} from './protocol.js';
export type { ConsentState } from '../core/types.js';
