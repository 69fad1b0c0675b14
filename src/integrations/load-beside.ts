import { candorPolicy } from './trusted-types.js';

/**
 * Adds `<script src="<file beside from>">` with `from`'s nonce, its URL through the `candor`
 * Trusted Types policy (vouched for by `from`); resolves once it has run. Candor's script-tag
 * files load one another this way (candor.min.js: the UI, strings, cookie adapter, policy
 * renderer; candor-policy.min.js: DOMPurify). Scripts added this way run in the order added.
 */
export function loadBeside(from: HTMLScriptElement, file: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const url = new URL(file, from.src).href;
    const script = document.createElement('script');
    script.async = false;
    if (from.nonce) script.nonce = from.nonce;
    script.src = candorPolicy().createScriptURL(url, from);
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`Could not load ${url}: Candor needs it beside ${from.src}`)));
    document.head.append(script);
  });
}

/**
 * What a Candor file put under `key` when it ran (candor-cookie.min.js, candor-consent-mode.min.js).
 * A server that answers a missing file with its HTML page still fires "load", so a file that
 * provided nothing is the error `missing`, not a TypeError later.
 */
export function provided<T>(key: symbol, missing: string): T {
  const value = (globalThis as unknown as Record<symbol, T | undefined>)[key];
  if (!value) throw new Error(missing);
  return value;
}
