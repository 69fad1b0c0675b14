// Google Consent Mode v2 from the script tag, as a site owner uses it: the BUILT dist/candor.min.js
// (run `npm run build` first; `npm test` does) first in <head> with data-consent-mode, followed by
// a script file standing in for a Google tag. Every page is a fresh same-origin iframe; the test
// reads the iframe's dataLayer in order. standards.md §6 C1–C6; issue 6 item 1.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CandorGlobal } from '../../src/boot.js';

const SCRIPT = '/dist/candor.min.js';
const FIXTURES = '/test/integrations/fixtures';
const CONFIG = `${FIXTURES}/cm-config.json`;
const BLOCK_CONFIG = `${FIXTURES}/cm-config-block.json`;
const NEXT = `<script src="${FIXTURES}/record-next-script.js"></script>`;
const GPC = `<script src="${FIXTURES}/gpc-on.js"></script>`;
const EARLIER = `<script src="${FIXTURES}/earlier-datalayer.js"></script>`;

const TYPES = [
  'ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
  'functionality_storage', 'personalization_storage', 'security_storage',
];

type Entry = unknown[];
type FrameWindow = Window &
  typeof globalThis & {
    candor: CandorGlobal;
    dataLayer?: ArrayLike<unknown>[];
    gtag?: unknown;
    __atNextScript: string;
    __kindsAtNextScript: string[];
    __stateAtNextScript: string;
    __gtagAtNextScript: string;
    __pageGtag?: unknown;
  };

interface Page {
  win: FrameWindow;
  doc: Document;
}

const frames: HTMLIFrameElement[] = [];

function tag(config: string, attributes = 'data-consent-mode data-consent-mode-wait="500" data-consent-mode-region="DE,FR"'): string {
  return `<script src="${SCRIPT}" data-config="${config}" ${attributes}></script>`;
}

