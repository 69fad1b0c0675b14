import type { CandorConfig, Localized } from './types.js';

/** Built-in English strings. Keys double as `messages` keys in the config. */
export const en = {
  'banner.label': 'Privacy choices',
  'banner.title': 'Your privacy choices',
  'banner.acceptAll': 'Accept all',
  'banner.rejectAll': 'Reject all',
  'banner.customise': 'Customise',
  'banner.policyLink': 'Privacy policy',
  'banner.vendors': 'Our partners ({count})',
  'banner.purposes': 'We ask before we use: {purposes}.',
  'banner.objectable': 'Unless you object, we use: {purposes}.',
  'banner.ok': 'OK',
  'banner.reopen': 'Privacy choices',
  'prefs.title': 'Privacy preferences',
  'prefs.save': 'Save choices',
  'prefs.close': 'Close',
  'prefs.alwaysActive': 'Always active',
  'prefs.object': 'Object: {purpose}',
  'prefs.objection': 'You can object to this at any time.',
  'prefs.saved': 'Preferences saved',
  'prefs.notSaved': 'Not saved yet: your choice applies on this page and will be saved when storage answers.',
  'prefs.download': 'Download my consent records',
  'prefs.copy': 'Copy',
  'prefs.copied': 'Copied',
  'prefs.recordsLabel': 'Your consent records (JSON)',
  'prefs.sessionOnly': 'Your choices are kept for this visit only.',
  'prefs.host': 'Set in your Atlassian cookie preferences',
  'prefs.vendors': 'Vendors',
  'signal.honoured': 'Opt-out request honoured',
  'signal.gpc': 'Global Privacy Control detected: opt-out request honoured for {purposes}',
  'signal.dnt': 'Do Not Track detected: opt-out request honoured for {purposes}',
  'notice.review': 'Review changes',
  'notice.ok': 'Got it',
  'notice.title': 'We updated our privacy policy',
  'notice.upcoming': 'Our privacy policy changes on {date}',
  'notice.effective': 'Effective starting {date}',
  'optout.saleShare': 'Opt out of sale or sharing',
  'gate.blocked': 'This content is blocked until you allow {purpose}.',
  'gate.allow': 'Allow {purpose}',
  'list.and': ' and ',
  'list.comma': ', ',
} as const;

export type MessageKey = keyof typeof en;
export type MessageTable = Partial<Record<MessageKey, string>>;

/**
 * Which language of a per-locale config text `localize` shows: exact, then the base language,
 * then English, then the first given. `undefined` for a plain string (its language is not known).
 */
export function localeOf(value: Localized | undefined, locale: string): string | undefined {
  if (value === undefined || typeof value === 'string') return undefined;
  const base = locale.split('-')[0] ?? locale;
  return [locale, base, 'en'].find((tag) => value[tag] !== undefined) ?? Object.keys(value)[0];
}

/** Text of a config label for a locale: exact, then the base language, then English, then any. */
export function localize(value: Localized | undefined, locale: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[localeOf(value, locale) ?? ''] ?? '';
}

/**
 * A translator for the strings of the consent elements: config overrides for the locale, then
 * built-in strings for the locale, then English. A missing key never shows as a raw key.
 */
export function translator(config: CandorConfig, locale: string, builtIn: MessageTable = {}) {
  return tableTranslator<MessageKey>(config, locale, builtIn, en);
}

/**
 * {@link translator} over another set of keys: `english` is its full table (the policy renderer
 * passes its own, so that a bundle without the consent elements carries none of their strings).
 */
export function tableTranslator<K extends string>(
  config: CandorConfig,
  locale: string,
  builtIn: Partial<Record<NoInfer<K>, string>>,
  english: Readonly<Record<K, string>>,
) {
  const base = locale.split('-')[0] ?? locale;
  const tables: Array<Partial<Record<string, string>>> = [
    config.messages?.[locale] ?? {},
    config.messages?.[base] ?? {},
    builtIn,
    config.messages?.en ?? {},
    english,
  ];
  return (key: K, vars: Record<string, string> = {}): string => {
    // An empty string counts as missing (it would make a nameless button): the next table answers.
    const template = tables.find((table) => typeof table[key] === 'string' && table[key] !== '')?.[key] ?? english[key];
    return template.replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
  };
}

export type Translate = ReturnType<typeof translator>;

/** "A, B and C" with the locale's word for "and" and its list separator (Japanese: "A、B、C"). */
export function list(items: readonly string[], and: string, comma = ', '): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(comma)}${and}${items[items.length - 1]}`;
}
