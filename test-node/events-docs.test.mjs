// docs/events.md cannot drift from the event detail types: each "## `candor-…`" table lists exactly
// the fields of that event's detail type (parsed with the TypeScript compiler API), and the events
// documented are exactly those custom-elements.json lists for <candor-consent>.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const parse = (path) => ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);
const propertiesOf = (node) => node.members.filter(ts.isPropertySignature).map((member) => member.name.getText());

/** Fields of `interface name` in `path`, or of the `{…}` in `type name = CustomEvent<{…}>`. */
function fields(path, name) {
  const source = parse(path);
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) return propertiesOf(statement);
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) {
      const argument = ts.isTypeReferenceNode(statement.type) ? statement.type.typeArguments?.[0] : undefined;
      if (argument && ts.isTypeLiteralNode(argument)) return propertiesOf(argument);
    }
  }
  throw new Error(`${path}: no ${name}`);
}

const EVENTS = {
  'candor-ready': fields('src/elements/candor-consent.ts', 'CandorReadyEvent'),
  'candor-change': fields('src/core/types.ts', 'ChangeDetail'),
  'candor-acknowledge': fields('src/elements/candor-consent.ts', 'CandorAcknowledgeDetail'),
  'candor-error': fields('src/core/types.ts', 'CandorErrorDetail'),
};

function documented(markdown) {
  const found = new Map();
  let current;
  for (const line of markdown.split('\n')) {
    const heading = /^## `(candor-[a-z-]+)`/.exec(line);
    if (heading) found.set((current = heading[1]), []);
    else if (/^## /.test(line)) current = undefined;
    const row = /^\| `(\w+)` \|/.exec(line);
    if (current && row) found.get(current).push(row[1]);
  }
  return found;
}

const docs = documented(readFileSync(join(root, 'docs/events.md'), 'utf8'));

test('docs/events.md documents the events <candor-consent> fires, as listed in custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const consent = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === 'candor-consent');
  assert.deepEqual([...docs.keys()].sort(), consent.events.map((event) => event.name).sort());
  assert.deepEqual([...docs.keys()].sort(), Object.keys(EVENTS).sort());
});

for (const [name, declared] of Object.entries(EVENTS)) {
  test(`docs/events.md: ${name} lists exactly the fields of its detail`, () => {
    assert.deepEqual([...(docs.get(name) ?? [])].sort(), [...declared].sort());
  });
}
