#!/usr/bin/env node
// candor render <config.json> [--locale <tag>] [--out <file>] [--fragment] [--css <href>] [--origin <https origin>]
// Writes the privacy policy of a Candor config as static, sanitised HTML (stdout, or --out).
// candor inventory <config.json> [--locale <tag>] [--out <file>]
// Writes the config's storage inventory as JSON: every cookie its purposes list and Candor's own entry.
// Exit status: 0 done; 2 bad usage, unreadable file or invalid config (every problem on stderr); 1 anything else.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCandor, MissingBuildError } from '../lib/candor.mjs';
import { renderArticle, renderDocument } from '../lib/render.mjs';

const USAGE = `Usage: candor render <config.json | -> [options]
       candor inventory <config.json | -> [--locale <tag>] [--out <file>]

render writes the privacy policy of a Candor config as static, sanitised HTML:
the same structure, ids and class names as <candor-policy>, for pages without
JavaScript and for search engines.

inventory writes the config's storage inventory as JSON: each cookie its
purposes list (purpose, legal basis, justification, vendors) and where Candor
keeps the person's choices. It fails, like render, on an invalid config: a
necessary purpose that lists cookies without a justification, or cookies on a
legitimate-interest purpose.

Options:
  --locale <tag>     language of the generated text and dates (default: the config's locale, else en)
  --out <file>       write to <file> instead of standard output
  --fragment         render: only the <article class="candor-policy">, not a whole document
  --css <href>       render: add <link rel="stylesheet" href="<href>"> (e.g. candor-policy.css)
  --origin <origin>  render: your site's https origin: links to it get no rel="noopener noreferrer"
  -h, --help         this text
  -v, --version      the CLI's version

Exit status: 0 done, 2 bad usage, unreadable file or invalid config, 1 other errors.`;

class UsageError extends Error {}

function fail(message, code = 2) {
  process.stderr.write(`candor: ${message}\n`);
  process.exitCode = code;
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string' },
        out: { type: 'string', short: 'o' },
        fragment: { type: 'boolean' },
        css: { type: 'string' },
        origin: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
}

function readConfig(file) {
  let source;
  try {
    source = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
  try {
    return JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file === '-' ? 'standard input' : file} is not JSON: ${error.message}`);
  }
}

async function main(argv) {
  const { values, positionals } = parse(argv);
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'render' && command !== 'inventory') {
    throw new UsageError(`unknown command ${JSON.stringify(command)} (try: candor render policy.json, or candor inventory policy.json)`);
  }
  if (!file) throw new UsageError(`${command} needs a config file (or - for standard input)`);
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (command === 'inventory') {
    const only = ['fragment', 'css', 'origin'].find((option) => values[option] !== undefined);
    if (only) throw new UsageError(`--${only} is an option of render, not inventory`);
  }
  if (values.origin !== undefined) {
    let origin;
    try {
      origin = new URL(values.origin);
    } catch {}
    if (origin?.protocol !== 'https:') throw new UsageError(`--origin must be an https origin such as https://example.com, got ${JSON.stringify(values.origin)}`);
    values.origin = origin.origin;
  }

  const candor = await loadCandor();
  if (values.css !== undefined && (values.css.trim() === '' || ![undefined, 'https'].includes(candor.urlScheme(values.css)))) {
    throw new UsageError(`--css must be an https or relative URL, got ${JSON.stringify(values.css)}`);
  }
  const config = readConfig(file);
  const result = candor.validateConfig(config);
  for (const warning of result.warnings) process.stderr.write(`candor: warning: ${warning}\n`);
  if (!result.ok) {
    const name = file === '-' ? 'standard input' : file;
    process.stderr.write(`candor: ${name} is not a valid Candor config (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
    for (const problem of result.problems) process.stderr.write(`  ${problem}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.locale !== undefined) {
    const available = [...candor.BUILT_IN_LOCALES, ...Object.keys(config.messages ?? {})];
    const base = values.locale.toLowerCase().split('-')[0];
    if (!available.some((locale) => [values.locale.toLowerCase(), base].includes(locale.toLowerCase()))) {
      process.stderr.write(`candor: warning: no strings for locale ${JSON.stringify(values.locale)} (built in: ${candor.BUILT_IN_LOCALES.join(', ')}); using the config's locale or English\n`);
    }
  }
  const options = { locale: values.locale, origin: values.origin, css: values.css };
  const output =
    command === 'inventory'
      ? `${JSON.stringify(candor.storageInventory(result.config, { locale: values.locale ?? (result.config.locale === 'auto' ? undefined : result.config.locale) }), null, 2)}\n`
      : values.fragment
        ? `${renderArticle(candor, result.config, options).html}\n`
        : renderDocument(candor, result.config, options);
  if (values.out) {
    try {
      writeFileSync(values.out, output);
    } catch (error) {
      throw new UsageError(`cannot write ${values.out}: ${error.message}`);
    }
  } else {
    process.stdout.write(output);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof MissingBuildError) fail(error.message, 2);
  else fail(error?.stack ?? String(error), 1);
}
