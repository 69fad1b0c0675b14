// <candor-policy>: light-DOM structure, stable anchors, Markdown, controller, archive, dates, axe.
import { expect } from '@open-wc/testing';
import { policyEn, policyStrings } from '../../src/policy/messages.js';
import { mountPolicy, policyConfig, rendered, unmountAll, waitFor } from './helpers.js';
import type { CandorPolicyElement } from '../../src/elements/candor-policy.js';

afterEach(unmountAll);

const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<candor-policy> structure', () => {
  it('renders into light DOM: no shadow root, no <style>, no inline style', async () => {
    const { policy } = await mountPolicy();
    expect(policy.shadowRoot).to.equal(null);
    expect(policy.querySelector('article.candor-policy')).to.not.equal(null);
    expect(policy.querySelectorAll('style, link, script')).to.have.length(0);
    expect(policy.querySelectorAll('[style]')).to.have.length(0);
  });

  it('shows title, version and "Effective starting" date and summary at the top (P1)', async () => {
    const { policy } = await mountPolicy();
    const header = policy.querySelector('article > header')!;
    expect(text(header.querySelector('h1'))).to.equal('Acme privacy policy');
    expect(text(header.querySelector('.candor-policy__version'))).to.equal('Version 2026-03-01');
    expect(text(header.querySelector('.candor-policy__effective'))).to.equal('Effective starting March 1, 2026');
    expect(text(header.querySelector('.candor-policy__summary'))).to.equal('We collect little and ask first.');
    const article = policy.querySelector('article')!;
    expect(article.getAttribute('aria-labelledby')).to.equal('candor-policy-title');
  });

  it('has a table of contents (nav with a name) linking to stable, prefixed section ids', async () => {
    const { policy } = await mountPolicy();
    const nav = policy.querySelector('nav')!;
    expect(nav.getAttribute('aria-labelledby')).to.equal('candor-contents');
    expect(text(policy.querySelector('#candor-contents'))).to.equal('Contents');
    const hrefs = [...nav.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(hrefs).to.deep.equal([
      '#candor-what-we-collect',
      '#candor-analytics',
      '#candor-your-rights',
      '#candor-browser-signals',
      '#candor-controller',
      '#candor-versions',
    ]);
    for (const href of hrefs) {
      const target = document.getElementById(href!.slice(1));
      expect(target, href!).to.not.equal(null);
      expect(policy.contains(target)).to.equal(true);
      expect(target!.localName).to.equal('section');
      expect(target!.querySelector('h2')).to.not.equal(null);
    }
    // Stable across re-renders.
    policy.setAttribute('changes', '');
    await policy.updateComplete;
    expect(document.getElementById('candor-analytics')).to.not.equal(null);
  });

  it('renders every section as sanitised Markdown: headings below h2, lists, emphasis, tables, code, links', async () => {
    const { policy } = await mountPolicy();
    const collect = policy.querySelector('#candor-what-we-collect .candor-policy__body')!;
    expect(text(policy.querySelector('#candor-what-we-collect h2'))).to.equal('What we collect');
    expect(collect.querySelector('h3')?.textContent).to.equal('Account data');
    expect(collect.querySelector('h1, h2')).to.equal(null);
    expect(collect.querySelector('strong')?.textContent).to.equal('name');
    expect(collect.querySelector('em')?.textContent).to.equal('email address');
    expect([...collect.querySelectorAll('ul li')].map((li) => li.textContent)).to.deep.equal(['Name', 'Email']);
    const internal = collect.querySelector('a[href="/cookies"]')!;
    expect(internal.hasAttribute('rel'), 'same-origin link has no rel').to.equal(false);
    const external = collect.querySelector('a[href="https://ico.example/guide"]')!;
    expect(external.getAttribute('rel')).to.equal('noopener noreferrer');
    const analytics = policy.querySelector('#candor-analytics .candor-policy__body')!;
    expect([...analytics.querySelectorAll('table th')].map((th) => th.textContent)).to.deep.equal(['Tool', 'Purpose']);
    expect(analytics.querySelector('table td')?.textContent).to.equal('Example Analytics');
    expect(analytics.querySelector('code')?.textContent).to.equal('candor withdraw');
  });

  it('shows the controller with name, address and a mailto contact', async () => {
    const { policy } = await mountPolicy();
    const section = policy.querySelector('#candor-controller')!;
    expect(text(section.querySelector('h2'))).to.equal('Who is responsible');
    expect(section.querySelector('address dl')).to.not.equal(null);
    expect([...section.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Name', 'Address', 'Contact']);
    expect(section.querySelector('dd')?.textContent).to.equal('Acme Ltd');
    expect(section.querySelector('.candor-policy__address')?.textContent).to.equal('1 Example Street\nLondon');
    const mail = section.querySelector('a')!;
    expect(mail.getAttribute('href')).to.equal('mailto:privacy@acme.example');
    expect(mail.textContent).to.equal('privacy@acme.example');
  });

  it('renders the revision archive: version link, effective date, material or not, summary, compare link', async () => {
    const { policy } = await mountPolicy();
    const table = policy.querySelector('#candor-versions table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Version', 'Effective', 'Kind of change', 'Summary']);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-version'))).to.deep.equal(['2026-03-01', '2025-06-11', '2024-01-01', 'missing', 'not-json', 'invalid']);
    const [current, minor, first] = rows;
    expect(text(current!.querySelector('th'))).to.equal('2026-03-01 (current)');
    expect(current!.querySelector('th a')?.getAttribute('href')).to.equal('/privacy/2026-03-01');
    expect(current!.querySelector('time')?.getAttribute('datetime')).to.equal('2026-03-01');
    expect(text(current!.querySelectorAll('td')[1])).to.equal('Material change');
    expect(current!.querySelector('.candor-policy__compare'), 'no comparing the current version with itself').to.equal(null);
    expect(text(minor!.querySelectorAll('td')[0])).to.equal('June 11, 2025');
    expect(text(minor!.querySelectorAll('td')[1])).to.equal('Minor change');
    expect(minor!.getAttribute('data-material')).to.equal('false');
    expect(text(minor!.querySelectorAll('td')[2])).to.contain('Typo fixes.');
    expect(minor!.querySelector('.candor-policy__compare')?.getAttribute('href')).to.equal('#changes-2025-06-11');
    expect(first!.querySelector('th a')?.getAttribute('href')).to.equal('https://acme.example/privacy/2024-01-01');
    expect(first!.getAttribute('data-material')).to.equal('true');
    // A row without href shows the version as text.
    expect(rows[3]!.querySelector('th a')).to.equal(null);
  });

  it('works outside <candor-consent>, and when defined before the root exists', async () => {
    const { policy } = await mountPolicy({ outside: true });
    expect(text(policy.querySelector('h1'))).to.equal('Acme privacy policy');

    const late = document.createElement('candor-policy') as CandorPolicyElement;
    document.body.append(late);
    try {
      expect(late.rendered).to.equal(false);
      const { policy: other } = await mountPolicy({ outside: true });
      await rendered(late);
      expect(text(late.querySelector('h1'))).to.equal(text(other.querySelector('h1')));
    } finally {
      late.remove();
    }
  });

  it('replaces pre-rendered (static) content once the live policy renders', async () => {
    const container = document.createElement('div');
    container.innerHTML = '<candor-policy><p class="static">Static copy</p></candor-policy>';
    document.body.append(container);
    try {
      const late = container.firstElementChild as CandorPolicyElement;
      expect(late.querySelector('.static')).to.not.equal(null);
      await mountPolicy({ outside: true });
      await rendered(late);
      expect(late.querySelector('.static')).to.equal(null);
      expect(late.querySelector('article')).to.not.equal(null);
    } finally {
      container.remove();
    }
  });

  it('is accessible (axe)', async () => {
    const { policy } = await mountPolicy();
    await expect(policy).to.be.accessible();
  });
});

