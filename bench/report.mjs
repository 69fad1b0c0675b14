// Writes docs/benchmarks.md from bench/results.json (see bench/run.mjs). Everything in the file is generated, except
// the block between <!-- notes:start --> and <!-- notes:end -->, which is kept from the previous file as written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, median } from './lib.mjs';

const DOC = join(ROOT, 'docs', 'benchmarks.md');
const PEERS = ['cookieconsent', 'klaro'];
const ORDER = ['none', 'static', 'candor', 'candor-preload', 'cookieconsent', 'klaro'];
const BANNER_FLOOR_FACTOR = 1.15;
const PATHOLOGICAL_TASK_MS = 200;

const DEFAULT_NOTES = `## Notes

- **Fairness.** Each tool is set up as its documentation shows: Candor's script tag first in \`<head>\` with
  \`data-config\` (the config is a JSON file Candor fetches); vanilla-cookieconsent's stylesheet in \`<head>\` and
  \`cookieconsent.umd.js\` with \`CookieConsent.run({…})\` at the end of \`<body>\`; Klaro's config script and
  \`klaro.js\` (its default bundle, with its CSS and translations) as \`defer\` scripts in \`<head>\`. The peers take
  their config inline in a script; Candor fetches it, which costs it one request. vanilla-cookieconsent runs with
  \`hideFromBots: false\`, as it otherwise hides its banner from automated browsers such as this one.
- **Banner visible** is timed by the same probe for every tool: from the first frame, each animation frame checks the
  tool's banner element (\`#static-banner\`; \`candor-banner\`'s shadow \`[part~="base"]\`; \`#cc-main .cm\`;
  \`.klaro .cookie-notice\`) and records \`performance.now()\` (ms since navigation start) the first frame it is
  rendered, not \`visibility: hidden\`, not \`opacity: 0\` and inside the viewport. Times are therefore quantised to
  frames (about 16.7 ms). A fade-in counts from its first non-transparent frame. Each load also checks that the
  visible element holds the page's banner text (inside Candor's shadow root for Candor). vanilla-cookieconsent
  inserts its banner at about DOMContentLoaded but starts its 250 ms fade-in only 100 ms later (it adds its
  \`cc--anim\` class in a \`setTimeout(…, 100)\`), which adds about 100 ms to its banner time; that delay is its design, and
  it is measured as it is.
- **Longest task** comes from the Long Tasks API, which reports only tasks of 50 ms or more: 0 means none.
- **Script and task time** are the renderer's main-thread totals from CDP \`Performance.getMetrics\` with thread
  ticks (CPU time), from process start to the end of the load plus ${'${settle}'} ms; they include the probe's few
  microseconds per frame, the same for every page. **Heap** is \`JSHeapUsedSize\` after two forced collections.
- **Bytes** are those of every script and stylesheet the page actually received (files Candor loads lazily
  included), plus the config JSON Candor fetches (the peers' configs are scripts, counted anyway), compressed here with gzip level 9 and brotli quality 11 as \`npm run size\` does. The static banner's
  CSS is inline in its HTML, so it has no JS or CSS file.
- The machine is shared and small: absolute times move from run to run. The ratios, taken pair by pair within a
  round, are the figures to compare.`;

