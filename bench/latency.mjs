#!/usr/bin/env node
// `npm run bench:latency`: time to a visible banner on a first visit when every request costs network latency,
// which the main benchmark (bench/run.mjs, served from 127.0.0.1 with no delay) cannot show: Candor's chain
// core → config → UI costs a round trip per link there. Chromium's network emulation (CDP) adds `latency` ms to
// each request and caps throughput; pages and detection are the benchmark's own (TOOLS in bench/run.mjs).
//
//   npm run bench:latency                       50 ms per request, 9 cold rounds, interleaved
//   npm run bench:latency -- --latency 100 --rounds 15
//
// Prints a table (median and p10–p90 in ms, and the ratio to the static floor); writes nothing.
import { launchChromium } from '../scripts/lib/browser.mjs';
import { median, snapshotDist, startServer } from './lib.mjs';
import { TOOLS } from './run.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const latency = arg('latency', 50);
const rounds = arg('rounds', 9);
const tools = TOOLS.filter((tool) => tool.detect);

const snapshot = snapshotDist();
const server = await startServer({ distDir: snapshot.dir });
const browser = await launchChromium();
const times = Object.fromEntries(tools.map((tool) => [tool.id, []]));
try {
  for (let round = 0; round <= rounds; round += 1) {
    for (const tool of tools) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        // About a good 4G link: `latency` per request, 10 Mbit/s down, 5 up.
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: 1_250_000, uploadThroughput: 625_000 });
        await page.goto(server.origin + tool.page, { waitUntil: 'commit' });
        const visibleAt = await page.evaluate(
          (detect) =>
            new Promise((resolve, reject) => {
              const find = new Function(`return (${detect})()`);
              const until = performance.now() + 15_000;
              const poll = () => {
                const element = find();
                if (element && element.getBoundingClientRect().height > 0) resolve(performance.now());
                else if (performance.now() > until) reject(new Error('no banner within 15 s'));
                else requestAnimationFrame(poll);
              };
              poll();
            }),
          tool.detect,
        );
        if (round > 0) times[tool.id].push(visibleAt); // round 0 warms the server and the browser
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  snapshot.remove();
}

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const floor = median(times.static);
console.log(`Banner visible on a first visit, ${latency} ms latency per request, ${rounds} cold rounds (ms from navigation):\n`);
console.log('| page | median | p10–p90 | ÷ static floor |');
console.log('|---|--:|--:|--:|');
for (const tool of tools) {
  const values = times[tool.id];
  const m = median(values);
  console.log(`| ${tool.name} | ${Math.round(m)} | ${Math.round(quantile(values, 0.1))}–${Math.round(quantile(values, 0.9))} | ${(m / floor).toFixed(2)}× |`);
}
