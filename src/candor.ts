// Entry of dist/candor.min.js: the classic script for a <script> tag. It holds what every page
// needs (core, storage, <candor-consent>, script gating, triggers, window.candor, Consent Mode's
// default) and no Lit: the visible elements load from candor-ui.min.js when the page first has
// something to show; Consent Mode's updates from candor-consent-mode.min.js where it is on.
import './elements/candor-consent.define.js';
import { boot } from './boot.js';
import { autoloadUi } from './elements/ui-loader.js';
import { loadBeside, provided } from './integrations/load-beside.js';
import { consentModeDefaults, type consentMode, type ConsentModeOptions } from './integrations/consent-mode.js';
import { CONSENT_MODE_KEY } from './integrations/consent-mode-key.js';
import { trustNonce } from './integrations/script-gate.js';
import { DEFAULT_COOKIE_NAME, hasCookie } from './storage/cookie-options.js';
import { loadCookieStorage, setCookieLoader } from './storage/cookie-lazy.js';
import { DEFAULT_WEB_STORAGE_KEY } from './storage/web.js';

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
if (!window.candor && script?.src) {
  // Google Consent Mode: the `default` goes into dataLayer now, before the next script runs and
  // while the config is still being fetched, from what the tag itself says.
  const data = script.dataset;
  let cm: ConsentModeOptions | undefined;
  if (data.consentMode !== undefined) {
    cm = {};
    const region = data.consentModeRegion?.toUpperCase().match(/[A-Z0-9-]+/g);
    const wait = Math.round(Number(data.consentModeWait));
    if (region) cm.region = region;
    if (wait > 0) cm.waitForUpdate = wait;
    consentModeDefaults(cm);
  }
  // Its updates are a file of their own, requested now when the tag turns Consent Mode on.
  let consentModeFile: Promise<void> | undefined;
  const loadConsentMode = (): Promise<void> => (consentModeFile ??= loadBeside(script, 'candor-consent-mode.min.js'));
  if (cm) loadConsentMode().catch(() => undefined); // reported when used
  const failed = (error: Error): void => {
    console.error(`[candor] ${error.message}`);
    window.dispatchEvent(new CustomEvent('candor-error', { detail: { code: 'load', message: error.message } }));
  };
  trustNonce(script.nonce || undefined); // none (inserted by a trusted loader): the page's own nonce, if any
  // The cookie adapter is a file of its own (most sites keep choices in localStorage); a tag that
  // says data-storage="cookie", or a page that has Candor's cookie already, loads it now, beside
  // the config.
  setCookieLoader(() => loadBeside(script, 'candor-cookie.min.js'));
  const cookie = hasCookie(document, DEFAULT_COOKIE_NAME);
  if (data.storage === 'cookie' || cookie) loadCookieStorage().catch(() => undefined); // reported when used
  let consent: import('./core/consent.js').Consent | undefined;
  const check = autoloadUi(script, () => consent, failed, !!data.config && !cookie && nothingStored());
  (window.candorQueue ||= []).push((candor) => {
    void candor.ready.then((ready) => {
      consent = ready;
      if (cm || ready.config.consentMode) {
        loadConsentMode()
          .then(() => provided<typeof consentMode>(CONSENT_MODE_KEY, 'candor-consent-mode.min.js did not provide Consent Mode')(ready, cm))
          .catch(failed);
      }
      ready.subscribe(() => check(), { all: true }); // an acknowledgement changes what must show
      check();
    });
  });
}
boot(script);

/**
 * Whether `localStorage` holds no choice under Candor's default key (with no cookie either: a
 * first visit, or a memory-only site): then the banner will be needed whatever the config says.
 */
function nothingStored(): boolean {
  try {
    return !localStorage.getItem(DEFAULT_WEB_STORAGE_KEY);
  } catch {
    return false; // storage blocked: the config decides, as before
  }
}
