// Markdown → sanitised HTML in Node: the counterpart of src/policy/sanitizer.ts/purify.ts + allow.ts
// `fixLinks`, with sanitize-html (htmlparser2) in place of Element.setHTML/DOMPurify. The Markdown
// itself (src/policy/markdown.ts) and the allow-list (tags, attributes, URL schemes, src/policy/allow.ts)
// are Candor's own, through lib/candor.mjs.
import sanitizeHtml from 'sanitize-html';

/**
 * Dropped elements whose content is dropped too (DOMPurify's FORBID_CONTENTS, plus the raw-text and
 * form elements): their text would only be script, style or markup source. Every other dropped
 * element keeps its text, as with DOMPurify's KEEP_CONTENT and setHTML's replaceWithChildren.
 */
const DROP_CONTENT = [
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'xmp', 'plaintext', 'title', 'head',
  'textarea', 'option', 'select', 'object', 'embed', 'applet', 'svg', 'math', 'video', 'audio', 'canvas',
];

/** The origin relative links resolve against; never a real site, so every absolute link counts as external. */
const NO_ORIGIN = 'https://candor-static.invalid';

/**
 * A sanitiser for Markdown bodies with Candor's allow-list.
 * @param {object} candor the modules from loadCandor()
 * @param {{ origin?: string }} [options] `origin`: the site's own origin; links to it get no `rel`
 * @returns {(source: string) => string} Markdown → clean HTML
 */
export function createSanitizer(candor, options = {}) {
  const { ALLOWED_TAGS, ALLOWED_ATTR, allowedHref } = candor;
  const base = options.origin ? new URL(options.origin) : new URL(NO_ORIGIN);
  if (base.protocol !== 'https:') throw new TypeError(`--origin must be an https origin, got ${options.origin}`);
  const origin = base.origin;

  // ALLOWED_ATTR on every allowed tag (as DOMPurify does); `href` only stays on <a> (as fixLinks does);
  // `rel` only ever comes from fixLink below.
  const allowedAttributes = Object.fromEntries(
    ALLOWED_TAGS.map((tag) => [tag, tag === 'a' ? [...ALLOWED_ATTR, 'rel'] : ALLOWED_ATTR.filter((name) => name !== 'href')]),
  );

  /** fixLinks of allow.ts: https, mailto or relative hrefs only; other origins get rel="noopener noreferrer". */
  function fixLink(tagName, attribs) {
    const { rel: _ignored, href, ...rest } = attribs;
    if (href === undefined) return { tagName, attribs: rest };
    let url;
    try {
      url = new URL(href, origin + '/');
    } catch {
      url = undefined;
    }
    if (!url || !allowedHref(href) || !['https:', 'mailto:'].includes(url.protocol)) return { tagName, attribs: rest };
    const external = url.protocol !== 'mailto:' && url.origin !== origin;
    return { tagName, attribs: external ? { ...rest, href, rel: 'noopener noreferrer' } : { ...rest, href } };
  }

  const settings = {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes,
    allowedClasses: {},
    allowedStyles: {},
    allowedSchemes: ['https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'formaction', 'xlink:href'],
    allowProtocolRelative: true,
    allowVulnerableTags: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_CONTENT,
    selfClosing: ['br', 'hr'],
    transformTags: { a: fixLink },
    parseStyleAttributes: false,
  };

  return (source) => sanitizeHtml(candor.markdownToHTML(source), settings);
}
