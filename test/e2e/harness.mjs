// The e2e harness: a tiny case registry, the server that gives each page its real headers, one fresh
// browser context per case, and the fault figures (uncaught errors, choices lost, XSS payloads executed,
// CSP violations) that every case feeds. See docs/testing.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticServer, listen } from '../../scripts/lib/static-server.mjs';
import { FORGE_DEFAULT_CSP } from '../elements/csp/headers.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGES = '/test/e2e/pages';

/** The policy docs/csp.md gives ("A strict policy that works"), Trusted Types enforced. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html";

/** Content-Security-Policy per page; every other page under test/e2e/pages gets STRICT_CSP. */
const PAGE_CSP = {
  [`${PAGES}/forge-csp.html`]: FORGE_DEFAULT_CSP,
  // docs/csp.md "Nonces": a nonce-based policy with 'strict-dynamic' (the page's nonce is fixed: a test page).
  [`${PAGES}/nonce.html`]:
    "script-src 'nonce-e2e-nonce' 'strict-dynamic'; object-src 'none'; base-uri 'none'; style-src 'self'; " +
    "require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html",
};

// ---- registry ----

const cases = [];
/** Registers a case: `fn(t)` drives one fresh browser context (see `Case`). */
export function test(name, fn, { timeout = 15_000 } = {}) {
  cases.push({ name, fn, timeout });
}

// ---- server ----

/** What /e2e/config.json answers: the current case sets it (a JSON-able object, or a raw string). */
const served = { config: undefined, archive: {}, delayMs: 0 };

/**
 * A throwaway self-signed certificate for 127.0.0.1 (openssl, one day), so https pages can be
 * tested too: what differs there (a `Secure` cookie) cannot be seen over http.
 */
export function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch (error) {
    throw new Error(`e2e: openssl could not make a certificate for the https pages (Debian/Ubuntu: apt-get install -y openssl): ${error.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The https origin, once run.mjs started the second server (`t.open(path, { secure: true })`). */
let secureOrigin;
export function useSecureOrigin(origin) {
  secureOrigin = origin;
}

/** The same pages over http, or over https with `tls`. */
export async function startServer(tls) {
  const server = createStaticServer({
    tls,
    root,
    headers(url, type) {
      if (!type.startsWith('text/html')) return undefined;
      return { 'Content-Security-Policy': PAGE_CSP[url.pathname] ?? STRICT_CSP };
    },
    async handle(req, res, url) {
      if (url.pathname === '/e2e/config.json') {
        // A slow config (a far server): answered after `t.configDelayMs`.
        if (served.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, served.delayMs));
        const body = typeof served.config === 'string' ? served.config : JSON.stringify(served.config ?? null);
        res.writeHead(served.config === undefined ? 404 : 200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(body);
        return true;
      }
      // Archived policy versions (a revision's `src`), for the "what changed" view.
      const archived = /^\/e2e\/archive\/([\w.-]+)\.json$/.exec(url.pathname);
      if (archived) {
        const body = served.archive[archived[1]];
        res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(body === undefined ? 'Not Found\n' : JSON.stringify(body));
        return true;
      }
      if (url.pathname === '/favicon.ico') return false;
      // Only Candor's built files and the e2e pages: nothing from src/ or node_modules reaches a page.
      if (url.pathname.startsWith('/dist/') || url.pathname.startsWith(`${PAGES}/`)) return false;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not served to e2e pages\n');
      return true;
    },
  });
  return listen(server);
}

// ---- the instrument every page gets first (an init script runs before any page script, whatever the CSP) ----

function instrument() {
  const report = (entry) => {
    try {
      window.__e2eReport(entry);
    } catch {}
  };
  addEventListener(
    'securitypolicyviolation',
    (e) => report({ kind: 'csp', directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber }),
    true,
  );
  addEventListener('candor-error', (e) => {
    const d = e.detail ?? {};
    report({ kind: 'candor-error', code: d.code, message: d.message, problems: d.problems });
  });
  // Every payload of the XSS corpus calls window.__xss(n) (or parent.__xss) if it runs.
  window.__xss = (n) => report({ kind: 'xss', n });
}

// ---- figures ----

export const figures = { scenarios: 0, uncaught: 0, choicesLost: 0, xss: 0, csp: 0 };

export function waitUntil(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Names of the cases that failed on a bug in src/ (printed again at the end). */
export const bugs = [];

/**
 * A fresh context whose pages report to `log`: uncaught errors (`pageerror`), CSP violations (the
 * `securitypolicyviolation` event and the console line Chromium prints for it: one violation gives
 * both, so a page counts the larger of the two), XSS payloads run, `candor-error` events, console.
 */
async function instrumentedContext(browser) {
  const log = { pageErrors: [], csp: [], consoleCsp: [], xss: [], errors: [], console: [], lost: [], ignoreCsp: [] };
  const context = await browser.newContext({ ignoreHTTPSErrors: true }); // the https pages' certificate is self-signed
  const pageLogs = new Map(); // page → { events, console }
  await context.exposeBinding('__e2eReport', ({ page }, entry) => {
    if (entry.kind === 'csp') {
      log.csp.push(entry);
      pageLogs.get(page).events.push(entry);
    } else if (entry.kind === 'xss') log.xss.push(entry.n);
    else if (entry.kind === 'candor-error') log.errors.push({ ...entry, page });
  });
  await context.addInitScript(instrument);
  context.on('page', (page) => {
    pageLogs.set(page, { events: [], console: [] });
    page.on('pageerror', (error) => log.pageErrors.push(`${error.name}: ${error.message}`));
    page.on('console', (msg) => {
      const text = msg.text();
      log.console.push({ type: msg.type(), text, page });
      if (/Content Security Policy|Trusted Type/i.test(text)) {
        log.consoleCsp.push(text);
        pageLogs.get(page).console.push(text);
      }
    });
  });
  // A violation a case provokes on purpose (t.ignoreCsp) is not a fault.
  const counted = (list) => list.filter((item) => !log.ignoreCsp.some((expected) => expected(item))).length;
  const cspCount = () => [...pageLogs.values()].reduce((sum, { events, console: lines }) => sum + Math.max(counted(events), counted(lines)), 0);
  return { context, log, cspCount };
}

/**
 * Proves the detectors work before trusting their zeros: on a strict-CSP page, an uncaught error,
 * an inline style attribute and a call of window.__xss must each be counted. Not part of the figures.
 */
export async function selfCheck(browser, origin) {
  const { context, log, cspCount } = await instrumentedContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${PAGES}/self-check.html`);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('self-check');
      });
      document.body.setAttribute('style', 'color: red'); // blocked by style-src 'self': one violation
      window.__xss(0);
    });
    const until = Date.now() + 3000;
    while (Date.now() < until && !(log.pageErrors.length && cspCount() && log.xss.length)) await waitUntil(25);
    const missing = [];
    if (!log.pageErrors.length) missing.push('uncaught errors');
    if (!cspCount()) missing.push('CSP violations');
    if (!log.xss.length) missing.push('XSS payloads executed');
    return missing;
  } finally {
    await context.close().catch(() => {});
  }
}

