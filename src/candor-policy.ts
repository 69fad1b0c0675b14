// Entry of dist/candor-policy.min.js: <candor-policy> with its Markdown parser (marked) and
// diff (jsdiff), for the script-tag build. candor.min.js loads it from beside itself the first
// time the page has a <candor-policy>; a page may also include it directly. Where the browser
// has no Element.setHTML, it loads DOMPurify (candor-purify.min.js) from beside itself, the same way.
import './elements/candor-policy.define.js';
import { candorPolicy } from './integrations/trusted-types.js';
import { setPurifyLoader, type Sanitize } from './policy/sanitizer.js';

const KEY = Symbol.for('candor.purify');
const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const from = self?.src ? self : document.querySelector<HTMLScriptElement>('script[src*="candor-policy.min.js"]');

setPurifyLoader(
  () =>
    new Promise<Sanitize>((resolve, reject) => {
      if (!from?.src) {
        reject(new Error('candor-purify.min.js: cannot tell where candor-policy.min.js was loaded from'));
        return;
      }
      const url = new URL('candor-purify.min.js', from.src).href;
      const script = document.createElement('script');
      if (from.nonce) script.nonce = from.nonce;
      script.src = candorPolicy().createScriptURL(url, from);
      script.addEventListener('load', () => {
        const sanitize = (globalThis as unknown as Record<symbol, Sanitize | undefined>)[KEY];
        if (sanitize) resolve(sanitize);
        else reject(new Error(`${url} did not register the sanitiser`));
      });
      script.addEventListener('error', () => reject(new Error(`Could not load ${url}: <candor-policy> needs it beside candor-policy.min.js where the browser has no Element.setHTML`)));
      document.head.append(script);
    }),
);
