// Candor's script-tag build under strict Content Security Policies (standards.md S1–S4):
// fixture pages in test/elements/csp/ load /dist/candor.min.js (run `npm run build` first),
// collect every `securitypolicyviolation` into window.__violations from a first same-origin
// script, and gate an external and a nonce'd inline script. The policy comes from a
// <meta http-equiv> in each page (Chrome enforces require-trusted-types-for and trusted-types
// from meta too, checked below) and, once web-test-runner.config.mjs adds
// `middleware: [cspHeaders]` from ./csp/headers.mjs, also from a real response header.
import { expect } from '@open-wc/testing';
import { policies } from './csp/headers.mjs';
import { loadFrame, pause, removeFrames, waitFor, type FramePage } from './csp/mount.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
}

type CandorWindow = Window & {
  candor: { ready: Promise<unknown>; granted(id: string): boolean; showPreferences(): Promise<void> };
  __violations: Violation[];
  __gatedExternal?: number;
  __gatedInline?: number;
  __probe?: number;
  trustedTypes?: { getPolicyNames?: () => string[] };
};

const STRICT = '/test/elements/csp/strict.html';
const FORGE = '/test/elements/csp/forge.html';
const STRICT_DYNAMIC = '/test/elements/csp/strict-dynamic.html';

function win(page: FramePage): CandorWindow {
  return page.win as unknown as CandorWindow;
}

/** Loads a fixture page and waits until Candor is ready and its banner shows its buttons. */
async function open(path: string): Promise<{ page: FramePage; banner: HTMLElement }> {
  const page = await loadFrame(path);
  expect(win(page).__violations, 'listen.js ran first').to.be.an('array');
  await waitFor(() => win(page).candor, 'window.candor');
  await win(page).candor.ready;
  const banner = await waitFor(() => {
    const element = page.doc.querySelector<HTMLElement>('candor-banner');
    return element?.shadowRoot?.querySelector('button') ? element : null;
  }, 'the banner to render');
  return { page, banner };
}

/**
 * The page's violations, except the one the test server causes: it appends
 * `<script type="module" src="/__web-dev-server__web-socket.js">` (no nonce) to every HTML page,
 * which a nonce-only policy rightly blocks. Nothing of Candor's is filtered out.
 */
function violations(page: FramePage): Violation[] {
  return win(page).__violations.filter((violation) => !violation.blocked.includes('/__web-dev-server__web-socket.js'));
}

