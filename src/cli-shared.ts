// Entry of cli/lib/shared.generated.mjs: the DOM-free parts of Candor that the static pre-render CLI
// (cli/, package candor-cli) shares with <candor-policy>: one validator, one signal rule, one
// allow-list, one set of strings, one date format. Bundled into the CLI package at build time, so
// candor-cli installs and runs on its own (it never imports this repository's dist/ at run time).
export { validateConfig } from './core/validate.js';
export { localize, list } from './core/messages.js';
export { BUILT_IN_LOCALES, pickLocale } from './core/locale.js';
export { ALLOWED_TAGS, ALLOWED_ATTR, urlScheme, allowedHref } from './policy/allow.js';
export { formatDate } from './policy/dates.js';
export { policyEn, policyStrings } from './policy/messages.js';
export { signalStatements } from './policy/signals.js';
// Markdown → HTML with the element's own options (marked stays a dependency of candor-cli, same version).
export { markdownToHTML } from './policy/markdown.js';
// The storage inventory (`candor inventory`).
export { storageInventory } from './integrations/inventory.js';