/** Runs every registered case; returns { passed, failed }. */
export async function runCases(browser, origin, { filter } = {}) {
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    if (filter && !c.name.includes(filter)) continue;
    figures.scenarios++;
    const started = Date.now();
    const { context, log, cspCount } = await instrumentedContext(browser);
    const t = new Case(context, origin, log);
    let error;
    let timer;
    try {
      await Promise.race([
        c.fn(t),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${c.timeout} ms`)), c.timeout);
        }),
      ]);
    } catch (err) {
      error = err;
    } finally {
      clearTimeout(timer);
    }
    await waitUntil(50); // let late reports (bindings, console) arrive
    await Promise.race([context.close().catch(() => {}), waitUntil(5000)]);
    const csp = cspCount();
    figures.uncaught += log.pageErrors.length;
    figures.xss += log.xss.length;
    figures.csp += csp;
    figures.choicesLost += log.lost.length;
    const faults = [];
    if (log.pageErrors.length) faults.push(`uncaught errors: ${log.pageErrors.join(' | ')}`);
    if (log.xss.length) faults.push(`XSS payloads executed: ${log.xss.join(', ')}`);
    const unexpected = (list) => list.filter((item) => !log.ignoreCsp.some((expected) => expected(item)));
    if (csp) faults.push(`CSP violations: ${JSON.stringify(unexpected(log.csp))} ${unexpected(log.consoleCsp).join(' | ')}`);
    const ms = Date.now() - started;
    if (!error && faults.length === 0) {
      passed++;
      console.log(`ok   ${c.name} (${ms} ms)`);
    } else {
      failed++;
      console.log(`FAIL ${c.name} (${ms} ms)`);
      if (error?.bug) bugs.push(c.name);
      if (error) console.log(indent(error.bug ? `BUG: ${error.message}` : error.stack ?? String(error)));
      for (const fault of faults) console.log(indent(fault));
    }
  }
  return { passed, failed };
}

function indent(text) {
  return String(text)
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}

/** Marks a failure as a bug in src/ (printed as "BUG: …"). */
export function bug(message) {
  const error = new Error(message);
  error.bug = true;
  return error;
}

// ---- what a case gets ----

class Case {
  constructor(context, origin, log) {
    this.context = context;
    this.origin = origin;
    this.log = log;
  }

  /** Sets what /e2e/config.json serves from now on (and forgets archived versions). */
  set config(value) {
    served.config = value;
    served.archive = {};
    served.delayMs = 0;
  }

  /** Answers /e2e/config.json only after this many ms (set after `config`). */
  set configDelayMs(ms) {
    served.delayMs = ms;
  }

  /** Serves an archived config at /e2e/archive/<version>.json. */
  archive(version, config) {
    served.archive[version] = config;
  }

  /** A new page in this case's context, at `path` (under test/e2e/pages when relative); over https with `secure`. */
  async open(path, { ready = true, secure = false } = {}) {
    const page = await this.context.newPage();
    await page.goto(this.url(path, secure));
    if (ready) await this.ready(page);
    return page;
  }

  url(path, secure = false) {
    if (secure && !secureOrigin) throw new Error('e2e: no https server (run.mjs starts one)');
    return `${secure ? secureOrigin : this.origin}${path.startsWith('/') ? path : `${PAGES}/${path}`}`;
  }

  async reload(page) {
    await page.reload();
    await this.ready(page);
  }

  /** Waits for window.candor.ready. */
  async ready(page) {
    await page.evaluate(() => window.candor.ready.then(() => true));
  }

  /** A JSON copy of window.candor.getState(). */
  state(page) {
    return page.evaluate(() => {
      const state = window.candor.getState();
      return state && JSON.parse(JSON.stringify(state));
    });
  }

  /** { purposeId: granted } of the effective state. */
  async granted(page) {
    const state = await this.state(page);
    assert.ok(state, 'window.candor.getState() is null');
    return Object.fromEntries(Object.entries(state.choices).map(([id, choice]) => [id, choice.granted]));
  }

  /** { purposeId: source } of the effective state. */
  async sources(page) {
    const state = await this.state(page);
    return Object.fromEntries(Object.entries(state.choices).map(([id, choice]) => [id, choice.source]));
  }

  /**
   * Asserts a choice the person made is still what the page applies; a mismatch counts in the
   * "choices lost" figure (and fails the case).
   */
  async expectChoices(page, expected, what) {
    const actual = await this.granted(page);
    const lost = Object.entries(expected).filter(([id, granted]) => actual[id] !== granted);
    if (lost.length) {
      this.log.lost.push(what);
      assert.fail(`choices lost (${what}): expected ${JSON.stringify(expected)}, page applies ${JSON.stringify(actual)}`);
    }
  }

  async saveStatus(page) {
    return page.evaluate(() => window.candor.ready.then((consent) => consent.saveStatus));
  }

  /** The raw value under a localStorage key (null when absent or unreadable). */
  stored(page, key = 'candor:consent') {
    return page.evaluate((k) => {
      try {
        return Storage.prototype.getItem.call(localStorage, k);
      } catch {
        return null;
      }
    }, key);
  }

  /** The banner's shadow DOM text when it shows its first layer, else null. */
  banner(page) {
    return page.evaluate(() => document.querySelector('candor-banner')?.shadowRoot?.querySelector('section')?.textContent?.replace(/\s+/g, ' ').trim() ?? null);
  }

  /** Waits until the banner's first layer is shown; returns its text. */
  async waitForBanner(page, what = 'the banner to show') {
    await this.waitFor(page, () => Boolean(document.querySelector('candor-banner')?.shadowRoot?.querySelector('section')), what);
    return this.banner(page);
  }

  /** Asserts no banner shows (its UI may not even be loaded). Waits a moment for late rendering. */
  async expectNoBanner(page, what = 'no banner') {
    await waitUntil(250);
    assert.equal(await this.banner(page), null, what);
  }

  async waitFor(page, fn, what, arg, timeout = 8000) {
    try {
      await page.waitForFunction(fn, arg, { timeout });
    } catch (error) {
      throw new Error(`waiting for ${what}: ${error.message.split('\n')[0]}`);
    }
  }

  /** A banner button by its name, through the shadow root. */
  bannerButton(page, name) {
    return page.locator('candor-banner').getByRole('button', { name, exact: true });
  }

  /** candor-error events so far (optionally of one code). */
  errors(code) {
    return this.log.errors.filter((e) => code === undefined || e.code === code);
  }

  async waitForError(code, what = `a candor-error with code ${code}`, timeout = 5000) {
    const until = Date.now() + timeout;
    while (Date.now() < until) {
      const found = this.errors(code);
      if (found.length) return found;
      await waitUntil(25);
    }
    throw new Error(`waiting for ${what}: none came; errors so far: ${JSON.stringify(this.errors().map(({ page, ...e }) => e))}`);
  }

  /** Excludes violations the case provokes on purpose (`predicate` gets an event entry or a console line). */
  ignoreCsp(predicate) {
    this.log.ignoreCsp.push(predicate);
  }

  /** Console messages so far (optionally of one type). */
  consoleMessages(type) {
    return this.log.console.filter((m) => type === undefined || m.type === type).map((m) => m.text);
  }
}