function button(host: Element, name: string): HTMLButtonElement {
  const found = [...(host.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === name);
  if (!found) throw new Error(`no "${name}" button`);
  return found;
}

/** The banner is styled by its `static styles`: adopted stylesheets, no <style>, :host rules applied. */
function expectStyled(page: FramePage, banner: HTMLElement): void {
  const root = banner.shadowRoot!;
  expect(root.adoptedStyleSheets.length, 'adopted stylesheets').to.be.greaterThan(0);
  expect(root.querySelectorAll('style'), 'no <style> fallback').to.have.length(0);
  expect(page.win.getComputedStyle(banner).position, ':host rule applied').to.equal('fixed');
  const accept = button(banner, 'Accept all');
  expect(page.win.getComputedStyle(accept).flexGrow, '.actions button rule applied').to.equal('1');
}

afterEach(removeFrames);

describe('CSP: strict policy with nonce and Trusted Types', () => {
  it('boots, renders the banner and releases the gated scripts once on Accept all, with zero violations', async () => {
    const { page, banner } = await open(STRICT);
    expectStyled(page, banner);
    await pause(100);
    expect(win(page).__gatedExternal, 'gated external script not run before consent').to.equal(undefined);
    expect(win(page).__gatedInline, 'gated inline script not run before consent').to.equal(undefined);

    button(banner, 'Accept all').click();
    await waitFor(() => win(page).__gatedExternal === 1 && win(page).__gatedInline === 1, 'both gated scripts to run');
    expect(win(page).candor.granted('analytics')).to.equal(true);
    await waitFor(() => !banner.shadowRoot?.querySelector('section'), 'the banner to hide');

    // The preference centre (a modal <dialog>) must render under the policy too.
    await win(page).candor.showPreferences();
    const preferences = await waitFor(
      () => page.doc.querySelector('candor-preferences')?.shadowRoot?.querySelector('[role="switch"]'),
      'the preference centre to render',
    );
    expect(preferences).to.not.equal(null);

    await pause(150);
    expect(win(page).__gatedExternal).to.equal(1);
    expect(win(page).__gatedInline).to.equal(1);
    expect(violations(page)).to.deep.equal([]);
  });

  it('the page really enforces the policy: Trusted Types required, inline script without the nonce blocked', async () => {
    const { page } = await open(STRICT);
    const w = win(page);
    // Only the two allowed policies exist (lit-html, candor).
    const names = w.trustedTypes?.getPolicyNames?.() ?? [];
    expect(names.every((name) => name === 'candor' || name === 'lit-html'), names.join()).to.equal(true);
    expect(() => {
      page.doc.createElement('div').innerHTML = '<b>raw string</b>';
    }, 'a raw string into an HTML sink throws (the iframe realm\'s TypeError)').to.throw(/requires 'TrustedHTML' assignment/);
    // One report per enforcing policy: meta alone, or meta and header (same directives).
    const directives = (): string[] => [...new Set(w.__violations.map((violation) => violation.directive))];
    await waitFor(() => w.__violations.length > 0, 'the violation event (queued as a task)');
    expect(directives()).to.deep.equal(['require-trusted-types-for']);

    // A script inserted with Candor's own policy but without the nonce is refused (S3: the nonce matters).
    const policy = (page.win as unknown as Record<symbol, { createScript(text: string, gated?: Element): string }>)[Symbol.for('candor.trustedTypes')];
    expect(policy, 'Candor created its "candor" policy').to.not.equal(undefined);
    const gated = page.doc.createElement('script');
    gated.type = 'text/plain';
    gated.setAttribute('data-candor-purpose', 'personalisation');
    gated.append(page.doc.createTextNode('window.__probe = 1;')); // a text node: .text is a Trusted Types sink
    page.doc.body.append(gated);
    const script = page.doc.createElement('script');
    script.text = policy!.createScript(gated.text, gated);
    page.doc.body.append(script);
    await waitFor(() => directives().includes('script-src-elem'), 'the script-src violation');
    expect(w.__probe, 'inline script without nonce did not run').to.equal(undefined);
    expect(directives()).to.deep.equal(['require-trusted-types-for', 'script-src-elem']);
  });

  it('the "candor" policy signs only gated scripts in the page (passed along) and Candor\'s own files, nothing on request', async () => {
    const { page } = await open(STRICT);
    type Policy = { createScript(text: string, gated?: unknown): unknown; createScriptURL(url: string, gated?: unknown): unknown };
    const policy = (page.win as unknown as Record<symbol, Policy>)[Symbol.for('candor.trustedTypes')]!;
    const refused = /Trusted Types policy "candor" refused .*: not a gated script or a Candor file/;
    expect(() => policy.createScriptURL('https://evil.example/x.js')).to.throw(refused);
    expect(() => policy.createScript('window.__probe = 2;')).to.throw(refused);
    const gated = page.doc.querySelector<HTMLScriptElement>('script[type="text/plain"][src]')!;
    const inline = page.doc.querySelector<HTMLScriptElement>('script[type="text/plain"]:not([src])')!;
    // Another element, or the right element with other text or URL: refused.
    const plain = page.doc.createElement('script');
    plain.type = 'text/plain';
    plain.append(page.doc.createTextNode('window.__probe = 3;'));
    page.doc.body.append(plain);
    expect(() => policy.createScript(plain.text, plain), 'not a gated script').to.throw(refused);
    expect(() => policy.createScriptURL('https://evil.example/x.js', gated), 'not its src').to.throw(refused);
    expect(() => policy.createScript('window.__probe = 4;', inline), 'not its text').to.throw(refused);
    const detached = inline.cloneNode(true) as HTMLScriptElement;
    expect(() => policy.createScript(detached.text, detached), 'not in the page').to.throw(refused);
    // Candor's own files beside the candor.min.js that loads them, vouched for by that element.
    const core = page.doc.querySelector<HTMLScriptElement>('script[src$="/dist/candor.min.js"]')!;
    const other = page.doc.querySelector<HTMLScriptElement>('script[src$="listen.js"]')!;
    const ui = new URL('/dist/candor-ui.min.js', page.win.location.href).href;
    expect(String(policy.createScriptURL(ui, core))).to.equal(ui);
    expect(String(policy.createScriptURL(new URL('/dist/candor-i18n-de.min.js', page.win.location.href).href, core))).to.match(/candor-i18n-de/);
    expect(() => policy.createScriptURL(ui), 'without the element').to.throw(refused);
    expect(() => policy.createScriptURL(ui, other), 'vouched for by another script').to.throw(refused);
    expect(() => policy.createScriptURL('https://evil.example/dist/candor-ui.min.js', core), 'another directory').to.throw(refused);
    expect(() => policy.createScriptURL(new URL('/dist/evil.min.js', page.win.location.href).href, core), 'not a Candor file').to.throw(refused);
    // The page's own gated scripts, with their element.
    expect(String(policy.createScriptURL(gated.getAttribute('src')!, gated))).to.equal(gated.getAttribute('src'));
    expect(String(policy.createScript(inline.text, inline))).to.equal(inline.text);
    await pause(50);
    expect(win(page).__probe).to.equal(undefined);
  });

  it('is served with the Content-Security-Policy header (needs the cspHeaders middleware)', async function () {
    const response = await fetch(STRICT);
    const header = response.headers.get('content-security-policy');
    if (!header) this.skip(); // add `middleware: [cspHeaders]` to web-test-runner.config.mjs
    expect(header).to.equal(policies[STRICT as keyof typeof policies]);
    // With a header-delivered policy the browser hides the nonce attribute; Candor still reads .nonce.
    const { page, banner } = await open(STRICT);
    const inline = page.doc.querySelector<HTMLScriptElement>('script[type="text/plain"][nonce]')!;
    expect(inline.getAttribute('nonce')).to.equal('');
    expect(inline.nonce).to.equal('abc');
    button(banner, 'Accept all').click();
    await waitFor(() => win(page).__gatedInline === 1 && win(page).__gatedExternal === 1, 'both gated scripts to run');
    await pause(100);
    expect(violations(page)).to.deep.equal([]);
  });
});

describe('CSP: nonce + strict-dynamic, style-src nonce only (S1, S2)', () => {
  it('renders with adopted stylesheets and releases both gated scripts once, with zero violations', async () => {
    const { page, banner } = await open(STRICT_DYNAMIC);
    expectStyled(page, banner);
    await pause(100);
    expect(win(page).__gatedExternal).to.equal(undefined);
    expect(win(page).__gatedInline).to.equal(undefined);
    button(banner, 'Accept all').click();
    await waitFor(() => win(page).__gatedExternal === 1 && win(page).__gatedInline === 1, 'both gated scripts to run');
    await win(page).candor.showPreferences();
    await waitFor(() => page.doc.querySelector('candor-preferences')?.shadowRoot?.querySelector('[role="switch"]'), 'the preference centre to render');
    await pause(150);
    expect(win(page).__gatedExternal).to.equal(1);
    expect(win(page).__gatedInline).to.equal(1);
    expect(violations(page)).to.deep.equal([]);
  });
});

describe('CSP: Forge Custom UI default policy', () => {
  it('boots, renders the banner and releases the gated script on Accept all, with zero violations', async () => {
    const { page, banner } = await open(FORGE);
    expectStyled(page, banner);
    await pause(100);
    expect(win(page).__gatedExternal).to.equal(undefined);
    button(banner, 'Accept all').click();
    await waitFor(() => win(page).__gatedExternal === 1, 'the gated script to run');
    await win(page).candor.showPreferences();
    await waitFor(() => page.doc.querySelector('candor-preferences')?.shadowRoot?.querySelector('[role="switch"]'), 'the preference centre to render');
    await pause(150);
    expect(win(page).__gatedExternal).to.equal(1);
    expect(violations(page)).to.deep.equal([]);
  });

  it('Reject all releases nothing and raises no violation', async () => {
    const { page, banner } = await open(FORGE);
    button(banner, 'Reject all').click();
    await waitFor(() => !banner.shadowRoot?.querySelector('section'), 'the banner to hide');
    await pause(150);
    expect(win(page).__gatedExternal).to.equal(undefined);
    expect(violations(page)).to.deep.equal([]);
  });
});
