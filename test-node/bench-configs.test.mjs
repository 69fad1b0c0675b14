// The benchmark's Candor configs are valid (bench/pages/candor.json and the 200-purpose scale config):
// a config the validator refuses shows no banner, and the benchmark would fail only when someone runs it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { validateConfig } = await import(pathToFileURL(join(root, 'dist/core/validate.js')).href);

test('bench/pages/candor.json is a valid config', () => {
  const config = JSON.parse(readFileSync(join(root, 'bench/pages/candor.json'), 'utf8'));
  assert.deepEqual(validateConfig(config).problems, []);
});

test('the scale config (bench/scale.mjs) is a valid config', async () => {
  const { scaleConfig } = await import(pathToFileURL(join(root, 'bench/scale.mjs')).href);
  const result = validateConfig(scaleConfig());
  assert.deepEqual(result.problems, []);
  assert.ok(result.config.purposes.length >= 200);
});
