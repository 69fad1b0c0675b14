// Scale test (issue #7, item 5), run by `npm run bench` (or alone: `npm run bench -- --scale`): a generated config with
// 200 purposes and a policy of 150 sections (about 300 KB of Markdown), served to Candor's script tag. Measures, in
// cold contexts: the banner showing, opening the preference centre, toggling purposes and saving (each from the
// trusted input event to the frame that shows its result, plus the browser's Event Timing duration), the longest
// task, the JS heap after GC, and the time <candor-policy> takes to render all 150 sections.
import { launchChromium } from '../scripts/lib/browser.mjs';
import { countBytes, getMetrics, heapAfterGC, median, openPage, snapshotDist, startServer, withWatchdog } from './lib.mjs';

export const PURPOSES = 200;
export const SECTIONS = 150;
const TOGGLES = 20;

const WORDS = (
  'we process personal data about visitors customers and staff only for the purposes listed here and keep it no longer ' +
  'than needed the controller answers requests within one month and may extend that by two months where requests are ' +
  'complex or numerous data is stored in the European Economic Area and transfers rely on standard contractual clauses'
).split(' ');

/** Deterministic pseudo-random words (a linear congruential generator), so every run serves the same config. */
function words(seed, count) {
  let x = seed * 2654435761 >>> 0;
  const out = [];
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(WORDS[x % WORDS.length]);
  }
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

function sectionBody(i) {
  return [
    `${words(i, 60)}. See [the register of processing](/privacy/register#s${i}) and *section ${i}* for **details**.`,
    '',
    `## Categories of data (${i})`,
    '',
    `- ${words(i + 1, 12)}`,
    `- ${words(i + 2, 12)}`,
    `- ${words(i + 3, 12)}`,
    `- Contact: [privacy@example.com](mailto:privacy@example.com)`,
    '',
    '| Data | Purpose | Kept for | Basis |',
    '|---|---|---|---|',
    ...[0, 1, 2, 3].map((r) => `| ${words(i * 7 + r, 3)} | ${words(i * 11 + r, 4)} | ${1 + ((i + r) % 24)} months | ${r % 2 ? 'Consent' : 'Contract'} |`),
    '',
    `### Your rights (${i})`,
    '',
    `1. ${words(i + 4, 20)}.`,
    `2. ${words(i + 5, 20)}.`,
    '',
    `> ${words(i + 6, 25)}.`,
    '',
    `${words(i + 7, 70)}. Code such as \`purpose_${i}\` is shown as written.`,
  ].join('\n');
}

export function scaleConfig() {
  const purposes = [{ id: 'necessary', label: 'Strictly necessary', description: 'Needed for the site to work.', basis: 'necessary' }];
  for (let i = 1; i < PURPOSES; i++) {
    const basis = i % 5 === 0 ? 'legitimate-interest' : 'consent';
    purposes.push({
      id: `purpose-${i}`,
      label: `Purpose ${i}: ${words(i, 3)}`,
      description: `${words(i + 1000, 22)}.`,
      basis,
      ...(i % 3 === 0 ? { signals: ['gpc'] } : {}),
      vendors: [
        { name: `Vendor ${i}a`, url: `https://vendor-${i}a.example/privacy` },
        { name: `Vendor ${i}b` },
      ],
      // Cookies need consent: a legitimate-interest purpose cannot list them (validateConfig, standards E7).
      ...(basis === 'consent' ? { cookies: [`_p${i}`, `/^_p${i}_/`] } : {}),
    });
  }
  const sections = [];
  for (let i = 1; i <= SECTIONS; i++) sections.push({ id: `sec-${i}`, title: `Section ${i}: ${words(i + 500, 4)}`, body: sectionBody(i) });
  return {
    policy: {
      id: 'scale-privacy',
      version: '2026-01-01',
      effective: '2026-01-01',
      title: 'Privacy policy (scale test)',
      summary: 'A generated policy with 150 sections and 200 purposes, for the scale test.',
      url: '/bench/generated/policy.html',
      controller: { name: 'Example Ltd', email: 'privacy@example.com', address: '1 Example Street\nExampleton' },
      sections,
      revisions: [{ version: '2026-01-01', effective: '2026-01-01', material: true, summary: 'First version.' }],
    },
    purposes,
  };
}

const page = (title, body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="stylesheet" href="/dist/candor-policy.css">
    <script src="/dist/candor.min.js" data-config="/bench/generated/scale.json"></script>
    <style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem}</style>
  </head>
  <body>
${body}
  </body>
</html>
`;

const BANNER = `() => document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="base"]')`;

/** Runs in the page: every frame, until `test()` is true or the timeout; resolves to performance.now() of that frame. */
const untilFrame = ([source, timeout]) =>
  new Promise((resolve) => {
    const test = (0, eval)(source);
    const until = performance.now() + timeout;
    const tick = () => {
      let ok = false;
      try {
        ok = test();
      } catch {}
      if (ok) resolve(performance.now());
      else if (performance.now() > until) resolve(null);
      else requestAnimationFrame(tick);
    };
    tick();
  });

