// The DOMPurify sanitiser of <candor-policy>: used where the browser has no `Element.setHTML`
// (or when `sanitizer="dompurify"` asks for it). In the script-tag build it is its own file,
// candor-purify.min.js, loaded on demand; npm builds import this module dynamically.
import DOMPurify from 'dompurify';
import { ALLOWED_ATTR, ALLOWED_TAGS, fixLinks } from './allow.js';

interface HtmlPolicy {
  createHTML(input: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(input: string): string }): HtmlPolicy;
}

/** https, mailto, or a URL without a scheme (relative). Anything else loses its href. */
const ALLOWED_URI_REGEXP = /^(?:https:|mailto:|[^a-z]|[a-z0-9+.-]*(?:[^a-z0-9+.\-:]|$))/i;

const KEY = Symbol.for('candor.policyTrustedTypes');
/** True only while the sanitiser parses its input into an inert template: the one moment the policy passes a string through. */
let sanitizing = false;

/**
 * The `candor-policy` Trusted Types policy (one per page; allow it with `trusted-types candor-policy`).
 * The sanitiser needs it to parse the dirty string into an inert `<template>`. Its `createHTML`
 * passes a string through only during that step of `purifySanitize`; any other call throws, so the
 * policy cannot be used to sign arbitrary HTML for the page.
 */
function htmlPolicy(): HtmlPolicy | null {
  const holder = globalThis as unknown as Record<symbol, HtmlPolicy | null | undefined>;
  if (holder[KEY] !== undefined) return holder[KEY];
  const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  let policy: HtmlPolicy | null = null;
  if (factory) {
    try {
      policy = factory.createPolicy('candor-policy', {
        createHTML(input) {
          if (!sanitizing) throw new TypeError('[candor] the candor-policy Trusted Types policy only serves its sanitiser');
          return input;
        },
      });
    } catch (error) {
      console.error('[candor] the Trusted Types policy "candor-policy" could not be created; allow it with `trusted-types candor-policy`', error);
    }
  }
  holder[KEY] = policy;
  return policy;
}

const purifier = DOMPurify(window);

/**
 * Sanitises HTML with DOMPurify against the allow-list; returns a detached fragment of this document.
 *
 * The string is parsed into a `<template>` (inert: nothing loads, runs or applies there, and
 * no CSP report is caused by a `<style>` in it), sanitised there in place, and only the clean
 * nodes are moved into the page's document. DOMPurify's own parsing into a DOMParser document
 * would report every inline `<style>` of the input as a CSP violation.
 */
export function purifySanitize(html: string): DocumentFragment {
  const policy = htmlPolicy();
  const template = document.createElement('template');
  sanitizing = true;
  try {
    // The wrapper is what gets sanitised; anything the input pushes outside it is dropped.
    const wrapped = `<blockquote>${html}</blockquote>`;
    template.innerHTML = (policy ? policy.createHTML(wrapped) : wrapped) as string;
  } finally {
    sanitizing = false;
  }
  const root = template.content.firstElementChild;
  const fragment = document.createDocumentFragment();
  if (!root || root.localName !== 'blockquote') return fragment;
  purifier.sanitize(root, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    IN_PLACE: true,
    // In place, DOMPurify parses nothing: it needs no Trusted Types policy of its own ("dompurify").
    TRUSTED_TYPES_POLICY: null as never,
  });
  fixLinks(root);
  fragment.append(...root.childNodes);
  return fragment;
}
