#!/usr/bin/env node
// `npm run bench` (issue #7, items 3–5): loads six minimal pages cold and interleaved in the machine's Chromium —
// no consent tool, a static HTML/CSS banner (the floor), Candor (dist/candor.min.js), vanilla-cookieconsent 3 and
// Klaro, plus Candor with two preload hints (for information) — then runs the scale test (bench/scale.mjs) and writes docs/benchmarks.md and bench/results.json.
//
//   npm run bench                     15 rounds + scale test (about 2 minutes on 2 cores)
//   npm run bench -- --quick          3 rounds + a lighter scale test (a smoke run)
//   npm run bench -- --rounds 30      more rounds
//   npm run bench -- --no-scale       skip the scale test (keeps the last scale results in the report)
//   npm run bench -- --scale          only the scale test (keeps the last benchmark results in the report)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../scripts/lib/browser.mjs';
import {
  ROOT,
  countBytes,
  getMetrics,
  heapAfterGC,
  machine,
  median,
  openPage,
  parseArgs,
  snapshotDist,
  startServer,
  summary,
  withWatchdog,
} from './lib.mjs';
import { runScale } from './scale.mjs';
import { writeReport } from './report.mjs';

/** The five pages. `detect` returns the banner's element: the one whose visibility is timed. */
export const TOOLS = [
  { id: 'none', name: 'No consent tool', page: '/bench/pages/none.html', detect: null },
  {
    id: 'static',
    name: 'Static HTML/CSS banner (floor)',
    page: '/bench/pages/static.html',
    detect: `() => document.getElementById('static-banner')`,
  },
  {
    id: 'candor',
    name: 'Candor',
    page: '/bench/pages/candor.html',
    // The <candor-banner> Candor mounts, and inside its shadow root the banner region itself.
    detect: `() => document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="base"]')`,
  },
  {
    id: 'candor-preload',
    name: 'Candor + preload hints',
    page: '/bench/pages/candor-preload.html',
    // The same page with <link rel="preload"> for the config and candor-ui.min.js: not a target, it measures that fix.
    detect: `() => document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="base"]')`,
  },
  {
    id: 'cookieconsent',
    name: 'vanilla-cookieconsent 3.1.0',
    page: '/bench/pages/cookieconsent.html',
    detect: `() => document.querySelector('#cc-main .cm')`,
  },
  {
    id: 'klaro',
    name: 'Klaro 0.7.22',
    page: '/bench/pages/klaro.html',
    detect: `() => document.querySelector('.klaro .cookie-notice')`,
  },
];

export const PEERS = ['cookieconsent', 'klaro'];
const SETTLE_MS = 500; // after the banner shows: late layout shifts, transitions, stray requests
const TIMEOUT_MS = 15_000;
const LOAD_WATCHDOG_MS = 45_000;

