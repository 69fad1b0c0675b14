// <candor-policy> "what changed": section-by-section comparison of an archived version (loaded
// from its revision's `src`) with the current one; word-level <ins>/<del>; URL fragment; errors.
import { expect } from '@open-wc/testing';
import { compareSections } from '../../src/policy/changes.js';
import { markdownText } from '../../src/policy/plain-text.js';
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

describe('markdownText: what a reader sees', () => {
  it('drops Markdown syntax, keeps link targets, marks list items and table cells, decodes references', () => {
    expect(markdownText('We **never** _sell_ data. See [our processors](https://example.com/processors).')).to.equal(
      'We never sell data. See our processors (https://example.com/processors).',
    );
    expect(markdownText('- email\n- IP address\n\n1. ask\n2. delete')).to.equal('• email\n• IP address\n\n1. ask\n2. delete');
    expect(markdownText('| Data | Kept |\n|---|---|\n| logs | 30 days |')).to.equal('Data | Kept\nlogs | 30 days');
    expect(markdownText('5 &lt; 6 &amp; caf&#xe9; &#8217; `a<b` \\*not em\\*')).to.equal('5 < 6 & café \u2019 a<b *not em*');
    expect(markdownText('### Heading\n\n> quoted <b>raw</b> text')).to.equal('Heading\n\nquoted raw text');
    expect(markdownText('<div class="x">block <i>html</i></div>')).to.equal('block html');
  });
});

describe('compareSections: the text a reader sees', () => {
  const section = (body: string) => [{ id: 's', title: 'S', body }];

  it('a change of formatting alone (bold, list marker, line breaks) is no change', () => {
    const [change] = compareSections(section('We keep **logs** for 30 days.\n\n* one\n* two'), section('We keep logs for\n30 days.\n\n- one\n- two'), 'en');
    expect(change!.status).to.equal('unchanged');
  });

  it('words are marked without Markdown syntax; a changed link target shows as a changed URL', () => {
    const [change] = compareSections(
      section('See [processors](https://example.com/old) and **sign up**.'),
      section('See [processors](https://example.com/new) and **register**.'),
      'en',
    );
    expect(change!.status).to.equal('changed');
    const all = change!.body.map((part) => part.text).join('');
    expect(all).not.to.match(/\*\*|\]\(/);
    expect(change!.body.filter((part) => part.kind === 'del').map((part) => part.text.trim())).to.include.members(['sign up']);
    expect(change!.body.filter((part) => part.kind === 'ins').map((part) => part.text.trim())).to.include.members(['register']);
    expect(change!.body.filter((part) => part.kind === 'del').map((part) => part.text.trim())).to.include('old');
    expect(change!.body.filter((part) => part.kind === 'ins').map((part) => part.text.trim())).to.include('new');
    expect(all).to.contain('(https://example.com/');
  });

  it('added and removed sections show their text, not their Markdown', () => {
    const changes = compareSections(section('**Old** text'), [{ id: 'n', title: 'N', body: '*New* text' }], 'en');
    expect(changes.map((change) => [change.status, change.body[0]!.text])).to.deep.equal([
      ['added', 'New text'],
      ['removed', 'Old text'],
    ]);
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

  it('says in words what each mark is, for screen readers that ignore <ins>/<del> (1.3.1)', async () => {
    const { policy } = await mountPolicy({ attributes: { changes: '2025-06-11' } });
    const view = await changesView(policy, '2025-06-11');
    const diff = view.querySelector('[data-section="what-we-collect"] .candor-policy__diff')!;
    expect(text(diff)).to.match(/\[Removed: register ?\] ?\[Added: sign up ?\]/);
    for (const mark of diff.querySelectorAll('ins, del')) {
      expect(mark.previousElementSibling?.className, 'opening words').to.equal('candor-policy__mark');
      expect(mark.nextElementSibling?.className, 'closing bracket').to.equal('candor-policy__mark');
    }
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
