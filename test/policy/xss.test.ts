// The XSS corpus (test/policy/xss-corpus.ts) through <candor-policy> in real Chromium, with the
// browser's sanitiser (Element.setHTML) and with DOMPurify: nothing executes, and nothing
// dangerous stays in the DOM.
import { expect } from '@open-wc/testing';
import { allowedHref, urlScheme } from '../../src/policy/allow.js';
import { renderMarkdown, sanitizer } from '../../src/policy/sanitizer.js';
import { XSS_PAYLOADS } from './xss-corpus.js';
import { mountPolicy, pause, policyConfig, unmountAll } from './helpers.js';

type XssWindow = Window & { __xss?: (n: number) => void };

const DANGEROUS = 'script, iframe, frame, frameset, object, embed, applet, form, input, button, select, textarea, style, link, meta, base, svg, math, img, video, audio, source, template, noscript, marquee, isindex, x-y, body';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'background', 'poster'];

/** Every way the DOM under `root` could still run script or navigate to one. */
function dangers(root: Element): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll(DANGEROUS)) found.push(`<${element.localName}>`);
  for (const element of root.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      if (/^on/i.test(name)) found.push(`${element.localName}[${name}]`);
      if (name === 'style') found.push(`${element.localName}[style]`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase())) {
        const value = element.getAttribute(name)!;
        const normalised = value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\ufeff]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(normalised) || !allowedHref(value)) found.push(`${element.localName}[${name}="${value}"]`);
      }
    }
  }
  return found;
}

for (const kind of ['auto', 'dompurify'] as const) {
  describe(`XSS corpus (${XSS_PAYLOADS.length} payloads) with ${kind === 'auto' ? 'Element.setHTML' : 'DOMPurify'}`, () => {
    const hits: number[] = [];
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(String(event.message));
    const onViolation = (event: SecurityPolicyViolationEvent) => errors.push(`CSP ${event.effectiveDirective}`);

    before(() => {
      (window as XssWindow).__xss = (n) => hits.push(n);
      window.addEventListener('error', onError);
      document.addEventListener('securitypolicyviolation', onViolation);
    });
    after(() => {
      delete (window as XssWindow).__xss;
      window.removeEventListener('error', onError);
      document.removeEventListener('securitypolicyviolation', onViolation);
      unmountAll();
    });

    it(kind === 'auto' ? 'Chromium has Element.setHTML (the default path)' : 'DOMPurify loads on demand', async () => {
      const ready = await sanitizer(kind);
      expect(typeof ready).to.equal('function');
      if (kind === 'auto') expect(typeof (Element.prototype as unknown as { setHTML?: unknown }).setHTML).to.equal('function');
    });

    it('renders every payload as a section body (and one as a title): nothing runs, nothing dangerous stays', async () => {
      const config = policyConfig();
      config.policy.sections = XSS_PAYLOADS.map((body, i) => ({ id: `p${i + 1}`, title: `Payload ${i + 1}`, body }));
      config.policy.sections.push({ id: 'title', title: '<img src=x onerror="window.__xss(99)">', body: 'text' });
      config.policy.summary = '<script>window.__xss(98)</script>';
      const { policy } = await mountPolicy({ config, attributes: kind === 'dompurify' ? { sanitizer: 'dompurify' } : {} });
      // Let anything that could fire (onerror, onload, autofocus, ontoggle, refresh) fire.
      await pause(600);
      for (const element of policy.querySelectorAll<HTMLElement>('a, [tabindex]')) {
        element.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        element.focus();
      }
      await pause(100);
      expect(hits, 'payloads that ran').to.deep.equal([]);
      expect(errors, 'errors and CSP violations').to.deep.equal([]);
      expect(dangers(policy), 'dangerous elements, attributes or URLs').to.deep.equal([]);
      expect(policy.querySelector('#candor-title h2')?.textContent, 'titles are text').to.equal('<img src=x onerror="window.__xss(99)">');
      expect(policy.querySelector('.candor-policy__summary')?.textContent).to.equal('<script>window.__xss(98)</script>');
      expect(document.getElementById('__xss'), 'no clobbering form').to.equal(null);
      expect(policy.querySelectorAll('[id="candor-policy-title"]'), 'no duplicate ids from bodies').to.have.length(1);
      // Every link that stays is https, mailto or relative; external ones get rel.
      for (const link of policy.querySelectorAll<HTMLAnchorElement>('.candor-policy__body a[href]')) {
        const scheme = urlScheme(link.getAttribute('href')!);
        expect([undefined, 'https', 'mailto'], link.getAttribute('href')!).to.include(scheme);
        if (link.origin !== location.origin && scheme !== 'mailto') expect(link.rel, link.href).to.equal('noopener noreferrer');
      }
      // The safe text of payloads survives (the sanitiser removes markup, not the whole section).
      expect(policy.querySelector('#candor-p12 a')?.textContent).to.equal('click');
      expect(policy.querySelector('#candor-p12 a')?.hasAttribute('href')).to.equal(false);
      expect(policy.querySelector('#candor-p32 a')?.getAttribute('href')).to.equal('https://ok.example/');
      expect(policy.querySelector('#candor-p52 a[href="http://plain.example/"]'), 'http is not on the allow-list').to.equal(null);
    });

    it('each payload alone, straight through the sanitiser, leaves nothing dangerous', async () => {
      const sanitize = await sanitizer(kind);
      for (const [i, payload] of XSS_PAYLOADS.entries()) {
        const holder = document.createElement('div');
        holder.append(renderMarkdown(payload, sanitize));
        expect(dangers(holder), `payload ${i + 1}: ${payload}`).to.deep.equal([]);
      }
      await pause(300);
      expect(hits).to.deep.equal([]);
    });
  });
}

describe('XSS corpus harness', () => {
  it('has at least 30 payloads', () => {
    expect(XSS_PAYLOADS.length).to.be.at.least(30);
  });

  it('positive control: unsanitised, the corpus does run and does leave dangers (so the checks above can fail)', async () => {
    const hits: number[] = [];
    (window as XssWindow).__xss = (n) => hits.push(n);
    const holder = document.createElement('div');
    document.body.append(holder);
    try {
      holder.innerHTML = XSS_PAYLOADS.join('\n');
      await pause(300);
      expect(hits, 'the raw corpus ran').to.include(2);
      expect(dangers(holder)).to.include('<iframe>');
      expect(dangers(holder).some((danger) => danger.startsWith('a[href="javascript:'))).to.equal(true);
    } finally {
      holder.remove();
      delete (window as XssWindow).__xss;
    }
  });
});
