// The policy as static HTML: the same article, ids, class names and data attributes as
// <candor-policy> (src/elements/candor-policy.ts `#article`), so dist/candor-policy.css styles both
// and links to `#candor-<section id>` work on either. Written as strings because that element builds
// DOM nodes and extends HTMLElement; keep the two in step (test-node/cli-render.test.mjs checks the ids).
import { h, Html, escapeAttribute, escapeText } from './html.mjs';
import { createSanitizer } from './sanitize.mjs';

/** Prefix of every id, as ID_PREFIX in candor-policy.ts. */
export const ID_PREFIX = 'candor-';
/** Id of the generated section on browser signals (SIGNALS_SECTION_ID). */
export const SIGNALS_SECTION_ID = `${ID_PREFIX}browser-signals`;

/**
 * The locale to render: `requested` (the --locale flag), else the config's `locale`, matched like
 * the element's `pageLocale` against the built-in locales and the config's `messages`; else English.
 */
export function chooseLocale(candor, config, requested) {
  const available = [...candor.BUILT_IN_LOCALES, ...Object.keys(config.messages ?? {})];
  const fromConfig = config.locale && config.locale !== 'auto' ? config.locale : undefined;
  return candor.pickLocale({ ...config, locale: requested ?? fromConfig }, available, fromConfig ? [fromConfig] : []);
}

/** The element's `#t`: config messages for the locale, its base, the built-in table, English. */
function translator(candor, config, locale) {
  const { policyEn, policyStrings } = candor;
  const base = locale.split('-')[0] ?? locale;
  const messages = config.messages ?? {};
  const tables = [messages[locale], messages[base], policyStrings[locale] ?? policyStrings[base], messages.en, policyEn];
  return (key, vars = {}) => {
    const template = tables.find((table) => typeof table?.[key] === 'string')?.[key] ?? policyEn[key];
    return template.replace(/\{(\w+)\}/g, (match, name) => vars[name] ?? match);
  };
}

/**
 * The policy's `<article class="candor-policy">` as HTML.
 * @param {object} candor modules from loadCandor()
 * @param {object} config a config that passed validateConfig
 * @param {{ locale?: string, origin?: string }} [options]
 */
