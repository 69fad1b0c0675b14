// Google Consent Mode v2 (standards.md §6, C1–C6): the purpose → consent-type mapping, the
// synchronous `default`, and an `update` from the stored state once ready and on every change.
// Entries go into `window.dataLayer` as `arguments` objects, exactly as Google's
// `function gtag(){dataLayer.push(arguments)}` does. Candor never defines `window.gtag`.
import type { Consent } from '../core/consent.js';
import { CONSENT_TYPES, type ConsentModeConfig, type ConsentType } from '../core/types.js';

export type { ConsentModeConfig, ConsentType };
export { CONSENT_TYPES };

/** Options of `consentMode()` and `consentModeDefaults()`: the `consentMode` config block. */
export type ConsentModeOptions = ConsentModeConfig;

/** A value for each of the seven consent types. */
export type ConsentModeState = Record<ConsentType, 'granted' | 'denied'>;

/** The mapping for conventional purpose ids; `consentMode.map` replaces it id by id. */
export const DEFAULT_CONSENT_MAP: Readonly<Record<string, readonly ConsentType[]>> = {
  advertising: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  analytics: ['analytics_storage'],
  personalisation: ['personalization_storage'],
  personalization: ['personalization_storage'],
  necessary: ['security_storage', 'functionality_storage'],
};

/** The purpose whose denial (an opt-out of sale or sharing) denies ad_user_data and ad_personalization. */
export const SALE_SHARE = 'sale-share';

/** Pushes one gtag command the way gtag itself does: the `arguments` object, onto the current `window.dataLayer`. */
const gtag = function () {
  // eslint-disable-next-line prefer-rest-params
  ((window as unknown as { dataLayer?: unknown[] }).dataLayer ||= []).push(arguments);
} as (...command: unknown[]) => void;

/** Every type denied, except security_storage: the state before anything is known. */
function denied(): ConsentModeState {
  const state = {} as ConsentModeState;
  for (const type of CONSENT_TYPES) state[type] = type === 'security_storage' ? 'granted' : 'denied';
  return state;
}

/**
 * Pushes `gtag('consent','default', …)` with all seven types (every one denied but
 * security_storage), with `region` and `wait_for_update` when given, then
 * `gtag('set','ads_data_redaction', true)` (unless `adsDataRedaction: false`) and
 * `gtag('set','url_passthrough', true)` when `urlPassthrough` is on. Call it before any Google
 * tag, synchronously: Consent Mode applies the default only to commands queued after it.
 */
export function consentModeDefaults(options: ConsentModeOptions = {}): void {
  defaults(options, true);
}

/** The `default` (when `fresh`) and the `set` commands; without `fresh`, only settings that differ from the default ones. */
function defaults(options: ConsentModeOptions, fresh: boolean): void {
  const redact = options.adsDataRedaction !== false;
  if (fresh) {
    const entry: Record<string, unknown> = denied();
    if (options.region?.length) entry.region = [...options.region];
    if (options.waitForUpdate) entry.wait_for_update = options.waitForUpdate;
    gtag('consent', 'default', entry);
  }
  if (fresh || !redact) gtag('set', 'ads_data_redaction', redact);
  if (options.urlPassthrough) gtag('set', 'url_passthrough', true);
}

/**
 * The consent types for a controller's current effective state: each type a purpose maps is
 * granted when every purpose mapping it is granted; unmapped types keep the default (denied,
 * security_storage granted). ad_user_data and ad_personalization are denied while Global Privacy
 * Control is on and honoured, or while a `sale-share` purpose is denied.
 */
export function consentModeState(
  consent: Pick<Consent, 'config' | 'state' | 'signals'>,
  map: ConsentModeConfig['map'] = consent.config.consentMode?.map,
): ConsentModeState {
  const state = denied();
  const all = { ...DEFAULT_CONSENT_MAP, ...map };
  const { choices } = consent.state;
  const grants: Partial<Record<ConsentType, boolean>> = {};
  for (const { id, basis } of consent.config.purposes) {
    // A legitimate-interest purpose grants storage and ads only on the person's own say-so: its
    // default "granted" is no consent (standards E7; the default map names ids, not bases).
    const granted = choices[id]?.granted === true && (basis !== 'legitimate-interest' || choices[id]?.source === 'user');
    for (const type of all[id] ?? []) grants[type] = grants[type] !== false && granted;
  }
  for (const type in grants) state[type as ConsentType] = grants[type as ConsentType] ? 'granted' : 'denied';
  if (choices[SALE_SHARE]?.granted === false || (consent.signals.gpc && consent.config.signals?.gpc !== 'ignore')) {
    state.ad_user_data = state.ad_personalization = 'denied';
  }
  return state;
}

/**
 * Connects a controller to Consent Mode: pushes the `default` unless the dataLayer already has
 * one (the script tag's `data-consent-mode`, or `consentModeDefaults()`), then
 * `gtag('consent','update', …)` from the stored state once `ready`, and again on every change.
 * Options override the config's `consentMode` block key by key. Returns a function that stops the updates.
 */
export function consentMode(consent: Consent, options: ConsentModeOptions = {}): () => void {
  const o: ConsentModeOptions = { ...consent.config.consentMode, ...options };
  const layer = (window as unknown as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? [];
  // A default already out (the script tag's attributes, consentModeDefaults()): add only what differs.
  defaults(o, !layer.some((entry) => entry?.[0] === 'consent' && entry[1] === 'default'));
  let last = '';
  let on = true;
  const update = (): void => {
    if (!on) return;
    const state = consentModeState(consent, o.map);
    const key = JSON.stringify(state);
    if (key !== last) gtag('consent', 'update', state);
    last = key;
  };
  const stop = consent.subscribe(update);
  void consent.ready.then(update);
  return () => {
    on = false;
    stop();
  };
}
