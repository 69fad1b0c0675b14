// Candor inside a Forge Custom UI page, in Chromium (issue 5, item 5): fixture pages under
// test/forge/fixtures/ are served with Forge's default Custom UI Content-Security-Policy exactly
// as forge.md §4 gives it (FORGE_DEFAULT_CSP in test/elements/csp/headers.mjs: script-src 'self'
// + the Forge CDN, style-src 'self' with no 'unsafe-inline', sandbox …) as a real response header,
// and loaded into an iframe. Each page loads /dist/candor.min.js (run `npm run build` first),
// which loads candor-ui.min.js (and candor-policy.min.js) from beside itself, and defines the
// host's `--ds-*` design tokens in a same-origin stylesheet on <html>, switched by
// `data-color-mode`, as Atlassian's theme does after `view.theme.enable()`.
// A first same-origin script (test/elements/csp/listen.js) collects every `securitypolicyviolation`.
import { expect } from '@open-wc/testing';
import { FORGE_DEFAULT_CSP, policies } from '../elements/csp/headers.mjs';

const PAGE = '/test/forge/fixtures/forge-csp.html';
const POLICY_PAGE = '/test/forge/fixtures/forge-csp-policy.html';
const GERMAN_PAGE = '/test/forge/fixtures/forge-csp-de.html';

/** The token values of fixtures/tokens.css as computed colours (none equals a Candor fallback). */
const TOKENS = {
  light: { surface: 'rgb(253, 250, 240)', text: 'rgb(26, 43, 60)', neutral: 'rgb(221, 227, 234)' },
  dark: { surface: 'rgb(43, 47, 54)', text: 'rgb(207, 216, 227)', neutral: 'rgb(58, 67, 78)' },
} as const;
type Mode = keyof typeof TOKENS;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
}

type FrameWindow = Window & {
  candor?: { ready: Promise<unknown>; showPreferences(): Promise<void>; granted(id: string): boolean };
  __violations?: Violation[];
  __inlineRan?: number;
};

interface Page {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  doc: Document;
}

const frames: HTMLIFrameElement[] = [];

async function load(src: string): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.width = '900';
  frame.height = '700';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const page = { frame, win: frame.contentWindow as FrameWindow, doc: frame.contentDocument as Document };
  expect(page.win.__violations, 'listen.js ran first').to.be.an('array');
  return page;
}

