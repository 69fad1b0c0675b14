/**
 * `candor/server` (dist/server.js): the server side of `httpStorage`, for Node (or any
 * runtime with `TextEncoder`): `consentServer` keeps each person's consent with the same
 * rules as `candor/forge`'s handlers, for the subject id your own session names;
 * `nodeHandler` serves it over `node:http`/Express; `objectedTo` and `granted` answer the
 * mailer's question. No Lit, no DOM.
 */
export { consentServer, STATUS_OF, type ConsentServer, type ConsentServerOptions, type ConsentRequest, type ConsentResult } from './server.js';
export { nodeHandler, type NodeHandlerOptions, type NodeRequest, type NodeResponse } from './node.js';
export { objectedTo, granted, type GrantedOptions } from './grants.js';
export { consentKey, KEY_NAMESPACE } from '../forge/keys.js';
export { DEFAULT_MAX_PAYLOAD_BYTES, type KeyValueStore, type PurposeLike } from '../forge/options.js';
export {
  DEFAULT_SCOPE,
  FORGE_ERROR_CODES as ERROR_CODES,
  FORGE_FUNCTION_KEYS as CONSENT_KEYS,
  type DeleteResult,
  type ForgeErrorCode as ConsentErrorCode,
  type ForgeRefusal as ConsentRefusal,
  type GetResult,
  type SetResult,
} from '../forge/protocol.js';
export type { ConsentState } from '../core/types.js';
