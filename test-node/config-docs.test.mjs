// docs/config.md cannot drift from the config types: every property of the config interfaces in
// src/core/types.ts has a row in the table under its "## `Name`" heading, and every row is a real
// property. Parsed with the TypeScript compiler API (typescript is a devDependency).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const INTERFACES = ['CandorConfig', 'Policy', 'PolicySection', 'Controller', 'Revision', 'Purpose', 'Vendor', 'ConsentModeConfig'];

/** Interface name → its property names, from the source. */
function interfaceProperties(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const names = statement.members.filter(ts.isPropertySignature).map((member) => member.name.getText(source).replace(/^['"]|['"]$/g, ''));
    found.set(statement.name.text, names);
  }
  return found;
}

/** "## `Name`" heading → the first-column `names` of the table under it. */
function documentedProperties(markdown) {
  const found = new Map();
  let current;
  for (const line of markdown.split('\n')) {
    const heading = /^## `(\w+)`/.exec(line);
    if (heading) {
      current = heading[1];
      found.set(current, []);
      continue;
    }
    if (/^## /.test(line)) current = undefined;
    const row = /^\| `([\w$]+)` \|/.exec(line);
    if (current && row) found.get(current).push(row[1]);
  }
  return found;
}

const types = interfaceProperties(join(root, 'src/core/types.ts'));
const docs = documentedProperties(readFileSync(join(root, 'docs/config.md'), 'utf8'));

test('the types still declare every interface the reference documents', () => {
  for (const name of INTERFACES) {
    if (name === 'ConsentModeConfig' && !types.has(name)) continue; // documented with the consentMode block
    assert.ok(types.has(name), `src/core/types.ts: interface ${name}`);
  }
  for (const name of docs.keys()) assert.ok(types.has(name), `docs/config.md documents "${name}", which src/core/types.ts does not declare`);
});

for (const name of INTERFACES) {
  test(`docs/config.md documents every property of ${name}, and nothing else`, (t) => {
    const declared = types.get(name);
    if (!declared) return t.skip(`${name} is not declared`);
    const documented = docs.get(name);
    assert.ok(documented, `docs/config.md has no "## \`${name}\`" section`);
    const missing = declared.filter((property) => !documented.includes(property));
    const extra = documented.filter((property) => !declared.includes(property));
    assert.deepEqual(missing, [], `${name}: properties without a row in docs/config.md`);
    assert.deepEqual(extra, [], `${name}: rows in docs/config.md that are not properties of the type`);
    assert.equal(new Set(documented).size, documented.length, `${name}: a property documented twice`);
  });
}

test('every top-level key validateConfig accepts is documented', () => {
  const validate = readFileSync(join(root, 'src/core/validate.ts'), 'utf8');
  const keys = JSON.parse(/const ROOT_KEYS = (\[[^\]]*\])/.exec(validate)[1].replace(/'/g, '"'));
  const documented = docs.get('CandorConfig');
  for (const key of keys) if (key !== '$schema') assert.ok(documented.includes(key), `validateConfig accepts "${key}"`);
});

test('the example config in docs/config.md is valid', async () => {
  const markdown = readFileSync(join(root, 'docs/config.md'), 'utf8');
  const json = /```json\n([\s\S]*?)```/.exec(markdown)[1];
  let validateConfig;
  try {
    ({ validateConfig } = await import(join(root, 'dist/index.js')));
  } catch {
    return; // dist/ not built: `npm test` builds first
  }
  const result = validateConfig(JSON.parse(json));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.warnings, []);
});
