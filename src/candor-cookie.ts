// Entry of dist/candor-cookie.min.js: the cookie adapter for the script-tag build, loaded by
// candor.min.js only where choices are kept in a cookie (src/storage/cookie-lazy.ts).
import { cookieStorage } from './storage/cookie.js';
import { COOKIE_STORAGE_KEY } from './storage/cookie-lazy.js';

(globalThis as unknown as Record<symbol, typeof cookieStorage>)[COOKIE_STORAGE_KEY] = cookieStorage;