/** One cold load of one page; returns its measurements. */
async function measureLoad(browser, origin, tool) {
  const { context, page, cdp, responses, errors } = await openPage(browser, { detect: tool.detect });
  try {
    return await withWatchdog(context, LOAD_WATCHDOG_MS, tool.id, async () => {
      await page.goto(origin + tool.page, { waitUntil: 'load', timeout: TIMEOUT_MS });
      let verified = null;
      if (tool.detect) {
        // Polled with a plain evaluate (not waitForFunction, which injects Playwright's own script into the page's heap).
        const shown = await page.evaluate(
          (timeout) =>
            new Promise((resolve) => {
              const until = performance.now() + timeout;
              const poll = () =>
                window.__bench.visibleAt !== null ? resolve(true) : performance.now() > until ? resolve(false) : setTimeout(poll, 20);
              poll();
            }),
          TIMEOUT_MS,
        );
        if (!shown) throw new Error(`${tool.id}: no visible banner within ${TIMEOUT_MS} ms`);
        // The banner shown is the tool's own, with the page's text in it (Candor's: inside the shadow root).
        verified = await page.evaluate(() => {
          const el = window.__bench.find();
          const text = (el?.innerText || el?.textContent || '').replace(/\s+/g, ' ');
          return { ok: /analytics, advertising/.test(text), text: text.slice(0, 160) };
        });
        if (!verified.ok) throw new Error(`${tool.id}: the visible element is not the expected banner: "${verified.text}"`);
      } else {
        // The same in-page calls as the other pages make (their compiled code counts in the heap), answering at once.
        await page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(window.__bench.visibleAt), 0)));
        await page.evaluate(() => String(window.__bench.find?.() ?? '').slice(0, 160));
      }
      await page.waitForTimeout(SETTLE_MS);
      const metrics = await getMetrics(cdp);
      const heap = await heapAfterGC(cdp);
      const inPage = await page.evaluate(() => {
        const B = window.__bench;
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          visibleAt: B.visibleAt,
          cls: B.cls,
          shifts: B.shifts,
          longestTask: B.longestTask,
          longTasks: B.longTasks,
          fcp: fcp ? fcp.startTime : null,
          domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
          load: nav?.loadEventEnd ?? null,
          htmlEnd: nav?.responseEnd ?? null,
          resources: performance.getEntriesByType('resource').map((e) => ({
            path: new URL(e.name).pathname,
            start: e.startTime,
            end: e.responseEnd,
          })),
        };
      });
      const loaded = await Promise.all(responses);
      // Scripts and stylesheets, and the config JSON Candor fetches (the peers' configs are scripts, counted anyway).
      const jsCss = countBytes(
        loaded.filter((r) => ['script', 'stylesheet'].includes(r.type) || new URL(r.url).pathname.endsWith('.json')),
        ['script', 'stylesheet', 'fetch', 'xhr', 'other'],
      );
      const all = countBytes(loaded, ['document', 'script', 'stylesheet', 'fetch', 'xhr', 'other']);
      return {
        tool: tool.id,
        ...inPage,
        scriptMs: metrics.ScriptDuration * 1000,
        taskMs: metrics.TaskDuration * 1000,
        heap,
        bytes: { raw: jsCss.raw, gzip: jsCss.gzip, brotli: jsCss.brotli },
        files: jsCss.files,
        allBytes: { raw: all.raw, gzip: all.gzip, brotli: all.brotli },
        requests: loaded.length,
        errors,
      };
    });
  } finally {
    await context.close().catch(() => {});
  }
}

const METRICS = ['visibleAt', 'scriptMs', 'taskMs', 'heap', 'cls', 'longestTask', 'fcp'];

function summarise(loads, rounds) {
  const byTool = {};
  for (const tool of TOOLS) {
    const mine = loads.filter((l) => l.tool === tool.id);
    byTool[tool.id] = {
      name: tool.name,
      loads: mine.length,
      ...Object.fromEntries(METRICS.map((m) => [m, summary(mine.map((l) => l[m] ?? NaN))])),
      clsMax: Math.max(...mine.map((l) => l.cls)),
      bytes: mine[0]?.bytes,
      allBytes: mine[0]?.allBytes,
      files: mine[0]?.files,
      bytesVary: new Set(mine.map((l) => l.bytes.gzip)).size > 1,
      errors: [...new Set(mine.flatMap((l) => l.errors))],
    };
  }
  // Candor's ratio to each other page, pair by pair within a round (machine drift cancels), then the median.
  const ratios = {};
  for (const other of ['static', ...PEERS, 'none']) {
    ratios[other] = {};
    for (const m of ['visibleAt', 'scriptMs', 'taskMs', 'heap']) {
      const perRound = [];
      for (let r = 0; r < rounds; r++) {
        const c = loads.find((l) => l.round === r && l.tool === 'candor')?.[m];
        const o = loads.find((l) => l.round === r && l.tool === other)?.[m];
        if (Number.isFinite(c) && Number.isFinite(o) && o > 0) perRound.push(c / o);
      }
      ratios[other][m] = summary(perRound);
    }
    const cb = byTool.candor.bytes?.gzip;
    const ob = byTool[other].bytes?.gzip;
    ratios[other].gzip = ob ? cb / ob : NaN;
  }
  // The preload variant against the floor and Candor's plain page, the same way.
  const pairRatio = (a, b, m) => {
    const perRound = [];
    for (let r = 0; r < rounds; r++) {
      const x = loads.find((l) => l.round === r && l.tool === a)?.[m];
      const y = loads.find((l) => l.round === r && l.tool === b)?.[m];
      if (Number.isFinite(x) && Number.isFinite(y) && y > 0) perRound.push(x / y);
    }
    return summary(perRound);
  };
  const preload = {
    static: { visibleAt: pairRatio('candor-preload', 'static', 'visibleAt') },
    candor: { visibleAt: pairRatio('candor-preload', 'candor', 'visibleAt') },
  };
  // Candor's request chain, median of each step: where its banner time goes.
  const candorLoads = loads.filter((l) => l.tool === 'candor');
  const step = (pred, key) => median(candorLoads.map((l) => l.resources.find((r) => pred(r.path))?.[key] ?? NaN));
  const waterfall = {
    htmlEnd: median(candorLoads.map((l) => l.htmlEnd)),
    domContentLoaded: median(candorLoads.map((l) => l.domContentLoaded)),
    coreStart: step((p) => p.endsWith('/candor.min.js'), 'start'),
    coreEnd: step((p) => p.endsWith('/candor.min.js'), 'end'),
    configStart: step((p) => p.endsWith('/candor.json'), 'start'),
    configEnd: step((p) => p.endsWith('/candor.json'), 'end'),
    uiStart: step((p) => p.endsWith('/candor-ui.min.js'), 'start'),
    uiEnd: step((p) => p.endsWith('/candor-ui.min.js'), 'end'),
    fcp: median(candorLoads.map((l) => l.fcp)),
    visibleAt: median(candorLoads.map((l) => l.visibleAt)),
    staticVisibleAt: byTool.static.visibleAt.median,
  };
  return { byTool, ratios, preload, waterfall };
}

