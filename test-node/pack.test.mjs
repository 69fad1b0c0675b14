// Package hygiene: what `npm pack` ships, and that the packed tarball works when installed.
//
// Uses the existing dist/ (`npm pack --ignore-scripts`, so `prepack` does not rebuild; `npm test` builds
// first). Installing needs the npm registry for lit, @lit/context, … (`--prefer-offline` uses the local
// cache when it can). Without network the install test fails; set CANDOR_SKIP_PACK_INSTALL=1 to skip it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installInto, pack, run } from './pack-helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let tmp;
let listing;
before(() => {
  assert.ok(existsSync(join(root, 'dist/index.js')), 'dist/ is missing: run npm run build first');
  tmp = mkdtempSync(join(tmpdir(), 'candor-pack-'));
  listing = pack(root, tmp);
});
after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

test('the tarball holds only dist, src, the manifest, README, LICENSE, CHANGELOG and package.json', () => {
  const paths = listing.files.map((f) => f.path);
  for (const path of paths) {
    assert.match(path, /^(dist\/|src\/|custom-elements\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)/, `unexpected file ${path}`);
    assert.doesNotMatch(path, /\.test\.|(^|\/)(test|test-node|demo|examples|node_modules|scripts|cli)\//, `unexpected file ${path}`);
  }
  for (const need of ['README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json', 'package.json']) assert.ok(paths.includes(need), `${need} is packed`);
  // Every export target, and every module the manifest and the declaration maps point at, is in the tarball.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [key, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      if (file.includes('*')) continue;
      assert.ok(paths.includes(file.replace(/^\.\//, '')), `exports["${key}"] → ${file} is packed`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  for (const mod of manifest.modules) assert.ok(paths.includes(mod.path), `custom-elements.json module ${mod.path} is packed`);
  assert.ok(listing.size < 1_000_000, `tarball is ${listing.size} bytes`);
});

test('the packed tarball installs, imports and type-checks under strict', { skip: process.env.CANDOR_SKIP_PACK_INSTALL === '1' }, () => {
  // The tarball's own dependencies (lit, @lit/context, …) come with it; react, an optional peer, is added
  // as a React app would, with its types, and react-dom for server rendering.
  const project = installInto(tmp, 'app', [join(tmp, listing.filename), 'react@^19', 'react-dom@^19', '@types/react@^19']);

  // Server rendering (Next.js, Remix…) evaluates candor/react in Node, where there is no DOM: importing
  // the element entries must not throw there, and the components render their tags.
  writeFileSync(
    join(project, 'ssr.mjs'),
    `import { createElement } from 'react';
    import { renderToString } from 'react-dom/server';
    import { CandorBanner, CandorConsent, useConsent } from 'candor/react';
    await import('candor/define');
    const { CandorPolicyElement } = await import('candor/policy');
    if (typeof CandorPolicyElement !== 'function') throw new Error('candor/policy exports');
    const Analytics = () => createElement('p', null, String(useConsent('analytics')));
    console.log(renderToString(createElement(CandorConsent, null, createElement(CandorBanner), createElement(Analytics))));
  `,
  );
  assert.equal(run(process.execPath, ['ssr.mjs'], project).trim(), '<candor-consent><candor-banner></candor-banner><p>false</p></candor-consent>');

  // Node: the DOM-free entries import as they are. The element entries define custom elements at import,
  // so they run over Lit's own server DOM shim (@lit-labs/ssr-dom-shim, installed with lit): that imports
  // their whole module graph (lit, @lit/context, @lit/react, react, marked, dompurify) from the install.
  // Rendering them is tested in Chromium (test/).
  const script = `
    import { existsSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    const core = await import('candor');
    const forge = await import('candor/forge');
    const cm = await import('candor/consent-mode');
    if (typeof core.createConsent !== 'function' || typeof core.validateConfig !== 'function') throw new Error('candor exports');
    if (typeof forge.consentHandlers !== 'function') throw new Error('candor/forge exports');
    if (typeof cm.consentModeState !== 'function') throw new Error('candor/consent-mode exports');
    const pkg = (await import('candor/package.json', { with: { type: 'json' } })).default;
    if (pkg.exports['./server']) await import('candor/server'); // Node-side handlers, when the package has them

    const { HTMLElement, Element, customElements, CSSStyleSheet } = await import('@lit-labs/ssr-dom-shim');
    Object.assign(globalThis, { HTMLElement, Element, customElements, CSSStyleSheet });
    await import('candor/define');
    for (const tag of ['candor-consent', 'candor-banner', 'candor-preferences', 'candor-gate', 'candor-signal-status', 'candor-change-notice']) {
      if (!customElements.get(tag)) throw new Error('candor/define did not define ' + tag);
    }
    const react = await import('candor/react');
    if (!react.CandorConsent || typeof react.useConsent !== 'function') throw new Error('candor/react exports');
    const policy = await import('candor/policy');
    if (typeof policy.definePolicy !== 'function') throw new Error('candor/policy exports');

    for (const spec of ['candor/candor.min.js', 'candor/candor-policy.css', 'candor/custom-elements.json', 'candor/package.json']) {
      const file = fileURLToPath(import.meta.resolve(spec));
      if (!file.includes('node_modules/candor/') || !existsSync(file)) throw new Error(spec + ' → ' + file);
    }
    console.log('ok');
  `;
  writeFileSync(join(project, 'check.mjs'), script);
  assert.equal(run(process.execPath, ['check.mjs'], project).trim(), 'ok');

  // TypeScript: the public types of every entry, strict.
  writeFileSync(
    join(project, 'check.ts'),
    `import { createConsent, memoryStorage, validateConfig, type CandorConfig, type ConsentState, type ChangeDetail } from 'candor';
import 'candor/define';
import { consentHandlers } from 'candor/forge';
import { consentModeDefaults, consentModeState, DEFAULT_CONSENT_MAP } from 'candor/consent-mode';
import { CandorPolicyElement, definePolicy } from 'candor/policy';
import { CandorConsent, useConsent } from 'candor/react';

const config: CandorConfig = {
  policy: { id: 'acme-privacy', version: '2026-01', revisions: [{ version: '2026-01', effective: '2026-01-01', material: true, purposes: ['analytics'] }] },
  purposes: [{ id: 'necessary', basis: 'necessary', label: 'Necessary' }, { id: 'analytics', basis: 'consent', label: { en: 'Analytics' }, signals: ['gpc'] }],
  consentMode: { map: { analytics: ['analytics_storage'] }, waitForUpdate: 500 },
};
const problems: readonly unknown[] = validateConfig(config).problems;
// Checking ok narrows the result: the typed config is there exactly when ok is true.
const checked = validateConfig(JSON.parse('{}') as unknown);
const loaded: CandorConfig | undefined = checked.ok ? checked.config : checked.config;
if (checked.ok) void (checked.config.purposes satisfies CandorConfig['purposes']);
const consent = createConsent({ config, storage: memoryStorage() });
const granted: boolean = consent.granted('analytics');
consent.subscribe((state: ConsentState, detail: Pick<ChangeDetail, 'changed'>) => void [state, detail.changed]);
const root: HTMLElementTagNameMap['candor-consent'] = document.createElement('candor-consent');
const policy: boolean | undefined = document.querySelector('candor-policy')?.rendered; // candor/policy types its tag, as candor/define does
const policyElement: CandorPolicyElement = document.createElement('candor-policy');
root.addEventListener('candor-change', (e) => void e.detail.changed);
const handlers = consentHandlers({ store: { get: async () => undefined, set: async () => undefined, delete: async () => undefined }, purposes: [] });
const onChange = (event: CustomEvent<ChangeDetail>): void => void event.detail.changed;
void [problems, loaded, granted, handlers, consentModeState(consent), definePolicy, policy, policyElement, CandorConsent, onChange, useConsent satisfies (id: string) => boolean];
// The exported default map, and read-only arrays (\`as const\`), are valid consent-mode options.
consentModeDefaults({ map: DEFAULT_CONSENT_MAP, region: ['DE', 'US-CA'] as const });
void consentModeState(consent, { ...DEFAULT_CONSENT_MAP, ads: ['ad_storage'] as const });
`,
  );
  // skipLibCheck stays off, so candor's own .d.ts files (and those they pull in) are checked too. Both
  // resolutions apps use: a bundler's, and Node's own (module node16, this project being "type": "module").
  const tsc = (file, resolution = 'bundler') =>
    run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--moduleResolution', resolution, '--module', resolution === 'bundler' ? 'esnext' : resolution, '--target', 'es2022', '--lib', 'es2022,dom', file],
      project,
    );
  for (const resolution of ['bundler', 'node16']) {
    try {
      tsc('check.ts', resolution);
    } catch (err) {
      assert.fail(`tsc --strict (moduleResolution ${resolution}) failed in the installed project:\n${err.stdout}${err.stderr}`);
    }
  }
  // …and the types are real, not any: a wrong call is an error.
  writeFileSync(join(project, 'wrong.ts'), `import { createConsent, memoryStorage, type CandorConfig } from 'candor';\ncreateConsent({ config: {} as CandorConfig, storage: memoryStorage() }).granted(42);\n`);
  assert.throws(() => tsc('wrong.ts'), (err) => /TS2345/.test(err.stdout), 'granted(42) must not type-check');
});
