// docs/: every page is listed in docs/README.md and in the demo viewer (demo/docs.html), every
// relative link points at a file that exists, and every in-page or cross-page anchor exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const pages = readdirSync(docs).filter((file) => file.endsWith('.md'));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces → "-". */
const anchors = (markdown) =>
  new Set([...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));

test('every docs page is in docs/README.md and in demo/docs.html', () => {
  const index = readFileSync(join(docs, 'README.md'), 'utf8');
  const viewer = readFileSync(join(root, 'demo/docs.html'), 'utf8');
  for (const page of pages) {
    if (page !== 'README.md') assert.ok(index.includes(`](${page})`), `docs/README.md links ${page}`);
    assert.ok(viewer.includes(`?page=${page.replace(/\.md$/, '')}"`), `demo/docs.html lists ${page}`);
  }
});

test('relative links and anchors in docs/ resolve', () => {
  for (const page of pages) {
    const text = readFileSync(join(docs, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path, fragment] = target.split('#');
      const file = path ? resolve(docs, path) : join(docs, page);
      if (!file.startsWith(root)) continue; // ../../shared/DESIGN.md lives beside the repository
      assert.ok(existsSync(file), `${page}: ${target} does not exist`);
      if (fragment && file.endsWith('.md')) assert.ok(anchors(readFileSync(file, 'utf8')).has(fragment), `${page}: no #${fragment} in ${path || page}`);
    }
  }
});
