// Browser tests: `npm run test:browser` (or `npm test`, which also runs the Node tests and the size check).
// Test files are TypeScript under test/; esbuild strips types per file (no type-check: `npm run typecheck`).
// rootDir is the repository root, so tests can also load the built files as /dist/index.js, /dist/candor.min.js.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { findChrome, NO_CHROME_MESSAGE } from './scripts/find-chrome.mjs';
import { cspHeaders } from './test/elements/csp/headers.mjs';
import { missingUi } from './test/elements/fixtures/missing-ui.mjs';
import { slowScript } from './test/elements/fixtures/slow-script.mjs';

const executablePath = findChrome();
if (!executablePath) throw new Error(NO_CHROME_MESSAGE);

/**
 * Writes `{ passed, failed, skipped }` to $CANDOR_WTR_RESULTS when the run ends (scripts/test.mjs reads it).
 * A test file that fails without a failing test (it did not load, or threw outside a test) counts as one failure.
 */
function resultsFileReporter(file) {
  const count = (suite, totals) => {
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped += 1;
      else if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const child of suite.suites) count(child, totals);
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, files: sessions.length };
      for (const session of sessions) {
        const before = totals.failed;
        if (session.testResults) count(session.testResults, totals);
        if (session.passed === false && totals.failed === before) totals.failed += 1;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}

/**
 * `executeServerCommand('forced-colors', 'active' | 'none')`: Windows high contrast, emulated. With the
 * Chrome (puppeteer) launcher, `emulateMedia({ forcedColors })` of @web/test-runner-commands drops the
 * option without a word, and puppeteer refuses the feature: this sets it through the DevTools protocol,
 * on a session kept open per page (emulation ends with its session).
 */
function forcedColorsCommand() {
  const sessions = new WeakMap();
  return {
    name: 'forced-colors-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const value = payload === 'active' ? 'active' : 'none';
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
      return true;
    },
  };
}

const reporters = [defaultReporter(), summaryReporter()];
if (process.env.CANDOR_WTR_RESULTS) reporters.push(resultsFileReporter(process.env.CANDOR_WTR_RESULTS));

export default {
  files: 'test/**/*.test.ts',
  rootDir: '.',
  nodeResolve: true,
  concurrency: 1,
  // Real Content-Security-Policy headers for the fixture pages under test/elements/csp/; a directory
  // holding candor.min.js without its companion files (test/elements/fixtures/missing-ui.mjs); a script
  // answered late (test/elements/fixtures/slow-script.mjs).
  middleware: [cspHeaders, missingUi, slowScript],
  // Files share one origin (localStorage, cookies), so they run one at a time; the whole run may take minutes.
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    forcedColorsCommand(),
    esbuildPlugin({
      ts: true,
      // Not 'auto': current Chrome would get standard decorators untranspiled and fail (toolchain.md pitfall 3).
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  reporters,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
};
