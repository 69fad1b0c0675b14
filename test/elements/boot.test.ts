// The script-tag build, as a site owner uses it: the BUILT dist/candor.min.js (run `npm run build`
// first; `npm test` does) loaded by a classic <script data-config> in a fresh iframe per test.
// DESIGN.md "JavaScript API" (window.candor, candorQueue), "Build outputs"; issue 3 item 8.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CandorGlobal } from '../../src/boot.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import type { ConsentState } from '../../src/core/types.js';

const SCRIPT = '/dist/candor.min.js';
const CONFIG = '/test/elements/fixtures/boot-config.json';
const TAG = `<script src="${SCRIPT}" data-config="${CONFIG}"></script>`;

/** What the DESIGN promises on window.candor (plus `ready`, checked apart: it is a promise). */
const API_FUNCTIONS = [
  'getState',
  'granted',
  'acceptAll',
  'rejectAll',
  'set',
  'acknowledge',
  'withdraw',
  'showPreferences',
  'createConsent',
  'memoryStorage',
  'webStorage',
  'cookieStorage',
];

type FrameWindow = Window &
  typeof globalThis & {
    candor: CandorGlobal;
    candorQueue: unknown;
    __errors: string[];
    __consoleErrors: string[];
    __events: string[];
    [key: string]: unknown;
  };

interface Page {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  doc: Document;
}

/**
 * Recorder that runs first in every test page: uncaught errors and failed resource loads (capture
 * phase), unhandled rejections, console.error calls and Candor's events on window.
 */
const RECORDER = `<script>
  window.__errors = []; window.__consoleErrors = []; window.__events = [];
  addEventListener('error', function (e) {
    var where = e.filename || (e.target && (e.target.src || e.target.href)) || '';
    window.__errors.push((e.message || ('failed to load ' + (e.target && e.target.localName))) + ' @ ' + where);
  }, true);
  addEventListener('unhandledrejection', function (e) { window.__errors.push('unhandled rejection: ' + String(e.reason)); });
  var consoleError = console.error;
  console.error = function () {
    window.__consoleErrors.push(Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
  ['candor-ready', 'candor-change', 'candor-error'].forEach(function (type) {
    addEventListener(type, function () { window.__events.push(type); });
  });
</script>`;

const frames: HTMLIFrameElement[] = [];

