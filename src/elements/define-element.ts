import { NPM_FEATURES } from '../core/npm-features.js';

/**
 * Registers a custom element once: safe when Candor is loaded twice (script tag and npm). Without
 * a DOM (Node, npm build only) it does nothing. Returns whether it defined the element now.
 */
export function define(tag: string, element: CustomElementConstructor): boolean {
  if ((NPM_FEATURES && typeof customElements === 'undefined') || customElements.get(tag)) return false;
  customElements.define(tag, element);
  return true;
}

/**
 * The base class of Candor's elements that do not use Lit: `HTMLElement`, or a plain class where
 * there is no DOM, so that importing them in Node (server rendering with `candor/react`) does not
 * throw. Lit's own elements do the same. candor.min.js always runs in a page: `HTMLElement` itself.
 */
export const HTMLElementBase: typeof HTMLElement = NPM_FEATURES
  ? globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement)
  : HTMLElement;
