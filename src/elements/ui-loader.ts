import type { Consent } from '../core/consent.js';
import { BUILT_IN_LOCALES, pageLocale } from '../core/locale.js';
import type { CandorConfig } from '../core/types.js';
import { loadBeside } from '../integrations/load-beside.js';

/** The Lit elements, in `candor-ui.min.js` for the script-tag build. */
const UI_TAGS = ['candor-banner', 'candor-preferences', 'candor-gate', 'candor-signal-status', 'candor-change-notice'];


/** Whether an element in the page has something to show, given the page's (ready) consent state. */
function needed(element: Element, consent: Consent): boolean {
  if (element.localName === 'candor-change-notice') return consent.needsChangeNotice;
  if (element.localName !== 'candor-banner') return true;
  return element.hasAttribute('reopen') || consent.needsBanner;
}

/**
 * Loads the visible elements (banner, preference centre, gate, signal status, change notice) from
 * `candor-ui.min.js` beside `candor.min.js`, once, when the page first has something to show:
 * a banner while a decision is needed, an opened preference centre, a gate, a status. A
 * returning visitor whose choices are made loads no UI code at all. The new script keeps the
 * nonce of `candor.min.js` and its URL goes through the `candor` Trusted Types policy.
 * A `<candor-policy>` in the page loads `candor-policy.min.js` the same way.
 * `early`: load the UI (and the strings of the page's `<html lang>` or browser language) now,
 * while the config is fetched, because a banner will be needed (nothing is stored yet).
 * Returns the check, to run again when the consent state changes.
 */
export function autoloadUi(from: HTMLScriptElement, consent: () => Consent | undefined, onError: (error: Error) => void, early: boolean): () => void {
  // A server that answers a missing file with its HTML page still fires "load": check what came.
  const inject = (file: string, tag?: string): Promise<void> =>
    loadBeside(from, file).then(() => {
      if (tag && !customElements.get(tag)) throw new Error(`${file} did not define <${tag}>: is it Candor's file?`);
    });
  let loading: Promise<void> | undefined;
  let policy: Promise<void> | undefined;
  /** Languages whose strings file is requested (English is inside candor-ui.min.js). */
  const languages = new Set(['en']);
  const load = (locale: string): Promise<void> => {
    const language = locale.toLowerCase().split('-')[0];
    // Every built-in locale but English (inside candor-ui.min.js) has a file of its own.
    if (!languages.has(language) && BUILT_IN_LOCALES.includes(language)) {
      languages.add(language);
      inject(`candor-i18n-${language}.min.js`).catch(onError); // English if it fails
    }
    // Tried once: a missing file is reported once, not fetched again on every change of the page.
    return (loading ??= inject('candor-ui.min.js', 'candor-banner').catch(onError));
  };
  const check = (): void => {
    // <candor-policy> (Markdown, sanitiser, diff) comes from its own file, once, whatever the consent state.
    if (!policy && !customElements.get('candor-policy') && document.querySelector('candor-policy')) policy = inject('candor-policy.min.js', 'candor-policy').catch(onError);
    const current = consent();
    if (!current) return; // nothing renders before the config and stored choices are in
    // Loaded early (a first visit): then only the config's locale may still be missing.
    if (loading || UI_TAGS.some((tag) => !customElements.get(tag) && Array.from(document.querySelectorAll(tag)).some((element) => needed(element, current)))) {
      void load(pageLocale(current.config));
    }
  };
  // A first visit needs the banner whatever the config says: load it beside the config, not after.
  if (early) void load(pageLocale({} as CandorConfig));
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['reopen', 'lang'] }); // lang: another locale's strings
  check();
  return check;
}
