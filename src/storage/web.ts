/** `webStorage()`: consent in `localStorage` (or another Web Storage area). */
import { NPM_FEATURES } from '../core/npm-features.js';
import type { ConsentState, ConsentStorage } from '../core/types.js';
import { asError, describeError, isQuotaError } from './errors.js';
import { fitRecords, withNewestRecords } from './fit.js';
import { memoryStorage } from './memory.js';
import { parseStored } from './parse.js';

/** Default `localStorage` key of {@link webStorage}. */
export const DEFAULT_WEB_STORAGE_KEY = 'candor:consent';

/** Options of {@link webStorage}. */
export interface WebStorageOptions {
  /**
   * Key the state is stored under. Default `"candor:consent"`; set one per config where one
   * origin serves several policies.
   */
  key?: string;
  /** The storage area. Default `window.localStorage`, read when first needed. */
  storage?: Storage;
  /** Receives the single warning given when storage is unusable. Default `console.warn`. */
  warn?: (message: string) => void;
}

/**
 * A {@link ConsentStorage} backed by `localStorage`: the state is stored as JSON under `key`.
 *
 * - `load()` resolves `null` when nothing is stored. A stored value that is not valid JSON
 *   resolves as the raw string, cast to `ConsentState`: like every loaded value it is
 *   untrusted input that the core validates (and reports as corrupt), never trusts.
 * - Where storage cannot be used at all (a `SecurityError` in a sandboxed iframe, storage
 *   disabled, no `window`), including when merely reading `window.localStorage` throws, the
 *   adapter falls back to memory for the rest of the page (for this adapter) and warns once,
 *   naming the cause.
 * - When a write exceeds the quota, it is retried with the oldest consent records dropped one
 *   at a time; choices and the newest record are always kept. If even that is refused,
 *   `save()` rejects with an Error saying why; what was stored before stays as it was.
 * - `subscribe()` reports changes made in other tabs and frames of the origin (the `storage`
 *   event): the new state, the raw string if it is not valid JSON, or `null` when the key
 *   was removed or the storage cleared.
 */
export function webStorage(options: WebStorageOptions = {}): ConsentStorage {
  const key = options.key ?? DEFAULT_WEB_STORAGE_KEY;
  if (typeof key !== 'string' || key === '') {
    throw new TypeError('webStorage: option "key" must be a non-empty string');
  }
  if (options.warn !== undefined && typeof options.warn !== 'function') {
    throw new TypeError('webStorage: option "warn" must be a function');
  }
  const warn = options.warn ?? ((message: string) => console.warn(message));

  let area: Storage | undefined;
  let fallback: ConsentStorage | undefined;

  /** The storage area; throws whatever accessing it throws. */
  const storageArea = (): Storage => {
    if (area) return area;
    const found = options.storage ?? globalThis.localStorage;
    if (found == null) throw new Error('localStorage is not available in this environment');
    return (area = found);
  };

  /** Switches to memory for good, warning once. */
  const fallBack = (cause: unknown): ConsentStorage => {
    if (!fallback) {
      fallback = memoryStorage();
      warn(
        `Candor: localStorage is not usable (${describeError(cause)}); ` +
          'consent choices are kept in memory for this page only.',
      );
    }
    return fallback;
  };

  return {
    load() {
      if (fallback) return fallback.load();
      let raw: string | null;
      try {
        raw = storageArea().getItem(key);
      } catch (error) {
        return fallBack(error).load();
      }
      return Promise.resolve(raw === null ? null : parseStored(raw));
    },

    save(state) {
      if (fallback) return fallback.save(state);
      try {
        JSON.stringify(state);
      } catch (error) {
        // A cycle or a BigInt: the state itself is at fault, not the storage.
        return Promise.reject(asError(error));
      }
      let quotaError: unknown;
      let fitted: ConsentState | null;
      try {
        const target = storageArea();
        fitted = fitRecords(state, (candidate) => {
          try {
            target.setItem(key, JSON.stringify(candidate));
            return true;
          } catch (error) {
            if (!isQuotaError(error)) throw error;
            quotaError = error;
            return false;
          }
        });
      } catch (error) {
        // Not a quota problem: storage cannot be used here at all.
        return fallBack(error).save(state);
      }
      if (fitted === null) {
        const smallest = withNewestRecords(state, 1);
        return Promise.reject(
          new Error(
            `Candor: localStorage refused the write of "${key}", quota exceeded (${describeError(quotaError)}) ` +
              `even with one record (${JSON.stringify(smallest).length} characters)`,
            { cause: quotaError },
          ),
        );
      }
      return Promise.resolve();
    },

    clear() {
      if (fallback) return fallback.clear();
      try {
        storageArea().removeItem(key);
      } catch (error) {
        return fallBack(error).clear();
      }
      return Promise.resolve();
    },

    subscribe(listener) {
      if (fallback || (NPM_FEATURES && typeof globalThis.addEventListener !== 'function')) return () => {}; // Node: no events
      let watched: Storage;
      try {
        watched = storageArea();
      } catch (error) {
        fallBack(error);
        return () => {};
      }
      const onStorage = (event: StorageEvent): void => {
        if (fallback || event.storageArea !== watched) return;
        if (event.key !== null && event.key !== key) return;
        // What storage holds now, not the event's newValue: when two tabs write at once, each gets
        // the other's event, and only the value left in storage (the last write) may win in both.
        let raw: string | null;
        try {
          raw = watched.getItem(key);
        } catch {
          return;
        }
        listener(raw === null ? null : parseStored(raw));
      };
      globalThis.addEventListener('storage', onStorage);
      return () => globalThis.removeEventListener('storage', onStorage);
    },
  };
}