const PREFS_DIALOG = `() => {
  const prefs = [...document.querySelectorAll('candor-preferences')].map((el) => el.shadowRoot?.querySelector('dialog'));
  return prefs.find((d) => d && d.open && window.__bench.visible(d.querySelector('[part~="panel"]') || d)) || null;
}`;

/**
 * A trusted mouse click on the element `expression` evaluates to in the page, scrolled to the middle of the viewport
 * first (the scroll is not timed). Coordinates and page.mouse, not Playwright locators, so that Playwright's own script
 * is never injected into the page (it would count in the JS heap).
 */
async function clickAt(pg, expression) {
  const box = await pg.evaluate(`(() => {
    const el = (${expression});
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`);
  if (!box) throw new Error(`scale: nothing to click for ${expression}`);
  await pg.waitForTimeout(50); // let the scroll settle before the timed interaction
  await pg.mouse.click(box.x, box.y);
}

const SWITCHES = `[...document.querySelectorAll('candor-preferences')].flatMap((el) => [...(el.shadowRoot?.querySelectorAll('[part~="switch"]:not([disabled])') ?? [])])`;

/** The time of the last trusted pointerdown (the probe records it), for "input to frame" durations. */
async function lastInput(pg) {
  return pg.evaluate(() => window.__bench.lastInput ?? null);
}

async function bannerSession(browser, origin) {
  const { context, page: pg, cdp, responses, errors } = await openPage(browser, { detect: BANNER });
  try {
    return await withWatchdog(context, 90_000, 'scale bannerSession', async () => {
      await pg.goto(`${origin}/bench/generated/banner.html`, { waitUntil: 'load' });
      await pg.evaluate(() => addEventListener('pointerdown', (e) => (window.__bench.lastInput = e.timeStamp), true));
      const visibleAt = await pg.evaluate(untilFrame, [`() => window.__bench.visibleAt !== null`, 15000]);
      if (visibleAt === null) throw new Error('scale: the banner did not show');
      const bannerVisible = await pg.evaluate(() => window.__bench.visibleAt);
      const loadLongest = await pg.evaluate(() => window.__bench.longestTask);
      const loadMetrics = await getMetrics(cdp);

      const heapBanner = await heapAfterGC(cdp);

      // Open the preference centre from the banner's Customise button.
      await clickAt(pg, `document.querySelector('candor-banner').shadowRoot.querySelector('[part~="customise"]')`);
      const prefsAt = await pg.evaluate(untilFrame, [`${PREFS_DIALOG}`, 15000]);
      if (prefsAt === null) throw new Error('scale: the preference centre did not open');
      const openMs = prefsAt - (await lastInput(pg));
      const rows = await pg.evaluate(`(${PREFS_DIALOG})().querySelectorAll('[part~="purpose"]').length`);

      // Toggle purposes spread over the whole list.
      const count = await pg.evaluate(`${SWITCHES}.length`);
      const toggleMs = [];
      for (let k = 0; k < TOGGLES; k++) {
        const index = Math.floor((k * (count - 1)) / (TOGGLES - 1));
        const before = await pg.evaluate(`(window.__bench.target = ${SWITCHES}[${index}]).getAttribute('aria-checked')`);
        await clickAt(pg, 'window.__bench.target');
        const at = await pg.evaluate(untilFrame, [`() => window.__bench.target.getAttribute('aria-checked') !== ${JSON.stringify(before)}`, 5000]);
        if (at === null) throw new Error(`scale: switch ${index} did not change`);
        toggleMs.push(at - (await lastInput(pg)));
      }
      const heapPrefsOpen = await heapAfterGC(cdp);

      // Save, and wait for the dialog and the banner to go.
      await clickAt(pg, `(${PREFS_DIALOG})().querySelector('[part~="save"]')`);
      const closedAt = await pg.evaluate(untilFrame, [
        `() => !(${PREFS_DIALOG})() && !window.__bench.visible((${BANNER})())`,
        15000,
      ]);
      if (closedAt === null) throw new Error('scale: saving did not close the preference centre and the banner');
      const saveMs = closedAt - (await lastInput(pg));
      await pg.waitForTimeout(300);
      const saved = await pg.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.includes('candor'));
        return key ? localStorage.getItem(key).length : 0;
      });
      const inPage = await pg.evaluate(() => ({
        longestTask: window.__bench.longestTask,
        longTasks: window.__bench.longTasks,
        cls: window.__bench.cls,
        events: window.__bench.events,
      }));
      const metrics = await getMetrics(cdp);
      const heapAfterSave = await heapAfterGC(cdp);
      const loaded = await Promise.all(responses);
      // Event Timing: the browser's own input-to-next-paint duration per interaction (entries of 16 ms and more only).
      const perInteraction = new Map();
      for (const e of inPage.events) if (e.id) perInteraction.set(e.id, Math.max(perInteraction.get(e.id) ?? 0, e.duration));
      return {
        bannerVisible,
        loadLongest,
        loadScriptMs: loadMetrics.ScriptDuration * 1000,
        rows,
        openMs,
        toggleMs,
        saveMs,
        savedBytes: saved,
        longestTask: inPage.longestTask,
        longTasks: inPage.longTasks,
        cls: inPage.cls,
        worstEventMs: Math.max(0, ...perInteraction.values()),
        scriptMs: metrics.ScriptDuration * 1000,
        taskMs: metrics.TaskDuration * 1000,
        heapBanner,
        heapPrefsOpen,
        heapAfterSave,
        bytes: countBytes(loaded),
        configBytes: countBytes(loaded, ['fetch', 'xhr']),
        errors,
      };
    });
  } finally {
    await context.close().catch(() => {});
  }
}

