// The DOM-free modules of Candor itself (validator, strings, locale choice, allow-list, dates, signal
// statements), so the CLI and <candor-policy> share one of each. They come from shared.generated.mjs,
// which the Candor repository's `npm run build` bundles from src/cli-shared.ts into this folder and
// which the published package ships: candor-cli needs nothing else of Candor at run time. Everything
// that touches the DOM or imports lit is rewritten for Node here (html.mjs, sanitize.mjs, render.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHARED = new URL('./shared.generated.mjs', import.meta.url);

/** Thrown when shared.generated.mjs is missing (a checkout of the repository that was never built). */
export class MissingBuildError extends Error {}

/** Loads the shared modules (once). */
export async function loadCandor() {
  if (!existsSync(SHARED)) {
    throw new MissingBuildError(
      `candor-cli is missing ${fileURLToPath(SHARED)}, which the Candor repository's build generates. ` +
        `Run \`npm ci && npm run build\` at the repository root (the published candor-cli package includes it).`,
    );
  }
  return import(SHARED.href);
}
