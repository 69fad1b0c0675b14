// Runnable documentation: every code block in README.md and docs/*.md whose info string says
// `runnable` (```js runnable) is extracted and run as an ES module in its own Node process, with
// `candor` and `candor/…` imports mapped to the BUILT files that package.json "exports" names
// (run `npm run build` first; `npm test` does). A snippet fails the test if it throws, rejects,
// or does not finish within the timeout.
//
// Runnable snippets are JavaScript that needs no DOM (the core, storage adapters, candor/forge,
// candor/consent-mode…), and may use `node:assert` to show results. The one browser global they
// may use is `window`, which is `globalThis` here (so `window.dataLayer` works as on a page); like
// the docs' other snippets they may refer to `config`, which is here the demo's demo/candor.json. Snippets that need a browser, Atlassian Forge
// (@forge/*) or a server of yours are marked `<!-- not runnable: reason -->` on the line before
// the fence; a block marked runnable that imports @forge/* or an unmapped package fails. Every
// JavaScript or TypeScript block is one or the other.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 15_000;
const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports;

/** `candor` / `candor/x` → file URL of the built module, from package.json "exports". */
function resolveCandor(specifier) {
  const key = specifier === 'candor' ? '.' : `./${specifier.slice('candor/'.length)}`;
  const target = exportsMap[key];
  const file = typeof target === 'string' ? target : target?.default;
  if (!file) throw new Error(`package.json has no export for ${specifier}`);
  return pathToFileURL(join(root, file)).href;
}

/** Every fenced block of a Markdown file: language, info string, code, line, and the comment on the line before. */
export function extractBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const close = new RegExp(`^\`{${open[1].length},}\\s*$`);
    const end = lines.findIndex((line, j) => j > i && close.test(line));
    if (end === -1) break;
    const info = open[3].trim().split(/\s+/).filter(Boolean);
    const before = i > 0 ? lines[i - 1].trim() : '';
    const notRunnable = /^<!--\s*not runnable\b:?\s*(.*?)\s*-->$/i.exec(before);
    blocks.push({
      lang: open[2],
      runnable: info.includes('runnable'),
      notRunnable: notRunnable ? notRunnable[1] || 'no reason given' : null,
      code: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

/** The snippet with its candor imports pointing at dist/; throws for imports that cannot run here. */
function mapImports(code) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\2/g, (match, keyword, quote, specifier) => {
    if (specifier === 'candor' || specifier.startsWith('candor/')) return `${keyword}${quote}${resolveCandor(specifier)}${quote}`;
    if (specifier.startsWith('node:')) return match;
    throw new Error(`imports ${specifier}: a runnable snippet may import only candor, candor/… and node: modules`);
  });
}

const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const all = files.flatMap((file) => extractBlocks(readFileSync(join(root, file), 'utf8')).map((block) => ({ ...block, file })));
const runnable = all.filter((block) => block.runnable);

const tmp = mkdtempSync(join(tmpdir(), 'candor-snippets-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const prelude = join(tmp, 'prelude.mjs');
writeFileSync(
  prelude,
  `globalThis.window ??= globalThis;\nglobalThis.config = ${JSON.stringify(JSON.parse(readFileSync(join(root, 'demo/candor.json'), 'utf8')))};\n`,
);

/** Runs one module file in a fresh Node; resolves with { code, stdout, stderr }. */
function runModule(file) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', pathToFileURL(prelude).href, file], { cwd: tmp, timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.killed ? `killed after ${TIMEOUT_MS} ms` : error.code) : 0, stdout, stderr }),
    );
  });
}

test('the docs have runnable snippets, each in JavaScript, and marks are not contradictory', () => {
  assert.ok(runnable.length >= 3, `only ${runnable.length} runnable snippets found`);
  for (const block of all) {
    const where = `${block.file}:${block.line}`;
    if (block.runnable) {
      assert.match(block.lang, /^(js|mjs|javascript)$/, `${where}: runnable snippets are JavaScript (Node runs them without a compiler)`);
      assert.equal(block.notRunnable, null, `${where}: marked both runnable and not runnable`);
    }
    if (/\bfrom\s*['"]@forge\//.test(block.code)) assert.ok(!block.runnable, `${where}: @forge/* snippets cannot run here`);
    // Every block of code says which it is: run here, or why not (a type, a browser, your server).
    if (/^(js|mjs|javascript|ts|typescript)$/.test(block.lang)) {
      assert.ok(block.runnable || block.notRunnable, `${where}: mark it \`runnable\` or <!-- not runnable: why --> on the line before`);
    }
  }
});

test('the built dist/ is there', () => {
  assert.ok(existsSync(join(root, 'dist/index.js')), 'run npm run build first');
});

// One test per snippet, started together (each is its own process) and awaited in order.
const runs = new Map();
const start = (block) => {
  if (!runs.has(block)) {
    runs.set(
      block,
      (async () => {
        const file = join(tmp, `${block.file.replace(/[^\w]+/g, '-')}-${block.line}.mjs`);
        writeFileSync(file, mapImports(block.code) + '\n');
        return runModule(file);
      })(),
    );
  }
  return runs.get(block);
};

for (const block of runnable) {
  test(`${block.file}:${block.line} runs`, async () => {
    if (!existsSync(join(root, 'dist/index.js'))) assert.fail('dist/ is missing: run npm run build first');
    for (const other of runnable) start(other).catch(() => {}); // run the rest meanwhile
    const { code, stdout, stderr } = await start(block);
    assert.equal(code, 0, `${block.file}:${block.line} failed (exit ${code}):\n${stderr || stdout}`);
  });
}
