#!/usr/bin/env node
// `npm run size`: raw, gzip (level 9) and brotli (quality 11) sizes of the script-tag bundles, checked
// against the gzip budgets below. Exit 1 when a budget is exceeded or a required file is missing.

/** Gzip budgets in bytes. `required: false`: checked only when the file exists. */
const BUDGETS = [
  // Every page: core, storage (the cookie adapter loads on its own), <candor-consent>, script gating, window.candor, Consent Mode's default (no Lit).
  // Issue 6's final budget: 15 KB with Consent Mode. (Issues 3 and 4 asked for 13 KB with Lit and the
  // banner, and 14 KB with the change notice; the split build does not meet those: see CHANGELOG.)
  { file: 'dist/candor.min.js', gzip: 15 * 1024, required: true },
  // Loaded only where choices are kept in a cookie: the cookie adapter.
  { file: 'dist/candor-cookie.min.js', gzip: 2 * 1024, required: true },
  // Loaded only where Consent Mode is on: its updates (candor.min.js pushes the default itself).
  { file: 'dist/candor-consent-mode.min.js', gzip: 2 * 1024, required: true },
  // Loaded only when something is shown: Lit, banner, preferences, gate, signal status, change notice, English.
  { file: 'dist/candor-ui.min.js', gzip: 15 * 1024, required: true },
  // One strings file per other built-in locale, loaded only for pages in that locale.
  ...['de', 'fr', 'es', 'ja'].map((locale) => ({ file: `dist/candor-i18n-${locale}.min.js`, gzip: 2 * 1024, required: true })),
  // <candor-policy>: Markdown (marked), sanitiser (DOMPurify), diff (jsdiff), its own Lit; loaded only where a policy is shown.
  { file: 'dist/candor-policy.min.js', gzip: 30 * 1024, required: true },
  // DOMPurify with Candor's allow-list: loaded by candor-policy.min.js only where Element.setHTML is missing.
  { file: 'dist/candor-purify.min.js', gzip: 14 * 1024, required: true },
];

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

let failed = false;
for (const { file, gzip: budget, required } of BUDGETS) {
  const path = join(root, file);
  if (!existsSync(path)) {
    if (required) {
      console.error(`${file} not found: run \`npm run build\` first`);
      failed = true;
    }
    continue;
  }
  const size = measure(readFileSync(path));
  const ok = size.gzip <= budget;
  if (!ok) failed = true;
  const verdict = ok ? 'OK' : `OVER BUDGET by ${size.gzip - budget} B`;
  console.log(
    `${file}  raw ${size.raw} B  gzip ${size.gzip} B  brotli ${size.brotli} B  ` +
      `budget ${budget} B gzip  ${verdict}`,
  );
}
process.exit(failed ? 1 : 0);