const fmtMs = (x) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) : '–');
const fmtKB = (b) => (Number.isFinite(b) ? (b / 1024).toFixed(1) : '–');
const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const fmtCls = (x) => (Number.isFinite(x) ? (x === 0 ? '0' : x.toFixed(3)) : '–');
const spread = (s, f) => (s && Number.isFinite(s.p10) ? `${f(s.p10)}–${f(s.p90)}` : '–');

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '--:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function benchmarkSection(b) {
  const t = b.byTool;
  const m = b.machine;
  const out = [];
  out.push(`## Results`);
  out.push('');
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless); ${m.date.slice(0, 16).replace('T', ' ')} UTC. ` +
      `${b.rounds} rounds × ${ORDER.length} pages = ${b.rounds * ORDER.length} measured loads (after one warm-up round), cold ` +
      `(a new browser context per load, HTTP cache disabled), interleaved round by round (${ORDER.join(', ')}), ` +
      `served from 127.0.0.1 without compression; the benchmark took ${b.seconds.toFixed(0)} s.` +
      (b.quick ? ' **Quick run: too few loads for conclusions.**' : ''),
  );
  out.push('');
  out.push('Median (p90) per load:');
  out.push('');
  out.push(
    table(
      ['page', 'banner visible, ms', 'script, ms', 'tasks, ms', 'JS heap, KB', 'JS+CSS+config raw, KB', 'gzip, KB', 'brotli, KB', 'CLS (max)', 'longest task ≥ 50 ms'],
      ORDER.map((id) => {
        const x = t[id];
        const pair = (s, f) => (Number.isFinite(s.median) ? `${f(s.median)} (${f(s.p90)})` : '–');
        return [
          x.name + (id === 'candor' ? ' **←**' : id === 'candor-preload' ? ' (informative)' : ''),
          id === 'none' ? 'no banner' : pair(x.visibleAt, fmtMs),
          pair(x.scriptMs, fmtMs),
          pair(x.taskMs, fmtMs),
          pair(x.heap, fmtKB),
          fmtKB(x.bytes.raw),
          fmtKB(x.bytes.gzip),
          fmtKB(x.bytes.brotli),
          `${fmtCls(x.cls.median)} (${fmtCls(x.clsMax)})`,
          x.longestTask.p90 > 0 ? `${fmtMs(x.longestTask.median)} (${fmtMs(x.longestTask.p90)})` : '0',
        ];
      }),
    ),
  );
  out.push('');
  out.push('Spread, p10–p90:');
  out.push('');
  out.push(
    table(
      ['page', 'banner visible, ms', 'script, ms', 'tasks, ms', 'JS heap, KB', 'first contentful paint, ms'],
      ORDER.map((id) => {
        const x = t[id];
        return [x.name, id === 'none' ? '–' : spread(x.visibleAt, fmtMs), spread(x.scriptMs, fmtMs), spread(x.taskMs, fmtMs), spread(x.heap, fmtKB), spread(x.fcp, fmtMs)];
      }),
    ),
  );
  out.push('');
  out.push('Files received (scripts, stylesheets, and the config JSON Candor fetches; the peers\' configs are scripts):');
  out.push('');
  out.push(
    table(
      ['page', 'file', 'raw, B', 'gzip, B', 'brotli, B'],
      ORDER.flatMap((id) => (t[id].files ?? []).map((f) => [t[id].name, `\`${f.path}\``, f.raw, f.gzip, f.brotli])),
    ),
  );
  out.push('');
  out.push(
    '### Candor relative to the others\n\nMedian of the per-round ratios Candor ÷ other (below 1: Candor lower), with the p10–p90 of those ratios. ' +
      'Bytes are the same on every load, so their ratio is a single number. "Candor" is the plain page (script tag only); the targets use it. ' +
      '"Candor + preload hints" is the same page with two `<link rel="preload">` (config, `candor-ui.min.js`), measured to show what that fix gains. ' +
      'No script ratio is given to pages that run under 1 ms of script (only the probe).',
  );
  out.push('');
  const ratioRows = ['static', ...PEERS, 'none'].map((id) => {
    const r = b.ratios[id];
    const cell = (s) => (s && Number.isFinite(s.median) ? `${fmtRatio(s.median)} (${fmtRatio(s.p10)}–${fmtRatio(s.p90)})` : '–');
    // A ratio to a page that runs almost no script (only the probe) says nothing: shown as "–".
    return [t[id].name, cell(r.visibleAt), t[id].scriptMs.median < 1 ? '–' : cell(r.scriptMs), cell(r.taskMs), cell(r.heap), Number.isFinite(r.gzip) && t[id].bytes.gzip ? fmtRatio(r.gzip) : '–'];
  });
  out.push(table(['Candor ÷', 'banner visible', 'script', 'tasks', 'JS heap', 'gzip bytes'], ratioRows));
  out.push('');
  const errors = ORDER.flatMap((id) => t[id].errors.map((e) => `${t[id].name}: ${e}`));
  out.push(errors.length ? `Page errors during the loads: ${errors.map((e) => `\`${e}\``).join('; ')}.` : 'No page errors in any load.');
  if (b.retries?.length) out.push('', `Loads retried after a failure (not counted): ${b.retries.map((e) => `\`${e}\``).join('; ')}.`);
  return out.join('\n');
}

/** Item 4: each target with the measured value, PASS or MISS, and for each miss why and what would fix it. */
function targets(b) {
  const t = b.byTool;
  const r = b.ratios;
  const w = b.waterfall;
  const rows = [];
  const misses = [];
  const verdict = (ok) => (ok ? '**PASS**' : '**MISS**');
  const chain =
    `In the median Candor load the HTML has arrived by ${fmtMs(w.htmlEnd)} ms; \`candor.min.js\` is fetched ${fmtMs(w.coreStart)}–${fmtMs(w.coreEnd)} ms; ` +
    `the config \`candor.json\` ${fmtMs(w.configStart)}–${fmtMs(w.configEnd)} ms` +
    (w.configStart >= w.coreEnd - 1 ? ' (requested as soon as the core runs)' : '') +
    (Number.isFinite(w.uiStart)
      ? `; \`candor-ui.min.js\` ${fmtMs(w.uiStart)}–${fmtMs(w.uiEnd)} ms` +
        (w.uiStart >= w.configEnd - 1
          ? ` (requested ${fmtMs(w.uiStart - w.configEnd)} ms after the config arrived: the UI loader waits until the config is validated and the stored choice read)`
          : ' (in parallel with the config)') +
        `; the banner is visible at ${fmtMs(w.visibleAt)} ms, ${fmtMs(w.visibleAt - w.uiEnd)} ms after the UI bundle arrived (evaluating Lit and the elements, first render). `
      : `; the banner is visible at ${fmtMs(w.visibleAt)} ms, ${fmtMs(w.visibleAt - w.configEnd)} ms after the config arrived. `) +
    `The static banner paints with the HTML, at ${fmtMs(w.staticVisibleAt)} ms. Served from 127.0.0.1 each request costs a few ms; on a real network each link of ` +
    'this chain costs at least a round trip, so the gap widens with latency.';
  const chainFix =
    (Number.isFinite(w.uiStart) && w.uiStart >= w.configEnd - 1
      ? 'request `candor-ui.min.js` at the same time when storage holds no valid decision (a banner will be needed whatever the config says), instead of after the config; '
      : '') +
    'document `<link rel="preload">` hints for the config and `candor-ui.min.js`; accept the config inline (a `<script type="application/json">`) to save a request; ' +
    'and render the first layer without Lit from the core, so the banner shows straight after the config.';

  // 1. Banner visible ≤ 1.15× the static floor.
  const floor = r.static.visibleAt.median;
  const okFloor = floor <= BANNER_FLOOR_FACTOR;
  rows.push([
    `Banner visible ≤ ${BANNER_FLOOR_FACTOR}× the static floor`,
    `${fmtRatio(floor)} (Candor ${fmtMs(t.candor.visibleAt.median)} ms, floor ${fmtMs(t.static.visibleAt.median)} ms)`,
    verdict(okFloor),
  ]);
  const cap = (text) => text[0].toUpperCase() + text.slice(1);
  const measuredHints =
    b.preload && t['candor-preload']
      ? ` Measured here: the same page with \`<link rel="preload">\` for the config and \`candor-ui.min.js\` (\`bench/pages/candor-preload.html\`) shows ` +
        `the banner at ${fmtMs(t['candor-preload'].visibleAt.median)} ms, ${fmtRatio(b.preload.static.visibleAt.median)} the floor ` +
        `(${fmtRatio(b.preload.candor.visibleAt.median)} Candor without the hints): ` +
        (b.preload.static.visibleAt.median <= BANNER_FLOOR_FACTOR ? 'the hints alone meet the target.' : 'the hints help, but do not meet the target alone.')
      : '';
  if (!okFloor) misses.push(`**Banner visible vs the floor (${fmtRatio(floor)}, target ≤ ${BANNER_FLOOR_FACTOR}×).** ${chain} Fix: ${cap(chainFix)}${measuredHints}`);

  // 2. Banner visible ≤ every peer.
  for (const peer of PEERS) {
    const x = r[peer].visibleAt.median;
    const ok = x <= 1;
    rows.push([`Banner visible ≤ ${t[peer].name}`, `${fmtRatio(x)} (${fmtMs(t.candor.visibleAt.median)} vs ${fmtMs(t[peer].visibleAt.median)} ms)`, verdict(ok)]);
    if (!ok)
      misses.push(
        `**Banner visible vs ${t[peer].name} (${fmtRatio(x)}).** ${t[peer].name} shows its banner at ${fmtMs(t[peer].visibleAt.median)} ms from ` +
          `${t[peer].files.length} file(s) with its config inline, without a further request. ` +
          (okFloor ? `Candor waits for a request chain: ${chain} Fix: ${cap(chainFix)}` : 'Candor waits for the request chain described in the previous point; the same fixes apply.'),
      );
  }

  // 3. Main-thread script time ≤ every peer.
  for (const peer of PEERS) {
    const x = r[peer].scriptMs.median;
    const ok = x <= 1;
    rows.push([`Main-thread script time ≤ ${t[peer].name}`, `${fmtRatio(x)} (${fmtMs(t.candor.scriptMs.median)} vs ${fmtMs(t[peer].scriptMs.median)} ms)`, verdict(ok)]);
    if (!ok) {
      const candorJs = t.candor.files.filter((f) => f.path.endsWith('.js')).reduce((n, f) => n + f.raw, 0);
      const peerJs = t[peer].files.filter((f) => f.path.endsWith('.js')).reduce((n, f) => n + f.raw, 0);
      misses.push(
        `**Script time vs ${t[peer].name} (${fmtRatio(x)}: ${fmtMs(t.candor.scriptMs.median)} vs ${fmtMs(t[peer].scriptMs.median)} ms).** ` +
          `Candor compiles and runs ${fmtKB(candorJs)} KB of minified JavaScript (${t.candor.files.filter((f) => f.path.endsWith('.js')).map((f) => `\`${f.path.split('/').pop()}\``).join(' + ')}; ` +
          'the UI bundle is Lit with the banner and the preference centre) ' +
          `against ${fmtKB(peerJs)} KB for ${t[peer].name}. ` +
          'Fix: a smaller core and UI bundle (the budgets of `npm run size`), and a first layer that renders without Lit so the UI bundle is needed only for the preference centre.',
      );
    }
  }

  // 4. Gzip bytes ≤ vanilla-cookieconsent's.
  {
    const c = t.candor.bytes.gzip;
    const v = t.cookieconsent.bytes.gzip;
    const ok = c <= v;
    rows.push([`JS+CSS gzip ≤ ${t.cookieconsent.name}`, `${fmtKB(c)} vs ${fmtKB(v)} KB (${fmtRatio(c / v)})`, verdict(ok)]);
    if (!ok) {
      const parts = t.candor.files.map((f) => `\`${f.path.split('/').pop()}\` ${fmtKB(f.gzip)} KB`).join(' + ');
      const vparts = t.cookieconsent.files.map((f) => `\`${f.path.split('/').pop()}\` ${fmtKB(f.gzip)} KB`).join(' + ');
      misses.push(
        `**Gzip bytes vs ${t.cookieconsent.name} (${fmtKB(c)} KB vs ${fmtKB(v)} KB, ${fmtKB(c - v)} KB over).** A first visit with the banner loads ${parts}; ` +
          `${t.cookieconsent.name} loads ${vparts}. Candor's core carries config validation with per-field problems, GPC/DNT, ` +
          'policy versions and change notices, consent records, Consent Mode’s default and script gating, and its UI bundle carries Lit. ' +
          `Fix: cut the core toward its 13 KB budget (issue 3) and the UI bundle, or render the banner's first layer without Lit — together about ${fmtKB(c - v)} KB gzip must go.`,
      );
    }
  }

  // 5. Zero layout shift.
  {
    const max = t.candor.clsMax;
    const ok = max === 0;
    rows.push(['Zero layout shift (CLS of every Candor load)', `max ${fmtCls(max)} over ${t.candor.loads} loads`, verdict(ok)]);
    if (!ok)
      misses.push(
        `**Layout shift (max CLS ${fmtCls(max)}).** Candor's banner is fixed to the viewport and should shift nothing; a non-zero value means an element ` +
          'it inserts in the page flow (the reopen button, a change notice) moves content. Fix: reserve its space or keep it out of the flow.',
      );
  }
  const passed = rows.filter((row) => row[2].includes('PASS')).length;
  const out = [`## Targets (issue #7, item 4)`, '', `${passed} of ${rows.length} met.${b.quick ? ' (Quick run.)' : ''}`, '', table(['target', 'measured', 'verdict'], rows)];
  if (misses.length) {
    out.push('', '### Missed targets: why, and what would fix them', '');
    for (const miss of misses) out.push(`- ${miss}`);
  }
  return out.join('\n');
}

