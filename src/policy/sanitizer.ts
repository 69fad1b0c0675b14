import { ALLOWED_ATTR, ALLOWED_TAGS, fixLinks } from './allow.js';
import { markdownToHTML } from './markdown.js';

/** Turns untrusted HTML into a clean, detached fragment. */
export type Sanitize = (html: string) => DocumentFragment;

/** Elements dropped but whose text is kept by `setHTML` (DOMPurify keeps the text of every dropped element). */
const UNWRAP = ['div', 'span', 'u', 'sup', 'sub', 'mark', 'small', 'abbr', 'cite', 'q', 'kbd', 'samp', 'var', 'dfn', 'time', 'ins', 'font', 'center', 'big', 'tt', 'strike', 'h1', 'h2', 'label', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'details', 'summary', 'figure', 'figcaption', 'caption', 'tfoot', 'dl', 'dt', 'dd'];

type SetHTML = (html: string, options: { sanitizer: Record<string, unknown> }) => void;

/**
 * The browser's own sanitiser (`Element.setHTML`, the Sanitizer API) with the same allow-list:
 * not a Trusted Types sink, never executes anything, and strips `javascript:` URLs itself;
 * `fixLinks` then applies the scheme allow-list and `rel`. Undefined where unsupported.
 */
export function nativeSanitize(): Sanitize | undefined {
  const setHTML = (Element.prototype as unknown as { setHTML?: SetHTML }).setHTML;
  if (typeof setHTML !== 'function') return undefined;
  return (html) => {
    const holder = document.createElement('div');
    setHTML.call(holder, html, {
      sanitizer: { elements: ALLOWED_TAGS, attributes: ALLOWED_ATTR, replaceWithChildrenElements: UNWRAP, comments: false, dataAttributes: false },
    });
    fixLinks(holder);
    const fragment = document.createDocumentFragment();
    fragment.append(...holder.childNodes);
    return fragment;
  };
}

const KEY = Symbol.for('candor.purify');

/** How the DOMPurify sanitiser is loaded: a dynamic import (npm); the script-tag build loads candor-purify.min.js. */
let loadPurify: () => Promise<Sanitize> = () => import('./purify.js').then((module) => module.purifySanitize);

/** Replaces how DOMPurify is loaded (the script-tag build does). */
export function setPurifyLoader(loader: () => Promise<Sanitize>): void {
  loadPurify = loader;
}

/** Registers an already loaded DOMPurify sanitiser (candor-purify.min.js does). */
export function registerPurify(sanitize: Sanitize): void {
  (globalThis as unknown as Record<symbol, Sanitize>)[KEY] = sanitize;
}

let purify: Promise<Sanitize> | undefined;

/** The sanitiser to use: `setHTML` where present (unless `dompurify` is asked for), else DOMPurify, loaded once. */
export function sanitizer(kind: 'auto' | 'dompurify' = 'auto'): Sanitize | Promise<Sanitize> {
  const native = kind === 'auto' ? nativeSanitize() : undefined;
  if (native) return native;
  const loaded = (globalThis as unknown as Record<symbol, Sanitize | undefined>)[KEY];
  if (loaded) return loaded;
  return (purify ??= loadPurify().then(
    (sanitize) => (registerPurify(sanitize), sanitize),
    (error: unknown) => {
      purify = undefined;
      throw error;
    },
  ));
}

/** Markdown → a clean fragment: parsed by marked, sanitised against the allow-list. */
export function renderMarkdown(source: string, sanitize: Sanitize): DocumentFragment {
  return sanitize(markdownToHTML(source));
}
