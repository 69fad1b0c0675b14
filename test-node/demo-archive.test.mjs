// The demo's archive (issue 4 item 8, standards P2): every version link of demo/candor.json opens a
// page that exists, and each archived version's page (demo/archive/<version>.html, made by
// `npm run demo:archive` with candor-cli) is current with its demo/policy/<version>.json.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { archivedVersions, render } from '../scripts/demo-archive.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliInstalled = existsSync(join(root, 'cli/node_modules/marked'));
const required = process.env.CI === 'true' || process.env.CANDOR_REQUIRE_CLI === '1';

test('every version of the demo policy links to a page that exists', () => {
  const config = JSON.parse(readFileSync(join(root, 'demo/candor.json'), 'utf8'));
  for (const revision of config.policy.revisions) {
    const path = revision.href.split('#')[0];
    assert.ok(path.startsWith('/demo/'), `${revision.version}: ${revision.href}`);
    assert.ok(existsSync(join(root, path)), `${revision.version}: ${path} is missing`);
  }
  assert.equal(archivedVersions().length, config.policy.revisions.length - 1, 'every earlier version has its own page');
});

test('each archived page shows that version\'s text', () => {
  for (const { version, json, page } of archivedVersions()) {
    const html = readFileSync(page, 'utf8');
    assert.match(html, new RegExp(`Version ${version}`));
    const { policy } = JSON.parse(readFileSync(json, 'utf8'));
    for (const section of policy.sections) assert.ok(html.includes(`id="candor-${section.id}"`), `${version}: section ${section.id}`);
  }
});

test('the archived pages are current (npm run demo:archive)', { skip: !cliInstalled && !required && 'npm ci --prefix cli' }, () => {
  assert.ok(cliInstalled, 'cli/ is not installed (npm ci --prefix cli)');
  for (const { json, page } of archivedVersions()) {
    assert.equal(readFileSync(page, 'utf8'), render(json), `${page} is stale: run npm run demo:archive`);
  }
});