function scaleSection(s) {
  const b = s.banner;
  const p = s.policy;
  const med = (xs) => median(xs);
  const max = (xs) => Math.max(...xs);
  const toggles = b.flatMap((x) => x.toggleMs);
  /** A table row: `label`, then the median and the largest of `key` over `loads`, formatted by `fmt`. */
  const stat = (label, loads, key, fmt) => [label, fmt(med(loads.map((x) => x[key]))), fmt(max(loads.map((x) => x[key])))];
  const rows = [
    stat('Banner visible (ms from navigation)', b, 'bannerVisible', fmtMs),
    stat('Preference centre open: click → dialog visible with all rows (ms)', b, 'openMs', fmtMs),
    [`Toggle a purpose: click → switch flipped on screen (ms, ${s.toggles} per run over the list)`, fmtMs(med(toggles)), fmtMs(max(toggles))],
    stat('Save: click → dialog and banner gone (ms)', b, 'saveMs', fmtMs),
    stat('Slowest interaction by Event Timing (input → next paint, ms)', b, 'worstEventMs', fmtMs),
    stat('Longest task over the whole session (ms; 0 = none ≥ 50 ms)', b, 'longestTask', fmtMs),
    stat('Long tasks (≥ 50 ms) per session', b, 'longTasks', String),
    stat('JS heap after GC, banner shown (KB)', b, 'heapBanner', fmtKB),
    stat('JS heap after GC, preference centre open (KB)', b, 'heapPrefsOpen', fmtKB),
    stat('JS heap after GC, after saving (KB)', b, 'heapAfterSave', fmtKB),
    stat('Main-thread script time, whole session (ms)', b, 'scriptMs', fmtMs),
    stat('CLS', b, 'cls', fmtCls),
  ];
  const prow = [
    stat(`Policy rendered: all ${s.sections} sections laid out (ms from navigation)`, p, 'renderedAt', fmtMs),
    stat('Longest task (ms)', p, 'longestTask', fmtMs),
    stat('Long tasks (≥ 50 ms)', p, 'longTasks', String),
    stat('Banner visible on the same page (ms)', p, 'bannerVisible', fmtMs),
    stat('Main-thread script time (ms)', p, 'scriptMs', fmtMs),
    stat('Layout time (ms)', p, 'layoutMs', fmtMs),
    stat('JS heap after GC (KB)', p, 'heap', fmtKB),
    stat('DOM elements in the page', p, 'nodes', String),
    stat('CLS', p, 'cls', fmtCls),
  ];
  const worstTask = Math.max(...b.map((x) => x.longestTask), ...p.map((x) => x.longestTask));
  const findings = [];
  const bannerWorst = max(b.map((x) => x.longestTask));
  const policyWorst = max(p.map((x) => x.longestTask));
  if (b.some((x) => x.rows !== s.purposes)) findings.push(`The preference centre showed ${b.map((x) => x.rows).join('/')} rows for ${s.purposes} purposes.`);
  if (p.some((x) => x.sections !== s.sections)) findings.push(`The policy showed ${p.map((x) => x.sections).join('/')} sections of ${s.sections}.`);
  const pm = (key) => med(p.map((x) => x[key]));
  const policyWhy =
    'Section bodies (Markdown, then the sanitiser) are filled in slices of about 12 ms with `scheduler.yield()` between them, and ' +
    'off-screen sections skip layout (`content-visibility: auto` in `candor-policy.css`). What is left in one task is the article\'s ' +
    `skeleton (${s.sections} section headings and the table of contents, built at once so that links to any section work) with the ` +
    `first slice, and the browser's style and layout of the ${pm('nodes')} elements in the page (layout ${fmtMs(pm('layoutMs'))} ms ` +
    'per load here); not traced since the slicing. ' +
    (pm('uiRequestedAt') > pm('configAt') + 50
      ? `The banner on the same page still waits behind it: the config has arrived by ${fmtMs(pm('configAt'))} ms, but \`candor-ui.min.js\` is requested only at ` +
        `${fmtMs(pm('uiRequestedAt'))} ms, and the banner shows at ${fmtMs(pm('bannerVisible'))} ms (${fmtMs(med(b.map((x) => x.bannerVisible)))} ms on the banner page). ` +
        'Fix: request `candor-ui.min.js` before the policy renders. '
      : '') +
    'Further fix: build the skeleton in slices too.';
  if (policyWorst > PATHOLOGICAL_TASK_MS)
    findings.push(
      `**\`<candor-policy>\` with ${s.sections} sections blocks the main thread for up to ${fmtMs(policyWorst)} ms** ` +
        `(longest task, median ${fmtMs(med(p.map((x) => x.longestTask)))} ms; ${pm('longTasks')} long tasks per load); the page cannot respond meanwhile. ${policyWhy}`,
    );
  else if (policyWorst >= 50)
    findings.push(
      `\`<candor-policy>\` with ${s.sections} sections causes a longest task of up to ${fmtMs(policyWorst)} ms (median ${fmtMs(med(p.map((x) => x.longestTask)))} ms): ` +
        `under the ${PATHOLOGICAL_TASK_MS} ms line for pathological, but the page cannot respond meanwhile. ${policyWhy}`,
    );
  if (bannerWorst > PATHOLOGICAL_TASK_MS)
    findings.push(`**The banner and preference centre with ${s.purposes} purposes had a task of ${fmtMs(bannerWorst)} ms.**`);
  else
    findings.push(
      `With ${s.purposes} purposes the banner and preference centre stay responsive: no task over ${fmtMs(Math.max(bannerWorst, 50))} ms, ` +
        `opening the preference centre takes ${fmtMs(med(b.map((x) => x.openMs)))} ms (median) and a toggle ${fmtMs(med(toggles))} ms.`,
    );
  const errs = [...new Set([...b, ...p].flatMap((x) => x.errors))];
  if (errs.length) findings.push(`Page errors: ${errs.map((e) => `\`${e}\``).join('; ')}.`);
  return [
    `## Scale (issue #7, item 5)`,
    '',
    `A generated config: ${s.purposes} purposes (one necessary, every fifth legitimate interest, the rest consent; each with a description, ` +
      `two vendors and two cookie patterns) and a policy of ${s.sections} sections, ${fmtKB(s.markdownBytes)} KB of Markdown (headings, lists, ` +
      `a table, links, a quote and code in each); the config JSON is ${fmtKB(s.configBytes)} KB. Loaded through the script tag like the ` +
      `benchmark's Candor page, cold, ${s.runs} run(s) each (\`bench/scale.mjs\`); clicks are real mouse input, each timed from the ` +
      'pointerdown to the first frame showing its result.',
    '',
    `Banner page: banner, then Customise, ${s.toggles} toggles spread over the list, then Save. Median and worst of ${s.runs} run(s):`,
    '',
    table(['measure', 'median', 'worst'], rows),
    '',
    'Policy page (`<candor-policy>` with the same config):',
    '',
    table(['measure', 'median', 'worst'], prow),
    '',
    `Sanitiser used: ${p[0].setHTML ? '`Element.setHTML` (built in to this Chromium)' : 'DOMPurify (`candor-purify.min.js`)'}. Longest task seen anywhere in the scale test: ${fmtMs(worstTask)} ms.`,
    '',
    ...findings.map((f) => `- ${f}`),
  ].join('\n');
}

