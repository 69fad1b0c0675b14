/** `memoryStorage()`: keeps consent for the life of the page only. */
import type { ConsentState, ConsentStorage } from '../core/types.js';
import { settle } from './errors.js';

/** Options of {@link memoryStorage}. */
export interface MemoryStorageOptions {
  /** State the store starts with (copied). Default: none. */
  initial?: ConsentState | null;
}

/**
 * A {@link ConsentStorage} that keeps the state in memory, for tests, previews and pages that
 * must not persist anything. It stores a deep copy (JSON round trip) and hands out a fresh
 * copy on every `load`, so neither the object passed to `save` nor one returned by `load` can
 * change what is stored. It has no `subscribe`: nothing else can change it.
 */
export function memoryStorage(options: MemoryStorageOptions = {}): ConsentStorage {
  let stored: string | null = options.initial == null ? null : JSON.stringify(options.initial);
  return {
    load: () => Promise.resolve(stored === null ? null : (JSON.parse(stored) as ConsentState)),
    save: (state) =>
      settle(() => {
        stored = JSON.stringify(state);
      }),
    clear: () => {
      stored = null;
      return Promise.resolve();
    },
  };
}
