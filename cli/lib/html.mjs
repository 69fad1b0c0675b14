// HTML as strings, the Node counterpart of src/policy/dom.ts: `h('a', { href }, 'text')`. Strings
// are always escaped as text; only `Html` values (our own markup, or the sanitiser's output) are
// inserted as markup.

/** Markup that is already safe: built by `h` or returned by the sanitiser. */
export class Html {
  /** @param {string} html */
  constructor(html) {
    this.html = html;
  }
  toString() {
    return this.html;
  }
}

/** Text for an element's content: `&`, `<` and `>` escaped (as a browser serialises a text node). */
export function escapeText(value) {
  return String(value).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Text for a double-quoted attribute value. */
export function escapeAttribute(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * @typedef {Html | string | null | undefined | false | readonly Child[]} Child
 */

/**
 * An element as markup. Attributes with `null`/`undefined`/`false` are left out (as in dom.ts);
 * children are `Html`, strings (escaped), nothing, or lists of these.
 * @param {string} tag
 * @param {Record<string, string | null | undefined | false>} [attributes]
 * @param {...Child} children
 */
export function h(tag, attributes = {}, ...children) {
  if (!/^[a-z][a-z0-9-]*$/.test(tag)) throw new TypeError(`bad tag name ${tag}`);
  let out = `<${tag}`;
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new TypeError(`bad attribute name ${name}`);
    if (value !== null && value !== undefined && value !== false) out += ` ${name}="${escapeAttribute(value)}"`;
  }
  return new Html(`${out}>${join(children)}</${tag}>`);
}

/** Children as markup. */
export function join(children) {
  let out = '';
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') out += escapeText(child);
    else if (child instanceof Html) out += child.html;
    else if (Array.isArray(child)) out += join(child);
    else throw new TypeError(`cannot render ${typeof child} as HTML`);
  }
  return out;
}
