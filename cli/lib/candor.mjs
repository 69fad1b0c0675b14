// The DOM-free modules of Candor itself, from the repository's built dist/ (npm run build at the
// root), so the CLI and <candor-policy> share one validator, one signal rule, one allow-list, one
// set of strings and one date format. Everything that touches the DOM or imports lit is rewritten
// for Node in this folder (html.mjs, sanitize.mjs, render.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The root of the Candor repository (cli/ sits in it). */
export const CANDOR_ROOT = new URL('../../', import.meta.url);
const DIST = new URL('dist/', CANDOR_ROOT);

/** Thrown when dist/ is not built. */
export class MissingBuildError extends Error {}

const NEEDED = ['core/validate.js', 'core/messages.js', 'core/locale.js', 'policy/allow.js', 'policy/dates.js', 'policy/messages.js', 'policy/signals.js'];

/** Loads the modules (once). */
export async function loadCandor() {
  const missing = NEEDED.filter((file) => !existsSync(new URL(file, DIST)));
  if (missing.length) {
    throw new MissingBuildError(
      `candor-cli needs the built Candor modules in ${fileURLToPath(DIST)} (missing: ${missing.join(', ')}). ` +
        `Run \`npm ci && npm run build\` in ${fileURLToPath(CANDOR_ROOT)}.`,
    );
  }
  const load = (file) => import(new URL(file, DIST).href);
  const [validate, messages, locale, allow, dates, policyMessages, signals] = await Promise.all(NEEDED.map(load));
  return {
    validateConfig: validate.validateConfig,
    localize: messages.localize,
    list: messages.list,
    BUILT_IN_LOCALES: locale.BUILT_IN_LOCALES,
    pickLocale: locale.pickLocale,
    ALLOWED_TAGS: allow.ALLOWED_TAGS,
    ALLOWED_ATTR: allow.ALLOWED_ATTR,
    urlScheme: allow.urlScheme,
    allowedHref: allow.allowedHref,
    formatDate: dates.formatDate,
    policyEn: policyMessages.policyEn,
    policyStrings: policyMessages.policyStrings,
    signalStatements: signals.signalStatements,
  };
}
