// Builds the React example with the Candor repository's own tooling into build/: index.html and
// app.js (one ES module with React, react-dom, Lit and Candor inside, minified).
//
// `candor` and `candor/react` come from node_modules/candor when the example has its own install, else
// from this repo's built dist/ (run `npm run build` at the repo root first). React and react-dom are
// CommonJS: @rollup/plugin-commonjs converts them and @rollup/plugin-replace sets process.env.NODE_ENV
// to "production" (React's production build).
//
// Run from the repo root: `npm run build:react-example`. Then serve the folder, e.g.
// `npx wds --root-dir examples/react/build --open`, or open it through `npm start`'s server.
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import ts from 'typescript';

const app = dirname(fileURLToPath(import.meta.url));
const repo = join(app, '..', '..');
const out = join(app, 'build');
const candorDir = existsSync(join(app, 'node_modules', 'candor', 'package.json')) ? realpathSync(join(app, 'node_modules', 'candor')) : repo;

/** `candor`, `candor/react`, … → the built files, through candor's package.json exports (no install needed). */
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

/** Strips types from .ts/.tsx and compiles JSX (react-jsx). No type-check: `npx tsc -p examples/react` does that. */
function transpileTs() {
  const TS = /\.tsx?$/;
  return {
    name: 'react-example-ts',
    resolveId(source, importer) {
      if (!importer || !/^\.\.?\//.test(source) || !TS.test(importer)) return null;
      const base = join(dirname(importer), source);
      return [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`].find((file) => TS.test(file) && existsSync(file)) ?? null;
    },
    transform(code, id) {
      if (!TS.test(id)) return null;
      const result = ts.transpileModule(code, {
        fileName: id,
        reportDiagnostics: true,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          jsx: ts.JsxEmit.ReactJSX,
          verbatimModuleSyntax: true,
          sourceMap: true,
        },
      });
      const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length) this.error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
      return { code: result.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), map: result.sourceMapText };
    },
  };
}

function copyHtml() {
  return {
    name: 'react-example-html',
    writeBundle() {
      mkdirSync(out, { recursive: true });
      copyFileSync(join(app, 'index.html'), join(out, 'index.html'));
    },
  };
}

rmSync(out, { recursive: true, force: true });

export default {
  input: join(app, 'src', 'main.tsx'),
  onwarn(warning, warn) {
    if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`Unresolved import: ${warning.message}`);
    warn(warning);
  },
  plugins: [
    candorFromRepo(),
    transpileTs(),
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, rootDir: repo }),
    commonjs(),
    copyHtml(),
  ],
  output: {
    file: join(out, 'app.js'),
    format: 'es',
    sourcemap: true,
    plugins: [terser({ ecma: 2022, format: { comments: false } })],
  },
};