/** A load that fails (a timeout on a busy machine) is tried again, twice at most; each retry is counted and reported. */
async function withRetry(fn, id, retries) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 2) throw err;
      retries.push(`${id}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      console.warn(`retrying ${id}: ${retries.at(-1)}`);
    }
  }
}

async function runBenchmark(browser, origin, rounds, retries) {
  const loads = [];
  // One warm-up round, not counted: the first loads of a fresh browser pay for process and disk caches.
  for (const tool of TOOLS) await withRetry(() => measureLoad(browser, origin, tool), tool.id, retries);
  for (let round = 0; round < rounds; round++) {
    const line = [];
    for (const tool of TOOLS) {
      const load = await withRetry(() => measureLoad(browser, origin, tool), tool.id, retries);
      loads.push({ round, ...load });
      line.push(`${tool.id} ${load.visibleAt === null ? '-' : load.visibleAt.toFixed(0) + 'ms'}`);
    }
    console.log(`round ${String(round + 1).padStart(2)}/${rounds}: ${line.join('  ')}`);
  }
  return loads;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n'));
    return;
  }
  const rounds = args.rounds ?? (args.quick ? 3 : 15);
  const resultsPath = join(ROOT, 'bench', 'results.json');
  const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  const started = Date.now();
  const snapshot = snapshotDist();
  const server = await startServer({ distDir: snapshot.dir });
  const browser = await launchChromium();
  const results = { ...previous };
  try {
    const info = machine(browser.version());
    if (args.main) {
      console.log(`benchmark: ${rounds} rounds × ${TOOLS.length} pages, cold and interleaved, on ${info.cpu} (${info.cores} cores)`);
      const t0 = Date.now();
      const retries = [];
      const loads = await runBenchmark(browser, server.origin, rounds, retries);
      results.benchmark = {
        machine: info,
        rounds,
        quick: args.quick,
        settleMs: SETTLE_MS,
        seconds: (Date.now() - t0) / 1000,
        retries,
        ...summarise(loads, rounds),
        loads: loads.map(({ resources, files, ...rest }) => rest),
      };
    }
    if (args.scale) {
      const t0 = Date.now();
      results.scale = { machine: info, ...(await runScale(browser, snapshot.dir, { quick: args.quick })) };
      results.scale.seconds = (Date.now() - t0) / 1000;
    }
  } finally {
    await browser.close();
    await server.close();
    snapshot.remove();
  }
  results.totalSeconds = (Date.now() - started) / 1000;
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 1)}\n`);
  const path = writeReport(results);
  console.log(`wrote ${path} and bench/results.json in ${results.totalSeconds.toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

