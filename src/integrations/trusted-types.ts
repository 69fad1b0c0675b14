/**
 * The `candor` Trusted Types policy: script URLs and text the page owner put in its own HTML.
 * It signs only (a) the `src` or text of a gated `<script type="text/plain" data-candor-purpose>`
 * in the page, passed along with that element, and (b) Candor's own files beside a
 * `candor.min.js` or `candor-policy.min.js` the page loaded. Anything else throws, so the
 * policy (shared on the page) is no gadget that turns any string into script.
 */
export interface CandorTrustedTypes {
  createScriptURL(url: string, gated?: Element): string;
  createScript(text: string, gated?: Element): string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: CandorTrustedTypes): CandorTrustedTypes;
}

const KEY = Symbol.for('candor.trustedTypes');
const identity: CandorTrustedTypes = { createScriptURL: (url) => url, createScript: (text) => text };
/** Candor's own files, and the directory they must share with a script the page loaded. */
const OWN = /^(.+\/)candor-(ui|policy|purify|i18n-[a-z]+)\.min\.js$/;

function refuse(what: string): never {
  throw new TypeError(`[candor] the Trusted Types policy "candor" signs only gated scripts in the page and Candor's own files, not ${what}`);
}

/** `gated` is a gated script in the page whose `src` (or, without `url`, text) is `value`. */
function isGated(gated: Element | undefined, value: string, url: boolean): boolean {
  return (
    gated instanceof HTMLScriptElement &&
    gated.isConnected &&
    gated.matches('script[type="text/plain"][data-candor-purpose]') &&
    (url ? gated.getAttribute('src') : gated.text) === value
  );
}

const rules: CandorTrustedTypes = {
  createScriptURL(url, gated) {
    if (isGated(gated, url, true)) return url;
    const dir = OWN.exec(url)?.[1];
    const loaded = (script: HTMLScriptElement): string => script.src.replace(/[?#].*/, '');
    if (dir && Array.from(document.scripts).some((s) => loaded(s) === `${dir}candor.min.js` || loaded(s) === `${dir}candor-policy.min.js`)) return url;
    return refuse(url);
  },
  createScript: (text, gated) => (isGated(gated, text, false) ? text : refuse('this text')),
};

/**
 * One policy per page (creating a second policy of the same name can be refused by CSP).
 * Where Trusted Types are not supported, strings pass through unchanged.
 */
export function candorPolicy(): CandorTrustedTypes {
  const holder = globalThis as unknown as Record<symbol, CandorTrustedTypes | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  let policy = identity;
  if (factory) {
    try {
      policy = factory.createPolicy('candor', rules);
    } catch (error) {
      console.error('[candor] the Trusted Types policy "candor" could not be created; allow it with `trusted-types candor`', error);
    }
  }
  holder[KEY] = policy;
  return policy;
}
