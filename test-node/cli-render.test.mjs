// The static pre-render CLI (cli/, package candor-cli, command `candor render`), in Node: the same
// structure, ids and class names as <candor-policy> (src/elements/candor-policy.ts), dates in en/de/ja,
// the generated browser-signal section against the core's own rule, the XSS corpus of
// test/policy/xss-corpus.ts through the Node sanitiser (sanitize-html), and the command's exit codes.
// Needs `npm ci --prefix cli` (which .ci/run does) and a built dist/. Without the install these tests
// are skipped, except in CI (CI=true), where a missing install is a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'cli');
const bin = join(cli, 'bin/candor.mjs');
const FIXTURE = join(cli, 'test/fixtures/policy.json');
const installed = ['sanitize-html', 'marked', 'parse5'].every((name) => existsSync(join(cli, 'node_modules', name, 'package.json')));
const required = process.env.CI === 'true' || process.env.CANDOR_REQUIRE_CLI === '1';

if (!installed) {
  describe('candor-cli', () => {
    if (required) it('is installed (npm ci --prefix cli)', () => assert.fail('cli/node_modules is missing: run npm ci --prefix cli'));
    else it('skipped: cli/ is not installed (npm ci --prefix cli)', { skip: 'npm ci --prefix cli' }, () => {});
  });
} else {
  await suite();
}

