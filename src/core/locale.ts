import type { CandorConfig } from './types.js';

/** Locales with built-in strings (src/i18n/). */
export const BUILT_IN_LOCALES = ['en', 'de', 'fr', 'es', 'ja'];

/** Picks the best locale: the config's (unless "auto"), then `<html lang>`, then the browser's. */
export function pickLocale(config: CandorConfig, available: readonly string[], candidates: readonly string[]): string {
  const wanted = [config.locale && config.locale !== 'auto' ? config.locale : undefined, ...candidates]
    .filter((tag): tag is string => typeof tag === 'string' && tag.length > 0);
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    // The exact tag, else its language ("de-AT" → "de").
    for (const name of [lower, lower.split('-')[0]]) {
      const found = available.find((locale) => locale.toLowerCase() === name);
      if (found) return found;
    }
  }
  return 'en';
}

/** The locale Candor speaks on this page: config, then `<html lang>`, then the browser's languages. */
export function pageLocale(config: CandorConfig): string {
  const available = [...BUILT_IN_LOCALES, ...Object.keys(config.messages ?? {})];
  const candidates = globalThis.document ? [document.documentElement.lang] : [];
  return pickLocale(config, available, [...candidates, ...(globalThis.navigator?.languages ?? [])]);
}
