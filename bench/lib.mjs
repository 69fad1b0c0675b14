// Shared pieces of the benchmark (bench/run.mjs) and the scale test (bench/scale.mjs): a server over a snapshot of
// dist/, the in-page probes, per-load CDP metrics, byte counting and statistics.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, release, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { contentType, createStaticServer, listen } from '../scripts/lib/static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies dist/*.min.js and dist/*.css to a temporary directory, so a rebuild during the run cannot hand one load a
 * half-written file, and every load of a run measures the same bytes. Waits while dist/ is being written (a file
 * changed in the last 3 s, or during the copy), so the snapshot is never half of one build and half of another.
 */
export function snapshotDist() {
  const distDir = join(ROOT, 'dist');
  if (!existsSync(join(distDir, 'candor.min.js'))) {
    console.error('dist/candor.min.js not found: run `npm run build` first');
    process.exit(1);
  }
  const files = () => readdirSync(distDir).filter((file) => file.endsWith('.min.js') || file.endsWith('.css'));
  const stamp = () => files().map((file) => `${file}:${statSync(join(distDir, file)).mtimeMs}`).join('|');
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const newest = Math.max(...files().map((file) => statSync(join(distDir, file)).mtimeMs));
    if (Date.now() - newest < 3000 && Date.now() < deadline) {
      sleep(1000);
      continue;
    }
    const before = stamp();
    for (const file of files()) cpSync(join(distDir, file), join(dir, file));
    if (stamp() === before || Date.now() >= deadline) break;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Serves the repository root, except `/dist/` (from the snapshot) and any path in `extra` (generated bodies).
 * @param {{ distDir: string, extra?: Map<string, { type: string, body: string | Buffer }> }} options
 */
export async function startServer({ distDir, extra = new Map() }) {
  const server = createStaticServer({
    root: ROOT,
    handle(req, res, url) {
      const generated = extra.get(url.pathname);
      if (generated) {
        res.writeHead(200, { 'Content-Type': generated.type, 'Cache-Control': 'no-store' });
        res.end(generated.body);
        return true;
      }
      if (url.pathname.startsWith('/dist/')) {
        const name = url.pathname.slice('/dist/'.length);
        if (!/^[\w.-]+$/.test(name) || !existsSync(join(distDir, name))) {
          res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
          res.end('Not Found\n');
          return true;
        }
        const body = readFileSync(join(distDir, name));
        res.writeHead(200, { 'Content-Type': contentType(name), 'Content-Length': body.length, 'Cache-Control': 'no-store' });
        res.end(body);
        return true;
      }
      return false;
    },
  });
  return listen(server);
}

export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/**
 * The in-page probe, installed before any script of the page runs. `detect` is the source of a function returning the
 * banner's element (or null); from the first frame, every animation frame checks whether that element is visible
 * (rendered, not `visibility: hidden`, not `opacity: 0`, with a box inside the viewport) and records performance.now()
 * (ms since navigation start) the first time it is. Also sums layout shifts (CLS) and keeps the longest task.
 */
export function probeSource(detect) {
  return `(() => {
    const B = (window.__bench = { visibleAt: null, cls: 0, shifts: 0, longestTask: 0, longTasks: 0, events: [] });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) { B.cls += e.value; B.shifts++; }
      }).observe({ type: 'layout-shift', buffered: true });
    } catch {}
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) { B.longestTask = Math.max(B.longestTask, e.duration); B.longTasks++; }
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) B.events.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId });
      }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    } catch {}
    const detect = ${detect ?? 'null'};
    if (!detect) return;
    B.visible = (el) => {
      if (!el || !el.isConnected) return false;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    };
    B.find = detect;
    const tick = () => {
      let el = null;
      try { el = detect(); } catch {}
      if (B.visible(el)) { B.visibleAt = performance.now(); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;
}

/** CDP metrics as an object of name → value. */
export async function getMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** JS heap in use after a full garbage collection, in bytes. */
export async function heapAfterGC(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await getMetrics(cdp)).JSHeapUsedSize;
}

/**
 * A fresh context and page with the cache off, the probe installed, thread-tick metrics on, and every response body
 * kept (for byte counts).
 */
export async function openPage(browser, { detect, viewport = { width: 1280, height: 800 } }) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  await context.addInitScript({ content: probeSource(detect) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const responses = [];
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('response', (response) => {
    const request = response.request();
    responses.push(
      response
        .body()
        .then((body) => ({ url: response.url(), type: request.resourceType(), status: response.status(), body }))
        .catch(() => ({ url: response.url(), type: request.resourceType(), status: response.status(), body: Buffer.alloc(0) })),
    );
  });
  return { context, page, cdp, responses, errors };
}

/**
 * Runs `fn` against an opened page with a watchdog: past `ms`, the context is closed (which ends a renderer stuck in
 * a loop and makes every pending call reject) and the error says so.
 */
export async function withWatchdog(context, ms, label, fn) {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    context.close().catch(() => {});
  }, ms);
  try {
    return await fn();
  } catch (err) {
    if (timedOut) throw new Error(`${label}: no result within ${ms / 1000} s (the page hung; its context was closed)`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Sums raw/gzip/brotli bytes of the responses of the given resource types. */
export function countBytes(loaded, types = ['script', 'stylesheet']) {
  const total = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const r of loaded) {
    if (!types.includes(r.type) || r.status !== 200) continue;
    const size = compressedSizes(r.body);
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
    total.files.push({ path: new URL(r.url).pathname, ...size });
  }
  return total;
}

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

export function summary(values) {
  return { median: quantile(values, 0.5), p10: quantile(values, 0.1), p90: quantile(values, 0.9), n: values.filter(Number.isFinite).length };
}

export function machine(browserVersion) {
  const cpu = cpus();
  let os = `${type()} ${release()}`;
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const name = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1];
    if (name) os = `${name} (${type()} ${release()})`;
  } catch {}
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpu.length,
    os,
    node: process.version,
    chromium: browserVersion,
    date: new Date().toISOString(),
  };
}

export function parseArgs(argv) {
  const args = { rounds: undefined, quick: false, scale: true, main: true, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a.startsWith('--rounds=')) args.rounds = Number(a.slice(9));
    else if (a === '--scale') args.main = false; // only the scale test; the benchmark's last saved results are reused
    else if (a === '--no-scale') args.scale = false;
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}
