// `candor/react` through the BUILT React example (examples/react/build/, made by
// `npm run build:react-example` from dist/react/index.js, which .ci/run builds before the tests):
// rendered in an iframe in Chromium, the banner appears, "Reject all" / "Accept all" update the
// `useConsent` hook and call `onCandorChange` with the detail. React is CommonJS, which the test
// runner cannot serve as modules, hence the built page rather than importing src/react/ here.
// Also checks that React stays out of every other build (dist/index.js, dist/define.js, the scripts).
import { expect } from '@open-wc/testing';

const PAGE = '/examples/react/build/index.html';
const BUILT = '/examples/react/build/app.js';

interface Change {
  changed: string[];
  origin: string;
  saved: boolean;
  state: { choices: Record<string, { granted: boolean; source: string }> };
}
type FrameWindow = Window & { candorChanges?: Change[] };

const frames: HTMLIFrameElement[] = [];

async function waitFor<T>(check: () => T, what: string, timeout = 6000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function load(): Promise<{ win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.width = '900';
  frame.height = '700';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = PAGE;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument as Document };
}

/** What the `useConsent(purpose)` element shows: "yes", "no", or undefined before React rendered. */
const shown = (doc: Document, purpose: string): string | undefined =>
  doc.querySelector(`[data-purpose="${purpose}"]`)?.textContent ?? undefined;

/** A button of the banner's shadow root by its text, once the banner shows it. */
function bannerButton(doc: Document, text: string): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const banner = doc.querySelector('candor-banner');
    const buttons = [...(banner?.shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    return buttons.find((button) => button.textContent?.trim() === text && button.getClientRects().length > 0);
  }, `the banner's "${text}" button`);
}

/**
 * The packages a built ES module and the modules it imports (statically or dynamically) load: bare
 * specifiers, or the /node_modules/ paths the test server rewrites them to.
 */
async function packagesImported(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [new URL(entry, location.origin).href];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(url);
    expect(response.ok, `${url} is served`).to.equal(true);
    const code = await response.text();
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
      const specifier = match[1];
      if (!/^\.{0,2}\//.test(specifier)) {
        packages.add(specifier);
        continue;
      }
      const target = new URL(specifier, url);
      const inModules = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(target.pathname);
      if (inModules) packages.add(inModules[1]);
      else queue.push(target.href);
    }
  }
  return packages;
}

describe('candor/react (examples/react, built)', () => {
  before(async function () {
    const response = await fetch(BUILT, { method: 'HEAD' });
    if (!response.ok) {
      throw new Error(`${BUILT} is missing: run \`npm run build && npm run build:react-example\` (.ci/run does) before the tests`);
    }
  });

  beforeEach(() => localStorage.clear());

  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
    localStorage.clear();
  });

  it('renders: the banner appears and the hook reads the ready state', async () => {
    const { doc } = await load();
    await bannerButton(doc, 'Reject all');
    // Registered by importing candor/react: the components render real, upgraded elements.
    expect(doc.defaultView!.customElements.get('candor-consent'), 'candor-consent defined').to.not.equal(undefined);
    expect(doc.querySelector('candor-consent')?.hasAttribute('ready'), 'candor-consent ready').to.equal(true);
    // useConsent: undecided consent purpose → no; legitimate interest (not objected to) → yes.
    await waitFor(() => shown(doc, 'improvement') === 'yes', 'useConsent("improvement") to read yes after candor-ready');
    expect(shown(doc, 'analytics')).to.equal('no');
  });

  it('"Reject all": the useConsent value flips and onCandorChange gets the detail', async () => {
    const { win, doc } = await load();
    const reject = await bannerButton(doc, 'Reject all');
    await waitFor(() => shown(doc, 'improvement') === 'yes', 'useConsent("improvement") to read yes');
    expect(win.candorChanges ?? [], 'no change before the click').to.have.length(0);
    const root = doc.querySelector('candor-consent') as (Element & { consent?: unknown }) | null;
    const controller = root?.consent;
    expect(controller, 'the root has its controller').to.exist;

    reject.click();

    await waitFor(() => shown(doc, 'improvement') === 'no', 'useConsent("improvement") to flip to no');
    expect(shown(doc, 'analytics')).to.equal('no');
    const changes = await waitFor(() => win.candorChanges, 'onCandorChange to be called');
    expect(changes).to.have.length(1);
    const [detail] = changes;
    expect(detail.origin).to.equal('user');
    expect(detail.changed).to.deep.equal(['improvement']);
    expect(detail.state.choices.improvement).to.include({ granted: false, source: 'user' });
    expect(detail.state.choices.analytics).to.include({ granted: false, source: 'user' });
    // The React state the handler set re-rendered the page too, which sets every prop again:
    // the same controller stays (a new one would forget a choice not saved yet).
    await waitFor(() => doc.querySelector('[data-change-count]')?.textContent === '1', 'the change count to render');
    expect(root?.consent === controller, 'the same controller after the re-render').to.equal(true);
    // The banner goes away after the decision.
    await waitFor(() => !doc.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="base"]'), 'the banner to close');
  });

  it('"Accept all": useConsent("analytics") flips to yes; a reload keeps it (stored)', async () => {
    const first = await load();
    (await bannerButton(first.doc, 'Accept all')).click();
    await waitFor(() => shown(first.doc, 'analytics') === 'yes', 'useConsent("analytics") to flip to yes');
    const changes = await waitFor(() => first.win.candorChanges, 'onCandorChange to be called');
    expect(changes[0].changed).to.deep.equal(['analytics']);
    expect(changes[0].state.choices.analytics.granted).to.equal(true);
    await waitFor(() => changes.at(-1)?.saved || localStorage.length > 0, 'the choice to be saved');
    frames.splice(0).forEach((frame) => frame.remove());

    const second = await load();
    await waitFor(() => shown(second.doc, 'analytics') === 'yes', 'the stored grant after a reload');
    expect(shown(second.doc, 'improvement')).to.equal('yes');
  });

  it('adds nothing to the other builds: no React in dist/index.js, dist/define.js or the scripts', async () => {
    for (const entry of ['/dist/index.js', '/dist/define.js']) {
      const packages = [...(await packagesImported(entry))];
      expect(packages.filter((name) => /^(react|react-dom|@lit\/react)(\/|$)/.test(name)), `${entry} imports`).to.deep.equal([]);
    }
    expect([...(await packagesImported('/dist/define.js'))], 'the walk sees packages').to.include('lit');
    const react = [...(await packagesImported('/dist/react/index.js'))];
    expect(react).to.include.members(['react', '@lit/react']);
    for (const script of ['/dist/candor.min.js', '/dist/candor-ui.min.js']) {
      const code = await (await fetch(script)).text();
      expect(code.length, `${script} served`).to.be.greaterThan(1000);
      // Markers of React's runtime (all present in examples/react/build/app.js).
      for (const marker of ['react.element', 'react.transitional.element', '__CLIENT_INTERNALS', 'useSyncExternalStore']) {
        expect(code.includes(marker), `${script} contains ${marker}`).to.equal(false);
      }
    }
  });
});
