// custom-elements.json: current (regenerated and compared by scripts/check-cem.mjs), referenced from
// package.json, and complete for every element (summary, tag, attributes, events, parts, tokens).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));
const elements = new Map(
  manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement).map((d) => [d.tagName, { ...d, path: mod.path, exports: mod.exports ?? [] }])),
);
const TAGS = ['candor-consent', 'candor-banner', 'candor-preferences', 'candor-gate', 'candor-signal-status', 'candor-change-notice', 'candor-policy'];
const names = (list) => (list ?? []).map((each) => each.name);

test('custom-elements.json and docs/elements.md are current (scripts/check-cem.mjs), within 10 s', () => {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'scripts/check-cem.mjs')], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.ok(Date.now() - started < 10_000, `the check took ${Date.now() - started} ms`);
});

test('package.json points tooling at the manifest', () => {
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.match(pkg.scripts.cem, /cem analyze/);
  assert.match(pkg.devDependencies['@custom-elements-manifest/analyzer'], /^\d+\.\d+\.\d+$/, 'an exact pin');
});

test('every element is in the manifest once, with its tag, a summary and a definition', () => {
  const defined = readdirSync(join(root, 'src/elements'))
    .filter((file) => file.endsWith('.define.ts'))
    .map((file) => /define\('([a-z-]+)'/.exec(read(`src/elements/${file}`))?.[1]);
  assert.deepEqual([...elements.keys()].sort(), [...TAGS].sort());
  assert.deepEqual(defined.sort(), [...TAGS].sort(), 'every .define.ts is documented');
  for (const [tag, element] of elements) {
    assert.ok(element.summary && element.summary.length > 40, `${tag}: summary`);
    assert.ok(element.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag), `${tag}: definition export`);
    for (const member of element.members ?? []) {
      assert.ok(!member.name.startsWith('#') && member.privacy !== 'private', `${tag}: private member ${member.name} leaked`);
    }
  }
});

test('attributes, properties, methods and events of each element', () => {
  const consent = elements.get('candor-consent');
  assert.deepEqual(names(consent.attributes).sort(), ['ready', 'src', 'storage', 'theme']);
  for (const name of ['config', 'storage', 'signals', 'host', 'navigate', 'consent', 'whenReady', 'showPreferences']) assert.ok(names(consent.members).includes(name), `candor-consent .${name}`);
  assert.deepEqual(
    consent.events.map((e) => [e.name, e.type?.text]),
    [['candor-ready', 'CandorReadyEvent'], ['candor-change', 'CandorChangeEvent'], ['candor-acknowledge', 'CandorAcknowledgeEvent'], ['candor-error', 'CandorErrorEvent']],
  );
  assert.deepEqual(names(elements.get('candor-banner').attributes).sort(), ['inline', 'reopen']);
  assert.deepEqual(names(elements.get('candor-preferences').attributes), ['inline'], 'Lit state is not an attribute');
  for (const name of ['show', 'close']) assert.ok(names(elements.get('candor-preferences').members).includes(name));
  assert.deepEqual(names(elements.get('candor-gate').attributes), ['purpose']);
  assert.deepEqual(names(elements.get('candor-change-notice').attributes), ['inline']);
  assert.deepEqual(names(elements.get('candor-policy').attributes).sort(), ['changes', 'no-hash', 'sanitizer']);
  assert.deepEqual(names(elements.get('candor-policy').events), ['candor-error']);
  assert.deepEqual(names(elements.get('candor-change-notice').events), ['candor-acknowledge']);
  for (const element of elements.values()) {
    for (const event of element.events ?? []) {
      assert.ok(event.type?.text, `${element.tagName} ${event.name}: type`);
      assert.ok(event.description, `${element.tagName} ${event.name}: description`);
    }
    for (const attribute of element.attributes ?? []) assert.ok(attribute.type?.text && attribute.description, `${element.tagName}[${attribute.name}]: type and description`);
  }
});

test('every part rendered and every --candor-* token read is listed', () => {
  for (const [tag, element] of elements) {
    const file = element.path;
    const css = [file, file.replace(/\.ts$/, '.styles.ts')].map((path) => { try { return read(path); } catch { return ''; } }).join('\n');
    const lit = /extends LitElement/.test(css);
    // Parts: every word of every part="…" in the template.
    const rendered = new Set([...css.matchAll(/part="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/)));
    const parts = new Set(names(element.cssParts));
    for (const part of rendered) {
      const listed = parts.has(part) || (element.cssParts ?? []).some((p) => p.description?.includes(`\`${part}\``));
      assert.ok(listed, `${tag}: part "${part}" is rendered but not documented`);
    }
    if (lit) assert.ok(parts.size > 0, `${tag}: parts`);
    // Tokens: its own, and the shared ones for Lit elements.
    const used = new Set([...css.matchAll(/var\((--candor-[a-z-]+)/g)].map((m) => m[1]));
    if (lit) for (const m of read('src/elements/styles.ts').matchAll(/var\((--candor-[a-z-]+)/g)) used.add(m[1]);
    const listed = new Set(names(element.cssProperties));
    for (const token of used) assert.ok(listed.has(token), `${tag}: ${token} is read but not documented`);
    for (const property of element.cssProperties ?? []) assert.ok(property.description, `${tag}: ${property.name} description`);
  }
});
