// <candor-policy> "what changed": section-by-section comparison of an archived version (loaded
// from its revision's `src`) with the current one; word-level <ins>/<del>; URL fragment; errors.
import { expect } from '@open-wc/testing';
import { compareSections } from '../../src/policy/changes.js';
import type { CandorErrorDetail } from '../../src/core/types.js';
import { mountPolicy, pause, unmountAll, waitFor } from './helpers.js';
import type { CandorPolicyElement } from '../../src/elements/candor-policy.js';

const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function changesView(policy: CandorPolicyElement, version: string): Promise<HTMLElement> {
  return waitFor(() => {
    const view = policy.querySelector<HTMLElement>(`[id="changes-${version}"]`);
    return view && view.dataset.status !== 'loading' ? view : null;
  }, `the changes view of ${version}`);
}

afterEach(() => {
  unmountAll();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
});

describe('compareSections (jsdiff, word level)', () => {
  it('finds added, removed, changed and unchanged sections, in the newer order then removed ones', () => {
    const changes = compareSections(
      [
        { id: 'a', title: 'A', body: 'one two three' },
        { id: 'b', title: 'B', body: 'same' },
        { id: 'gone', title: 'Gone', body: 'old text' },
      ],
      [
        { id: 'b', title: 'B', body: 'same' },
        { id: 'a', title: 'A new', body: 'one 2 three four' },
        { id: 'new', title: 'New', body: 'fresh' },
      ],
      'en',
    );
    expect(changes.map((change) => [change.id, change.status])).to.deep.equal([
      ['b', 'unchanged'],
      ['a', 'changed'],
      ['new', 'added'],
      ['gone', 'removed'],
    ]);
    const a = changes[1]!;
    expect(a.body.filter((part) => part.kind === 'del').map((part) => part.text.trim())).to.deep.equal(['two']);
    expect(a.body.filter((part) => part.kind === 'ins').map((part) => part.text.trim())).to.deep.equal(['2', 'four']);
    expect(a.titleDiff?.filter((part) => part.kind === 'ins').map((part) => part.text.trim())).to.deep.equal(['new']);
  });
});

