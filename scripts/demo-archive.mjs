#!/usr/bin/env node
// `npm run demo:archive`: writes demo/archive/<version>.html, the text of each archived version of
// the demo's policy, from demo/policy/<version>.json with the static pre-render CLI (cli/, candor-cli):
// the pages the archive's version links open. The pages are committed (the CLI's dependencies are
// not in the root install); test-node/demo-archive.test.mjs checks they are current.
//
//   npm run demo:archive             writes the pages
//   node scripts/demo-archive.mjs --check   exit 1 when a page is missing or stale (nothing written)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'cli/bin/candor.mjs');

/** Each archived revision of demo/candor.json with its JSON and the page its `href` names. */
export function archivedVersions() {
  const config = JSON.parse(readFileSync(join(root, 'demo/candor.json'), 'utf8'));
  return config.policy.revisions
    .filter((revision) => revision.version !== config.policy.version && revision.src && revision.href?.startsWith('/demo/archive/'))
    .map((revision) => ({ version: revision.version, json: join(root, revision.src), page: join(root, revision.href) }));
}

/** The page for one archived version, as the CLI renders it. */
export function render(json) {
  return execFileSync(process.execPath, [cli, 'render', json, '--css', '/dist/candor-policy.css'], { encoding: 'utf8' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(root, 'cli/node_modules/marked'))) {
    console.error('candor-cli is not installed: run `npm ci --prefix cli` first');
    process.exit(2);
  }
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { version, json, page } of archivedVersions()) {
    const html = render(json);
    if (check) {
      if (!existsSync(page) || readFileSync(page, 'utf8') !== html) {
        console.error(`${page} is missing or stale: run npm run demo:archive`);
        stale += 1;
      }
      continue;
    }
    mkdirSync(dirname(page), { recursive: true });
    writeFileSync(page, html);
    console.log(`wrote ${page.slice(root.length + 1)} (version ${version})`);
  }
  process.exit(stale > 0 ? 1 : 0);
}
