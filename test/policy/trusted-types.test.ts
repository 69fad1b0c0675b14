// <candor-policy> from the script-tag build (run `npm run build` first) on pages that enforce
// Trusted Types (`require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html`)
// by header (test/elements/csp/headers.mjs) and <meta>: candor.min.js loads candor-policy.min.js
// (and, for sanitizer="dompurify", candor-policy.min.js loads candor-purify.min.js), the policy
// renders with hostile Markdown inside, the changes view loads, and there is no violation.
import { expect } from '@open-wc/testing';
import { policies } from '../elements/csp/headers.mjs';
import { pause, waitFor } from './helpers.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

type FrameWindow = Window & {
  __violations: Violation[];
  __xss?: number;
  candor?: { ready: Promise<unknown> };
  trustedTypes?: { getPolicyNames?: () => string[] };
};

const frames: HTMLIFrameElement[] = [];

async function open(path: string): Promise<{ win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

/** Violations, except the test server's own injected websocket script (no nonce). */
function violations(win: FrameWindow): Violation[] {
  return win.__violations.filter((violation) => !violation.blocked.includes('/__web-dev-server__web-socket.js'));
}

function loaded(win: FrameWindow, file: string): boolean {
  return win.performance.getEntriesByType('resource').some((entry) => entry.name.includes(file));
}

async function renderedPolicy(doc: Document): Promise<Element> {
  return waitFor(() => {
    const policy = doc.querySelector('candor-policy');
    const body = policy?.querySelector('#candor-what-we-collect .candor-policy__body');
    return body && body.querySelector('h3') && !policy!.querySelector('[aria-busy="true"]') ? policy : null;
  }, 'the policy to render', 6000);
}

const PAGES: Array<[string, string]> = [
  ['/test/policy/fixtures/tt.html', 'Element.setHTML'],
  ['/test/policy/fixtures/tt-dompurify.html', 'DOMPurify'],
  ['/test/policy/fixtures/strict-dynamic.html', 'DOMPurify, nonce + strict-dynamic'],
];

describe('<candor-policy> under Trusted Types (script-tag build)', () => {
  for (const [path, how] of PAGES) {
    it(`${how}: renders sanitised Markdown, the changes view, and zero violations`, async () => {
      const header = (await fetch(path)).headers.get('content-security-policy');
      expect(header, 'served with the CSP header').to.equal(policies[path as keyof typeof policies]);
      const { win, doc } = await open(`${path}#changes-2025-06-11`);
      expect(win.__violations, 'listen.js ran first').to.be.an('array');
      const policy = await renderedPolicy(doc);
      expect(loaded(win, '/dist/candor-policy.min.js'), 'candor.min.js loaded candor-policy.min.js').to.equal(true);
      expect(loaded(win, '/dist/candor-purify.min.js'), 'DOMPurify loaded only when needed').to.equal(how !== 'Element.setHTML');
      // Markdown rendered.
      const body = policy.querySelector('#candor-what-we-collect .candor-policy__body')!;
      expect(body.querySelector('strong')?.textContent).to.equal('name');
      expect(body.querySelector('table td')?.textContent).to.equal('1');
      expect(body.querySelector('a')?.getAttribute('rel')).to.equal('noopener noreferrer');
      // Hostile section: inert.
      const hostile = policy.querySelector('#candor-hostile')!;
      expect(hostile.querySelectorAll('script, img, iframe, svg, style, math, [onerror], [onload]')).to.have.length(0);
      expect(hostile.querySelector('a')?.hasAttribute('href')).to.equal(false);
      // The changes view (fetches the archived JSON) under the same policy.
      const view = await waitFor(() => {
        const element = policy.querySelector<HTMLElement>('[id="changes-2025-06-11"]');
        return element?.dataset.status === 'ready' ? element : null;
      }, 'the changes view');
      expect(view.querySelectorAll('ins').length).to.be.greaterThan(0);
      // Stylesheet applied (light DOM, external CSS only).
      expect(win.getComputedStyle(view.querySelector('ins')!).textDecorationLine).to.equal('underline');
      expect(win.getComputedStyle(view).borderTopStyle).to.equal('solid');
      // The generated signal section says GPC honoured, DNT ignored.
      expect(policy.querySelector('#candor-browser-signals p[data-signal="gpc"]')?.getAttribute('data-honoured')).to.equal('true');
      expect(policy.querySelector('#candor-browser-signals p[data-signal="dnt"]')?.getAttribute('data-honoured')).to.equal('false');

      await pause(300);
      expect(win.__xss, 'no payload ran').to.equal(undefined);
      expect(violations(win)).to.deep.equal([]);
      // The DOMPurify path signs its parse step with the `candor-policy` policy (it was created, not refused).
      const created = (win as unknown as Record<symbol, unknown>)[Symbol.for('candor.policyTrustedTypes')];
      // (Plain booleans only: chai cannot serialise an object of a removed frame.)
      expect(created === undefined, 'setHTML needs no policy; DOMPurify uses candor-policy').to.equal(how === 'Element.setHTML');
      expect(created === null, 'the candor-policy policy was not refused').to.equal(false);
    });
  }

  it('the page really enforces Trusted Types, and the candor-policy policy signs nothing on request', async () => {
    const { win, doc } = await open('/test/policy/fixtures/tt-dompurify.html');
    await renderedPolicy(doc);
    expect(() => {
      doc.createElement('div').innerHTML = '<b>raw</b>';
    }).to.throw(/TrustedHTML/);
    const policy = (win as unknown as Record<symbol, { createHTML(input: string): unknown } | null>)[Symbol.for('candor.policyTrustedTypes')];
    expect(Boolean(policy), 'the candor-policy policy exists').to.equal(true);
    expect(() => policy!.createHTML('<img src=x onerror="window.__xss=9">')).to.throw(/only serves its sanitiser/);
    await pause(100);
    expect(win.__xss).to.equal(undefined);
  });

  it('a page without <candor-policy> never loads candor-policy.min.js', async () => {
    const { win } = await open('/test/policy/fixtures/no-policy.html');
    await waitFor(() => win.candor, 'window.candor');
    await win.candor!.ready;
    await pause(300);
    expect(loaded(win, 'candor-policy.min.js')).to.equal(false);
    expect(loaded(win, 'candor-purify.min.js')).to.equal(false);
  });
});
