// Smoke test of the BUILT dist/forge.js under Node (run `npm run build` first; `npm test` does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const url = new URL('../dist/forge.js', import.meta.url);

test('dist/forge.js loads as an ES module in Node', async () => {
  const mod = await import(url.href);
  assert.equal(Object.prototype.toString.call(mod), '[object Module]');
});

test('dist/forge.js is one file that imports only Node built-ins', async () => {
  const code = await readFile(url, 'utf8');
  const specifiers = [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const bare = [...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  for (const spec of [...specifiers, ...bare]) assert.match(spec, /^node:/, `dist/forge.js imports ${spec}`);
  assert.doesNotMatch(code, /\blit-html\b|\bLitElement\b/, 'dist/forge.js must not contain lit');
});
