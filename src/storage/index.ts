/** Storage adapters: where consent state is kept. The interface is `ConsentStorage` (core). */
export { memoryStorage, type MemoryStorageOptions } from './memory.js';
export { webStorage, DEFAULT_WEB_STORAGE_KEY, type WebStorageOptions } from './web.js';
export {
  cookieStorage,
  DEFAULT_COOKIE_NAME,
  DEFAULT_COOKIE_MAX_AGE_DAYS,
  MAX_COOKIE_MAX_AGE_DAYS,
  MAX_COOKIE_BYTES,
  type CookieStorageOptions,
} from './cookie.js';
export { forgeStorage, ForgeStorageError, type ForgeStorageOptions, type ForgeStorageErrorCode, type ForgeInvoke } from './forge.js';
export { httpStorage, HttpStorageError, type HttpStorageOptions, type HttpStorageErrorCode, type HttpFetch } from './http.js';
