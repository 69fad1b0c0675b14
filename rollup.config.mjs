// Builds every file in DESIGN.md "Build outputs" that comes from src/ (run with `npm run build`):
//
//   1. npm      dist/index.js, dist/define.js (+ .d.ts, one module per source file, lit/@lit/tslib external)
//               and dist/integrations/consent-mode.js (`candor/consent-mode`)
//   2. script   dist/candor.min.js: one classic IIFE with lit inside, minified
//   3. forge    dist/forge.js (+ dist/forge.d.ts): one ES module for Node, no lit
//      server   dist/server.js (+ dist/server.d.ts): `candor/server`, the same way
//   4. policy   dist/candor-policy.min.js (IIFE: <candor-policy> with marked and jsdiff, no Lit) + dist/candor-policy.css,
//               dist/candor-purify.min.js (DOMPurify, only where Element.setHTML is missing);
//               npm: dist/policy/index.js (`candor/policy`, from build 1)
//   5. react    npm only: dist/react/index.js (`candor/react`, from build 1; react, react-dom, @lit/react external)
//   6. cli      cli/lib/shared.generated.mjs: the DOM-free modules candor-cli shares with <candor-policy>
//
// Type-checking happens once, in build 1 (@rollup/plugin-typescript over all of src/, which also writes
// the .d.ts of every source file, forge's included). Builds 2 and 3 only strip types with
// ts.transpileModule, which is safe because tsconfig.json sets isolatedModules + verbatimModuleSyntax.
// The configs run in order, so a type error stops the build before the bundles are made.
// dist/ is not emptied first (several people build in one working tree; a wipe breaks their running tests):
// files of renamed modules linger until `rm -rf dist`. `npm pack`/`npm publish` always build from empty (prepack).
import { readFileSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const LIT = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+)(\/.*)?$/;
/** The policy renderer's heavy dependencies: only in candor-policy.min.js (and external in the npm build). */
const POLICY_DEPS = /^(marked|dompurify|diff)(\/.*)?$/;
const POLICY_DEPS_PATH = /\/node_modules\/(marked|dompurify|diff)\//;
/** React, for `candor/react` only (dist/react/index.js; @lit/react is matched by LIT): external, never bundled. */
const REACT = /^(react|react-dom)(\/.*)?$/;
const REACT_PATH = /\/node_modules\/(react|react-dom|scheduler|@lit\/react)\//;
const depVersion = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const banner = `/*! Candor ${pkg.version} | MIT | includes Lit (BSD-3-Clause, Copyright Google LLC) */`;

/**
 * Strips TypeScript per file (no type-check; build 1 does that). Resolves the `./x.js` specifiers
 * of TS sources to `./x.ts`, as TypeScript's bundler resolution does.
 */
function transpileTs() {
  const { config } = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, process.cwd());
  const compilerOptions = {
    ...options,
    declaration: false,
    declarationMap: false,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    importHelpers: true,
    noEmit: false,
  };
  const candidates = (base) => [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, resolve(base, 'index.ts')];
  return {
    name: 'candor-transpile-ts',
    resolveId(source, importer) {
      if (!importer || !/^\.\.?\//.test(source) || !/\.[mc]?ts$/.test(importer)) return null;
      const base = resolve(dirname(importer), source);
      return candidates(base).find((file) => /\.[mc]?ts$/.test(file) && existsSync(file)) ?? null;
    },
    transform(code, id) {
      if (!/\.[mc]?ts$/.test(id) || id.endsWith('.d.ts')) return null;
      const out = ts.transpileModule(code, { compilerOptions, fileName: id, reportDiagnostics: true });
      const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length) this.error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
      return {
        code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
        map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null,
      };
    },
  };
}

/** Fails the build if a module matching `pattern` ends up inside the bundle. */
function forbid(pattern, why) {
  return {
    name: 'candor-forbid',
    moduleParsed({ id }) {
      if (pattern.test(id.replaceAll('\\', '/'))) this.error(`${id} must not be bundled: ${why}`);
    },
  };
}

/** Checks that the chunk parses as a classic script: no import/export statement. */
function assertClassicScript() {
  return {
    name: 'candor-assert-classic-script',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        try {
          new vm.Script(chunk.code, { filename: chunk.fileName });
        } catch (err) {
          this.error(`${chunk.fileName} is not a classic script: ${err.message}`);
        }
      }
    },
  };
}

