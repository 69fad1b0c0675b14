import type { ConsentStorage, StorageKind } from '../core/types.js';
import { cookieStorage } from './cookie.js';
import { memoryStorage } from './memory.js';
import { webStorage } from './web.js';

/** The built-in adapter a config's `storage` (or `<candor-consent storage>`) names. */
export function storageFor(kind: StorageKind): ConsentStorage {
  if (kind === 'memory') return memoryStorage();
  if (kind === 'cookie') return cookieStorage();
  return webStorage();
}
