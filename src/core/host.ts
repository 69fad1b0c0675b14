/**
 * Host cookie consent (Atlassian Forge's `getCookieConsentPreferences`): purposes the config maps
 * in `host.cookieCategories` follow the host's choice. npm build only (see npm-features.ts): a
 * Forge app bundles Candor from npm with `@forge/bridge`.
 */
import { activeSignals } from './resolve.js';
import { toIso, withTimeout } from './time.js';
import type { CandorConfig, Choice, HostCookieCategory, Signals } from './types.js';

/** What Atlassian's `getCookieConsentPreferences()` returns. */
export type HostCookiePreferences = Partial<Record<HostCookieCategory, boolean>>;

/** The `host` option of `createConsent`. */
export interface HostOption {
  cookiePreferences?: () => Promise<HostCookiePreferences | null> | HostCookiePreferences | null;
  subscribe?: (listener: () => void) => () => void;
}

/**
 * Reads the host's cookie preferences as grants per mapped purpose (never throws; `undefined`
 * when there are none, or reading failed, which `fail` is told).
 */
export async function readHost(
  config: CandorConfig,
  option: HostOption | undefined,
  timeoutMs: number,
  fail: (cause: unknown) => void,
): Promise<Record<string, boolean> | undefined> {
  const read = option?.cookiePreferences;
  const mapping = config.host?.cookieCategories;
  if (!read || !mapping) return undefined;
  let prefs: HostCookiePreferences | null;
  try {
    prefs = await withTimeout(Promise.resolve().then(read), timeoutMs, 'host.cookiePreferences()');
  } catch (cause) {
    fail(cause);
    return undefined;
  }
  if (prefs === null || typeof prefs !== 'object') return undefined;
  const choices: Record<string, boolean> = {};
  for (const [category, id] of Object.entries(mapping)) {
    const purpose = config.purposes.find((candidate) => candidate.id === id);
    if (purpose && purpose.basis !== 'necessary') choices[id] = prefs[category as HostCookieCategory] === true;
  }
  return choices;
}

/**
 * The stored choices with the host's written in where they change the effective state, or
 * `undefined` when nothing changes. An honoured signal still wins over a host grant.
 */
export function withHostChoices(
  config: CandorConfig,
  signals: Signals,
  stored: Readonly<Record<string, Choice>> | undefined,
  host: Record<string, boolean>,
  now: number,
): Record<string, Choice> | undefined {
  let changed = false;
  const choices = { ...stored };
  for (const [id, granted] of Object.entries(host)) {
    const purpose = config.purposes.find((candidate) => candidate.id === id);
    if (!purpose || (granted && activeSignals(config, purpose, signals).length > 0)) continue;
    const current = choices[id];
    if (current?.source === 'host' && current.granted === granted) continue;
    choices[id] = { granted, source: 'host', at: toIso(now), signals: { gpc: false, dnt: false } };
    changed = true;
  }
  return changed ? choices : undefined;
}
