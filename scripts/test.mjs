#!/usr/bin/env node
// `npm test`: everything a change must pass, with one summary line at the end.
//
//   1. Chromium present?          (else one line saying how to get one, exit 1)
//   2. npm run build, npm run build:react-example   (skipped when CANDOR_SKIP_BUILD=1 and both exist, e.g. in .ci/run)
//   3. web-test-runner            browser tests, test/**/*.test.ts
//   4. node --test test-node/     Node tests of the built dist/forge.js (*.test.mjs)
//   5. node --test test/forge-contract/
//                                 contract tests of the built dist/ against the real @forge/* packages; they
//                                 live in their own package (Atlassian Developer Terms, ~110 MB), so this runs
//                                 only when test/forge-contract/node_modules exists (`npm ci --prefix test/forge-contract`,
//                                 which .ci/run does); otherwise a note says it was skipped. With
//                                 CANDOR_REQUIRE_FORGE_CONTRACT=1 (set by .ci/run) a missing install is a failure.
//   6. node test/e2e/run.mjs      end-to-end cases of the built dist/ in real pages (playwright-core), with the
//                                 fault figures; its counts come back through CANDOR_E2E_RESULTS (a JSON file)
//   7. scripts/size.mjs           size budgets, counted as one test
//
// Every runner's output streams live. The LAST line is exactly `N passed, M failed`, summed over all runners.
// A runner that exits non-zero without a failing test, or whose counts cannot be read, adds one failure.
// Exit status: 0 only if nothing failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome, NO_CHROME_MESSAGE } from './find-chrome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';

/** Runs a command with inherited stdio (live output); resolves with its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: isWindows && command === 'npm',
    });
    child.on('error', (err) => {
      console.error(`Could not start ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Absolute path of an installed package's bin script (run with this Node, no shell, any OS). */
function binOf(pkgName, binName) {
  const pkgDir = join(root, 'node_modules', pkgName);
  const { bin } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  return join(pkgDir, typeof bin === 'string' ? bin : bin[binName]);
}

/**
 * Runs `node --test` on `dir` with live spec output and a TAP copy in `tap`; returns the exit code and
 * the counts of the TAP summary (`null` when it cannot be read).
 */
async function runNodeTests(dir, tap) {
  const code = await run(process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    dir,
  ]);
  let counts = null;
  try {
    const text = readFileSync(tap, 'utf8');
    const last = (key) => {
      const all = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
      return all.length ? Number(all.at(-1)[1]) : null;
    };
    const pass = last('pass');
    const fail = last('fail');
    if (pass !== null && fail !== null) counts = { passed: pass, failed: fail + (last('cancelled') ?? 0) };
  } catch {}
  return { code, counts };
}

function heading(text) {
  console.log(`\n=== ${text} ===`);
}

const results = []; // { name, passed, failed, note? }

/** Records a runner's counts; a non-zero exit without a counted failure becomes one failure. */
function record(name, code, counts, what) {
  if (!counts) {
    results.push({ name, passed: 0, failed: 1, note: `could not read the ${what} (exit ${code})` });
    return;
  }
  const entry = { name, passed: counts.passed, failed: counts.failed };
  if (code !== 0 && counts.failed === 0) {
    entry.failed = 1;
    entry.note = `exited ${code} without a failing test`;
  }
  results.push(entry);
}

function finish() {
  heading('Summary');
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}

async function main() {
  // 1. Chromium
  const chrome = findChrome();
  if (!chrome) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }

  // 2. Build
  const built = ['dist/index.js', 'dist/define.js', 'dist/candor.min.js', 'dist/forge.js', 'examples/react/build/index.html', 'cli/lib/shared.generated.mjs'].every((f) =>
    existsSync(join(root, f)),
  );
  if (process.env.CANDOR_SKIP_BUILD === '1' && built) {
    console.log('CANDOR_SKIP_BUILD=1: testing the existing dist/');
  } else {
    if (process.env.CANDOR_SKIP_BUILD === '1') console.log('CANDOR_SKIP_BUILD=1 but dist/ is incomplete: building');
    heading('npm run build');
    // The React example is built too: test/react loads it (React's CommonJS cannot be served as modules).
    for (const script of ['build', 'build:react-example']) {
      const code = await run('npm', ['run', script]);
      if (code !== 0) {
        results.push({ name: script, passed: 0, failed: 1, note: `npm run ${script} exited ${code}; no test ran` });
        finish();
      }
    }
  }

  const tmp = mkdtempSync(join(tmpdir(), 'candor-test-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

  // 3. Browser tests
  {
    heading(`Browser tests (web-test-runner, ${chrome})`);
    const file = join(tmp, 'wtr.json');
    const code = await run(process.execPath, [binOf('@web/test-runner', 'web-test-runner')], {
      CANDOR_WTR_RESULTS: file,
      CHROME_PATH: chrome,
    });
    let counts = null;
    try {
      counts = JSON.parse(readFileSync(file, 'utf8'));
    } catch {}
    record('browser (web-test-runner)', code, counts, 'web-test-runner results');
  }

  // 4. Node tests
  {
    heading('Node tests (node --test test-node/)');
    const { code, counts } = await runNodeTests('test-node/', join(tmp, 'node.tap'));
    record('node (node --test)', code, counts, 'node --test TAP summary');
  }

  // 5. Forge contract tests (their own install; see the header)
  {
    const name = 'forge contract (node --test test/forge-contract/)';
    heading('Forge contract tests (node --test test/forge-contract/, real @forge/* packages)');
    if (existsSync(join(root, 'test/forge-contract/node_modules/@forge/bridge/package.json'))) {
      const { code, counts } = await runNodeTests('test/forge-contract/', join(tmp, 'forge-contract.tap'));
      record(name, code, counts, 'node --test TAP summary');
    } else if (process.env.CANDOR_REQUIRE_FORGE_CONTRACT === '1') {
      console.log('test/forge-contract/node_modules is missing, and CANDOR_REQUIRE_FORGE_CONTRACT=1 requires these tests.');
      results.push({ name, passed: 0, failed: 1, note: 'not installed: run npm ci --prefix test/forge-contract' });
    } else {
      console.log('Skipped: the @forge/* packages are not installed here. To run these tests: npm ci --prefix test/forge-contract');
      results.push({ name, passed: 0, failed: 0, note: 'skipped, not installed (npm ci --prefix test/forge-contract)' });
    }
  }

  // 6. End-to-end suite (test/e2e/run.mjs; see docs/testing.md)
  {
    heading('End-to-end tests (node test/e2e/run.mjs, the built dist/ in real pages)');
    const file = join(tmp, 'e2e.json');
    const code = await run(process.execPath, [join(root, 'test/e2e/run.mjs')], { CANDOR_E2E_RESULTS: file });
    let counts = null;
    try {
      counts = JSON.parse(readFileSync(file, 'utf8'));
    } catch {}
    record('e2e (test/e2e)', code, counts, 'e2e results');
  }

  // 7. Size budgets
  {
    heading('Size budgets (scripts/size.mjs)');
    const code = await run(process.execPath, [join(root, 'scripts/size.mjs')]);
    results.push({ name: 'size', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  results.push({ name: 'scripts/test.mjs', passed: 0, failed: 1, note: `crashed: ${err?.message ?? err}` });
}
finish();
