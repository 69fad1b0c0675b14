#!/usr/bin/env node
// `npm run test:e2e`: the built dist/ in real pages, driven by playwright-core in the machine's Chromium.
// Serves the repo root on 127.0.0.1 (only dist/ and test/e2e/pages/ reach a page), runs every case of
// cases.mjs in a fresh browser context, then prints the fault figures and, last,
// `e2e: N passed, M failed`; with CANDOR_E2E_RESULTS=<file> it also writes { passed, failed } there as JSON
// (scripts/test.mjs reads it). Exit 0 only if every case passed and every
// fault figure is zero. `node test/e2e/run.mjs <text>` runs only the cases whose name contains <text>.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { bugs, figures, root, runCases, selfCheck, selfSignedCertificate, startServer, useSecureOrigin } from './harness.mjs';
import './cases.mjs';

const started = Date.now();
const missing = ['candor.min.js', 'candor-cookie.min.js', 'candor-consent-mode.min.js', 'candor-ui.min.js', 'candor-policy.min.js', 'candor-purify.min.js', 'storage/forge.js'].filter(
  (file) => !existsSync(join(root, 'dist', file)),
);
if (missing.length) {
  console.error(`e2e: dist/ is incomplete (${missing.join(', ')} missing): run npm run build first`);
  finish({ passed: 0, failed: 1 });
}

// dist/ may be rebuilt by someone else while the suite runs: say so, as results are then unreliable.
const distFiles = ['candor.min.js', 'candor-cookie.min.js', 'candor-consent-mode.min.js', 'candor-ui.min.js', 'candor-policy.min.js', 'candor-purify.min.js', 'storage/forge.js'];
const stamp = () => distFiles.map((file) => statSync(join(root, 'dist', file), { throwIfNoEntry: false })?.mtimeMs ?? 0).join();
const builtAt = stamp();

// A hung browser must not hang `npm test`: give up after 4 minutes.
setTimeout(() => {
  console.log('FAIL the e2e suite did not finish within 240 s');
  finish({ passed: 0, failed: 1 });
}, 240_000).unref();

const server = await startServer();
const secureServer = await startServer(selfSignedCertificate());
useSecureOrigin(secureServer.origin);
const browser = await launchChromium();
let result = { passed: 0, failed: 0 };
try {
  console.log(`e2e: Chromium ${browser.version()}, pages on ${server.origin} and ${secureServer.origin}`);
  const blind = await selfCheck(browser, server.origin);
  if (blind.length) {
    console.log(`FAIL self-check: the harness did not count ${blind.join(', ')} made on purpose; its zeros cannot be trusted`);
    result.failed++;
  } else console.log('ok   self-check: an uncaught error, a CSP violation and an XSS call made on purpose are each counted');
  const counted = await runCases(browser, server.origin, { filter: process.argv[2] });
  result = { passed: result.passed + counted.passed, failed: result.failed + counted.failed };
} catch (error) {
  console.error(error);
  result.failed++;
} finally {
  await browser.close().catch(() => {});
  await server.close();
  await secureServer.close();
}

if (stamp() !== builtAt) console.log('\nNote: dist/ was rebuilt while the suite ran; failures above may come from that (run it again).');
const faults = figures.uncaught + figures.choicesLost + figures.xss + figures.csp;
if (bugs.length) {
  console.log(`\nBugs in src/ found by the suite (see "BUG:" above):`);
  for (const name of bugs) console.log(`  - ${name}`);
}
console.log('\nFault figures');
console.log(`  scenarios run            ${figures.scenarios}`);
console.log(`  uncaught errors          ${figures.uncaught}`);
console.log(`  choices lost             ${figures.choicesLost}`);
console.log(`  XSS payloads executed    ${figures.xss}`);
console.log(`  CSP violations           ${figures.csp}`);
console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (figures.scenarios === 0) result.failed++;
finish(result, faults);

function finish({ passed, failed }, faults = 0) {
  if (process.env.CANDOR_E2E_RESULTS) writeFileSync(process.env.CANDOR_E2E_RESULTS, JSON.stringify({ passed, failed }));
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && faults === 0 ? 0 : 1);
}