/** Treats warnings that would silently break an output as errors. */
function onwarn(warning, warn) {
  if (warning.code === 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT')
    throw new Error('src/candor.ts must not export anything (its exports would be lost): assign window.candor instead.');
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`Unresolved import: ${warning.message}`);
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
}

/** A classic, self-contained, minified script (dist/candor.min.js; later dist/candor-policy.min.js). */
function scriptBundle(input, file, extraPlugins = [], preamble = banner, compress = { passes: 2 }) {
  return {
    input,
    onwarn,
    plugins: [nodeResolve({ browser: true }), transpileTs(), ...extraPlugins],
    output: {
      file,
      format: 'iife',
      sourcemap: true,
      plugins: [
        terser({ ecma: 2022, compress, format: { comments: false, preamble } }),
        assertClassicScript(),
      ],
    },
  };
}

/** 1. npm: ESM, one module per source file, dependencies external. */
const npm = {
  input: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    'policy/index': 'src/policy/index.ts',
    'policy/purify': 'src/policy/purify.ts',
    'react/index': 'src/react/index.ts',
    'integrations/consent-mode': 'src/integrations/consent-mode.ts',
  },
  external: (id) => LIT.test(id) || POLICY_DEPS.test(id) || REACT.test(id) || id === 'tslib' || id.startsWith('tslib/'),
  onwarn,
  plugins: [
    typescript({ tsconfig: './tsconfig.json', outDir: 'dist', noEmitOnError: true }),
  ],
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
  },
};

/**
 * Terser's compress options for candor.min.js, which every page loads: the smallest gzip of the
 * combinations measured (about 90 B less than `passes: 2`). All but one are plain rewrites: a third
 * pass, statements kept apart instead of joined by commas, `var`s declared once at the top of their
 * function (where they are scoped anyway). `unsafe_arrows` turns function expressions that use no
 * `this` or `arguments` into arrow functions, which is wrong only for one that is called with `new`
 * or whose `prototype` is read: in this bundle they are the functions terser inlines at their single
 * call site (Candor's own code constructs only classes). The other bundles keep `passes: 2`: there
 * these options make no gain (candor-ui) or lose (candor-policy, candor-purify).
 */
const CORE_COMPRESS = { passes: 3, sequences: false, hoist_vars: true, unsafe_arrows: true };

/**
 * Builds src/core/npm-features.ts with `NPM_FEATURES = false`, so tree-shaking leaves out what only
 * the npm build does: host cookie consent (Forge), keeping choices for the visit when a server
 * refuses an anonymous viewer, and the fallbacks for Node without a DOM (server rendering). The
 * script tag has neither `forgeStorage` nor `httpStorage`, and always runs in a page.
 */
function withoutNpmFeatures() {
  const flag = 'export const NPM_FEATURES = true;';
  return {
    name: 'candor-without-npm-features',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/src/core/npm-features.ts')) return null;
      if (!code.includes(flag)) this.error(`src/core/npm-features.ts must declare \`${flag}\``);
      return { code: code.replace(flag, 'export const NPM_FEATURES = false;'), map: null };
    },
  };
}

/**
 * Puts src/storage/cookie-lazy.ts in place of src/storage/cookie.ts: candor.min.js checks
 * cookieStorage's options itself and loads the adapter from candor-cookie.min.js only where a
 * page keeps choices in a cookie.
 */
function lazyCookieStorage() {
  return {
    name: 'candor-lazy-cookie-storage',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/src/storage/cookie.ts')) return null;
      return { code: "export * from './cookie-lazy.js';\n", map: null };
    },
  };
}

/** 2. script tag. */
const script = scriptBundle('src/candor.ts', 'dist/candor.min.js', [
  withoutNpmFeatures(),
  lazyCookieStorage(),
  forbid(POLICY_DEPS_PATH, 'the banner path never pays for the policy renderer (it lives in candor-policy.min.js)'),
  forbid(REACT_PATH, 'React is only for `candor/react` (npm)'),
], banner, CORE_COMPRESS);

