import type { Consent } from '../core/consent.js';
import { candorPolicy } from '../integrations/trusted-types.js';

/** The Lit elements, in `candor-ui.min.js` for the script-tag build. */
const UI_TAGS = ['candor-banner', 'candor-preferences', 'candor-gate', 'candor-signal-status'];

/** Whether an element in the page has something to show, given the page's consent state. */
function needed(element: Element, consent: Consent | undefined): boolean {
  if (element.localName !== 'candor-banner') return true;
  return consent !== undefined && (element.hasAttribute('reopen') || consent.needsBanner);
}

/**
 * Loads the visible elements (banner, preference centre, gate, signal status) from
 * `candor-ui.min.js` beside `candor.min.js`, once, when the page first has something to show:
 * a banner while a decision is needed, an opened preference centre, a gate, a status. A
 * returning visitor whose choices are made loads no UI code at all. The new script keeps the
 * nonce of `candor.min.js` and its URL goes through the `candor` Trusted Types policy.
 * Returns the check, to run again when the consent state changes.
 */
export function autoloadUi(from: HTMLScriptElement, consent: () => Consent | undefined, onError: (error: Error) => void): () => void {
  const url = new URL('candor-ui.min.js', from.src).href;
  let loading: Promise<void> | undefined;
  const load = (): Promise<void> =>
    (loading ??= new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      if (from.nonce) script.nonce = from.nonce;
      script.src = candorPolicy().createScriptURL(url);
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => {
        loading = undefined;
        reject(new Error(`Could not load ${url}: Candor's banner and preference centre need it beside candor.min.js`));
      });
      document.head.append(script);
    }));
  const check = (): void => {
    if (loading) return;
    const current = consent();
    const wanted = UI_TAGS.some((tag) => !customElements.get(tag) && Array.from(document.querySelectorAll(tag)).some((element) => needed(element, current)));
    if (wanted) load().catch(onError);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['reopen'] });
  check();
  return check;
}
