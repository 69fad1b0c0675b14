// Candor imports no @forge/* module anywhere: @forge/bridge throws when imported outside Forge, and
// the @forge/* packages are not open source (research/forge.md §0, §7). The app passes invoke and kvs in.
// Imports are found with TypeScript's own pre-processor, so comments and JSDoc examples do not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

function* files(dir, extensions) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path, extensions);
    else if (extensions.includes(extname(entry.name))) yield path;
  }
}

/** Every module specifier a file imports, exports from, requires or import()s. */
function specifiers(path) {
  const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  return [...info.importedFiles, ...info.referencedFiles, ...info.typeReferenceDirectives].map((f) => f.fileName);
}

test('the scanner finds imports of every kind, and ignores comments', () => {
  const sample = [
    "import a from '@forge/a';",
    "import type { B } from '@forge/b';",
    "export { c } from '@forge/c';",
    "const d = await import('@forge/d');",
    "const e = require('@forge/e');",
    "import '@forge/f';",
    "// import x from '@forge/comment';",
    "/** import { kvs } from '@forge/jsdoc'; */",
  ].join('\n');
  const found = ts.preProcessFile(sample, true, true).importedFiles.map((f) => f.fileName);
  assert.deepEqual(found.sort(), ['@forge/a', '@forge/b', '@forge/c', '@forge/d', '@forge/e', '@forge/f']);
});

test('no file under src/ imports a @forge/* module', () => {
  const offenders = [];
  let count = 0;
  for (const path of files(join(root, 'src'), ['.ts', '.mts', '.cts', '.js', '.mjs'])) {
    count += 1;
    for (const spec of specifiers(path)) if (/^@forge(\/|$)/.test(spec)) offenders.push(`${relative(root, path)}: ${spec}`);
  }
  assert.ok(count > 10, 'src/ was scanned');
  assert.deepEqual(offenders, []);
});

test('no built file under dist/ imports a @forge/* module', (t) => {
  if (!existsSync(join(root, 'dist'))) return t.skip('dist/ not built');
  const offenders = [];
  for (const path of files(join(root, 'dist'), ['.js', '.mjs'])) {
    for (const spec of specifiers(path)) if (/^@forge(\/|$)/.test(spec)) offenders.push(`${relative(root, path)}: ${spec}`);
  }
  assert.deepEqual(offenders, []);
});

test('package.json declares no @forge/* dependency of any kind', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
    const names = Object.keys(pkg[field] ?? {});
    assert.deepEqual(names.filter((name) => name.startsWith('@forge/')), [], field);
  }
});
