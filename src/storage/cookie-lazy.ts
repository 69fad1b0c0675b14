/**
 * `cookieStorage()` in the script-tag build (rollup.config.mjs puts this module in place of
 * cookie.ts there): the options are checked at once, as in the npm build, and the adapter itself
 * comes from `candor-cookie.min.js` beside `candor.min.js`, requested when a cookie adapter is
 * created (a root with `"storage": "cookie"`), or at boot when the script tag says
 * `data-storage="cookie"` or the page already has Candor's cookie. Reading finds "no cookie"
 * without waiting for it; saving waits. Most sites keep choices in `localStorage` and never load it.
 */
import type { ConsentStorage } from '../core/types.js';
import { provided } from '../integrations/load-beside.js';
import { cookieSettings, hasCookie, type CookieStorageOptions } from './cookie-options.js';

// The same constants and option type as cookie.ts.
export * from './cookie-options.js';

/** Where candor-cookie.min.js puts the real `cookieStorage`. */
export const COOKIE_STORAGE_KEY = Symbol.for('candor.cookieStorage');

type CookieStorage = (options?: CookieStorageOptions) => ConsentStorage;

let fetchFile: () => Promise<void> = () => Promise.reject(new Error('cookieStorage: candor.min.js cannot tell where to load candor-cookie.min.js from'));
let loading: Promise<CookieStorage> | undefined;

/** How to load candor-cookie.min.js (candor.ts: beside candor.min.js). */
export function setCookieLoader(load: () => Promise<void>): void {
  fetchFile = load;
}

/** The real `cookieStorage`, loaded once. */
export function loadCookieStorage(): Promise<CookieStorage> {
  return (loading ??= fetchFile().then(() => provided<CookieStorage>(COOKIE_STORAGE_KEY, 'candor-cookie.min.js did not provide cookieStorage')));
}

/** As `cookieStorage` of the npm build; each call waits for candor-cookie.min.js the first time. */
export function cookieStorage(options: CookieStorageOptions = {}): ConsentStorage {
  const { name } = cookieSettings(options); // a TypeError now, not at the first save
  const adapter = loadCookieStorage().then((real) => real(options));
  adapter.catch(() => undefined); // reported by the call that uses it
  const doc = options.document ?? document; // candor.min.js runs in a page
  return {
    // No cookie (a first visit): nothing to read, so the banner need not wait for the file.
    load: () => (hasCookie(doc, name) ? adapter.then((storage) => storage.load()) : Promise.resolve(null)),
    save: (state) => adapter.then((storage) => storage.save(state)),
    clear: () => adapter.then((storage) => storage.clear()),
    subscribe(listener) {
      let stop: (() => void) | undefined;
      let on = true;
      adapter.then((storage) => {
        if (on) stop = storage.subscribe?.(listener);
      }, () => undefined);
      return () => {
        on = false;
        stop?.();
      };
    },
  };
}
