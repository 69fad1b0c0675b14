#!/usr/bin/env node
// Fails (exit 1) when custom-elements.json, docs/elements.md or the token table of docs/styling.md is not what `npm run cem` would write
// from the current JSDoc of src/elements/. Run by test-node/cem.test.mjs, so `npm test` and CI cover it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderElementsDoc, withTokenTable } from './docs-elements.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STALE = 'custom-elements.json is stale: run npm run cem';

function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The first differing line of two texts, for the message. */
function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}:\n  committed: ${left[i] ?? '(end of file)'}\n  generated: ${right[i] ?? '(end of file)'}`;
  }
  return '';
}

const tmp = mkdtempSync(join(tmpdir(), 'candor-cem-'));
let failed = false;
try {
  const { bin } = JSON.parse(readFileSync(join(root, 'node_modules/@custom-elements-manifest/analyzer/package.json'), 'utf8'));
  const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer', typeof bin === 'string' ? bin : bin.cem ?? Object.values(bin)[0]);
  // The analyzer joins --outdir to the working directory, so it gets a relative path.
  const run = spawnSync(process.execPath, [cli, 'analyze', '--outdir', relative(root, tmp)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`The analyzer failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
  const generated = readFileSync(join(tmp, 'custom-elements.json'), 'utf8');
  const committed = read(join(root, 'custom-elements.json'));
  if (committed === null) {
    console.error(`custom-elements.json is missing: run npm run cem`);
    failed = true;
  } else if (committed !== generated) {
    console.error(`${STALE}\n(the JSDoc of src/elements/ changed; first difference at ${firstDifference(committed, generated)})`);
    failed = true;
  }
  const page = renderElementsDoc(JSON.parse(generated));
  const committedPage = read(join(root, 'docs/elements.md'));
  if (committedPage !== page) {
    console.error(`docs/elements.md is stale: run npm run cem${committedPage === null ? '' : ` (first difference at ${firstDifference(committedPage, page)})`}`);
    failed = true;
  }
  const styling = read(join(root, 'docs/styling.md')) ?? '';
  let current;
  try {
    current = withTokenTable(styling, JSON.parse(generated));
  } catch (error) {
    current = `(${error.message})`;
  }
  if (current !== styling) {
    console.error(`The token table of docs/styling.md is stale: run npm run cem (first difference at ${firstDifference(styling, current)})`);
    failed = true;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('custom-elements.json, docs/elements.md and the token table of docs/styling.md are current');
