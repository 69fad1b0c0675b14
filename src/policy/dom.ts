/** What `h` appends: nodes, text (always as text, never parsed), nothing, or lists of these. */
export type Child = Node | string | null | undefined | false | readonly Child[];

/**
 * Builds an element: `h('a', { href }, 'text')`. Attributes with `null`/`undefined`/`false`
 * are left out; functions under `on…` keys become listeners. Strings become text nodes, so
 * nothing here parses HTML.
 */
export function h(tag: string, attributes: Record<string, string | null | undefined | false | ((event: Event) => void)> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') parent.appendChild(document.createTextNode(child));
    else if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child as Node);
  }
}
