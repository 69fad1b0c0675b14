// candor-cli is publishable on its own: its packed tarball holds the generated shared modules, and
// installed into an empty project (no Candor repository, no dist/) `npx candor render` writes the policy.
//
// Packs with --ignore-scripts (the root `npm test` has just built cli/lib/shared.generated.mjs).
// Installing needs the npm registry for marked and sanitize-html (`--prefer-offline` uses the local
// cache when it can); CANDOR_SKIP_PACK_INSTALL=1 skips the install, as for the main package.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installInto, npm, pack, run } from './pack-helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'cli');

let tmp;
let listing;
before(() => {
  assert.ok(existsSync(join(cli, 'lib/shared.generated.mjs')), 'cli/lib/shared.generated.mjs is missing: run npm run build first');
  tmp = mkdtempSync(join(tmpdir(), 'candor-cli-pack-'));
  listing = pack(cli, tmp);
});
after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

test('the candor-cli tarball holds the command, its library with the shared modules, and the README', () => {
  const paths = listing.files.map((f) => f.path).sort();
  assert.deepEqual(paths, ['README.md', 'bin/candor.mjs', 'lib/candor.mjs', 'lib/html.mjs', 'lib/render.mjs', 'lib/sanitize.mjs', 'lib/shared.generated.mjs', 'package.json']);
  // Nothing in the package reaches back into the repository.
  for (const file of paths.filter((path) => path.endsWith('.mjs'))) {
    const source = readFileSync(join(cli, file), 'utf8');
    assert.doesNotMatch(source, /from\s+['"]\.\.\/\.\.\/|['"]\.\.\/\.\.\/dist|\.\.\/dist\//, `${file} imports from outside the package`);
  }
});

test('installed alone into an empty project, `npx candor render` writes the sanitised policy', { skip: process.env.CANDOR_SKIP_PACK_INSTALL === '1' }, () => {
  const project = installInto(tmp, 'site', [join(tmp, listing.filename)]);
  assert.ok(!existsSync(join(project, 'node_modules/candor')), 'candor-cli does not pull in the browser package');
  const config = JSON.parse(readFileSync(join(cli, 'test/fixtures/policy.json'), 'utf8'));
  config.policy.sections[0].body += '\n\n<img src=x onerror="alert(1)"> [click](javascript:alert(1))';
  writeFileSync(join(project, 'policy.json'), JSON.stringify(config));
  const html = run(npm, ['exec', '--no', '--', 'candor', 'render', 'policy.json'], project);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<article class="candor-policy"/);
  assert.match(html, /id="candor-policy-title"/);
  assert.doesNotMatch(html, /onerror|javascript:/i);
  // A bad config fails with exit 2 and names the field.
  writeFileSync(join(project, 'bad.json'), JSON.stringify({ ...config, purposes: [{ id: 'analytics', basis: 'maybe' }] }));
  let failure;
  try {
    run(npm, ['exec', '--no', '--', 'candor', 'render', 'bad.json'], project);
  } catch (error) {
    failure = error;
  }
  assert.ok(failure, 'an invalid config fails');
  assert.equal(failure.status, 2);
  assert.match(String(failure.stderr), /purposes\[0\]\.basis/);
});
