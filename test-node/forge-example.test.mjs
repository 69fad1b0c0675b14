// The example Forge app (examples/forge-app/) builds with the repo's own tooling, without network
// access and without @forge/* in the root install, and its output fits Forge's default Custom UI
// CSP: `npm run build:forge-example` (run here through rollup's bin), then checks the files, the
// manifest (no CSP relaxations), the HTML (no inline script or style), and runs the built resolver
// through a Forge-style handler call. Needs the repo's dist/ (`npm run build`; `npm test` does it).
// What this cannot check (no Atlassian site in CI): the live host, its bridge, KVS and theming.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const app = join(root, 'examples', 'forge-app');
const build = join(app, 'build');
const read = (path) => readFileSync(path, 'utf8');

let result;

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'index.js')), 'dist/ is missing: run `npm run build` first');
  rmSync(build, { recursive: true, force: true });
  const pkg = JSON.parse(read(join(root, 'node_modules', 'rollup', 'package.json')));
  const bin = join(root, 'node_modules', 'rollup', typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.rollup);
  result = spawnSync(process.execPath, [bin, '-c', 'examples/forge-app/rollup.config.mjs'], { cwd: root, encoding: 'utf8' });
});

describe('examples/forge-app: build', () => {
  test('the root package.json runs exactly this build as `npm run build:forge-example`', () => {
    const pkg = JSON.parse(read(join(root, 'package.json')));
    assert.equal(pkg.scripts['build:forge-example'], 'rollup -c examples/forge-app/rollup.config.mjs');
    assert.equal(pkg.dependencies['@forge/bridge'], undefined, 'no @forge/* in the root package');
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) assert.doesNotMatch(name, /^@forge\//);
  });

  test('the build succeeds and writes the Custom UI and the resolver into build/', () => {
    assert.equal(result.status, 0, `rollup failed:\n${result.stdout}\n${result.stderr}`);
    for (const file of ['static/index.html', 'static/app.js', 'static/app.css', 'static/candor-policy.css', 'src/index.js', 'BUILD-INFO.json']) {
      assert.ok(existsSync(join(build, file)), `build/${file}`);
    }
    const info = JSON.parse(read(join(build, 'BUILD-INFO.json')));
    assert.equal(info.deployable, info.forgeBridge !== 'external');
  });

  test('app.js bundles Candor (elements, forgeStorage, policy) and leaves nothing but @forge/bridge as an import', () => {
    const code = read(join(build, 'static', 'app.js'));
    for (const tag of ['candor-consent', 'candor-banner', 'candor-preferences', 'candor-policy']) assert.ok(code.includes(tag), tag);
    assert.ok(code.includes('candor.consent.set'), 'forgeStorage calls the resolver function keys');
    const imports = [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    const dynamic = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    for (const spec of [...imports, ...dynamic]) {
      assert.ok(spec === '@forge/bridge' || spec.startsWith('./chunks/'), `app.js imports ${spec}`);
    }
    const info = JSON.parse(read(join(build, 'BUILD-INFO.json')));
    assert.equal(imports.includes('@forge/bridge'), !info.deployable, 'bundled bridge ⇔ no bare import left');
  });

  test("the static build needs neither 'unsafe-eval' nor 'unsafe-inline' (no eval, no new Function, no inline handlers)", () => {
    const dir = join(build, 'static');
    const scripts = ['app.js', ...readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`)];
    for (const file of scripts) {
      const code = read(join(dir, file));
      assert.doesNotMatch(code, /\beval\(|\bnew Function\(/, `${file} evaluates code`);
    }
  });

  test('the resolver bundle contains candor/forge and imports only @forge/resolver and @forge/kvs', () => {
    const code = read(join(build, 'src', 'index.js'));
    const imports = [...code.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.deepEqual(imports.sort(), ['@forge/kvs', '@forge/resolver']);
    assert.match(code, /candor:v1:consent/, 'consent keys from candor/forge');
    assert.match(code, /export\s*\{\s*handler\s*\}/);
  });
});

describe('examples/forge-app: manifest.yml', () => {
  const manifest = read(join(app, 'manifest.yml'));
  /** The manifest without comments (a tiny reader: the file is plain block YAML). */
  const lines = manifest.split('\n').map((line) => line.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '')).filter((line) => line.trim());
  const text = lines.join('\n');

  test('a jira:globalPage with a Custom UI resource and a resolver function', () => {
    assert.match(text, /^modules:\n {2}jira:globalPage:\n {4}- key: [\w-]+\n {6}resource: consent-ui\n {6}resolver:\n {8}function: consent-resolver\n/m);
    assert.match(text, /^ {2}function:\n {4}- key: consent-resolver\n {6}handler: index\.handler$/m);
    assert.match(text, /^resources:\n {2}- key: consent-ui\n {4}path: build\/static$/m);
    assert.match(read(join(app, 'src', 'index.ts')), /export const handler = resolver\.getDefinitions\(\)/);
  });

  test('the resource path is where the build writes index.html', () => {
    assert.ok(existsSync(join(app, 'build', 'static', 'index.html')));
  });

  test('permissions: storage:app only, and no CSP relaxations (no content.scripts/styles, no external)', () => {
    const start = lines.indexOf('permissions:');
    assert.ok(start >= 0, 'a permissions block');
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((line) => !/^\s/.test(line));
    const block = end === -1 ? rest : rest.slice(0, end);
    assert.deepEqual(block, ['  scopes:', '    - storage:app']);
    assert.doesNotMatch(text, /unsafe-inline|unsafe-eval|unsafe-hashes|^\s+content:|^\s+external:|^\s+styles:|^\s+scripts:/m);
  });

  test("passes @forge/manifest's full validation (the real package, when test/forge-contract is installed)", (t) => {
    const manifestPackage = join(root, 'test', 'forge-contract', 'node_modules', '@forge', 'manifest');
    if (!existsSync(join(manifestPackage, 'package.json'))) {
      t.skip('test/forge-contract/node_modules is not installed (.ci/run installs it)');
      return;
    }
    // The validator resolves the handler file and resource path against the working directory.
    const script = `require(${JSON.stringify(manifestPackage)}).validate(false, 'manifest.yml')
      .then((r) => console.log(JSON.stringify({ success: r.success, errors: r.errors.map((e) => e.message) })))`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const outcome = JSON.parse(run.stdout.trim().split('\n').pop());
    assert.deepEqual(outcome, { success: true, errors: [] });
    const version = JSON.parse(read(join(manifestPackage, 'package.json'))).version;
    t.diagnostic(`@forge/manifest ${version}: valid`);
  });

  test('a nodejs runtime the schema allows', () => {
    assert.match(text, /^ {2}runtime:\n {4}name: nodejs(20|22|24)\.x$/m);
  });
});

describe('examples/forge-app: Custom UI HTML', () => {
  const pages = () => [join(app, 'static', 'index.html'), join(build, 'static', 'index.html')];

  test('no inline <script>, no <style>, no style="" and no on…="" attributes (source and build)', () => {
    for (const path of pages()) {
      const html = read(path).replace(/<!--[\s\S]*?-->/g, '');
      for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        assert.match(attributes, /\bsrc=/, `${path}: inline script`);
        assert.equal(body.trim(), '', `${path}: script with a body`);
      }
      assert.doesNotMatch(html, /<style\b/i, `${path}: <style>`);
      assert.doesNotMatch(html, /\sstyle\s*=/i, `${path}: style attribute`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${path}: inline event handler`);
    }
  });

  test('every script and stylesheet the page references is a relative file of the build', () => {
    const html = read(join(build, 'static', 'index.html'));
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(refs.sort(), ['app.css', 'app.js', 'candor-policy.css']);
    for (const ref of refs) assert.ok(existsSync(join(build, 'static', ref)), ref);
  });

  test('the UI script enables the host theme, reads the locale, and wires forgeStorage, host, navigate', () => {
    const source = read(join(app, 'static', 'src', 'main.ts'));
    assert.match(source, /import \{[^}]*\binvoke\b[^}]*\bview\b[^}]*\} from '@forge\/bridge'/);
    assert.match(source, /await view\.theme\.enable\(\)/);
    assert.match(source, /await view\.getContext\(\)/);
    assert.match(source, /\.locale\b/);
    assert.match(source, /root\.storage = forgeStorage\(\{ invoke \}\)/);
    assert.match(source, /root\.host = \{ cookiePreferences: getCookieConsentPreferences \}/);
    assert.match(source, /root\.navigate = \(url: string\) => void router\.open\(url\)/);
    assert.ok(source.indexOf('view.theme.enable') < source.indexOf("createElement('candor-consent')"), 'theme before the first render');
  });
});