/** A page whose <head> is exactly `head` (external scripts only), in a same-origin iframe, once loaded. */
async function openPage(head: string): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consent Mode test</title>${head}</head><body><main><h1>Test page</h1></main></body></html>`;
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

const isArguments = (entry: unknown): boolean => Object.prototype.toString.call(entry) === '[object Arguments]';

/** The page's dataLayer now, in this realm: gtag entries (Arguments) as plain arrays, others as they are. */
function layer(page: Page): Entry[] {
  const entries = Array.from(page.win.dataLayer ?? [], (entry) => (isArguments(entry) ? Array.from(entry) : entry));
  return JSON.parse(JSON.stringify(entries)) as Entry[];
}

const consentEntries = (entries: Entry[], kind: 'default' | 'update'): Record<string, unknown>[] =>
  entries.filter((e) => e[0] === 'consent' && e[1] === kind).map((e) => e[2] as Record<string, unknown>);

/** Waits until the page's dataLayer holds `count` `update` entries; returns the last one. */
async function nthUpdate(page: Page, count: number): Promise<Record<string, unknown>> {
  await waitUntil(() => consentEntries(layer(page), 'update').length >= count, `expected ${count} consent update(s)`, { timeout: 5000 });
  const updates = consentEntries(layer(page), 'update');
  expect(updates.length, 'no extra update').to.equal(count);
  return updates[count - 1]!;
}

/** candor-consent-mode.min.js requests the page made so far. */
const updatesFile = (page: Page): PerformanceEntryList =>
  page.win.performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/candor-consent-mode.min.js'));

function values(granted: string[]): Record<string, string> {
  return Object.fromEntries(TYPES.map((type) => [type, granted.includes(type) ? 'granted' : 'denied']));
}

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
  localStorage.clear();
});

describe('Consent Mode from the script tag (dist/candor.min.js data-consent-mode)', () => {
  it('the default, with all seven types, region and wait_for_update, is in dataLayer when the next script runs, before the config is loaded', async () => {
    const page = await openPage(tag(CONFIG) + NEXT);
    const atNext = JSON.parse(page.win.__atNextScript) as Entry[];
    expect(atNext[0], 'the first dataLayer entry').to.deep.equal([
      'consent',
      'default',
      { ...values(['security_storage']), region: ['DE', 'FR'], wait_for_update: 500 },
    ]);
    expect(Object.keys(atNext[0]![2] as object).filter((key) => TYPES.includes(key)).length, 'all seven types').to.equal(7);
    expect(atNext.slice(1), 'then ads_data_redaction (C5), nothing else').to.deep.equal([['set', 'ads_data_redaction', true]]);
    expect(page.win.__kindsAtNextScript).to.deep.equal(['[object Arguments]', '[object Arguments]']);
    expect(page.win.__stateAtNextScript, 'Candor was not ready yet (config still being fetched)').to.equal('null');
  });

  it('after ready an update from the (empty) stored state; Accept all pushes an update with the granted types', async () => {
    const page = await openPage(tag(CONFIG) + NEXT);
    await page.win.candor.ready;
    const first = await nthUpdate(page, 1);
    // necessary → security_storage + functionality_storage; nothing else decided yet.
    expect(first).to.deep.equal(values(['security_storage', 'functionality_storage']));
    const entries = layer(page);
    expect(entries.findIndex((e) => e[1] === 'update')).to.be.greaterThan(entries.findIndex((e) => e[1] === 'default'));
    expect(consentEntries(entries, 'default').length, 'one default').to.equal(1);

    // The person clicks "Accept all" on the banner.
    const banner = page.doc.querySelector('candor-banner')!;
    await waitUntil(() => banner.shadowRoot?.querySelector('button'), '<candor-banner> never rendered', { timeout: 5000 });
    const accept = [...banner.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Accept all');
    accept!.click();
    expect(await nthUpdate(page, 2)).to.deep.equal(values(TYPES));
    expect(Array.from(page.win.dataLayer!).every(isArguments), 'every entry an Arguments object').to.equal(true);

    await page.win.candor.rejectAll();
    expect(await nthUpdate(page, 3)).to.deep.equal(values(['security_storage', 'functionality_storage']));
  });

  it('a reload with a stored choice pushes default (denied) then an update from the stored choice', async () => {
    const first = await openPage(tag(CONFIG) + NEXT);
    await nthUpdate(first, 1);
    await first.win.candor.set({ analytics: true, advertising: false, personalisation: true });
    await nthUpdate(first, 2);
    frames.splice(0).forEach((frame) => frame.remove());

    const page = await openPage(tag(CONFIG) + NEXT);
    const atNext = JSON.parse(page.win.__atNextScript) as Entry[];
    expect(atNext[0]![1], 'the default comes first on every page').to.equal('default');
    expect((atNext[0]![2] as Record<string, unknown>).analytics_storage).to.equal('denied');
    await page.win.candor.ready;
    expect(await nthUpdate(page, 1)).to.deep.equal(
      values(['security_storage', 'functionality_storage', 'analytics_storage', 'personalization_storage']),
    );
  });

  it('GPC on: ad_user_data and ad_personalization stay denied even after Accept all', async () => {
    const page = await openPage(GPC + tag(CONFIG) + NEXT);
    await page.win.candor.ready;
    expect((page.win.navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl).to.equal(true);
    await nthUpdate(page, 1);
    await page.win.candor.acceptAll();
    const update = await nthUpdate(page, 2);
    expect(update.ad_storage, 'advertising (not GPC-listed) is granted').to.equal('granted');
    expect(update.analytics_storage).to.equal('granted');
    expect(update.ad_user_data).to.equal('denied');
    expect(update.ad_personalization).to.equal('denied');
  });

  it('an opt-out of sale or sharing (no GPC) denies ad_user_data and ad_personalization', async () => {
    const page = await openPage(tag(CONFIG) + NEXT);
    await nthUpdate(page, 1);
    await page.win.candor.acceptAll();
    expect((await nthUpdate(page, 2)).ad_user_data).to.equal('granted');
    await page.win.candor.set({ 'sale-share': false });
    const update = await nthUpdate(page, 3);
    expect(update).to.deep.equal(values(TYPES.filter((type) => type !== 'ad_user_data' && type !== 'ad_personalization')));
  });

  it('keeps an existing dataLayer and its entries, and never replaces or defines window.gtag', async () => {
    const page = await openPage(EARLIER + tag(CONFIG) + NEXT);
    const atNext = JSON.parse(page.win.__atNextScript) as unknown[];
    expect(atNext[0], 'the page\'s earlier entry is kept, first').to.deep.equal({ event: 'page-setup', early: true });
    expect((atNext[1] as Entry)[1]).to.equal('default');
    await page.win.candor.ready;
    await nthUpdate(page, 1);
    expect(page.win.gtag, 'the page\'s own gtag').to.equal(page.win.__pageGtag);

    const plain = await openPage(tag(CONFIG) + NEXT);
    expect(plain.win.__gtagAtNextScript).to.equal('undefined');
    await plain.win.candor.ready;
    await nthUpdate(plain, 1);
    expect(plain.win.gtag, 'Candor defines no window.gtag').to.equal(undefined);
  });

  it('pushes through dataLayer.push as it is then (GTM replaces it)', async () => {
    const page = await openPage(tag(CONFIG) + NEXT);
    const seen: string[] = [];
    const original = page.win.dataLayer as unknown as { push(...items: unknown[]): number };
    const push = original.push.bind(original);
    original.push = (...items: unknown[]) => {
      seen.push(Object.prototype.toString.call(items[0]));
      return push(...items);
    };
    await page.win.candor.ready;
    await nthUpdate(page, 1);
    expect(seen).to.deep.equal(['[object Arguments]']);
  });

  it('the config\'s consentMode block: its map, ads_data_redaction off and url_passthrough on, after the attribute default', async () => {
    const page = await openPage(tag(BLOCK_CONFIG, 'data-consent-mode') + NEXT);
    const atNext = JSON.parse(page.win.__atNextScript) as Entry[];
    expect(atNext[0]).to.deep.equal(['consent', 'default', values(['security_storage'])]);
    await page.win.candor.ready;
    await nthUpdate(page, 1);
    const entries = layer(page);
    expect(entries.slice(0, 5)).to.deep.equal([
      ['consent', 'default', values(['security_storage'])],
      ['set', 'ads_data_redaction', true],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
      // necessary → security_storage only (the map replaces the default for that id).
      ['consent', 'update', values(['security_storage'])],
    ]);
    await page.win.candor.set({ preferences: true });
    expect(await nthUpdate(page, 2)).to.deep.equal(values(['security_storage', 'functionality_storage', 'personalization_storage']));
  });

  it('a consentMode block without the attribute: the default (with the block\'s region and wait) comes late, then the update', async () => {
    const page = await openPage(tag(BLOCK_CONFIG, '') + NEXT);
    expect(page.win.__atNextScript).to.equal('[]');
    await page.win.candor.ready;
    await nthUpdate(page, 1);
    expect(layer(page)).to.deep.equal([
      ['consent', 'default', { ...values(['security_storage']), region: ['DE'], wait_for_update: 300 }],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
      ['consent', 'update', values(['security_storage'])],
    ]);
  });

  it('neither the attribute nor a consentMode block: Candor leaves dataLayer alone, and never loads candor-consent-mode.min.js', async () => {
    const page = await openPage(tag(CONFIG, '') + NEXT);
    await page.win.candor.ready;
    await page.win.candor.acceptAll();
    expect(page.win.dataLayer).to.equal(undefined);
    expect(updatesFile(page)).to.have.length(0);
  });

  it('the updates come from candor-consent-mode.min.js, requested once as the tag runs (beside the config)', async () => {
    const page = await openPage(tag(CONFIG) + NEXT);
    const requested = updatesFile(page);
    expect(requested, 'requested before the page went on').to.have.length(1);
    await nthUpdate(page, 1);
    await page.win.candor.acceptAll();
    await nthUpdate(page, 2);
    expect(updatesFile(page)).to.have.length(1);
  });

  it('a decision made before the file arrived is in its first update (no stale one)', async () => {
    // candor-consent-mode.min.js (and every other companion file) answered 1.5 s late.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consent Mode test</title><script src="/test/slow-dist/1500/candor.min.js" data-config="${CONFIG}" data-consent-mode></script></head><body></body></html>`;
    document.body.append(frame);
    frames.push(frame);
    // Not waiting for the load event: it waits for the slow file too.
    await waitUntil(() => (frame.contentWindow as FrameWindow | null)?.candor, 'window.candor', { timeout: 5000 });
    const page: Page = { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
    await page.win.candor.ready;
    expect(consentEntries(layer(page), 'update'), 'not arrived yet').to.have.length(0);
    await page.win.candor.acceptAll();
    expect(await nthUpdate(page, 1)).to.deep.equal(values(TYPES));
  });

  it('a candor-consent-mode.min.js answered with an HTML page (a single-page app\'s fallback) is a load error, not an uncaught one', async () => {
    const id = `cm-html-${Date.now()}`;
    const listen = `<script src="${FIXTURES}/listen-errors.js"></script>`;
    const page = await openPage(listen + `<script src="/test/missing-ui/html/${id}/candor.min.js" data-config="${CONFIG}" data-consent-mode></script>` + NEXT);
    const uncaught: string[] = [];
    page.win.addEventListener('unhandledrejection', (event) => uncaught.push(String(event.reason)));
    await page.win.candor.ready;
    const errors = (page.win as unknown as { __candorErrors: Array<{ code: string; message: string }> }).__candorErrors;
    await waitUntil(() => errors.some((error) => error.message.includes('did not provide Consent Mode')), 'a load error', { timeout: 5000 });
    expect(errors.find((error) => error.message.includes('did not provide Consent Mode'))!.code).to.equal('load');
    expect(uncaught).to.deep.equal([]);
    expect(consentEntries(layer(page), 'update')).to.have.length(0);
  });

  it('a missing candor-consent-mode.min.js is a load error; the default (everything denied) stays', async () => {
    const id = `cm-${Date.now()}`;
    const listen = `<script src="${FIXTURES}/listen-errors.js"></script>`;
    const page = await openPage(listen + `<script src="/test/missing-ui/${id}/candor.min.js" data-config="${CONFIG}" data-consent-mode></script>` + NEXT);
    await page.win.candor.ready;
    const errors = (page.win as unknown as { __candorErrors: Array<{ code: string; message: string }> }).__candorErrors;
    await waitUntil(() => errors.some((error) => error.message.includes('candor-consent-mode.min.js')), 'a load error naming the file', { timeout: 5000 });
    expect(errors.find((error) => error.message.includes('candor-consent-mode.min.js'))!.code).to.equal('load');
    expect(consentEntries(layer(page), 'default')).to.have.length(1);
    expect(consentEntries(layer(page), 'update')).to.have.length(0);
  });
});