async function suite() {
  const load = (file) => import(pathToFileURL(join(cli, file)).href);
  const { loadCandor } = await load('lib/candor.mjs');
  const { renderArticle, renderDocument, ID_PREFIX, SIGNALS_SECTION_ID } = await load('lib/render.mjs');
  const { createSanitizer } = await load('lib/sanitize.mjs');
  const parse5 = await import(pathToFileURL(join(cli, 'node_modules/parse5/dist/index.js')).href);
  const candor = await loadCandor();
  const { resolve } = await import(pathToFileURL(join(root, 'dist/core/resolve.js')).href);

  const fixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const run = (args, options = {}) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: options.cwd ?? root, input: options.input, env: { ...process.env, ...options.env } });

  // --- a little DOM over parse5's tree ---
  const isElement = (node) => typeof node.tagName === 'string';
  const children = (node) => (node.tagName === 'template' ? node.content.childNodes : node.childNodes ?? []);
  function* walk(node) {
    for (const child of children(node)) {
      if (isElement(child)) yield child;
      yield* walk(child);
    }
  }
  const attr = (element, name) => element.attrs.find((a) => a.name === name)?.value ?? null;
  const all = (node, test) => [...walk(node)].filter(test);
  const first = (node, test) => all(node, test)[0] ?? null;
  const byId = (node, id) => first(node, (e) => attr(e, 'id') === id);
  const tag = (name) => (e) => e.tagName === name;
  const rawText = (node) => (node.nodeName === '#text' ? node.value : children(node).map(rawText).join(''));
  const text = (node) => (node ? rawText(node).replace(/\s+/g, ' ').trim() : '');
  const fragment = (html) => parse5.parseFragment(html);
  const articleOf = (config, options) => fragment(renderArticle(candor, config, options).html);

  describe('candor render: structure and ids, as <candor-policy>', () => {
    const doc = articleOf(fixture());
    const article = first(doc, tag('article'));

    it('one <article class="candor-policy"> with lang and a name', () => {
      assert.equal(attr(article, 'class'), 'candor-policy');
      assert.equal(attr(article, 'lang'), 'en');
      assert.equal(attr(article, 'aria-labelledby'), 'candor-policy-title');
      assert.equal(all(doc, (e) => ['style', 'script', 'link'].includes(e.tagName) || attr(e, 'style') !== null).length, 0);
    });

    it('title, version, "Effective starting" date and summary (P1)', () => {
      const header = first(article, tag('header'));
      assert.equal(attr(header, 'class'), 'candor-policy__header');
      assert.equal(text(first(header, tag('h1'))), 'Acme privacy policy');
      assert.equal(attr(first(header, tag('h1')), 'id'), 'candor-policy-title');
      const cls = (name) => first(header, (e) => attr(e, 'class') === name);
      assert.equal(text(cls('candor-policy__version')), 'Version 2026-03-01');
      assert.equal(text(cls('candor-policy__effective')), 'Effective starting March 1, 2026');
      assert.equal(text(cls('candor-policy__summary')), 'We collect little and ask first.');
    });

    it('table of contents with the same stable, prefixed ids as the element, each a section with an h2', () => {
      const nav = first(article, tag('nav'));
      assert.equal(attr(nav, 'aria-labelledby'), 'candor-contents');
      assert.equal(text(byId(doc, 'candor-contents')), 'Contents');
      const hrefs = all(nav, tag('a')).map((a) => attr(a, 'href'));
      // The list test/policy/structure.test.ts expects of <candor-policy> for the same config.
      assert.deepEqual(hrefs, ['#candor-what-we-collect', '#candor-analytics', '#candor-your-rights', '#candor-browser-signals', '#candor-controller', '#candor-versions']);
      for (const href of hrefs) {
        const target = byId(doc, href.slice(1));
        assert.ok(target, href);
        assert.equal(target.tagName, 'section');
        assert.equal(attr(target, 'aria-labelledby'), `${href.slice(1)}-title`);
        assert.equal(byId(target, `${href.slice(1)}-title`)?.tagName, 'h2');
      }
      const ids = all(doc, (e) => attr(e, 'id') !== null).map((e) => attr(e, 'id'));
      assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    });

    it('uses the id scheme, class names and data attributes of src/elements/candor-policy.ts and dist/candor-policy.css', () => {
      const source = readFileSync(join(root, 'src/elements/candor-policy.ts'), 'utf8');
      assert.match(source, /export const ID_PREFIX = 'candor-';/);
      assert.match(source, /export const SIGNALS_SECTION_ID = `\$\{ID_PREFIX\}browser-signals`;/);
      assert.equal(ID_PREFIX, 'candor-');
      assert.equal(SIGNALS_SECTION_ID, 'candor-browser-signals');
      for (const id of ['policy-title', 'contents', 'controller', 'versions']) assert.ok(source.includes(`\`\${ID_PREFIX}${id}\``), id);
      assert.ok(source.includes("const id = `${ID_PREFIX}${section.id}`;"));
      assert.ok(source.includes("h('h2', { id: `${id}-title` }"));
      // Every class the element writes, apart from its script-only "what changed" view, is in the static output; and no other.
      const elementClasses = new Set([...source.matchAll(/class: '([^']+)'/g)].flatMap((m) => m[1].split(' ')));
      const changesOnly = ['candor-policy__changes', 'candor-policy__mark', 'candor-policy__change', 'candor-policy__change-status', 'candor-policy__diff', 'candor-policy__compare', 'candor-policy__error'];
      const staticClasses = new Set(all(doc, (e) => attr(e, 'class') !== null).flatMap((e) => attr(e, 'class').split(' ')));
      assert.deepEqual([...staticClasses].sort(), [...elementClasses].filter((c) => !changesOnly.includes(c)).sort());
      const css = readFileSync(join(root, 'dist/candor-policy.css'), 'utf8');
      // Every class the stylesheet styles (apart from the "what changed" view) is on an element here.
      const styled = new Set([...css.matchAll(/\.(candor-policy(?:__[a-z-]+)?)/g)].map((m) => m[1]));
      assert.ok(styled.size >= 8);
      for (const name of styled) if (!changesOnly.includes(name)) assert.ok(staticClasses.has(name), `${name} (styled by candor-policy.css)`);
      for (const data of ['data-signal', 'data-honoured', 'data-override', 'data-version', 'data-material']) {
        assert.ok(source.includes(`'${data}'`), data);
        assert.ok(all(doc, (e) => attr(e, data) !== null).length > 0, data);
      }
    });

    it('renders every section as sanitised Markdown: headings below h2, lists, emphasis, tables, code, links', () => {
      const collect = first(byId(doc, 'candor-what-we-collect'), (e) => attr(e, 'class') === 'candor-policy__body');
      assert.equal(text(first(byId(doc, 'candor-what-we-collect'), tag('h2'))), 'What we collect');
      assert.equal(text(first(collect, tag('h3'))), 'Account data');
      assert.equal(first(collect, (e) => e.tagName === 'h1' || e.tagName === 'h2'), null);
      assert.equal(text(first(collect, tag('strong'))), 'name');
      assert.equal(text(first(collect, tag('em'))), 'email address');
      assert.deepEqual(all(collect, tag('li')).map(text), ['Name', 'Email']);
      const internal = first(collect, (e) => attr(e, 'href') === '/cookies');
      assert.equal(attr(internal, 'rel'), null, 'same-origin link has no rel');
      assert.equal(attr(first(collect, (e) => attr(e, 'href') === 'https://ico.example/guide'), 'rel'), 'noopener noreferrer');
      const analytics = first(byId(doc, 'candor-analytics'), (e) => attr(e, 'class') === 'candor-policy__body');
      assert.deepEqual(all(analytics, tag('th')).map(text), ['Tool', 'Purpose']);
      assert.equal(text(first(analytics, tag('td'))), 'Example Analytics');
      assert.equal(text(first(analytics, tag('code'))), 'candor withdraw');
    });

    it('--origin: links to the site itself get no rel', () => {
      const config = fixture();
      config.policy.sections[0].body = '[home](https://acme.example/) [other](https://other.example/)';
      const body = articleOf(config, { origin: 'https://acme.example' });
      assert.equal(attr(first(body, (e) => attr(e, 'href') === 'https://acme.example/'), 'rel'), null);
      assert.equal(attr(first(body, (e) => attr(e, 'href') === 'https://other.example/'), 'rel'), 'noopener noreferrer');
    });

    it('the controller with name, address and a mailto contact', () => {
      const section = byId(doc, 'candor-controller');
      assert.equal(text(first(section, tag('h2'))), 'Who is responsible');
      assert.ok(first(first(section, tag('address')), tag('dl')));
      assert.deepEqual(all(section, tag('dt')).map(text), ['Name', 'Address', 'Contact']);
      assert.equal(rawText(first(section, tag('dd'))), 'Acme Ltd');
      assert.equal(rawText(first(section, (e) => attr(e, 'class') === 'candor-policy__address')), '1 Example Street\nLondon');
      const mail = first(section, tag('a'));
      assert.equal(attr(mail, 'href'), 'mailto:privacy@acme.example');
      assert.equal(rawText(mail), 'privacy@acme.example');
    });

    it('the revision archive: version link, effective date, material or not, summary; no script-only compare link', () => {
      const table = first(byId(doc, 'candor-versions'), tag('table'));
      assert.deepEqual(all(first(table, tag('thead')), tag('th')).map(text), ['Version', 'Effective', 'Kind of change', 'Summary']);
      const rows = all(first(table, tag('tbody')), tag('tr'));
      assert.deepEqual(rows.map((row) => attr(row, 'data-version')), ['2026-03-01', '2025-06-11', '2024-01-01', 'missing']);
      const [current, minor, oldest, missing] = rows;
      assert.equal(text(first(current, tag('th'))), '2026-03-01 (current)');
      assert.equal(attr(first(current, tag('a')), 'href'), '/privacy/2026-03-01');
      assert.equal(attr(first(current, tag('time')), 'datetime'), '2026-03-01');
      assert.equal(text(all(current, tag('td'))[1]), 'Material change');
      assert.equal(text(all(minor, tag('td'))[0]), 'June 11, 2025');
      assert.equal(text(all(minor, tag('td'))[1]), 'Minor change');
      assert.equal(attr(minor, 'data-material'), 'false');
      assert.equal(text(all(minor, tag('td'))[2]), 'Typo fixes.');
      assert.equal(attr(first(oldest, tag('a')), 'href'), 'https://acme.example/privacy/2024-01-01');
      assert.equal(first(missing, tag('a')), null, 'a row without href shows the version as text');
      assert.equal(first(doc, (e) => (attr(e, 'href') ?? '').startsWith('#changes-')), null);
    });

    it('a whole document: doctype, lang, <title>, description, optional stylesheet', () => {
      const html = renderDocument(candor, fixture(), { css: 'candor-policy.css' });
      assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
      const page = parse5.parse(html);
      assert.equal(text(first(page, tag('title'))), 'Acme privacy policy');
      assert.equal(attr(first(page, (e) => attr(e, 'name') === 'description'), 'content'), 'We collect little and ask first.');
      assert.equal(attr(first(page, tag('link')), 'href'), 'candor-policy.css');
      assert.equal(all(page, tag('link')).length, 1);
      assert.equal(all(parse5.parse(renderDocument(candor, fixture())), tag('link')).length, 0, 'no stylesheet unless --css');
      assert.ok(first(first(page, tag('main')), tag('article')));
    });
  });

  describe('candor render: locales (dates in UTC)', () => {
    const cases = [
      ['en', 'Effective starting March 1, 2026', 'Acme privacy policy', 'June 11, 2025'],
      ['de', 'Gültig ab 1. März 2026', 'Datenschutzerklärung von Acme', '11. Juni 2025'],
      ['ja', '2026年3月1日から有効', 'Acme プライバシーポリシー', '2025年6月11日'],
    ];
    for (const [locale, effective, title, archived] of cases) {
      it(`${locale}: dates, title and strings`, () => {
        // Through the command, in a time zone far from UTC: the date must not move.
        const result = run(['render', FIXTURE, '--locale', locale], { env: { TZ: 'Pacific/Honolulu' } });
        assert.equal(result.status, 0, result.stderr);
        const page = parse5.parse(result.stdout);
        assert.equal(attr(first(page, tag('html')), 'lang'), locale);
        assert.equal(text(first(page, (e) => attr(e, 'class') === 'candor-policy__effective')), effective);
        assert.equal(text(first(page, tag('h1'))), title);
        assert.equal(text(first(page, (e) => attr(e, 'data-version') === '2025-06-11' && e.tagName === 'tr').childNodes.find((n) => n.tagName === 'td')), archived);
        assert.equal(attr(first(page, tag('article')), 'lang'), locale);
        assert.equal(text(byId(page, 'candor-contents')), candor.policyStrings[locale]['policy.contents']);
      });
    }

    it('the config locale is the default; a base language matches (de-AT → de); an unknown one falls back to English with a warning', () => {
      const config = fixture();
      config.locale = 'ja';
      assert.equal(renderArticle(candor, config).locale, 'ja');
      assert.equal(renderArticle(candor, config, { locale: 'de-AT' }).locale, 'de');
      const result = run(['render', FIXTURE, '--locale', 'xx', '--fragment']);
      assert.equal(result.status, 0);
      assert.match(result.stderr, /no strings for locale "xx"/);
      assert.match(result.stdout, /^<article class="candor-policy" lang="en"/);
    });

    it('a date-time effective just after midnight UTC stays on its UTC date', () => {
      const config = fixture();
      config.policy.effective = '2026-03-01T00:30:00Z';
      assert.equal(text(first(articleOf(config), (e) => attr(e, 'class') === 'candor-policy__effective')), 'Effective starting March 1, 2026');
    });

    it('config messages override policy strings', () => {
      const config = fixture();
      config.messages = { en: { 'policy.contents': 'On this page' } };
      assert.equal(text(byId(articleOf(config), 'candor-contents')), 'On this page');
    });
  });

  describe('candor render: the browser-signal section says what the core does', () => {
    const PURPOSES = [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', basis: 'consent', signals: ['gpc', 'dnt'] },
      { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc'] },
      { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
      { id: 'personalisation', label: 'Personalisation', basis: 'legitimate-interest', signals: ['dnt'] },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ];
    const configWith = (gpc, dnt) => {
      const config = fixture();
      config.purposes = structuredClone(PURPOSES);
      config.signals = {};
      if (gpc) config.signals.gpc = gpc;
      if (dnt) config.signals.dnt = dnt;
      return config;
    };
    // As deniedByCore in test/policy/signals.test.ts: what resolve() denies when only `signal` is on.
    const deniedByCore = (config, signal) => {
      const { choices } = resolve(config, {}, { gpc: signal === 'gpc', dnt: signal === 'dnt' }, Date.now(), new Date().toISOString(), true);
      return config.purposes.filter((purpose) => choices[purpose.id].source === signal && !choices[purpose.id].granted).map((purpose) => purpose.label);
    };
    for (const gpc of ['honor', 'ignore', undefined]) {
      for (const dnt of ['honor', 'ignore', undefined]) {
        it(`gpc ${gpc ?? '(default)'}, dnt ${dnt ?? '(default)'}`, () => {
          const config = configWith(gpc, dnt);
          assert.ok(candor.validateConfig(config).ok);
          const doc = articleOf(config);
          const section = byId(doc, SIGNALS_SECTION_ID);
          assert.ok(section, 'the section is always there (P6)');
          assert.equal(text(first(section, tag('h2'))), 'How we respond to browser privacy signals');
          let anyHonoured = false;
          for (const [signal, name] of [['gpc', 'Global Privacy Control (GPC)'], ['dnt', 'Do Not Track (DNT)']]) {
            const paragraph = first(section, (e) => attr(e, 'data-signal') === signal);
            const denied = deniedByCore(config, signal);
            if ((signal === 'gpc' ? gpc : dnt) === 'ignore') assert.deepEqual(denied, [], 'the core ignores it');
            else assert.ok(denied.length > 0, 'the core honours it');
            if (denied.length === 0) {
              assert.equal(attr(paragraph, 'data-honoured'), 'false');
              assert.equal(text(paragraph), `We do not act on ${name}: it does not change any of your choices.`);
            } else {
              anyHonoured = true;
              assert.equal(attr(paragraph, 'data-honoured'), 'true');
              const last = denied.pop();
              const listed = denied.length ? `${denied.join(', ')} and ${last}` : last;
              assert.equal(text(paragraph), `When your browser sends ${name}, we treat it as a request to opt out of: ${listed}. We do not ask you to confirm it.`);
            }
          }
          const override = first(section, (e) => attr(e, 'data-override') !== null);
          assert.equal(Boolean(override), anyHonoured);
          if (override) assert.match(text(override), /your choice takes precedence/);
        });
      }
    }

    it('no purpose lists a signal: both are not acted on, no override statement', () => {
      const config = configWith('honor', 'honor');
      config.purposes = config.purposes.map(({ signals: _signals, ...purpose }) => purpose);
      const section = byId(articleOf(config), SIGNALS_SECTION_ID);
      assert.deepEqual(all(section, (e) => attr(e, 'data-signal') !== null).map((p) => attr(p, 'data-honoured')), ['false', 'false']);
      assert.equal(first(section, (e) => attr(e, 'data-override') !== null), null);
    });

    it('is translated (de)', () => {
      const section = byId(articleOf(configWith('honor', 'ignore'), { locale: 'de' }), SIGNALS_SECTION_ID);
      assert.equal(text(first(section, tag('h2'))), 'Wie wir auf Datenschutzsignale Ihres Browsers reagieren');
      assert.match(text(first(section, (e) => attr(e, 'data-signal') === 'gpc')), / und /);
      assert.equal(text(first(section, (e) => attr(e, 'data-signal') === 'dnt')), 'Auf Do Not Track (DNT) reagieren wir nicht: Das Signal ändert keine Ihrer Einstellungen.');
    });
  });

  describe('candor render: XSS corpus (test/policy/xss-corpus.ts)', () => {
    // The corpus is TypeScript: its array literal is plain JavaScript, evaluated here in an empty context.
    const source = readFileSync(join(root, 'test/policy/xss-corpus.ts'), 'utf8');
    const start = source.indexOf('[', source.indexOf('XSS_PAYLOADS'));
    const PAYLOADS = vm.runInNewContext(source.slice(start, source.indexOf('\n];', start) + 2), Object.create(null));

    const DANGEROUS = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'style', 'link', 'meta', 'base', 'svg', 'math', 'img', 'video', 'audio', 'source', 'template', 'noscript', 'marquee', 'isindex', 'x-y', 'body'];
    const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'background', 'poster'];

    /** Every way the tree under `node` (as a browser would parse it: parse5 follows the HTML spec) could run script or navigate to one. */
    function dangers(node) {
      const found = [];
      for (const element of walk(node)) {
        if (DANGEROUS.includes(element.tagName)) found.push(`<${element.tagName}>`);
        for (const { name, value } of element.attrs) {
          if (/^on/i.test(name)) found.push(`${element.tagName}[${name}]`);
          if (name === 'style') found.push(`${element.tagName}[style]`);
          if (URL_ATTRIBUTES.includes(name.toLowerCase())) {
            const normalised = value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\ufeff]/g, '').toLowerCase();
            if (/^(javascript|data|vbscript):/.test(normalised) || !candor.allowedHref(value)) found.push(`${element.tagName}[${name}="${value}"]`);
          }
        }
      }
      return found;
    }

    /**
     * Independent of any parser: in serialised output every `<` opens or closes a tag (text is escaped),
     * so listing the tags lists every element. Each must be one the renderer writes or the allow-list has.
     */
    function lexicalProblems(html, allowedTags) {
      const problems = [];
      const TAG = /<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*)\s*>/gy;
      const ATTR = /\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?/g;
      let index = 0;
      for (;;) {
        const next = html.indexOf('<', index);
        if (next === -1) break;
        TAG.lastIndex = next;
        const match = TAG.exec(html);
        if (!match) {
          problems.push(`unparsed markup at ${next}: ${html.slice(next, next + 40)}`);
          index = next + 1;
          continue;
        }
        index = TAG.lastIndex;
        const [, , name, attributes] = match;
        if (!allowedTags.has(name)) problems.push(`<${name}>`);
        for (const [, attrName, value = ''] of attributes.matchAll(ATTR)) {
          if (/^on/.test(attrName) || attrName === 'style' || attrName === 'src' || attrName === 'srcdoc') problems.push(`${name}[${attrName}]`);
          if (!/^(?:[^&]|&(?:amp|lt|gt|quot|#39);)*$/.test(value)) problems.push(`${name}[${attrName}] has an unexpected entity: ${value}`);
          if (attrName === 'href') {
            const decoded = value.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);
            if (!candor.allowedHref(decoded)) problems.push(`${name}[href="${decoded}"]`);
          }
        }
      }
      return problems;
    }

    const STRUCTURE = ['article', 'header', 'h1', 'h2', 'p', 'span', 'nav', 'ol', 'li', 'a', 'section', 'div', 'address', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'time', 'main'];
    const ARTICLE_TAGS = new Set([...STRUCTURE, ...candor.ALLOWED_TAGS]);

    it(`has at least 30 payloads (${PAYLOADS.length})`, () => {
      assert.ok(Array.isArray(PAYLOADS) && PAYLOADS.length >= 30 && PAYLOADS.every((p) => typeof p === 'string'));
    });

    it('every payload as a section body (one as a title, one as the summary), through the command: nothing dangerous', () => {
      const config = fixture();
      config.policy.sections = PAYLOADS.map((body, i) => ({ id: `p${i + 1}`, title: `Payload ${i + 1}`, body }));
      config.policy.sections.push({ id: 'title', title: '<img src=x onerror="window.__xss(99)">', body: 'text' });
      config.policy.summary = '<script>window.__xss(98)</script>';
      const dir = mkdtempSync(join(tmpdir(), 'candor-cli-'));
      try {
        const file = join(dir, 'xss.json');
        const out = join(dir, 'xss.html');
        spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, process.argv[1])`, JSON.stringify(config)]);
        const result = run(['render', file, '--out', out]);
        assert.equal(result.status, 0, result.stderr);
        const html = readFileSync(out, 'utf8');
        const page = parse5.parse(html);
        const article = first(page, tag('article'));
        assert.deepEqual(dangers(article), [], 'dangerous elements, attributes or URLs');
        const articleHtml = html.slice(html.indexOf('<article'), html.indexOf('</article>') + '</article>'.length);
        assert.deepEqual(lexicalProblems(articleHtml, ARTICLE_TAGS), []);
        assert.equal(text(first(byId(page, 'candor-title'), tag('h2'))), '<img src=x onerror="window.__xss(99)">', 'titles are text');
        assert.equal(text(first(page, (e) => attr(e, 'class') === 'candor-policy__summary')), '<script>window.__xss(98)</script>');
        assert.equal(text(first(page, tag('title'))), 'Acme privacy policy');
        assert.equal(byId(page, '__xss'), null, 'no clobbering form');
        assert.equal(all(page, (e) => attr(e, 'id') === 'candor-policy-title').length, 1, 'no duplicate ids from bodies');
        const bodies = all(article, (e) => attr(e, 'class') === 'candor-policy__body');
        assert.equal(bodies.length, PAYLOADS.length + 1);
        for (const link of bodies.flatMap((body) => all(body, (e) => e.tagName === 'a' && attr(e, 'href') !== null))) {
          const href = attr(link, 'href');
          const scheme = candor.urlScheme(href);
          assert.ok([undefined, 'https', 'mailto'].includes(scheme), href);
          const external = scheme === 'https' || href.startsWith('//');
          if (external) assert.equal(attr(link, 'rel'), 'noopener noreferrer', href);
        }
        assert.equal(text(first(byId(page, 'candor-p12'), tag('a'))), 'click');
        assert.equal(attr(first(byId(page, 'candor-p12'), tag('a')), 'href'), null);
        assert.equal(attr(first(byId(page, 'candor-p32'), tag('a')), 'href'), 'https://ok.example/');
        assert.equal(first(byId(page, 'candor-p52'), (e) => attr(e, 'href') === 'http://plain.example/'), null, 'http is not on the allow-list');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('each payload alone, straight through the sanitiser, leaves nothing dangerous', () => {
      const sanitize = createSanitizer(candor);
      for (const [i, payload] of PAYLOADS.entries()) {
        const html = sanitize(payload);
        assert.deepEqual(dangers(fragment(html)), [], `payload ${i + 1}: ${payload}`);
        assert.deepEqual(lexicalProblems(html, new Set(candor.ALLOWED_TAGS)), [], `payload ${i + 1}: ${payload}`);
      }
    });

    it('positive control: unsanitised, the corpus is flagged by both checks (so the checks above can fail)', () => {
      const raw = fragment(PAYLOADS.join('\n'));
      assert.ok(dangers(raw).includes('<iframe>'));
      assert.ok(dangers(raw).some((danger) => danger.startsWith('a[href="javascript:')));
      const marked = PAYLOADS.map(candor.markdownToHTML).join('\n');
      assert.ok(lexicalProblems(marked, new Set(candor.ALLOWED_TAGS)).length > 10);
    });
  });

  describe('candor render: the Node Markdown is the element\'s', () => {
    const rootMarked = existsSync(join(root, 'node_modules/marked/package.json'));
    it('the CLI\'s Markdown (the shared markdownToHTML over cli\'s marked) gives what dist/policy/markdown.js gives', { skip: !rootMarked && 'root node_modules not installed' }, async () => {
      const { markdownToHTML: elementMarkdown } = await import(pathToFileURL(join(root, 'dist/policy/markdown.js')).href);
      const source = readFileSync(join(root, 'test/policy/xss-corpus.ts'), 'utf8');
      const bodies = [...fixture().policy.sections.map((section) => section.body), source, '# h1\n## h2\n###### h6\n\n1. a\n2. b\n\n> quote\n\n```js\ncode\n```\n\n~~gone~~ https://auto.example'];
      for (const body of bodies) assert.equal(candor.markdownToHTML(body), elementMarkdown(body));
      const rootVersion = JSON.parse(readFileSync(join(root, 'node_modules/marked/package.json'), 'utf8')).version;
      const cliVersion = JSON.parse(readFileSync(join(cli, 'node_modules/marked/package.json'), 'utf8')).version;
      assert.equal(cliVersion, rootVersion, 'cli/ pins the marked version of the root');
    });
  });

  describe('candor render: the command', () => {
    let dir;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'candor-cli-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name, content) => {
      const file = join(dir, name);
      spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, process.argv[1])`, content]);
      return file;
    };

    it('writes a whole document to standard output', () => {
      const result = run(['render', FIXTURE]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.ok(result.stdout.startsWith('<!doctype html>'));
      assert.ok(result.stdout.includes('<article class="candor-policy" lang="en" aria-labelledby="candor-policy-title">'));
      assert.equal(result.stdout, renderDocument(candor, fixture()));
    });

    it('--out writes the file (and nothing to standard output); --fragment is only the article; --css links a stylesheet', () => {
      const out = join(dir, 'privacy.html');
      const result = run(['render', FIXTURE, '--out', out, '--css', 'candor-policy.css']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      const html = readFileSync(out, 'utf8');
      assert.ok(html.startsWith('<!doctype html>'));
      assert.ok(html.includes('<link rel="stylesheet" href="candor-policy.css">'));
      const piece = run(['render', FIXTURE, '--fragment']);
      assert.equal(piece.status, 0);
      assert.ok(piece.stdout.startsWith('<article class="candor-policy"'));
      assert.ok(piece.stdout.trimEnd().endsWith('</article>'));
    });

    it('reads the config from standard input with -', () => {
      const result = run(['render', '-', '--fragment'], { input: readFileSync(FIXTURE, 'utf8') });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.includes('id="candor-what-we-collect"'));
    });

    it('an invalid config: exit 2, every problem with its path on stderr, nothing on stdout', () => {
      const config = fixture();
      config.purposes[1].basis = 'maybe';
      config.policy.sections[1].id = '1 bad';
      delete config.policy.version;
      config.policy.revisions[1].effective = 'yesterday';
      const file = write('invalid.json', JSON.stringify(config));
      const result = run(['render', file]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      const { problems } = candor.validateConfig(config);
      assert.ok(problems.length >= 4);
      for (const problem of problems) assert.ok(result.stderr.includes(`  ${problem}\n`), `stderr has: ${problem}\n${result.stderr}`);
      for (const path of ['purposes[1].basis', 'policy.sections[1].id', 'policy.version', 'policy.revisions[1].effective']) assert.ok(result.stderr.includes(path), path);
      assert.match(result.stderr, /is not a valid Candor config \(\d+ problems\)/);
    });

    it('unknown keys are warnings, not failures', () => {
      const config = fixture();
      config.extra = true;
      const result = run(['render', write('warn.json', JSON.stringify(config)), '--fragment']);
      assert.equal(result.status, 0);
      assert.match(result.stderr, /warning: extra: unknown key/);
    });

    it('a missing file, a file that is not JSON, bad usage: exit 2 with a clear message', () => {
      const missing = run(['render', join(dir, 'nope.json')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /^candor: cannot read .*nope\.json: no such file\n$/);
      assert.equal(missing.stdout, '');
      const notJson = run(['render', write('bad.json', '{ policy: ')]);
      assert.equal(notJson.status, 2);
      assert.match(notJson.stderr, /bad\.json is not JSON/);
      const directory = run(['render', dir]);
      assert.equal(directory.status, 2);
      assert.match(directory.stderr, /cannot read/);
      assert.equal(run(['publish', FIXTURE]).status, 2);
      assert.equal(run(['render']).status, 2);
      assert.equal(run(['render', FIXTURE, '--nope']).status, 2);
      assert.equal(run(['render', FIXTURE, '--css', 'javascript:alert(1)']).status, 2);
      assert.equal(run(['render', FIXTURE, '--origin', 'http://acme.example']).status, 2);
      assert.equal(run([]).status, 2);
      const help = run(['--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Usage: candor render/);
      assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
      const unwritable = run(['render', FIXTURE, '--out', join(dir, 'no/such/dir/x.html')]);
      assert.equal(unwritable.status, 2);
      assert.match(unwritable.stderr, /cannot write/);
    });

    it('candor inventory: the storage inventory as JSON, Candor\'s own entry first, justifications in --locale', () => {
      const config = fixture();
      config.storage = 'cookie';
      config.purposes[0].cookies = ['sid'];
      config.purposes[0].justification = { en: 'Keeps you signed in.', de: 'Hält Sie angemeldet.' };
      config.purposes[1].cookies = ['_ea', '/^_ea_/'];
      config.purposes[1].vendors = [{ name: 'Example Analytics' }];
      const file = write('inventory.json', JSON.stringify(config));
      const result = run(['inventory', file, '--locale', 'de']);
      assert.equal(result.status, 0, result.stderr);
      const inventory = JSON.parse(result.stdout);
      assert.deepEqual(inventory.policy, { id: config.policy.id, version: config.policy.version });
      assert.deepEqual(
        inventory.items.map(({ name, pattern, storage, purpose, basis }) => [name, pattern, storage, purpose, basis]),
        [
          ['candor_consent', false, 'cookie', null, 'necessary'],
          ['sid', false, 'cookie', config.purposes[0].id, 'necessary'],
          ['_ea', false, 'cookie', config.purposes[1].id, config.purposes[1].basis],
          ['/^_ea_/', true, 'cookie', config.purposes[1].id, config.purposes[1].basis],
        ],
      );
      assert.equal(inventory.items[1].justification, 'Hält Sie angemeldet.');
      assert.deepEqual(inventory.items[2].vendors, ['Example Analytics']);
      assert.equal(inventory.items[0].justification, candor.storageInventory(config).items[0].justification);
    });

    it('candor inventory fails the build on a necessary cookie without a justification (exit 2, the path named)', () => {
      const config = fixture();
      config.purposes[0].cookies = ['sid'];
      const result = run(['inventory', write('unjustified.json', JSON.stringify(config))]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /purposes\[0\]\.justification: required for necessary cookies/);
      assert.equal(run(['inventory', FIXTURE, '--fragment']).status, 2, 'render options are refused');
      assert.equal(run(['inventory']).status, 2);
    });

    it('uses no network: no HTTP, socket or fetch in cli/bin or cli/lib', () => {
      for (const folder of ['bin', 'lib']) {
        for (const name of readdirSync(join(cli, folder))) {
          const code = readFileSync(join(cli, folder, name), 'utf8');
          assert.doesNotMatch(code, /node:(https?|http2|net|tls|dgram)|\bfetch\(|XMLHttpRequest|WebSocket/, `${folder}/${name}`);
        }
      }
    });

    it('package.json: candor-cli, bin candor, exact pins, marked as in the root', () => {
      const pkg = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'));
      const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      assert.equal(pkg.name, 'candor-cli');
      assert.equal(pkg.bin.candor, './bin/candor.mjs');
      for (const version of Object.values({ ...pkg.dependencies, ...pkg.devDependencies })) assert.match(version, /^\d+\.\d+\.\d+$/);
      assert.equal(pkg.dependencies.marked, rootPkg.dependencies.marked);
      assert.ok(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'));
    });
  });
}