export function writeReport(results) {
  const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const kept = /<!-- notes:start -->\n([\s\S]*?)\n<!-- notes:end -->/.exec(previous)?.[1];
  const settle = results.benchmark?.settleMs ?? 500;
  const notes = kept ?? DEFAULT_NOTES.replace('${settle}', String(settle));
  const parts = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.mjs, bench/report.mjs) from bench/results.json. Edit only the notes block; ' +
      'the rest is rewritten on every run. -->',
    '',
    'How Candor compares, on a first visit that shows the banner, with no consent tool at all, with a static HTML/CSS ' +
      'banner that uses no JavaScript (the floor: nothing can show a banner sooner or cheaper), and with two peers, ' +
      '[vanilla-cookieconsent](https://github.com/orestbida/cookieconsent) 3 and [Klaro](https://github.com/klaro-org/klaro-js) ' +
      '(plus, for information, Candor\'s page with two preload hints). ' +
      'Every page has the same content and the same three purposes (analytics, advertising, preferences, plus strictly necessary): ' +
      '`bench/pages/`. Run `npm run bench` (`-- --quick` for a smoke run, `-- --rounds N`, `-- --scale` for the scale test alone).',
    '',
  ];
  if (results.benchmark) parts.push(targets(results.benchmark), '', benchmarkSection(results.benchmark), '');
  else parts.push('_No benchmark results yet: run `npm run bench`._', '');
  if (results.scale?.banner) parts.push(scaleSection(results.scale), '');
  else parts.push('_No scale results yet: run `npm run bench`._', '');
  parts.push('<!-- notes:start -->', notes, '<!-- notes:end -->', '');
  writeFileSync(DOC, parts.join('\n'));
  return 'docs/benchmarks.md';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'));
  console.log(`wrote ${writeReport(results)}`);
}
