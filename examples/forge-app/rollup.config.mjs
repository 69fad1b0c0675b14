// Builds the example Forge app with the Candor repository's own tooling (rollup, node-resolve,
// terser, typescript), into build/:
//   build/static/   the Custom UI resource (manifest.yml `resources[0].path`): index.html, app.js,
//                   app.css, candor-policy.css. `candor` comes from node_modules/candor when the app
//                   has its own install, else from this repo's built dist/ (run `npm run build` at
//                   the repo root first); Lit from node_modules.
//   build/src/index.js  the resolver, bundled with candor/forge, @forge/* left as imports. This is a
//                   check build only: `forge deploy` bundles src/index.ts itself.
//
// @forge/bridge (CommonJS, Atlassian Developer Terms, ~100 MB with React) is never installed into the
// repo root. It is bundled into app.js when found with @rollup/plugin-commonjs, in this order:
//   1. examples/forge-app/node_modules  (`npm install` here: the deployable build)
//   2. test/forge-contract/node_modules (the repo's opt-in contract-test package, if installed)
// Otherwise (CI) it stays an `import '@forge/bridge'` in app.js: the build still checks everything
// else, but that app.js is NOT deployable, and build/BUILD-INFO.json says so.
//
// Run from the repo root: `npm run build:forge-example`; or here: `npm install && npm run build`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import ts from 'typescript';

const app = dirname(fileURLToPath(import.meta.url));
const repo = join(app, '..', '..');
const out = join(app, 'build');
const FORGE = /^@forge\//;
/** Where `candor` comes from: the app's own install (published package, or `file:../..`), else this checkout. */
const candorDir = existsSync(join(app, 'node_modules', 'candor', 'package.json')) ? realpathSync(join(app, 'node_modules', 'candor')) : repo;

/** Where @forge/bridge and @rollup/plugin-commonjs can both be loaded from, or undefined. */
async function findForge() {
  for (const dir of [join(app, 'node_modules'), join(repo, 'test', 'forge-contract', 'node_modules')]) {
    if (!existsSync(join(dir, '@forge', 'bridge', 'package.json'))) continue;
    const require = createRequire(join(dir, 'noop.js'));
    for (const from of [require, createRequire(join(app, 'noop.js')), createRequire(join(repo, 'noop.js'))]) {
      try {
        const path = from.resolve('@rollup/plugin-commonjs');
        const commonjs = (await import(pathToFileURL(path).href)).default;
        return { dir, commonjs };
      } catch {
        // try the next place
      }
    }
    console.warn(`[forge-example] ${relative(repo, dir)} has @forge/bridge but no @rollup/plugin-commonjs: leaving @forge/* external`);
  }
  return undefined;
}

/** `candor`, `candor/forge`, … → the built files, through candor's package.json exports (no install needed). */
function candorFromRepo() {
  const pkg = JSON.parse(readFileSync(join(candorDir, 'package.json'), 'utf8'));
  return {
    name: 'candor-from-repo',
    resolveId(source) {
      if (source !== 'candor' && !source.startsWith('candor/')) return null;
      const entry = pkg.exports[source === 'candor' ? '.' : `./${source.slice('candor/'.length)}`];
      const target = typeof entry === 'string' ? entry : entry?.default;
      if (!target) this.error(`candor has no export "${source}"`);
      const file = join(candorDir, target);
      if (!existsSync(file)) this.error(`${relative(repo, file)} is missing: run \`npm run build\` at the repo root first`);
      return file;
    },
  };
}

/** Strips types from the example's .ts files (no type-check: the repo's CI has no @forge types). */
function transpileTs() {
  return {
    name: 'forge-example-ts',
    resolveId(source, importer) {
      if (!importer || !/^\.\.?\//.test(source) || !importer.endsWith('.ts')) return null;
      const base = join(dirname(importer), source);
      return [base, base.replace(/\.js$/, '.ts'), `${base}.ts`].find((file) => existsSync(file) && !file.endsWith('.js')) ?? null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = ts.transpileModule(code, {
        fileName: id,
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: true },
      });
      const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length) this.error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
      return { code: result.outputText, map: result.sourceMapText };
    },
  };
}

/** `import config from '../candor.json'` (the Forge CLI's bundler does the same for the resolver). */
function json() {
  return {
    name: 'forge-example-json',
    transform(code, id) {
      if (!id.endsWith('.json')) return null;
      return { code: `export default ${JSON.stringify(JSON.parse(code))};`, map: { mappings: '' } };
    },
  };
}

/** Copies the static files beside app.js and writes build/BUILD-INFO.json. */
function staticFiles(bridge) {
  return {
    name: 'forge-example-static',
    writeBundle() {
      mkdirSync(join(out, 'static'), { recursive: true });
      for (const file of ['index.html', 'app.css']) copyFileSync(join(app, 'static', file), join(out, 'static', file));
      copyFileSync(join(candorDir, 'dist', 'candor-policy.css'), join(out, 'static', 'candor-policy.css'));
      const info = {
        forgeBridge: bridge ? `bundled from ${relative(app, bridge.dir)}` : 'external',
        deployable: Boolean(bridge),
        note: bridge
          ? 'build/static is ready for `forge deploy`.'
          : 'CI check build: @forge/bridge was not bundled (it needs @forge/bridge and @rollup/plugin-commonjs installed here), so build/static/app.js still imports it and will not run in Forge. Run `npm install && npm run build` in examples/forge-app before `forge deploy`.',
      };
      writeFileSync(join(out, 'BUILD-INFO.json'), `${JSON.stringify(info, null, 2)}\n`);
      if (!bridge) console.warn(`[forge-example] ${info.note}`);
    },
  };
}

const forge = await findForge();
rmSync(out, { recursive: true, force: true }); // no stale chunks from an earlier build

function onwarn(warning, warn) {
  // @forge/bridge's own circular import (view.js ↔ emitReadyEvent.js, forge.md §1), and `this` at top level of its CJS.
  if (warning.code === 'CIRCULAR_DEPENDENCY' && /@forge[\\/]/.test(warning.message)) return;
  if (warning.code === 'THIS_IS_UNDEFINED' && /@forge[\\/]|node_modules/.test(warning.id ?? '')) return;
  warn(warning);
}

/** The Custom UI: ES modules (Forge serves them from 'self'), everything inside but, in CI, @forge/bridge. */
const ui = {
  input: join(app, 'static', 'src', 'main.ts'),
  onwarn,
  external: forge ? undefined : (id) => FORGE.test(id),
  plugins: [
    candorFromRepo(),
    transpileTs(),
    json(),
    nodeResolve({ browser: true, rootDir: forge?.dir ?? repo, modulePaths: forge ? [forge.dir] : [] }),
    ...(forge ? [forge.commonjs()] : []),
    staticFiles(forge),
  ],
  output: {
    // ES modules from 'self': app.js plus lazy chunks (the policy's DOMPurify fallback, @forge/bridge's iframe-resizer).
    dir: join(out, 'static'),
    entryFileNames: 'app.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
    plugins: [terser({ ecma: 2022, format: { comments: false } })],
  },
};

/** The resolver: a check build (Forge bundles src/index.ts at deploy time); @forge/* stay imports. */
const resolver = {
  input: join(app, 'src', 'index.ts'),
  onwarn,
  external: (id) => FORGE.test(id) || id.startsWith('node:'),
  plugins: [candorFromRepo(), transpileTs(), json(), nodeResolve({ preferBuiltins: true })],
  output: { file: join(out, 'src', 'index.js'), format: 'es', sourcemap: true },
};

export default [ui, resolver];