async function policySession(browser, origin) {
  const { context, page: pg, cdp, responses, errors } = await openPage(browser, { detect: BANNER });
  try {
    return await withWatchdog(context, 90_000, 'scale policySession', async () => {
      await pg.goto(`${origin}/bench/generated/policy.html`, { waitUntil: 'load' });
      const renderedAt = await pg.evaluate(untilFrame, [
        `() => { const p = document.querySelector('candor-policy'); return p && p.rendered && document.getElementById('candor-sec-${SECTIONS}') && document.getElementById('candor-sec-${SECTIONS}').getBoundingClientRect().height > 0; }`,
        30000,
      ]);
      if (renderedAt === null) throw new Error('scale: <candor-policy> did not render the last section');
      await pg.waitForTimeout(500);
      const info = await pg.evaluate(() => ({
        sections: [...document.querySelectorAll('candor-policy [id^="candor-sec-"]')].filter((el) => /^candor-sec-\d+$/.test(el.id)).length,
        tables: document.querySelectorAll('candor-policy table').length,
        nodes: document.querySelectorAll('*').length,
        textKB: document.querySelector('candor-policy').textContent.length / 1024,
        bannerVisible: window.__bench.visibleAt,
        longestTask: window.__bench.longestTask,
        longTasks: window.__bench.longTasks,
        cls: window.__bench.cls,
        setHTML: typeof Element.prototype.setHTML === 'function',
        uiRequestedAt: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/candor-ui.min.js'))?.startTime ?? null,
        policyScriptAt: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/candor-policy.min.js'))?.responseEnd ?? null,
        configAt: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/scale.json'))?.responseEnd ?? null,
      }));
      const metrics = await getMetrics(cdp);
      const heap = await heapAfterGC(cdp);
      const loaded = await Promise.all(responses);
      return {
        renderedAt,
        ...info,
        scriptMs: metrics.ScriptDuration * 1000,
        taskMs: metrics.TaskDuration * 1000,
        layoutMs: metrics.LayoutDuration * 1000,
        heap,
        bytes: countBytes(loaded),
        errors,
      };
    });
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} distDir the dist/ snapshot to serve
 */
export async function runScale(browser, distDir, { quick = false } = {}) {
  const config = scaleConfig();
  const json = JSON.stringify(config);
  const markdown = config.policy.sections.reduce((n, s) => n + s.body.length + s.title.length, 0);
  const extra = new Map([
    ['/bench/generated/scale.json', { type: 'application/json; charset=utf-8', body: json }],
    ['/bench/generated/banner.html', { type: 'text/html; charset=utf-8', body: page('Scale: banner', '    <main><h1>Scale test</h1><p>200 purposes.</p></main>') }],
    [
      '/bench/generated/policy.html',
      { type: 'text/html; charset=utf-8', body: page('Scale: policy', '    <main>\n      <candor-policy></candor-policy>\n    </main>') },
    ],
  ]);
  const server = await startServer({ distDir, extra });
  const runs = quick ? 1 : 3;
  const banner = [];
  const policy = [];
  try {
    for (let i = 0; i < runs; i++) {
      banner.push(await bannerSession(browser, server.origin));
      policy.push(await policySession(browser, server.origin));
      const b = banner.at(-1);
      const p = policy.at(-1);
      console.log(
        `scale ${i + 1}/${runs}: banner ${b.bannerVisible.toFixed(0)} ms, preferences open ${b.openMs.toFixed(0)} ms, ` +
          `toggle median ${median(b.toggleMs).toFixed(0)} ms, save ${b.saveMs.toFixed(0)} ms, longest task ${b.longestTask.toFixed(0)} ms; ` +
          `policy rendered ${p.renderedAt.toFixed(0)} ms, longest task ${p.longestTask.toFixed(0)} ms`,
      );
    }
  } finally {
    await server.close();
  }
  return {
    purposes: config.purposes.length,
    sections: config.policy.sections.length,
    markdownBytes: markdown,
    configBytes: Buffer.byteLength(json),
    toggles: TOGGLES,
    runs,
    banner,
    policy,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const snapshot = snapshotDist();
  const browser = await launchChromium();
  try {
    const result = await runScale(browser, snapshot.dir, { quick: process.argv.includes('--quick') });
    console.log(JSON.stringify(result, (k, v) => (k === 'files' ? undefined : v), 1));
  } finally {
    await browser.close();
    snapshot.remove();
  }
}
