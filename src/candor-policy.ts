// Entry of dist/candor-policy.min.js: <candor-policy> with its Markdown parser (marked) and
// diff (jsdiff), for the script-tag build. candor.min.js loads it from beside itself the first
// time the page has a <candor-policy>; a page may also include it directly. Where the browser
// has no Element.setHTML, it loads DOMPurify (candor-purify.min.js) from beside itself, the same way.
import './elements/candor-policy.define.js';
import { loadBeside } from './integrations/load-beside.js';
import { setPurifyLoader, type Sanitize } from './policy/sanitizer.js';

const KEY = Symbol.for('candor.purify');
const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const from = self?.src ? self : document.querySelector<HTMLScriptElement>('script[src*="candor-policy.min.js"]');

setPurifyLoader(async () => {
  if (!from?.src) throw new Error('candor-purify.min.js: cannot tell where candor-policy.min.js was loaded from');
  await loadBeside(from, 'candor-purify.min.js');
  const sanitize = (globalThis as unknown as Record<symbol, Sanitize | undefined>)[KEY];
  if (!sanitize) throw new Error('candor-purify.min.js did not register the sanitiser');
  return sanitize;
});
