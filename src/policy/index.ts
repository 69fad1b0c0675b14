// `candor/policy`: the policy renderer for npm users. Importing it defines nothing; call
// `definePolicy()` (or `customElements.define` with your own tag) once.
import { CandorPolicyElement } from '../elements/candor-policy.js';
import { define } from '../elements/define-element.js';

export { CandorPolicyElement, SIGNALS_SECTION_ID, ID_PREFIX, changesId } from '../elements/candor-policy.js';
export { compareSections, loadRevision, RevisionLoadError, type DiffPart, type SectionChange } from './changes.js';
export { markdownToHTML } from './markdown.js';
export { allowedHref, fixLinks, urlScheme, ALLOWED_TAGS, ALLOWED_ATTR } from './allow.js';
export { sanitizer, nativeSanitize, renderMarkdown, setPurifyLoader, registerPurify, type Sanitize } from './sanitizer.js';
export { signalStatements, type SignalStatement } from './signals.js';
export { formatDate } from './dates.js';
export { policyStrings, policyEn, type PolicyMessageKey, type PolicyMessageTable } from './messages.js';

declare global {
  interface HTMLElementTagNameMap {
    'candor-policy': CandorPolicyElement;
  }
}

/** Registers `<candor-policy>` (once; safe alongside the script-tag build). */
export function definePolicy(tag = 'candor-policy'): void {
  define(tag, tag === 'candor-policy' ? CandorPolicyElement : class extends CandorPolicyElement {});
}
