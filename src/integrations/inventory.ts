/**
 * The storage inventory of a config (standards E8): every cookie its purposes list, and what
 * Candor itself keeps on the device, each with its purpose, legal basis, justification and
 * vendors. For the controller's records and for tests that compare it with what a page really
 * stores (`unlistedStorage`). No DOM: it runs in Node too (`candor inventory` of candor-cli).
 */
import { localize } from '../core/messages.js';
import type { Basis, CandorConfig } from '../core/types.js';
import { DEFAULT_COOKIE_NAME } from '../storage/cookie-options.js';
import { DEFAULT_WEB_STORAGE_KEY } from '../storage/web.js';
import { cookiePattern, cookieTest } from '../core/cookie-pattern.js';

/** Where something is kept on the device. */
export type StorageArea = 'cookie' | 'localStorage';

/** One entry of the inventory. */
export interface StorageItem {
  /** The cookie name or localStorage key; for a pattern, the config's `/regex/flags` as written. */
  name: string;
  /** Whether `name` is a `/regex/flags` pattern. */
  pattern: boolean;
  storage: StorageArea;
  /** The purpose it serves; `null` for Candor's own record of the person's choices. */
  purpose: string | null;
  basis: Basis;
  /**
   * Why it is strictly necessary (`necessary` items): the config's justification in the
   * inventory's locale; Candor's own entry in English (`CANDOR_JUSTIFICATION`).
   */
  justification?: string;
  /** The names of the purpose's vendors. */
  vendors: string[];
}

export interface StorageInventory {
  policy: { id: string; version: string };
  items: StorageItem[];
}

export interface StorageInventoryOptions {
  /** Language of labels given per locale (justifications). Default `"en"`. */
  locale?: string;
  /**
   * Where Candor keeps the person's choices when the page uses an adapter other than the
   * config's `storage` (`webStorage({ key })`, `cookieStorage({ name })`): that cookie or key, or
   * `null` when nothing is kept on the device (`memoryStorage`, a server adapter).
   */
  candor?: { storage: StorageArea; name: string } | null;
}

/** Why Candor's own entry is strictly necessary. */
export const CANDOR_JUSTIFICATION =
  "Keeps the person's privacy choices and their consent records, so that the choices are honoured on every page and can be proven.";

/** Candor's own entry for the config's `storage` kind (`"memory"`: none). */
function candorStorage(config: CandorConfig): StorageInventoryOptions['candor'] {
  if (config.storage === 'memory') return null;
  return config.storage === 'cookie' ? { storage: 'cookie', name: DEFAULT_COOKIE_NAME } : { storage: 'localStorage', name: DEFAULT_WEB_STORAGE_KEY };
}

/**
 * The storage inventory of a valid config: Candor's own entry first (unless nothing is kept on
 * the device), then each purpose's `cookies` in config order.
 */
export function storageInventory(config: CandorConfig, options: StorageInventoryOptions = {}): StorageInventory {
  const locale = options.locale ?? 'en';
  const own = options.candor === undefined ? candorStorage(config) : options.candor;
  const items: StorageItem[] = own
    ? [{ name: own.name, pattern: false, storage: own.storage, purpose: null, basis: 'necessary', justification: CANDOR_JUSTIFICATION, vendors: [] }]
    : [];
  for (const purpose of config.purposes) {
    for (const name of purpose.cookies ?? []) {
      const item: StorageItem = {
        name,
        pattern: cookiePattern(name) !== undefined,
        storage: 'cookie',
        purpose: purpose.id,
        basis: purpose.basis,
        vendors: (purpose.vendors ?? []).map((vendor) => vendor.name),
      };
      if (purpose.justification !== undefined) item.justification = localize(purpose.justification, locale);
      items.push(item);
    }
  }
  return { policy: { id: config.policy.id, version: config.policy.version }, items };
}

/** What a page was seen to keep: cookie names and localStorage keys. */
export interface ObservedStorage {
  cookies?: readonly string[];
  localStorage?: readonly string[];
}

/**
 * The cookie names and localStorage keys in `observed` that no inventory item covers (an exact
 * name, or a pattern): what the inventory fails to declare. Empty when it is complete.
 */
export function unlistedStorage(inventory: StorageInventory, observed: ObservedStorage): { cookies: string[]; localStorage: string[] } {
  const unlisted = (storage: StorageArea, names: readonly string[] = []): string[] => {
    const tests = inventory.items.filter((item) => item.storage === storage).map((item) => (item.pattern ? cookieTest(item.name) : (name: string) => name === item.name));
    return names.filter((name) => !tests.some((test) => test(name)));
  };
  return { cookies: unlisted('cookie', observed.cookies), localStorage: unlisted('localStorage', observed.localStorage) };
}