describe('examples/forge-app: the built resolver, called the way Forge calls it', () => {
  let dir;
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  test('set then get: stored under the platform principal, never the account id the caller claims', async (t) => {
    dir = mkdtempSync(join(tmpdir(), 'candor-forge-example-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    cpSync(join(build, 'src', 'index.js'), join(dir, 'index.js'));
    // @forge/kvs: an in-memory stand-in (the real one needs the Forge runtime's __forge_fetch__).
    const kvsDir = join(dir, 'node_modules', '@forge', 'kvs');
    mkdirSync(kvsDir, { recursive: true });
    writeFileSync(join(kvsDir, 'package.json'), '{"name":"@forge/kvs","type":"module","exports":"./index.js"}');
    writeFileSync(
      join(kvsDir, 'index.js'),
      `export const data = new Map();
       export const kvs = {
         async get(key) { return data.has(key) ? JSON.parse(data.get(key)) : undefined; },
         async set(key, value) { data.set(key, JSON.stringify(value)); },
         async delete(key) { data.delete(key); },
       };`,
    );
    // @forge/resolver: the real package when test/forge-contract has it installed (through an ESM
    // shim: Node's default import of its CJS is the exports object, which Forge's bundler unwraps),
    // otherwise a stand-in with its documented getDefinitions() behaviour (research/forge.md §2).
    const real = join(root, 'test', 'forge-contract', 'node_modules', '@forge', 'resolver', 'out', 'index.js');
    const resolverDir = join(dir, 'node_modules', '@forge', 'resolver');
    mkdirSync(resolverDir, { recursive: true });
    writeFileSync(join(resolverDir, 'package.json'), '{"name":"@forge/resolver","type":"module","exports":"./index.js"}');
    if (existsSync(real)) {
      writeFileSync(join(resolverDir, 'index.js'), `import m from ${JSON.stringify(pathToFileURL(real).href)}; export default m.default;`);
      t.diagnostic('using the real @forge/resolver from test/forge-contract/node_modules');
    } else {
      writeFileSync(
        join(resolverDir, 'index.js'),
        `export default class Resolver {
           #fns = {};
           define(key, fn) { if (key in this.#fns) throw new Error('duplicate ' + key); this.#fns[key] = fn; return this; }
           getDefinitions() {
             return async ({ call: { functionKey, payload }, context }, rt) =>
               JSON.parse(JSON.stringify(await this.#fns[functionKey]({ payload: payload || {}, context: { ...context, accountId: rt?.principal?.accountId } })));
           }
         }`,
      );
      t.diagnostic('test/forge-contract not installed: using a stand-in for @forge/resolver');
    }

    const { handler } = await import(pathToFileURL(join(dir, 'index.js')).href);
    const { data } = await import(pathToFileURL(join(kvsDir, 'index.js')).href);
    const principal = '557058:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const at = '2026-10-02T09:00:00.000Z';
    const signals = { gpc: false, dnt: false };
    const state = {
      schema: 1,
      policyId: 'quillmate-privacy',
      policyVersion: '2026-10-01',
      acknowledgedVersion: '2026-10-01',
      choices: {
        analytics: { granted: true, source: 'user', at, signals },
        'product-news': { granted: false, source: 'user', at, signals },
      },
      updatedAt: at,
      expiresAt: '2027-04-02T09:00:00.000Z',
      records: [],
    };
    const call = (functionKey, payload) =>
      handler({ call: { functionKey, payload }, context: { accountId: 'attacker-claimed' } }, { principal: { accountId: principal } });

    const saved = await call('candor.consent.set', { scope: 'default', state });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    assert.deepEqual([...data.keys()], [`candor:v1:consent:${principal}:default`]);
    const loaded = await call('candor.consent.get', { scope: 'default' });
    assert.equal(loaded.state.choices.analytics.granted, true);
    assert.equal(loaded.state.choices['product-news'].granted, false);

    // A purpose the example's candor.json does not have is refused and changes nothing.
    const refused = await call('candor.consent.set', { scope: 'default', state: { ...state, choices: { ...state.choices, sneaky: state.choices.analytics } } });
    assert.deepEqual(refused, { ok: false, error: 'invalid' });

    // No principal (an anonymous viewer): refused, whatever the context claims.
    const anonymous = await handler({ call: { functionKey: 'candor.consent.get', payload: { scope: 'default' } }, context: { accountId: principal } }, {});
    assert.deepEqual(anonymous, { ok: false, error: 'unauthenticated' });

    assert.deepEqual(await call('candor.consent.delete', { scope: 'default' }), { ok: true });
    assert.equal(data.size, 0);
  });
});

describe('examples/forge-app: kept out of the SDK', () => {
  test('the root type-checks (tsconfig.json, tsconfig.test.json) do not include examples/', () => {
    for (const file of ['tsconfig.json', 'tsconfig.test.json']) {
      const { include } = JSON.parse(read(join(root, file)));
      for (const pattern of include) assert.doesNotMatch(pattern, /^(\.\/)?(examples|\*\*)/, `${file} includes ${pattern}`);
    }
  });
});
