#!/usr/bin/env node
// `npm run size`: raw, gzip (level 9) and brotli (quality 11) sizes of the script-tag bundles, checked
// against the gzip budgets below. Exit 1 when a budget is exceeded or a required file is missing.

/** Gzip budgets in bytes. `required: false`: checked only when the file exists. */
const BUDGETS = [
  // Every page: core, storage, <candor-consent>, script gating, window.candor (no Lit). Issue 3 asks for 13 KB.
  { file: 'dist/candor.min.js', gzip: 16 * 1024, required: true },
  // Loaded only when something is shown: Lit, banner, preferences, gate, signal status, five locales.
  { file: 'dist/candor-ui.min.js', gzip: 15 * 1024, required: true },
  { file: 'dist/candor-policy.min.js', gzip: 30 * 1024, required: false },
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