/** 2a. The cookie adapter for the script tag, loaded by candor.min.js where choices are kept in a cookie. */
const cookie = scriptBundle('src/candor-cookie.ts', 'dist/candor-cookie.min.js', [
  forbid(/\/node_modules\/(lit|lit-html|lit-element|@lit)\//, 'the cookie adapter needs no Lit'),
]);

/** 2a'. Consent Mode's updates for the script tag, loaded by candor.min.js where Consent Mode is on. */
const consentModeUpdates = scriptBundle('src/candor-consent-mode.ts', 'dist/candor-consent-mode.min.js', [
  forbid(/\/node_modules\/(lit|lit-html|lit-element|@lit)\//, 'Consent Mode needs no Lit'),
]);

/** 2b. The visible elements (with Lit) for the script tag, loaded by candor.min.js when first needed. */
const ui = scriptBundle('src/candor-ui.ts', 'dist/candor-ui.min.js', [
  forbid(POLICY_DEPS_PATH, 'the policy renderer lives in candor-policy.min.js'),
  forbid(REACT_PATH, 'React is only for `candor/react` (npm)'),
]);

/** 4. <candor-policy> for the script tag, loaded by candor.min.js when the page has one; plus its optional stylesheet. */
const policy = scriptBundle('src/candor-policy.ts', 'dist/candor-policy.min.js', [
  forbid(/\/node_modules\/dompurify\//, 'DOMPurify is loaded only where Element.setHTML is missing, from candor-purify.min.js'),
  {
    // src/policy/sanitizer.ts imports ./purify.js dynamically for npm users; this build loads candor-purify.min.js instead.
    name: 'candor-policy-no-purify-chunk',
    resolveDynamicImport(specifier) {
      return specifier === './purify.js' ? false : null;
    },
  },
  {
    name: 'candor-policy-css',
    buildStart() {
      this.addWatchFile('src/styles/candor-policy.css');
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'candor-policy.css', source: readFileSync('src/styles/candor-policy.css', 'utf8') });
    },
  },
], `/*! Candor ${pkg.version} | MIT | includes marked ${depVersion('marked')} (MIT, Copyright Christopher Jeffrey, MarkedJS) and jsdiff ${depVersion('diff')} (BSD-3-Clause, Copyright Kevin Decker) */`);

/** 4b. DOMPurify with Candor's allow-list, loaded by candor-policy.min.js where Element.setHTML is missing. */
const purify = scriptBundle('src/candor-purify.ts', 'dist/candor-purify.min.js', [],
  `/*! Candor ${pkg.version} | MIT | includes DOMPurify ${depVersion('dompurify')} (MPL-2.0 OR Apache-2.0, Copyright Dr.-Ing. Mario Heiderich, Cure53) */`);

/** 3. forge: Node, one file. Types: dist/forge.d.ts re-exports the declarations build 1 wrote. */
const forge = {
  input: 'src/forge/index.ts',
  external: (id) => id.startsWith('node:') || builtinModules.includes(id),
  onwarn,
  plugins: [
    nodeResolve({ preferBuiltins: true }),
    transpileTs(),
    forbid(/\/node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs)\//, 'dist/forge.js runs in Node and never renders'),
    {
      name: 'candor-forge-dts',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'forge.d.ts', source: "export * from './forge/index.js';\n" });
      },
    },
  ],
  output: { file: 'dist/forge.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
};

/** 3b. server: `candor/server`, Node, one file like forge (dist/server.js + dist/server.d.ts). */
const server = {
  ...forge,
  input: 'src/server/index.ts',
  plugins: [
    nodeResolve({ preferBuiltins: true }),
    transpileTs(),
    forbid(/\/node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs)\//, 'dist/server.js runs in Node and never renders'),
    {
      name: 'candor-server-dts',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'server.d.ts', source: "export * from './server/index.js';\n" });
      },
    },
  ],
  output: { file: 'dist/server.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
};

/**
 * 6. cli: cli/lib/shared.generated.mjs, the DOM-free modules the static pre-render CLI shares with
 * <candor-policy>, bundled into the candor-cli package so it runs without this repository's dist/.
 */
const cli = {
  input: 'src/cli-shared.ts',
  external: ['marked'],
  onwarn,
  plugins: [
    transpileTs(),
    forbid(/\/node_modules\//, 'candor-cli bundles only Candor\'s own DOM-free modules (marked is its own dependency)'),
  ],
  output: {
    file: 'cli/lib/shared.generated.mjs',
    format: 'es',
    banner: `// Generated by \`npm run build\` in the Candor repository from src/cli-shared.ts (Candor ${pkg.version}). Do not edit.`,
  },
};

/** 2c. One strings file per built-in locale besides English, loaded only for pages in that locale. */
const locales = ['de', 'fr', 'es', 'ja'].map((locale) => scriptBundle(`src/i18n/${locale}.entry.ts`, `dist/candor-i18n-${locale}.min.js`));

export default [npm, script, cookie, consentModeUpdates, ui, ...locales, policy, purify, forge, server, cli];