async function waitFor<T>(check: () => T, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Two animation frames of the iframe: styles recomputed after an attribute change. */
function frames2(page: Page): Promise<void> {
  return new Promise((resolve) => page.win.requestAnimationFrame(() => page.win.requestAnimationFrame(() => resolve())));
}

function button(host: Element, name: string): HTMLButtonElement | undefined {
  return [...(host.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === name);
}

/** Waits until Candor is ready and the banner shows "Accept all" in its shadow root. */
async function banner(page: Page): Promise<HTMLElement> {
  await waitFor(() => page.win.candor, 'window.candor');
  await page.win.candor!.ready;
  return waitFor(() => {
    const element = page.doc.querySelector<HTMLElement>('candor-banner');
    return element && button(element, 'Accept all') ? element : null;
  }, 'the banner to render its "Accept all" button');
}

/**
 * Violations of the page. Nothing is filtered: the test server's injected
 * `<script type="module" src="/__web-dev-server__web-socket.js">` is same-origin, which
 * Forge's `script-src 'self'` allows.
 */
function violations(page: Page): Violation[] {
  return page.win.__violations ?? [];
}

function setMode(page: Page, mode: Mode): Promise<void> {
  page.doc.documentElement.setAttribute('data-color-mode', mode);
  return frames2(page);
}

/** The banner's surface, text and button colours equal the host's tokens for `mode`. */
function expectBannerTokens(page: Page, element: HTMLElement, mode: Mode): void {
  const section = element.shadowRoot!.querySelector('section')!;
  const style = page.win.getComputedStyle(section);
  const reject = button(element, 'Reject all')!;
  expect(style.backgroundColor, `${mode}: banner surface = --ds-surface-overlay`).to.equal(TOKENS[mode].surface);
  expect(style.color, `${mode}: banner text = --ds-text`).to.equal(TOKENS[mode].text);
  expect(page.win.getComputedStyle(reject).backgroundColor, `${mode}: button = --ds-background-neutral`).to.equal(TOKENS[mode].neutral);
  expect(page.win.getComputedStyle(reject).color, `${mode}: button text = --ds-text`).to.equal(TOKENS[mode].text);
}

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

describe("Forge: Candor under Forge's default Custom UI CSP, with host design tokens", () => {
  it('the fixture pages are served with exactly the Forge default policy, as a response header', async () => {
    for (const path of [PAGE, POLICY_PAGE, GERMAN_PAGE]) {
      const response = await fetch(path);
      expect(response.headers.get('content-security-policy'), path).to.equal(FORGE_DEFAULT_CSP);
      expect(policies[path], path).to.equal(FORGE_DEFAULT_CSP);
    }
    // The policy under test: no 'unsafe-inline' / 'unsafe-eval' / nonces, styles and scripts from 'self'.
    expect(FORGE_DEFAULT_CSP).to.not.match(/unsafe-|nonce-|'strict-dynamic'/);
    expect(FORGE_DEFAULT_CSP).to.match(/(^|; )script-src 'self' https:\/\/forge\.cdn\.prod\.atlassian-dev\.net(;|$)/);
    expect(FORGE_DEFAULT_CSP).to.match(/(^|; )style-src 'self' [^;]*(;|$)/);
  });

  it('the policy is really enforced in the frame: an inline style attribute and an inline script are refused', async () => {
    const page = await load(PAGE);
    await banner(page);
    const probe = page.doc.createElement('div');
    probe.setAttribute('style', 'color: rgb(1, 2, 3)');
    page.doc.body.append(probe);
    const script = page.doc.createElement('script');
    script.textContent = 'window.__inlineRan = 1;';
    page.doc.body.append(script);
    const directives = (): string[] => [...new Set(violations(page).map((violation) => violation.directive))].sort();
    await waitFor(() => directives().length === 2, 'the two violation events (queued as tasks)');
    expect(directives()).to.deep.equal(['script-src-elem', 'style-src-attr']);
    expect(page.win.__inlineRan, 'inline script did not run').to.equal(undefined);
    expect(page.win.getComputedStyle(probe).color, 'inline style not applied').to.not.equal('rgb(1, 2, 3)');
  });

  it('renders the banner with adopted stylesheets, zero violations and the host --ds-* tokens, light then dark', async () => {
    const page = await load(PAGE);
    const element = await banner(page);
    const root = element.shadowRoot!;
    expect(root.adoptedStyleSheets.length, 'styles are adopted stylesheets').to.be.greaterThan(0);
    expect(root.querySelectorAll('style'), 'no <style> fallback').to.have.length(0);
    expect(page.win.getComputedStyle(element).position, ':host rule applied').to.equal('fixed');

    // The host tokens are defined on <html> by the same-origin stylesheet …
    const html = page.win.getComputedStyle(page.doc.documentElement);
    expect(html.getPropertyValue('--ds-surface-overlay').trim()).to.equal('#fdfaf0');

    // … and the banner's surface and text follow them, in light and in dark.
    await setMode(page, 'light');
    expectBannerTokens(page, element, 'light');
    await setMode(page, 'dark');
    expect(page.win.getComputedStyle(page.doc.documentElement).getPropertyValue('--ds-surface-overlay').trim()).to.equal('#2b2f36');
    expectBannerTokens(page, element, 'dark');
    await setMode(page, 'light');
    expectBannerTokens(page, element, 'light');

    await pause(150);
    expect(violations(page)).to.deep.equal([]);
  });

  it('opens the preference centre from a data-candor trigger and from window.candor, themed by the host tokens, with zero violations', async () => {
    const page = await load(PAGE);
    await banner(page);
    page.doc.querySelector<HTMLButtonElement>('[data-candor="show-preferences"]')!.click();
    const preferences = await waitFor(() => {
      const element = page.doc.querySelector<HTMLElement>('candor-preferences');
      return element?.shadowRoot?.querySelector('dialog[open] [role="switch"]') ? element : null;
    }, 'the preference centre to open and render its switches');
    const dialog = preferences.shadowRoot!.querySelector('dialog')!;
    expect(preferences.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(preferences.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    const switches = preferences.shadowRoot!.querySelectorAll('[role="switch"]');
    expect(switches.length, 'one switch per purpose (necessary shown as always on)').to.be.greaterThanOrEqual(2);

    for (const mode of ['light', 'dark'] as const) {
      await setMode(page, mode);
      const style = page.win.getComputedStyle(dialog);
      expect(style.backgroundColor, `${mode}: dialog surface`).to.equal(TOKENS[mode].surface);
      expect(style.color, `${mode}: dialog text`).to.equal(TOKENS[mode].text);
    }

    // Close it, then reopen it through the script API.
    dialog.close();
    await waitFor(() => !dialog.open, 'the dialog to close');
    await page.win.candor!.showPreferences();
    await waitFor(() => dialog.open || preferences.shadowRoot!.querySelector('dialog[open]'), 'the dialog to reopen');

    await pause(150);
    expect(violations(page)).to.deep.equal([]);
  });

  it('in the frame, "Download my consent records" also shows the records as JSON with a copy button (downloads may be blocked)', async () => {
    const page = await load(PAGE);
    const element = await banner(page);
    button(element, 'Reject all')!.click();
    await waitFor(() => page.win.candor!.getState()?.records.length, 'a record to exist');
    await page.win.candor!.showPreferences();
    const preferences = await waitFor(() => {
      const found = page.doc.querySelector<HTMLElement>('candor-preferences');
      return found?.shadowRoot?.querySelector('dialog[open]') ? found : null;
    }, 'the preference centre to open');
    // The sandbox of a real Forge frame blocks the download itself; here it just happens too.
    const download = [...preferences.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Download my consent records')!;
    download.click();
    const area = await waitFor(() => preferences.shadowRoot!.querySelector('textarea'), 'the records text area');
    const shown = JSON.parse(area.value) as { records: Array<{ method: string }> };
    expect(shown.records[0]?.method).to.equal('reject-all');
    expect([...preferences.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Copy')).to.equal(true);
    expect(violations(page)).to.deep.equal([]);
  });

  it('Accept all decides under the policy and raises no violation', async () => {
    const page = await load(PAGE);
    const element = await banner(page);
    button(element, 'Accept all')!.click();
    await waitFor(() => page.win.candor!.granted('analytics'), 'analytics to be granted');
    await waitFor(() => !element.shadowRoot?.querySelector('section'), 'the banner to hide');
    await pause(150);
    expect(violations(page)).to.deep.equal([]);
  });

  it('speaks the page locale (de-DE, as the example sets from view.getContext()): its strings load under the policy too', async () => {
    const page = await load(GERMAN_PAGE);
    await waitFor(() => page.win.candor, 'window.candor');
    await page.win.candor!.ready;
    const element = await waitFor(() => {
      const found = page.doc.querySelector<HTMLElement>('candor-banner');
      return found && button(found, 'Alle akzeptieren') ? found : null;
    }, 'the German banner');
    expect(button(element, 'Alle ablehnen'), 'reject as easy as accept').to.not.equal(undefined);
    await pause(150);
    expect(violations(page)).to.deep.equal([]);
  });

  it('renders <candor-policy> (candor-policy.min.js beside candor.min.js) with zero violations', async function () {
    const built = await fetch('/dist/candor-policy.min.js', { method: 'HEAD' });
    if (!built.ok) {
      // Not a failure of this test: dist/candor-policy.min.js is not built (yet). Skipped, see the report.
      console.warn('[forge-csp] SKIPPED: dist/candor-policy.min.js does not exist, so <candor-policy> was not checked under the Forge CSP');
      this.skip();
    }
    const page = await load(POLICY_PAGE);
    await banner(page);
    const policy = await waitFor(
      () => page.doc.querySelector('candor-policy article.candor-policy section#candor-your-choices'),
      '<candor-policy> to render its sections',
      8000,
    );
    expect(page.doc.querySelector('candor-policy h1')?.textContent).to.equal('Privacy at Quillmate for Jira (fictional)');
    expect(policy.querySelector('strong')?.textContent, 'Markdown rendered (sanitised)').to.equal('Privacy choices');
    expect(page.doc.querySelector('candor-policy')!.shadowRoot, 'light DOM').to.equal(null);
    await pause(200);
    expect(violations(page)).to.deep.equal([]);
  });
});
