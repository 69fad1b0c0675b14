// Entry of dist/candor-purify.min.js: DOMPurify and Candor's allow-list, for browsers without
// Element.setHTML. Loaded by candor-policy.min.js only there (or when sanitizer="dompurify").
// Registers like `registerPurify` in src/policy/sanitizer.ts (not imported: it would bring marked).
import { purifySanitize } from './policy/purify.js';

(globalThis as unknown as Record<symbol, typeof purifySanitize>)[Symbol.for('candor.purify')] = purifySanitize;