export function renderArticle(candor, config, options = {}) {
  const locale = chooseLocale(candor, config, options.locale);
  const t = translator(candor, config, locale);
  const text = (value) => candor.localize(value, locale);
  const date = (iso) => candor.formatDate(iso, locale);
  const markdown = createSanitizer(candor, { origin: options.origin });
  const { policy } = config;
  const sections = policy.sections ?? [];

  const toc = [
    ...sections.map((section) => [`${ID_PREFIX}${section.id}`, text(section.title)]),
    [SIGNALS_SECTION_ID, t('policy.signalsTitle')],
  ];
  if (policy.controller) toc.push([`${ID_PREFIX}controller`, t('policy.controller')]);
  if (policy.revisions?.length) toc.push([`${ID_PREFIX}versions`, t('policy.archive')]);

  const section = (item) => {
    const id = `${ID_PREFIX}${item.id}`;
    return h('section', { class: 'candor-policy__section', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, text(item.title)),
      h('div', { class: 'candor-policy__body' }, new Html(markdown(item.body))),
    );
  };

  const signals = () => {
    const statements = candor.signalStatements(config);
    const id = SIGNALS_SECTION_ID;
    return h('section', { class: 'candor-policy__section candor-policy__signals', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.signalsTitle')),
      statements.map((statement) => {
        const signal = t(statement.signal === 'gpc' ? 'policy.signalGpc' : 'policy.signalDnt');
        const honoured = statement.purposes.length > 0;
        return h('p', { 'data-signal': statement.signal, 'data-honoured': honoured ? 'true' : 'false' }, honoured
          ? t('policy.signalHonoured', { signal, purposes: candor.list(statement.purposes.map((purpose) => text(purpose.label) || purpose.id), t('policy.and'), t('policy.comma')) })
          : t('policy.signalIgnored', { signal }));
      }),
      statements.some((statement) => statement.purposes.length > 0) && h('p', { 'data-override': '' }, t('policy.signalOverride')),
    );
  };

  const controller = () => {
    const who = policy.controller;
    if (!who) return null;
    const id = `${ID_PREFIX}controller`;
    return h('section', { class: 'candor-policy__section candor-policy__controller', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.controller')),
      h('address', {},
        h('dl', {},
          h('dt', {}, t('policy.controllerName')),
          h('dd', {}, who.name),
          who.address && [h('dt', {}, t('policy.address')), h('dd', { class: 'candor-policy__address' }, who.address)],
          who.email && [h('dt', {}, t('policy.contact')), h('dd', {}, h('a', { href: `mailto:${encodeURI(who.email)}` }, who.email))],
        ),
      ),
    );
  };

  // Archive links: http(s) or relative only, as in the element (defence in depth after validation).
  const safeLink = (href) => {
    const scheme = candor.urlScheme(href);
    return scheme === undefined || scheme === 'https' || scheme === 'http';
  };

  // The element also links archived versions to its "what changed" view (#changes-<version>); that
  // view needs the script and the archived versions' JSON, so a static page has no such link.
  const archive = () => {
    const revisions = policy.revisions ?? [];
    if (revisions.length === 0) return null;
    const id = `${ID_PREFIX}versions`;
    return h('section', { class: 'candor-policy__section candor-policy__archive', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.archive')),
      h('table', {},
        h('thead', {}, h('tr', {},
          ['policy.archiveVersion', 'policy.archiveEffective', 'policy.archiveKind', 'policy.archiveSummary'].map((key) => h('th', { scope: 'col' }, t(key))),
        )),
        h('tbody', {}, revisions.map((revision) =>
          h('tr', { 'data-version': revision.version, 'data-material': revision.material ? 'true' : 'false' },
            h('th', { scope: 'row' },
              revision.href && safeLink(revision.href) ? h('a', { href: revision.href }, revision.version) : revision.version,
              revision.version === policy.version && [' ', h('span', { class: 'candor-policy__current' }, `(${t('policy.current')})`)],
            ),
            h('td', {}, h('time', { datetime: revision.effective }, date(revision.effective))),
            h('td', {}, revision.material ? t('policy.material') : t('policy.minor')),
            h('td', {}, text(revision.summary)),
          ),
        )),
      ),
    );
  };

  // One line per part of the article, for readable output (whitespace between block elements only).
  const nl = new Html('\n');
  const parts = [
    h('header', { class: 'candor-policy__header' },
      h('h1', { id: `${ID_PREFIX}policy-title` }, text(policy.title) || t('policy.label')),
      h('p', { class: 'candor-policy__meta' },
        h('span', { class: 'candor-policy__version' }, t('policy.version', { version: policy.version })),
        policy.effective && [' ', h('span', { class: 'candor-policy__effective' }, t('policy.effective', { date: date(policy.effective) }))],
      ),
      policy.summary && h('p', { class: 'candor-policy__summary' }, text(policy.summary)),
    ),
    h('nav', { class: 'candor-policy__toc', 'aria-labelledby': `${ID_PREFIX}contents` },
      h('h2', { id: `${ID_PREFIX}contents` }, t('policy.contents')),
      h('ol', {}, toc.map(([id, label]) => h('li', {}, h('a', { href: `#${id}` }, label)))),
    ),
    ...sections.map(section),
    signals(),
    controller(),
    archive(),
  ].filter(Boolean);
  const article = h('article', { class: 'candor-policy', lang: locale, 'aria-labelledby': `${ID_PREFIX}policy-title` },
    parts.map((part) => [nl, part]), nl);
  return { html: article.html, locale, title: text(policy.title) || t('policy.label'), summary: text(policy.summary) };
}

/**
 * A standalone HTML document with the policy.
 * @param {object} candor
 * @param {object} config
 * @param {{ locale?: string, origin?: string, css?: string }} [options] `css`: href of a stylesheet (e.g. candor-policy.css)
 */
export function renderDocument(candor, config, options = {}) {
  const { html, locale, title, summary } = renderArticle(candor, config, options);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    summary && `<meta name="description" content="${escapeAttribute(summary)}">`,
    options.css && `<link rel="stylesheet" href="${escapeAttribute(options.css)}">`,
  ].filter(Boolean);
  return `<!doctype html>\n<html lang="${escapeAttribute(locale)}">\n<head>\n${head.join('\n')}\n</head>\n<body>\n<main>\n${html}\n</main>\n</body>\n</html>\n`;
}
