/**
 * Removes `style` attributes from the raw HTML in policy Markdown before anything parses it.
 * The sanitiser drops them anyway, but on a page whose CSP forbids inline styles (no
 * `'unsafe-inline'` in `style-src`), Chromium reports a `style-src-attr` violation as soon as
 * such an attribute is parsed, even into an inert document or by `setHTML`: a report, and noise
 * in the site's CSP monitoring, for a style that was never applied. String-level on purpose, and
 * only for that: a case this misses costs one report, never safety (the sanitiser still runs).
 */

/** An HTML start tag; quoted attribute values are kept whole (a ">" inside quotes does not end it). */
const TAG = /<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
/** One attribute: a name, then optionally `=` and a quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g;

export function stripStyleAttributes(html: string): string {
  return html.replace(TAG, (tag, name: string, rest: string) =>
    /style/i.test(rest)
      ? `<${name}${rest.replace(ATTRIBUTE, (attribute, attributeName: string) => (attributeName.toLowerCase() === 'style' ? '' : attribute))}>`
      : tag,
  );
}
