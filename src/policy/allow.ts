// The allow-list of <candor-policy>'s sanitisers and the last pass both of them share (no Markdown here:
// candor-purify.min.js imports this too).

/** The allow-list (standards.md S5): structure, emphasis, links, tables, code. Nothing active. */
export const ALLOWED_TAGS = [
  'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote',
  'strong', 'em', 'b', 'i', 'del', 's', 'a', 'code', 'pre',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
export const ALLOWED_ATTR = ['href', 'title', 'start'];

/**
 * The scheme a browser would see in `href`: it drops ASCII whitespace and control characters
 * around and (tab, newline) inside a URL; dropping all of them (and invisible characters)
 * errs on the side of refusing.
 */
export function urlScheme(href: string): string | undefined {
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
}

/** Whether a link may stay: https, mailto, or relative (no scheme). */
export function allowedHref(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === undefined || scheme === 'https' || scheme === 'mailto';
}

/**
 * Last pass over sanitised content, whichever sanitiser ran: links keep their href only when it
 * is https, mailto or relative (and resolves to https, mailto or the page's own scheme);
 * links to other origins get `rel="noopener noreferrer"`. Every other attribute than the
 * allow-list's is dropped, so both sanitisers give the same result.
 */
export function fixLinks(root: ParentNode): void {
  for (const element of root.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) if (!ALLOWED_ATTR.includes(name)) element.removeAttribute(name);
    const href = element.getAttribute('href');
    if (href === null) continue;
    let url: URL | undefined;
    try {
      url = new URL(href, document.baseURI);
    } catch {
      url = undefined;
    }
    if (element.localName !== 'a' || !url || !allowedHref(href) || !['https:', 'mailto:', location.protocol].includes(url.protocol)) {
      element.removeAttribute('href');
      continue;
    }
    if (url.protocol !== 'mailto:' && url.origin !== location.origin) element.setAttribute('rel', 'noopener noreferrer');
  }
}
