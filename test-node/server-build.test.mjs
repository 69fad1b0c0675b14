// The BUILT dist/server.js (`candor/server`): one ES module for Node with its types, like dist/forge.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const url = new URL('dist/server.js', root);

test('package.json exports candor/server with types', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  assert.deepEqual(pkg.exports['./server'], { types: './dist/server.d.ts', default: './dist/server.js' });
  assert.ok(existsSync(new URL('dist/server.d.ts', root)), 'dist/server.d.ts');
  assert.ok(existsSync(new URL('dist/server/index.d.ts', root)), 'dist/server/index.d.ts');
});

test('dist/server.js loads in Node and exports the server API', async () => {
  const mod = await import(url.href);
  for (const name of ['consentServer', 'nodeHandler', 'objectedTo', 'granted', 'consentKey']) assert.equal(typeof mod[name], 'function', name);
});

test('dist/server.js is one file that imports only Node built-ins, without Lit or the DOM', () => {
  const code = readFileSync(url, 'utf8');
  const specifiers = [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const bare = [...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  for (const spec of [...specifiers, ...bare]) assert.match(spec, /^node:/, `dist/server.js imports ${spec}`);
  assert.doesNotMatch(code, /\blit-html\b|\bLitElement\b|\bdocument\.|customElements/, 'no Lit, no DOM');
});