describe('<candor-policy> what changed', () => {
  it('compares an archived version with the current one: added, removed, changed sections, words marked', async () => {
    const { policy } = await mountPolicy({ attributes: { changes: '2025-06-11' } });
    const view = await changesView(policy, '2025-06-11');
    expect(view.dataset.status).to.equal('ready');
    expect(text(view.querySelector('h2'))).to.equal('What changed from version 2025-06-11 to version 2026-03-01');
    const sections = [...view.querySelectorAll<HTMLElement>('.candor-policy__change')];
    expect(sections.map((section) => [section.dataset.section, section.dataset.change])).to.deep.equal([
      ['what-we-collect', 'changed'],
      ['analytics', 'added'],
      ['newsletter', 'removed'],
    ]);
    const [changed, added, removed] = sections;
    expect([...changed!.querySelectorAll('del')].map((del) => del.textContent!.trim())).to.deep.equal(['register']);
    expect([...changed!.querySelectorAll('ins')].map((ins) => ins.textContent!.trim())).to.deep.equal(['sign up']);
    expect(text(changed!.querySelector('h3'))).to.equal('What we collect (Changed)');
    expect(added!.querySelectorAll('del')).to.have.length(0);
    expect(added!.querySelector('ins')?.textContent).to.contain('With your consent we measure');
    expect(removed!.querySelectorAll('ins')).to.have.length(0);
    expect(removed!.querySelector('del')?.textContent).to.equal('We send a monthly newsletter to customers who ask for it.');
    // The Markdown source is shown as text, never parsed into elements.
    expect(view.querySelectorAll('table, strong, ul')).to.have.length(0);
    // Unchanged sections are left out.
    expect(view.querySelector('[data-section="your-rights"]')).to.equal(null);
  });

  it('marks a changed section title at word level too', async () => {
    const { policy } = await mountPolicy({ attributes: { changes: '2024-01-01' } });
    const view = await changesView(policy, '2024-01-01');
    const collect = view.querySelector('[data-section="what-we-collect"] h3')!;
    expect(text(collect.querySelector('del'))).to.equal('Data');
    expect(text(collect.querySelector('ins'))).to.equal('What');
  });

  it('opens from the URL fragment #changes-<version> and scrolls there', async () => {
    history.replaceState(null, '', '#changes-2025-06-11');
    const { policy } = await mountPolicy();
    const view = await changesView(policy, '2025-06-11');
    expect(view.dataset.status).to.equal('ready');
    expect(policy.changes).to.equal('2025-06-11');
  });

  it('follows later fragment changes (the archive link), and the back link closes it', async () => {
    const { policy } = await mountPolicy();
    expect(policy.querySelector('.candor-policy__changes')).to.equal(null);
    const link = policy.querySelector<HTMLAnchorElement>('tr[data-version="2024-01-01"] .candor-policy__compare')!;
    link.click();
    const view = await changesView(policy, '2024-01-01');
    expect(location.hash).to.equal('#changes-2024-01-01');
    expect(view.dataset.status).to.equal('ready');
    expect(document.activeElement, 'focus moves to the changes view').to.equal(view);
    const back = [...view.querySelectorAll('a')].find((a) => a.textContent === 'Back to the current policy')!;
    back.click();
    await policy.updateComplete;
    expect(policy.querySelector('.candor-policy__changes')).to.equal(null);
  });

  it('the `changes` property shows it too (with no-hash, the archive link does not touch the URL)', async () => {
    const { policy } = await mountPolicy({ attributes: { 'no-hash': '' } });
    policy.changes = '2024-01-01';
    await changesView(policy, '2024-01-01');
    policy.changes = null;
    await policy.updateComplete;
    policy.querySelector<HTMLAnchorElement>('tr[data-version="2025-06-11"] .candor-policy__compare')!.click();
    await changesView(policy, '2025-06-11');
    expect(location.hash).to.equal('');
  });

  const failures: Array<[string, string, RegExp]> = [
    ['missing', 'load', /HTTP 404/],
    ['not-json', 'load', /not valid JSON/],
    ['invalid', 'config', /not a valid Candor config/],
  ];
  for (const [version, code, message] of failures) {
    it(`version "${version}": a clear message in the page and one candor-error (${code}), no crash`, async () => {
      const errors: CandorErrorDetail[] = [];
      const listener = (event: Event) => errors.push((event as CustomEvent<CandorErrorDetail>).detail);
      document.addEventListener('candor-error', listener);
      try {
        const { policy } = await mountPolicy({ attributes: { changes: version } });
        const view = await changesView(policy, version);
        expect(view.dataset.status).to.equal('error');
        const alert = view.querySelector('[role="alert"]')!;
        expect(text(alert)).to.match(new RegExp(`^Version ${version} could not be compared: `));
        expect(text(alert)).to.match(message);
        await pause(50);
        expect(errors.map((error) => error.code)).to.deep.equal([code]);
        expect(errors[0]!.message).to.match(message);
        if (code === 'config') expect(errors[0]!.problems?.some((problem) => problem.startsWith('policy.version'))).to.equal(true);
        // The policy itself still renders.
        expect(policy.querySelector('#candor-what-we-collect')).to.not.equal(null);
      } finally {
        document.removeEventListener('candor-error', listener);
      }
    });
  }

  it('an unknown version says so', async () => {
    const { policy } = await mountPolicy({ attributes: { changes: '1999-01-01' } });
    const view = await changesView(policy, '1999-01-01');
    expect(text(view.querySelector('[role="alert"]'))).to.equal('This policy has no version 1999-01-01 to compare.');
  });

  it('the changes view is accessible (axe)', async () => {
    const { policy } = await mountPolicy({ attributes: { changes: '2025-06-11' } });
    await changesView(policy, '2025-06-11');
    await expect(policy).to.be.accessible();
  });
});