describe('<candor-policy> locales', () => {
  const cases: Array<[string, string, string, string]> = [
    ['en', 'Effective starting March 1, 2026', 'Acme privacy policy', 'June 11, 2025'],
    ['de', 'Gültig ab 1. März 2026', 'Datenschutzerklärung von Acme', '11. Juni 2025'],
    ['ja', '2026年3月1日から有効', 'Acme プライバシーポリシー', '2025年6月11日'],
  ];
  for (const [locale, effective, title, archived] of cases) {
    it(`formats dates for ${locale} (UTC) and speaks ${locale}`, async () => {
      const { policy } = await mountPolicy({ locale });
      expect(text(policy.querySelector('.candor-policy__effective'))).to.equal(effective);
      expect(text(policy.querySelector('h1'))).to.equal(title);
      expect(text(policy.querySelector('tr[data-version="2025-06-11"] td'))).to.equal(archived);
      expect(policy.querySelector('article')?.getAttribute('lang')).to.equal(locale);
      expect(text(policy.querySelector('#candor-contents'))).to.equal(policyStrings[locale]!['policy.contents']);
    });
  }

  it('formats a date in UTC whatever the time of day (no off-by-one in negative offsets)', async () => {
    const config = policyConfig();
    config.policy.effective = '2026-03-01T00:30:00Z';
    const { policy } = await mountPolicy({ config });
    expect(text(policy.querySelector('.candor-policy__effective'))).to.equal('Effective starting March 1, 2026');
  });

  it('every locale has exactly the English policy keys, with the same placeholders', () => {
    const keys = Object.keys(policyEn).sort();
    for (const [locale, table] of Object.entries(policyStrings)) {
      expect(Object.keys(table).sort(), locale).to.deep.equal(keys);
      for (const key of keys) {
        const placeholders = (value: string) => (value.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(table[key as keyof typeof policyEn]!), `${locale} ${key}`).to.deep.equal(placeholders(policyEn[key as keyof typeof policyEn]));
      }
    }
  });

  it('config messages override policy strings', async () => {
    const config = policyConfig();
    config.messages = { en: { 'policy.contents': 'On this page' } };
    const { policy } = await mountPolicy({ config });
    expect(text(policy.querySelector('#candor-contents'))).to.equal('On this page');
  });
});