/** Opens `<head>${head}</head><body>${body}</body>` in a same-origin iframe and waits for its load event. */
async function openPage(head: string, body = '', lang = 'en'): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Candor boot test</title>${RECORDER}${head}</head><body><main><h1>Test page</h1></main>${body}</body></html>`;
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  return { frame, win, doc: frame.contentDocument! };
}

/** Plain copy of a value from the iframe's realm (chai compares prototypes). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function noErrors(page: Page): void {
  expect(plain(page.win.__errors), 'error events in the page').to.deep.equal([]);
  expect(plain(page.win.__consoleErrors), 'console.error in the page').to.deep.equal([]);
}

async function bannerRendered(page: Page, banner: Element): Promise<void> {
  await waitUntil(
    () => page.win.customElements.get('candor-banner') !== undefined && (banner.shadowRoot?.querySelectorAll('button').length ?? 0) >= 3,
    '<candor-banner> never rendered its buttons',
    { timeout: 5000 },
  );
}

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
  localStorage.clear();
});


/** Put first in a page's <head>: records every candor-error detail from before candor.min.js runs. */
const LISTEN_ERRORS = `<script>window.__details = []; addEventListener('candor-error', function (e) { window.__details.push(e.detail); });</script>`;
/** The candor-error details LISTEN_ERRORS recorded in `page`. */
const errorDetails = (page: Page): Array<{ code: string; message: string }> =>
  (page.win as unknown as { __details: Array<{ code: string; message: string }> }).__details;

describe('script-tag boot (dist/candor.min.js)', () => {
  it('mounts a <candor-consent> with a rendered <candor-banner> when the page has none', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    const roots = page.doc.querySelectorAll('candor-consent');
    expect(roots.length, '<candor-consent> count').to.equal(1);
    const root = roots[0] as CandorConsentElement;
    expect(root.getAttribute('src')).to.equal(CONFIG);
    expect(root.consent?.config.policy.id).to.equal('boot-test');
    const banner = root.querySelector('candor-banner');
    expect(banner, '<candor-banner> inside <candor-consent>').to.exist;
    await bannerRendered(page, banner!);
    expect(page.doc.querySelectorAll('candor-banner').length, 'one banner').to.equal(1);
    noErrors(page);
  });

  it('a page in German loads the German strings file, and only that one, before the banner', async () => {
    const page = await openPage(TAG, '', 'de');
    await page.win.candor.ready;
    const banner = page.doc.querySelector('candor-banner')!;
    await bannerRendered(page, banner);
    const names = [...banner.shadowRoot!.querySelectorAll('button')].map((button) => button.textContent?.trim());
    expect(names).to.deep.equal(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
    const scripts = [...page.doc.querySelectorAll('script[src]')].map((script) => new URL((script as HTMLScriptElement).src).pathname);
    expect(scripts.filter((path) => path.includes('candor-i18n-'))).to.deep.equal(['/dist/candor-i18n-de.min.js']);
    noErrors(page);
  });

  it('a page in English loads no strings file', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    await bannerRendered(page, page.doc.querySelector('candor-banner')!);
    expect([...page.doc.querySelectorAll('script[src*="candor-i18n-"]')]).to.have.length(0);
  });

  it('a page that switches <html lang> later loads that language\'s strings file and the banner follows', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    const banner = page.doc.querySelector('candor-banner')!;
    await bannerRendered(page, banner);
    const names = (): string[] => [...banner.shadowRoot!.querySelectorAll('button')].map((button) => button.textContent?.trim() ?? '');
    expect(names()[0]).to.equal('Accept all');
    page.doc.documentElement.lang = 'fr';
    await waitUntil(() => names()[0] === 'Tout accepter', 'the banner in French', { timeout: 5000 });
    expect(banner.getAttribute('lang')).to.equal('fr');
    expect([...page.doc.querySelectorAll('script[src*="candor-i18n-"]')].map((script) => new URL((script as HTMLScriptElement).src).pathname)).to.deep.equal(['/dist/candor-i18n-fr.min.js']);
    noErrors(page);
  });

  it('defines no __tcfapi or __gpp: other CMP standards bridge through window.candor (standards T1)', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    const globals = page.win as unknown as Record<string, unknown>;
    expect(globals['__tcfapi']).to.equal(undefined);
    expect(globals['__gpp']).to.equal(undefined);
    expect(typeof page.win.candor.getState).to.equal('function');
  });

  it('exposes window.candor with the DESIGN API', async () => {
    const page = await openPage(TAG);
    const { candor } = page.win;
    expect(candor, 'window.candor').to.exist;
    expect(typeof candor.ready?.then, 'ready is a promise').to.equal('function');
    const missing = API_FUNCTIONS.filter((name) => typeof (candor as unknown as Record<string, unknown>)[name] !== 'function');
    expect(missing, 'missing functions').to.deep.equal([]);
    const consent = await candor.ready;
    const root = page.doc.querySelector('candor-consent') as CandorConsentElement;
    expect(consent === root.consent, 'ready resolves with the root\'s controller').to.equal(true);
    noErrors(page);
  });

  it('has no host cookie consent (npm only, like forgeStorage): a host option is reported as an input error and grants nothing', async () => {
    const page = await openPage(TAG);
    const candor = page.win.candor as unknown as {
      createConsent(options: unknown): { ready: Promise<unknown>; granted(id: string): boolean; destroy(): void };
      memoryStorage(): unknown;
    };
    const config = await (await fetch(CONFIG)).json() as Record<string, unknown>;
    config['host'] = { cookieCategories: { analytics: 'analytics' } };
    const errors: Array<{ code: string; message: string }> = [];
    let asked = 0;
    const consent = candor.createConsent({
      config,
      storage: candor.memoryStorage(),
      signals: { gpc: false, dnt: false },
      host: { cookiePreferences: () => (asked++, { analytics: true }) },
      onError: (error: { code: string; message: string }) => errors.push(plain(error)),
    });
    await consent.ready;
    expect(consent.granted('analytics'), 'the host grant is not applied').to.equal(false);
    expect(asked, 'the host is not asked').to.equal(0);
    expect(errors.map((e) => e.code)).to.deep.equal(['input']);
    expect(errors[0]!.message).to.contain('npm build');
    consent.destroy();
  });

  it('getState() is null before ready and a state after; granted() is false before ready', async () => {
    const page = await openPage(
      TAG,
      '<script>window.__before = { state: window.candor.getState(), necessary: window.candor.granted("necessary") };</script>',
    );
    expect(plain(page.win['__before'])).to.deep.equal({ state: null, necessary: false });
    await page.win.candor.ready;
    const state = page.win.candor.getState();
    expect(state?.policyId).to.equal('boot-test');
    expect(plain(Object.keys(state!.choices)).sort()).to.deep.equal(['advertising', 'analytics', 'marketing-email', 'necessary', 'sale-share']);
    expect(page.win.candor.granted('necessary')).to.equal(true);
    expect(page.win.candor.granted('analytics')).to.equal(false);
    noErrors(page);
  });

  it('calls made before ready wait for it (acceptAll() right after the script tag)', async () => {
    const page = await openPage(TAG, '<script>window.__accepted = window.candor.acceptAll();</script>');
    const state = (await (page.win['__accepted'] as Promise<ConsentState>)) as ConsentState;
    expect(state.choices['analytics']?.granted, 'resolved state').to.equal(true);
    expect(page.win.candor.granted('analytics')).to.equal(true);
    expect(page.win.candor.granted('advertising')).to.equal(true);
    const root = page.doc.querySelector('candor-consent') as CandorConsentElement;
    expect(root.consent?.granted('analytics'), 'on the mounted root').to.equal(true);
    noErrors(page);
  });

  it('fires candor-ready (once) and candor-change on window', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    await waitUntil(() => page.win.__events.includes('candor-ready'), 'candor-ready on window');
    await page.win.candor.acceptAll();
    expect(plain(page.win.__events)).to.deep.equal(['candor-ready', 'candor-change']);
    noErrors(page);
  });

  it('runs candorQueue callbacks queued before it loaded, and later pushes at once', async () => {
    const page = await openPage(
      `<script>
        window.__calls = [];
        (window.candorQueue = window.candorQueue || []).push(function (c) { window.__calls.push(['early-1', c === window.candor]); });
        window.candorQueue.push(function (c) { window.__calls.push(['early-2', c === window.candor]); });
      </script>
      ${TAG}
      <script>
        window.__afterScript = window.__calls.length;
        window.candorQueue.push(function (c) { window.__calls.push(['late', c === window.candor]); });
        window.__lateRanAtOnce = window.__calls.length === 3;
      </script>`,
    );
    expect(page.win['__afterScript'], 'queued callbacks ran while the script ran').to.equal(2);
    expect(page.win['__lateRanAtOnce'], 'a later push runs at once').to.equal(true);
    expect(plain(page.win['__calls'])).to.deep.equal([
      ['early-1', true],
      ['early-2', true],
      ['late', true],
    ]);
    // A push after ready also runs at once.
    await page.win.candor.ready;
    let ran = false;
    (page.win.candorQueue as { push(callback: (c: CandorGlobal) => void): unknown }).push((c) => (ran = c === page.win.candor));
    expect(ran).to.equal(true);
    noErrors(page);
  });

  it('a throwing queued callback does not stop the others or the boot', async () => {
    const page = await openPage(
      `<script>
        window.__calls = [];
        window.candorQueue = [function () { throw new Error('owner bug'); }, function () { window.__calls.push('second'); }];
      </script>
      ${TAG}`,
    );
    expect(plain(page.win['__calls'])).to.deep.equal(['second']);
    await page.win.candor.ready;
    expect(page.doc.querySelectorAll('candor-consent').length).to.equal(1);
    // The owner's throw is reported through console.error, never as an uncaught error.
    expect(plain(page.win.__errors)).to.deep.equal([]);
    expect(page.win.__consoleErrors.some((line) => line.includes('owner bug')), 'reported').to.equal(true);
  });

  it('is safe to include twice: one definition, one boot, one root, the same window.candor', async () => {
    const page = await openPage(
      `<script>window.__queued = 0; window.candorQueue = [function () { window.__queued += 1; }];</script>
      ${TAG}
      <script>window.__first = window.candor;</script>
      ${TAG}`,
    );
    expect(page.win.candor === page.win['__first'], 'window.candor is the same object').to.equal(true);
    await page.win.candor.ready;
    expect(page.win['__queued'], 'a queued callback runs once').to.equal(1);
    expect(page.doc.querySelectorAll('candor-consent').length, '<candor-consent> count').to.equal(1);
    const banner = page.doc.querySelector('candor-banner');
    expect(banner).to.exist;
    await bannerRendered(page, banner!);
    expect(page.doc.querySelectorAll('candor-banner').length, '<candor-banner> count').to.equal(1);
    await page.win.candor.acceptAll();
    expect(plain(page.win.__events.filter((type) => type === 'candor-change')), 'one change event').to.have.length(1);
    noErrors(page);
  });

  it('mounts nothing more when the page has its own <candor-consent>, and acts on it', async () => {
    const page = await openPage(
      TAG,
      `<candor-consent id="own" src="${CONFIG}" storage="memory"></candor-consent>`,
    );
    const consent = await page.win.candor.ready;
    const roots = page.doc.querySelectorAll('candor-consent');
    expect(roots.length, '<candor-consent> count').to.equal(1);
    const own = page.doc.getElementById('own') as CandorConsentElement;
    expect(consent === own.consent, 'window.candor uses the page\'s root').to.equal(true);
    expect(page.doc.querySelector('candor-banner'), 'no banner added to the page\'s own root').to.equal(null);
    expect(page.win.candor.getState() === own.consent!.state).to.equal(true);
    await page.win.candor.acceptAll();
    expect(own.consent!.granted('analytics')).to.equal(true);
    expect(page.win.candor.getState() === own.consent!.state).to.equal(true);
    expect(localStorage.length, 'the page\'s storage="memory" is used').to.equal(0);
    noErrors(page);
  });

  it('acts on the page\'s own <candor-consent> placed before the script in the body', async () => {
    const page = await openPage(
      '',
      `<candor-consent id="own" src="${CONFIG}" storage="memory"><candor-banner></candor-banner></candor-consent>${TAG}`,
    );
    await page.win.candor.ready;
    expect(page.doc.querySelectorAll('candor-consent').length).to.equal(1);
    expect(page.doc.querySelectorAll('candor-banner').length).to.equal(1);
    const own = page.doc.getElementById('own') as CandorConsentElement;
    await bannerRendered(page, own.querySelector('candor-banner')!);
    await page.win.candor.rejectAll();
    expect(own.consent!.granted('marketing-email')).to.equal(false);
    expect(own.consent!.granted('necessary')).to.equal(true);
    noErrors(page);
  });

  it('showPreferences() opens a modal preference centre (created when the page has none)', async () => {
    const page = await openPage(TAG);
    await page.win.candor.ready;
    await page.win.candor.showPreferences();
    await waitUntil(
      () => page.doc.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === true,
      'the preference centre dialog never opened',
      { timeout: 5000 },
    );
    expect(page.doc.querySelectorAll('candor-preferences').length).to.equal(1);
    noErrors(page);
  });

  it('a data-candor="accept-all" trigger on the page acts on the mounted root', async () => {
    const page = await openPage(TAG, '<footer><a href="#" data-candor="accept-all">Accept all</a></footer>');
    await page.win.candor.ready;
    const before = page.win.location.href;
    (page.doc.querySelector('[data-candor]') as HTMLElement).click();
    await waitUntil(() => page.win.candor.granted('analytics'), 'the trigger did not accept');
    expect(page.win.candor.granted('advertising')).to.equal(true);
    expect(page.win.location.href, 'no navigation').to.equal(before);
    noErrors(page);
  });

  it('a data-candor="show-preferences" footer link opens the preference centre on the first click', async () => {
    const page = await openPage(TAG, '<footer><a href="#" data-candor="show-preferences">Privacy choices</a></footer>');
    await page.win.candor.ready;
    (page.doc.querySelector('[data-candor]') as HTMLElement).click();
    await waitUntil(
      () => page.doc.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === true,
      'the preference centre dialog never opened',
      { timeout: 5000 },
    );
    noErrors(page);
  });

  describe('cookie storage (its adapter is candor-cookie.min.js, loaded only where used)', () => {
    const cookieFile = (win: Window): PerformanceEntryList =>
      win.performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/candor-cookie.min.js'));
    afterEach(() => {
      document.cookie = 'candor_consent=; Max-Age=0; Path=/';
    });

    it('a page that keeps choices in localStorage never loads it', async () => {
      const page = await openPage(TAG);
      await page.win.candor.ready;
      await page.win.candor.acceptAll();
      expect(cookieFile(page.win)).to.have.length(0);
      noErrors(page);
    });

    it('data-storage="cookie" loads it at boot, once; choices go into the cookie and come back on reload', async () => {
      const page = await openPage(`<script src="${SCRIPT}" data-config="${CONFIG}" data-storage="cookie"></script>`);
      await page.win.candor.ready;
      await page.win.candor.acceptAll();
      await waitUntil(() => page.doc.cookie.includes('candor_consent='), 'the consent cookie');
      expect(cookieFile(page.win)).to.have.length(1);
      const again = await openPage(`<script src="${SCRIPT}" data-config="${CONFIG}" data-storage="cookie"></script>`);
      await again.win.candor.ready;
      expect(again.win.candor.granted('analytics'), 'read back from the cookie').to.equal(true);
      noErrors(again);
    });

    it('a page that has Candor\'s cookie already loads it at boot, even when the tag does not say data-storage', async () => {
      document.cookie = 'candor_consent=%7B%7D; Path=/';
      const page = await openPage(TAG);
      await page.win.candor.ready;
      expect(cookieFile(page.win)).to.have.length(1);
      noErrors(page);
    });

    it('window.candor.cookieStorage checks its options at once (a TypeError naming the option), and works', async () => {
      const page = await openPage(TAG);
      const { cookieStorage } = page.win.candor as unknown as { cookieStorage(options?: Record<string, unknown>): { save(state: unknown): Promise<void>; load(): Promise<unknown> } };
      expect(() => cookieStorage({ name: 'bad name' })).to.throw(/option "name" must be a cookie-name token/);
      expect(() => cookieStorage({ maxAgeDays: -1 })).to.throw(/option "maxAgeDays"/);
      const storage = cookieStorage({ name: 'candor_probe' });
      await storage.save({ schema: 1, probe: true });
      expect(await storage.load()).to.deep.equal({ schema: 1, probe: true });
      page.doc.cookie = 'candor_probe=; Max-Age=0; Path=/';
    });

    it('a missing candor-cookie.min.js is a storage error: the choice applies for the visit, nothing is thrown', async () => {
      const id = `run-${Date.now()}`;
      const page = await openPage(`${LISTEN_ERRORS}<script src="/test/missing-ui/${id}/candor.min.js" data-config="${CONFIG}" data-storage="cookie"></script>`);
      const details = errorDetails(page);
      await page.win.candor.ready;
      // A first visit has no cookie to read: loading does not wait for the file (nor fail with it).
      expect(details.filter((detail) => detail.code === 'storage'), 'nothing to read, nothing failed').to.deep.equal([]);
      await page.win.candor.acceptAll();
      await waitUntil(() => details.some((detail) => detail.code === 'storage'), 'a storage error when saving');
      expect(details.find((detail) => detail.code === 'storage')!.message).to.contain('candor-cookie.min.js');
      expect(page.win.candor.granted('analytics')).to.equal(true);
      // Only the missing files themselves (resource errors), no exception and no unhandled rejection.
      expect(plain(page.win.__errors).filter((error: string) => !error.startsWith('failed to load script')), 'no uncaught error').to.deep.equal([]);
    });
  });

  it('a candor-ui.min.js answered with an HTML page (a single-page app\'s fallback) is a load error naming it', async () => {
    const id = `html-${Date.now()}`;
    const page = await openPage(`${LISTEN_ERRORS}<script src="/test/missing-ui/html/${id}/candor.min.js" data-config="${CONFIG}"></script>`);
    const errors = errorDetails(page);
    await page.win.candor.ready;
    await waitUntil(() => errors.some((error) => error.message.includes('candor-ui.min.js did not define <candor-banner>')), 'a load error naming the file', { timeout: 5000 });
    expect(errors.find((error) => error.message.includes('candor-ui.min.js'))!.code).to.equal('load');
  });

  it('a missing candor-ui.min.js is reported once as a load error, and not fetched again as the page changes', async () => {
    const id = `run-${Date.now()}`;
    // Listening from before the script runs: on a first visit the UI is requested at once.
    const page = await openPage(`${LISTEN_ERRORS}<script src="/test/missing-ui/${id}/candor.min.js" data-config="${CONFIG}"></script>`);
    const errors = errorDetails(page);
    await page.win.candor.ready;
    await waitUntil(() => errors.length > 0, 'no candor-error for the missing file', { timeout: 5000 });
    expect(plain(errors[0])!.code).to.equal('load');
    expect(plain(errors[0])!.message).to.contain('candor-ui.min.js');
    // The page keeps changing (what made Candor look for UI to show): no new request, no new error.
    for (let i = 0; i < 5; i += 1) {
      page.doc.body.append(page.doc.createElement('candor-banner'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await page.win.candor.rejectAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const counts = (await (await fetch('/test/missing-ui/__requests')).json()) as Record<string, number>;
    expect(counts[`${id}/candor-ui.min.js`], 'requests for candor-ui.min.js').to.equal(1);
    expect(errors.filter((error) => error.message.includes('candor-ui.min.js')).length, 'errors for it').to.equal(1);
    // The consent itself still works without the UI: the choice is applied and stored.
    expect(page.win.candor.getState()!.choices.analytics!.granted).to.equal(false);
  });

  it('fetches the config as the script runs in <head>, before the page is parsed, and only once', async () => {
    const page = await openPage(TAG, '<p>Rest of the page</p>');
    await page.win.candor.ready;
    const url = new URL(CONFIG, location.href).href; // a srcdoc frame resolves against this page
    const requests = page.win.performance.getEntriesByType('resource').filter((entry) => entry.name === url);
    expect(requests.length, 'one request for the config').to.equal(1);
    const navigation = page.win.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const domContentLoaded = navigation?.domContentLoadedEventStart ?? page.win.performance.timing.domContentLoadedEventStart - page.win.performance.timing.navigationStart;
    expect(requests[0]!.startTime, 'requested before DOMContentLoaded').to.be.below(domContentLoaded);
    noErrors(page);
  });
});
