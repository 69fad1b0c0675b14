/**
 * The `candor` Trusted Types policy. It signs only what comes with the `<script>` it is for:
 * the `src` or text of a gated `<script type="text/plain" data-candor-purpose>` in the page, or
 * one of Candor's own files (`candor-ui.min.js`, `candor-i18n-*.min.js`, …) beside the connected
 * `candor.min.js` or `candor-policy.min.js` that loads it. Anything else throws, so the policy
 * (shared on the page) is no gadget that turns any string into script.
 */
export interface CandorTrustedTypes {
  createScriptURL(url: string, from: Element): string;
  createScript(text: string, from: Element): string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: CandorTrustedTypes): CandorTrustedTypes;
}

/** A gated script: held back until its purposes are granted. */
export const GATED = 'script[type="text/plain"][data-candor-purpose]';
const KEY = Symbol.for('candor.trustedTypes');
const identity: CandorTrustedTypes = { createScriptURL: (url) => url, createScript: (text) => text };

/** Whether `from` vouches for `value`: a URL (`url`) or a script's text. */
function vouches(from: unknown, value: string, url: boolean): boolean {
  if (!(from instanceof HTMLScriptElement) || !from.isConnected) return false;
  if (from.matches(GATED)) return (url ? from.getAttribute('src') : from.text) === value;
  // Candor's own file, beside the candor.min.js (or candor-policy.min.js) that loads it.
  const file = /[^/]*$/.exec(value)![0];
  return url && /\/candor(-policy)?\.min\.js([?#]|$)/.test(from.src) && /^candor-[a-z\d-]+\.min\.js$/.test(file) && new URL(file, from.src).href === value;
}

const signs =
  (url: boolean) =>
  (value: string, from: Element): string => {
    if (vouches(from, value, url)) return value;
    throw new TypeError(`[candor] Trusted Types policy "candor" refused ${value}: not a gated script or a Candor file`);
  };
const rules: CandorTrustedTypes = { createScriptURL: signs(true), createScript: signs(false) };

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
  return (holder[KEY] = policy);
}
