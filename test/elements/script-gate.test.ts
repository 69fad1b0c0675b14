// Script gating: <script type="text/plain" data-candor-purpose="…"> runs exactly once when its
// purposes are granted (never before, never twice), inline or with src, also when added after
// boot and on later page loads; nonce (from .nonce), integrity, crossorigin and module type kept.
import { expect } from '@open-wc/testing';
import { loadFrame, mount, pause, reloadFrame, removeFrames, unique, unmount, waitFor } from './csp/mount.js';
import { trustNonce } from '../../src/integrations/script-gate.js';

const COUNTER = '/test/elements/csp/counter.js';

/**
 * The sha384 integrity of `url` as served. Computed here, not hard-coded: the test server's
 * esbuild plugin rewrites every .js it serves ("use strict" and an inline source map holding
 * the absolute path), so a hash of the file on disk would not match.
 */
async function integrityOf(url: string): Promise<string> {
  const body = await (await fetch(url)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', body));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

type Counters = Record<string, number | undefined>;
const counters = window as unknown as Counters;

/** An inline gated script that counts its runs in window[name]. */
function inline(name: string, purposes = 'analytics', extra = ''): string {
  return `<script type="text/plain" data-candor-purpose="${purposes}"${extra}>window.${name} = (window.${name} || 0) + 1;</script>`;
}

/** A gated script element built in code (attributes as given). */
function gated(attributes: Record<string, string>, text = ''): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.text = text;
  return script;
}

/** Counter-script URL unique to one test (a fresh request, so runs can be counted). */
const counterUrl = (token: string): string => `${COUNTER}?run=${token}`;

/** The script element Candor created for `original` (it is inserted right after it). */
function releasedFor(original: Element): HTMLScriptElement {
  const next = original.nextElementSibling;
  if (!(next instanceof HTMLScriptElement) || next.type === 'text/plain') throw new Error('no released script after the original');
  return next;
}

beforeEach(() => {
  counters.__counterRan = 0;
});
afterEach(async () => {
  await unmount();
  removeFrames();
  localStorage.removeItem('candor:consent');
});

describe('script gating', () => {
  it('an inline gated script runs exactly once when its purpose is granted, never before', async () => {
    const name = unique('__inline');
    const { consent, container } = await mount({ children: inline(name) });
    await pause(50);
    expect(counters[name], 'not before consent').to.equal(undefined);
    await consent.set({ advertising: true });
    expect(counters[name], 'another purpose does not release it').to.equal(undefined);
    await consent.set({ analytics: true });
    expect(counters[name]).to.equal(1);
    const original = container.querySelector('script[type="text/plain"]')!;
    expect(original.hasAttribute('data-candor-released')).to.equal(true);
    const created = releasedFor(original);
    expect(created.getAttribute('type'), 'a classic script').to.equal(null);
    expect(created.hasAttribute('data-candor-purpose'), 'gating attributes are not copied').to.equal(false);
  });

  it('a gated script with src runs exactly once when granted, never before', async () => {
    const token = unique('src');
    const { consent } = await mount({ children: `<script type="text/plain" data-candor-purpose="analytics" src="${counterUrl(token)}"></script>` });
    await pause(100);
    expect(counters.__counterRan).to.equal(0);
    expect(performance.getEntriesByType('resource').filter((entry) => entry.name.includes(token)), 'not even fetched').to.have.length(0);
    await consent.set({ analytics: true });
    await waitFor(() => counters.__counterRan === 1, 'the src script to run');
    await pause(100);
    expect(counters.__counterRan).to.equal(1);
  });

  describe('order', () => {
    const order = window as unknown as { __order?: string[] };
    beforeEach(() => {
      order.__order = [];
    });
    const slow = (name: string, ms: number, extra = ''): string =>
      `<script type="text/plain" data-candor-purpose="analytics"${extra} src="/test/slow-script.js?name=${name}&ms=${ms}&t=${unique('o')}"></script>`;
    const push = (name: string): string => `<script type="text/plain" data-candor-purpose="analytics">window.__order.push('${name}' + (window.__order.includes('lib') ? '+lib' : ''));</script>`;

    it('a library with src runs before the inline code after it that uses it, however late its file arrives', async () => {
      const { consent } = await mount({ children: slow('lib', 300) + push('init') });
      await consent.set({ analytics: true });
      await waitFor(() => order.__order!.length === 2, 'both scripts to run', 3000);
      expect(order.__order).to.deep.equal(['lib', 'init+lib']);
    });

    it('src scripts run in document order: a slow first one before a fast second one, and inline code after both', async () => {
      const { consent } = await mount({ children: slow('first', 300) + slow('second', 0) + push('last') });
      await consent.set({ analytics: true });
      await waitFor(() => order.__order!.length === 3, 'all three to run', 3000);
      expect(order.__order).to.deep.equal(['first', 'second', 'last']);
    });

    it('a gated script marked async runs as soon as it has loaded, without holding the others back', async () => {
      const { consent } = await mount({ children: slow('lazy', 400, ' async') + slow('next', 0) });
      await consent.set({ analytics: true });
      await waitFor(() => order.__order!.length === 2, 'both to run', 3000);
      expect(order.__order).to.deep.equal(['next', 'lazy']);
    });

    it('a script whose file fails to load does not hold the ones after it', async () => {
      const { consent } = await mount({
        children: `<script type="text/plain" data-candor-purpose="analytics" src="/test/no-such-file-${unique('x')}.js"></script>` + push('after'),
      });
      await consent.set({ analytics: true });
      await waitFor(() => order.__order!.length === 1, 'the inline script to run', 3000);
      expect(order.__order).to.deep.equal(['after']);
    });
  });

  it('does not run again after revoke and grant, nor on other changes', async () => {
    const name = unique('__again');
    const token = unique('again');
    const { consent, container } = await mount({
      children: inline(name) + `<script type="text/plain" data-candor-purpose="analytics" src="${counterUrl(token)}"></script>`,
    });
    await consent.set({ analytics: true });
    await waitFor(() => counters.__counterRan === 1, 'the src script to run');
    await consent.set({ analytics: false });
    await consent.set({ analytics: true });
    await consent.acceptAll();
    await consent.rejectAll();
    await consent.acceptAll();
    await pause(150);
    expect(counters[name]).to.equal(1);
    expect(counters.__counterRan).to.equal(1);
    expect(container.querySelectorAll('script:not([type="text/plain"])'), 'one created script per gated script').to.have.length(2);
  });

  it('revoking runs nothing and fires candor-change (on the root and window) so owners can clean up', async () => {
    const name = unique('__revoke');
    const { consent, root } = await mount({ children: inline(name) });
    await consent.set({ analytics: true });
    const seen: Array<{ changed: string[]; granted: boolean; target: string }> = [];
    const onRoot = (event: Event): void => {
      const { detail } = event as CustomEvent<{ changed: string[]; state: { choices: Record<string, { granted: boolean }> } }>;
      seen.push({ changed: detail.changed, granted: detail.state.choices.analytics!.granted, target: 'root' });
    };
    const onWindow = (): void => {
      seen.push({ changed: [], granted: false, target: 'window' });
    };
    root.addEventListener('candor-change', onRoot);
    window.addEventListener('candor-change', onWindow);
    try {
      await consent.set({ analytics: false });
    } finally {
      root.removeEventListener('candor-change', onRoot);
      window.removeEventListener('candor-change', onWindow);
    }
    expect(seen.map((entry) => entry.target)).to.deep.equal(['root', 'window']);
    expect(seen[0]!.changed).to.deep.equal(['analytics']);
    expect(seen[0]!.granted).to.equal(false);
    expect(counters[name]).to.equal(1);
  });

  it('a script added after boot runs when its purpose is granted', async () => {
    const name = unique('__later');
    const { consent, container } = await mount();
    container.insertAdjacentHTML('beforeend', inline(name));
    await pause(50);
    expect(counters[name]).to.equal(undefined);
    await consent.set({ analytics: true });
    expect(counters[name]).to.equal(1);
  });

  it('a script added after the purpose was granted runs at once (also nested in an added subtree)', async () => {
    const name = unique('__now');
    const nested = unique('__nested');
    const { consent, container } = await mount();
    await consent.set({ analytics: true });
    container.insertAdjacentHTML('beforeend', inline(name));
    await waitFor(() => counters[name] === 1, 'the added script to run');
    const wrapper = document.createElement('section');
    wrapper.innerHTML = `<div>${inline(nested)}</div>`;
    document.body.append(wrapper);
    try {
      await waitFor(() => counters[nested] === 1, 'the nested added script to run');
    } finally {
      wrapper.remove();
    }
    await pause(50);
    expect(counters[name]).to.equal(1);
    expect(counters[nested]).to.equal(1);
  });

  it('data-candor-type="module" gives a module script', async () => {
    const name = unique('__module');
    const { consent, container } = await mount({
      children: `<script type="text/plain" data-candor-purpose="analytics" data-candor-type="module">window.${name} = typeof import.meta.url;</script>`,
    });
    await consent.set({ analytics: true });
    const created = releasedFor(container.querySelector('script[data-candor-type]')!);
    expect(created.type).to.equal('module');
    await waitFor(() => (window as unknown as Record<string, unknown>)[name] === 'string', 'the module script to run (import.meta only parses in a module)');
  });

  it('copies integrity and crossorigin; a correct hash runs, a wrong one is blocked', async () => {
    const goodUrl = counterUrl(unique('sri'));
    const integrity = await integrityOf(goodUrl);
    const good = gated({ 'data-candor-purpose': 'analytics', src: goodUrl, integrity, crossorigin: 'anonymous' });
    const bad = gated({
      'data-candor-purpose': 'analytics',
      src: counterUrl(unique('sri-bad')),
      integrity: 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      crossorigin: 'anonymous',
    });
    const { consent, container } = await mount();
    container.append(good, bad);
    // Script `error` events do not bubble, but the capture phase passes the container.
    const blocked = new Promise<void>((resolve) => {
      container.addEventListener('error', (event) => {
        if (event.target === bad.nextElementSibling) resolve();
      }, true);
    });
    await consent.set({ analytics: true });
    // Released in order: the second once the first has run.
    const created = await waitFor(() => (good.nextElementSibling?.getAttribute('type') === 'text/plain' ? undefined : releasedFor(good)), 'the first to be released');
    await waitFor(() => bad.nextElementSibling?.getAttribute('type') !== 'text/plain' && bad.nextElementSibling, 'the second to be released');
    expect(created.getAttribute('integrity')).to.equal(integrity);
    expect(created.getAttribute('crossorigin')).to.equal('anonymous');
    expect(created.crossOrigin).to.equal('anonymous');
    expect(new URL(created.src).pathname).to.equal(COUNTER);
    expect(releasedFor(bad).getAttribute('integrity')).to.equal(bad.getAttribute('integrity'));
    await blocked;
    await waitFor(() => counters.__counterRan === 1, 'the script with the right hash to run');
    await pause(100);
    expect(counters.__counterRan, 'the wrong hash never ran').to.equal(1);
  });

  it('takes the nonce from the .nonce property, not the (hidden) attribute', async () => {
    const name = unique('__nonce');
    const script = gated({ 'data-candor-purpose': 'analytics', nonce: 'visible-attribute' }, `window.${name} = 1;`);
    script.nonce = 'from-the-property'; // what a browser keeps after hiding a header-CSP nonce
    const { consent, container } = await mount();
    container.append(script);
    await consent.set({ analytics: true });
    const created = releasedFor(script);
    expect(created.nonce).to.equal('from-the-property');
    expect(created.getAttribute('nonce'), 'the nonce is never written as an attribute').to.not.equal('visible-attribute');
    expect(counters[name]).to.equal(1);
  });

  it('on a page that uses a nonce, runs only gated scripts carrying it (injected markup never becomes script)', async () => {
    trustNonce('page-nonce'); // what candor.min.js does with the nonce of its own <script>
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const [good, missing, wrong] = [unique('__good'), unique('__missing'), unique('__wrong')];
      const withNonce = gated({ 'data-candor-purpose': 'analytics' }, `window.${good} = 1;`);
      withNonce.nonce = 'page-nonce';
      const withoutNonce = gated({ 'data-candor-purpose': 'analytics' }, `window.${missing} = 1;`);
      const wrongNonce = gated({ 'data-candor-purpose': 'analytics' }, `window.${wrong} = 1;`);
      wrongNonce.nonce = 'guessed';
      const { consent, container } = await mount();
      container.append(withNonce, withoutNonce, wrongNonce);
      await consent.set({ analytics: true });
      await pause(50);
      expect(counters[good], 'the nonce\'d script runs').to.equal(1);
      expect(counters[missing], 'no nonce: not run').to.equal(undefined);
      expect(counters[wrong], 'a wrong nonce: not run').to.equal(undefined);
      expect(withoutNonce.hasAttribute('data-candor-released')).to.equal(false);
      expect(warnings.length, 'one warning per refused script').to.equal(2);
      await consent.set({ analytics: false });
      await consent.set({ analytics: true });
      expect(counters[missing], 'still not run after another grant').to.equal(undefined);
      expect(warnings.length, 'and no second warning').to.equal(2);
    } finally {
      console.warn = warn;
      trustNonce(undefined);
    }
  });

  it('npm build: the nonce of the page\'s own scripts is required the same way', async () => {
    const pageScript = document.createElement('script');
    pageScript.setAttribute('nonce', 'npm-page-nonce'); // as in the page's markup
    pageScript.text = '/* the app bundle */';
    document.head.append(pageScript);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const [good, missing] = [unique('__npmGood'), unique('__npmMissing')];
      const withNonce = gated({ 'data-candor-purpose': 'analytics' }, `window.${good} = 1;`);
      withNonce.nonce = 'npm-page-nonce';
      const withoutNonce = gated({ 'data-candor-purpose': 'analytics' }, `window.${missing} = 1;`);
      const { consent, container } = await mount();
      container.append(withNonce, withoutNonce);
      await consent.set({ analytics: true });
      await pause(50);
      expect(counters[good]).to.equal(1);
      expect(counters[missing]).to.equal(undefined);
    } finally {
      console.warn = warn;
      pageScript.remove();
    }
  });

  it('copies other attributes (id, data-*) but never type, src, nonce or data-candor-*', async () => {
    const script = gated({ 'data-candor-purpose': 'analytics', id: 'tracker', 'data-site': 'acme', referrerpolicy: 'no-referrer' }, 'void 0;');
    const { consent, container } = await mount();
    container.append(script);
    await consent.set({ analytics: true });
    const created = releasedFor(script);
    expect(created.id).to.equal('tracker');
    expect(created.dataset.site).to.equal('acme');
    expect(created.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect([...created.attributes].map((attribute) => attribute.name).filter((n) => n === 'type' || n.startsWith('data-candor'))).to.deep.equal([]);
  });

  it('with several purposes ("analytics advertising") it needs every one of them', async () => {
    const name = unique('__both');
    const { consent } = await mount({ children: inline(name, 'analytics  advertising') });
    await consent.set({ analytics: true });
    expect(counters[name], 'one of two is not enough').to.equal(undefined);
    await consent.set({ analytics: false, advertising: true });
    expect(counters[name]).to.equal(undefined);
    await consent.set({ analytics: true });
    expect(counters[name]).to.equal(1);
  });

  it('an unknown purpose never runs, not even after Accept all', async () => {
    const name = unique('__unknown');
    const { consent } = await mount({ children: inline(name, 'analytics nonexistent') + inline(`${name}b`, 'nonexistent') });
    await consent.acceptAll();
    await pause(50);
    expect(counters[name]).to.equal(undefined);
    expect(counters[`${name}b`]).to.equal(undefined);
  });

  it('a gated script naming an unknown purpose (a typo) is said in the console, once per script', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const name = unique('__typo');
      const { consent } = await mount({ children: inline(name, 'analytcs') + inline(`${name}b`, 'analytics') });
      await consent.acceptAll();
      await consent.rejectAll();
      await pause(50);
      const said = warnings.filter((args) => String(args[0]).includes('analytcs'));
      expect(said.length, JSON.stringify(warnings.map((args) => String(args[0])))).to.equal(1);
      expect(String(said[0]?.[0])).to.equal('[candor] unknown data-candor-purpose analytcs: never run');
      expect(warnings.filter((args) => String(args[0]).includes('data-candor-purpose')).length, 'nothing said of the good script').to.equal(1);
    } finally {
      console.warn = warn;
    }
  });

  it('a purpose granted by default (necessary) runs at boot', async () => {
    const name = unique('__necessary');
    await mount({ children: inline(name, 'necessary') });
    await waitFor(() => counters[name] === 1, 'the necessary script to run at boot');
  });

  it('on a later page load with the purpose already granted (localStorage) it runs at boot, once', async () => {
    localStorage.removeItem('candor:consent');
    let page = await loadFrame('/test/elements/csp/reload.html');
    type Candor = { ready: Promise<unknown>; set(choices: Record<string, boolean>): Promise<unknown>; granted(id: string): boolean };
    await (page.win.candor as Candor).ready;
    await pause(100);
    expect(page.win.__ran, 'first load, no choice: not run').to.equal(undefined);
    expect(page.win.__counterRan).to.equal(undefined);
    await (page.win.candor as Candor).set({ analytics: true });
    await waitFor(() => page.win.__ran === 1 && page.win.__counterRan === 1, 'both gated scripts to run on grant');
    expect(localStorage.getItem('candor:consent'), 'stored in localStorage').to.be.a('string');

    page = await reloadFrame(page.frame);
    await (page.win.candor as Candor).ready;
    expect((page.win.candor as Candor).granted('analytics')).to.equal(true);
    await waitFor(() => page.win.__ran === 1 && page.win.__counterRan === 1, 'both gated scripts to run at boot');
    await pause(150);
    expect(page.win.__ran).to.equal(1);
    expect(page.win.__counterRan).to.equal(1);
  });

  it('a removed <candor-consent> no longer releases gated scripts', async () => {
    const name = unique('__stale');
    const first = await mount();
    await first.consent.set({ analytics: true });
    first.container.remove(); // removed without revoking anything
    const second = await mount();
    expect(second.consent.granted('analytics')).to.equal(false);
    second.container.insertAdjacentHTML('beforeend', inline(name));
    await pause(50);
    expect(counters[name], 'the new root has not granted analytics').to.equal(undefined);
  });
});
