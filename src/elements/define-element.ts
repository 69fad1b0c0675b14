/** Registers a custom element once: safe when Candor is loaded twice (script tag and npm). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
