// The example app's BUILT Custom UI (examples/forge-app/build/static/, with the real @forge/bridge
// bundled) under Forge's default CSP, in Chromium, against an emulated host
// (fixtures/fake-global-bridge.js: `__bridge.callBridge` → the real consentHandlers of /dist/forge.js).
//
// Needs the deployable build, which needs @forge/bridge and @rollup/plugin-commonjs:
//   cd examples/forge-app && npm install && cd ../.. && npm run build:forge-example
// CI has neither (no @forge/* in the root install, by design), so there every test here is
// SKIPPED with a note; test-node/forge-example.test.mjs checks the CI build instead.
import { expect } from '@open-wc/testing';
import { FORGE_DEFAULT_CSP } from '../elements/csp/headers.mjs';

const PAGE = '/test/forge/fixtures/example-app.html';
const BUILT = '/examples/forge-app/build/static/index.html';
const DARK = { surface: 'rgb(43, 47, 54)', text: 'rgb(207, 216, 227)' };

interface Host {
  account: string;
  calls: string[];
  navigations: Array<{ url?: string; type?: string }>;
  keys(): string[];
  read(key: string): Promise<{ choices: Record<string, { granted: boolean }> } | undefined>;
}

type FrameWindow = Window & {
  __violations?: Array<{ directive: string; blocked: string }>;
  __forgeHost?: Host;
};

const frames: HTMLIFrameElement[] = [];

async function load(): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.width = '900';
  frame.height = '700';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = PAGE;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { frame, win: frame.contentWindow as FrameWindow, doc: frame.contentDocument as Document };
}

async function waitFor<T>(check: () => T | Promise<T>, what: string, timeout = 6000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function button(host: Element, name: string): HTMLButtonElement | undefined {
  return [...(host.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === name);
}

/** The <head> links/scripts and the <body> of a page, without comments and whitespace differences. */
function shape(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<!--[\s\S]*?-->/g, ''), 'text/html');
  const head = [...doc.head.querySelectorAll('link, script')]
    .filter((element) => !(element.getAttribute('src') ?? '').startsWith('/test/'))
    .map((element) => element.outerHTML);
  return [...head, doc.body.innerHTML.replace(/\s+/g, ' ').trim()].join('\n');
}

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
  sessionStorage.clear();
});

describe('Forge example app: the built Custom UI under the Forge CSP, with an emulated host', () => {
  before(async function () {
    const info = await fetch('/examples/forge-app/build/BUILD-INFO.json');
    const deployable = info.ok && ((await info.json()) as { deployable?: boolean }).deployable === true;
    if (!deployable) {
      console.warn('[forge-example-ui] SKIPPED: no deployable examples/forge-app build (needs @forge/bridge bundled; see the file header)');
      this.skip();
    }
  });

  it('the fixture is the built index.html plus the bridge script, served with the Forge policy', async () => {
    const [fixture, built] = await Promise.all([fetch(PAGE), fetch(BUILT)]);
    expect(fixture.headers.get('content-security-policy')).to.equal(FORGE_DEFAULT_CSP);
    expect(shape(await fixture.text())).to.equal(shape(await built.text()));
  });

  it('themes (dark), localises (de-DE from getContext), saves through invoke, opens links with router.open, and keeps the choice across a reload, with zero violations', async () => {
    const first = await load();
    const banner = await waitFor(() => {
      const element = first.doc.querySelector('candor-banner');
      return element && button(element, 'Alle akzeptieren') ? element : null;
    }, 'the German banner');
    const host = first.win.__forgeHost!;
    expect(host.calls.indexOf('enableTheming'), 'theme enabled').to.be.greaterThan(-1);
    expect(host.calls.indexOf('enableTheming')).to.be.lessThan(host.calls.indexOf('getContext'));
    expect(first.doc.documentElement.lang).to.equal('de-DE');
    expect(first.doc.documentElement.getAttribute('data-color-mode')).to.equal('dark');
    const section = banner.shadowRoot!.querySelector('section')!;
    expect(first.win.getComputedStyle(section).backgroundColor, 'banner surface = host --ds-surface-overlay (dark)').to.equal(DARK.surface);
    expect(first.win.getComputedStyle(section).color, 'banner text = host --ds-text (dark)').to.equal(DARK.text);

    // The policy page renders (light DOM) from the same config.
    await waitFor(() => first.doc.querySelector('candor-policy section#candor-your-choices'), 'the policy page');

    // A policy link goes through router.open (the iframe cannot navigate the top window).
    const link = await waitFor(() => banner.shadowRoot!.querySelector<HTMLAnchorElement>('a[href]'), 'a policy link in the banner');
    link.click();
    await waitFor(() => host.navigations.length > 0, 'router.open');
    expect(host.navigations[0]).to.deep.equal({ url: 'https://quillmate.example/privacy', type: 'new-tab' });

    // Accept all → invoke('candor.consent.set') → resolver → store, under the platform principal.
    button(banner, 'Alle akzeptieren')!.click();
    const key = `candor:v1:consent:${host.account}:default`;
    const stored = await waitFor(async () => {
      const value = await host.read(key);
      return value?.choices.analytics?.granted ? value : null;
    }, 'the choice to reach the store');
    expect(stored.choices['product-news'].granted).to.equal(true);
    expect(host.keys()).to.deep.equal([key]);
    expect(host.calls.filter((type) => type === 'invoke').length, 'a handful of invoke calls').to.be.lessThan(6);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(first.win.__violations).to.deep.equal([]);

    // Reload: the state comes back from the resolver; no banner.
    const reloaded = new Promise((resolve) => first.frame.addEventListener('load', resolve, { once: true }));
    first.win.location.reload();
    await reloaded;
    const win = first.frame.contentWindow as FrameWindow;
    const doc = first.frame.contentDocument!;
    await waitFor(() => doc.querySelector('candor-consent[ready]'), 'Candor ready after the reload');
    await waitFor(() => doc.querySelector('candor-policy section#candor-your-choices'), 'the policy page after the reload');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = doc.querySelector('candor-banner');
    expect(again?.shadowRoot?.querySelector('section') ?? null, 'no banner: the choice was loaded').to.equal(null);
    expect((doc.querySelector('candor-consent') as HTMLElement & { consent?: { granted(id: string): boolean } }).consent?.granted('analytics')).to.equal(true);
    expect(win.__violations).to.deep.equal([]);
  });
});
