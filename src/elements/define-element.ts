/**
 * Registers a custom element once: safe when Candor is loaded twice (script tag and npm). Without
 * a DOM (Node) it does nothing. Returns whether it defined the element now.
 */
export function define(tag: string, element: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return false;
  customElements.define(tag, element);
  return true;
}

/**
 * The base class of Candor's elements that do not use Lit: `HTMLElement`, or a plain class where
 * there is no DOM, so that importing them in Node (server rendering with `candor/react`) does not
 * throw. Lit's own elements do the same.
 */
export const HTMLElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);
