// DESIGN "Policy versions and change notices" and the version rows of "Decisions".
import { expect } from '@open-wc/testing';
import type { Revision } from '../../src/core/types.js';
import { grants, loaded, makeConfig, reload, stored, testClock } from './fixtures.js';

const V1: Revision = { version: 'v1', effective: '2025-06-11', material: false };
const V2: Revision = {
  version: 'v2', effective: '2026-03-01', material: true, summary: 'We now use product analytics.', purposes: ['analytics', 'sale-share'],
};
const V3: Revision = { version: 'v3', effective: '2026-06-01', material: true, noticeFrom: '2026-05-01', purposes: ['advertising'] };

function configWith(...revisions: Revision[]) {
  return makeConfig({ policy: { version: revisions[0]!.version, effective: revisions[0]!.effective, revisions } });
}

/** Every optional purpose decided: analytics + advertising granted, the rest refused. */
const EVERYTHING = { analytics: true, advertising: true, personalisation: false, 'sale-share': false, 'marketing-email': false };

describe('consent: first visit', () => {
  it('shows no change notice even though a material revision is in effect', async () => {
    const { consent } = await loaded({ config: configWith(V2, V1), clock: testClock(Date.parse('2026-04-01T00:00:00Z')) });
    expect(consent.state.acknowledgedVersion).to.equal(null);
    expect(consent.changeNotice).to.equal(undefined);
    expect(consent.needsChangeNotice).to.equal(false);
  });

  it('the first decision acknowledges the current version', async () => {
    const { consent, storage } = await loaded({ config: configWith(V2, V1), clock: testClock(Date.parse('2026-04-01T00:00:00Z')) });
    await consent.set({ analytics: true });
    expect(consent.state.acknowledgedVersion).to.equal('v2');
    expect(stored(storage).acknowledgedVersion).to.equal('v2');
    expect(consent.needsChangeNotice).to.equal(false);
  });
});

describe('consent: a material revision listing purposes', () => {
  /** Decides everything on 2026-02-01 (under v1), then comes back on 2026-03-02 (v2 in effect). */
  async function decidedBeforeV2() {
    const clock = testClock(Date.parse('2026-02-01T10:00:00Z'));
    const first = await loaded({ config: configWith(V2, V1), clock });
    expect(first.consent.policyVersion).to.equal('v1');
    await first.consent.set(EVERYTHING, { method: 'save' });
    expect(first.consent.state.acknowledgedVersion).to.equal('v1');
    clock.set('2026-03-02T10:00:00Z');
    return reload(first);
  }

  it('makes a listed opt-in purpose undecided again (denied until chosen)', async () => {
    const { consent } = await decidedBeforeV2();
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.state.choices['analytics']!.source).to.equal('default');
    expect(consent.undecided).to.deep.equal(['analytics']);
    expect(consent.needsBanner).to.equal(true);
  });

  it('keeps an objection to a listed legitimate-interest purpose', async () => {
    const { consent } = await decidedBeforeV2();
    expect(consent.granted('sale-share')).to.equal(false);
    expect(consent.state.choices['sale-share']!.source).to.equal('user');
  });

  it('keeps every choice for a purpose it does not list', async () => {
    const { consent } = await decidedBeforeV2();
    expect(grants(consent, ['advertising', 'personalisation', 'marketing-email'])).to.deep.equal({
      advertising: true, personalisation: false, 'marketing-email': false,
    });
  });

  it('shows the change notice to the returning person', async () => {
    const { consent } = await decidedBeforeV2();
    expect(consent.needsChangeNotice).to.equal(true);
    expect(consent.changeNotice?.version).to.equal('v2');
  });

  it('does not re-ask a choice made after the revision took effect', async () => {
    const clock = testClock(Date.parse('2026-03-02T10:00:00Z'));
    const first = await loaded({ config: configWith(V2, V1), clock });
    await first.consent.set(EVERYTHING);
    clock.set('2026-03-20T10:00:00Z');
    const { consent } = await reload(first);
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.needsBanner).to.equal(false);
    expect(consent.needsChangeNotice).to.equal(false);
  });
});

describe('consent: a non-material revision', () => {
  it('never shows a notice and re-asks nothing, even when it lists purposes', async () => {
    const minor: Revision = { version: 'v1.1', effective: '2026-03-01', material: false, purposes: ['analytics'] };
    const base: Revision = { version: 'v1', effective: '2025-06-11', material: true };
    const clock = testClock(Date.parse('2026-02-01T10:00:00Z'));
    const first = await loaded({ config: configWith(minor, base), clock });
    await first.consent.set(EVERYTHING);
    clock.set('2026-03-02T10:00:00Z');
    const { consent } = await reload(first);
    expect(consent.policyVersion).to.equal('v1.1');
    expect(consent.needsChangeNotice).to.equal(false);
    expect(consent.changeNotice).to.equal(undefined);
    expect(consent.granted('analytics')).to.equal(true);
  });
});

describe('consent: the current policy version', () => {
  it('is the newest revision whose effective date is not after now', async () => {
    const clock = testClock(Date.parse('2026-02-28T23:59:00Z'));
    const first = await loaded({ config: configWith(V3, V2, V1), clock });
    expect(first.consent.policyVersion).to.equal('v1');
    expect(first.consent.state.policyVersion).to.equal('v1');
    clock.set('2026-03-01T00:00:00Z');
    expect(first.consent.policyVersion).to.equal('v2');
    await first.consent.set({ personalisation: true });
    expect(first.consent.records()[0]!.policy).to.deep.equal({ id: 'acme-privacy', version: 'v2' });
    expect(first.consent.state.policyVersion).to.equal('v2');
    clock.set('2026-06-01T00:00:00Z');
    const { consent } = await reload(first);
    expect(consent.state.policyVersion).to.equal('v3');
  });

  it('falls back to policy.version when no revision is in effect yet', async () => {
    const config = makeConfig({ policy: { version: 'draft', revisions: [{ version: 'draft', effective: '2027-01-01' }] } });
    const { consent } = await loaded({ config });
    expect(consent.policyVersion).to.equal('draft');
  });
});

describe('consent: an upcoming material revision (noticeFrom ≤ now < effective)', () => {
  /** A person who decided under v2 on 2026-03-15. */
  async function returningUnderV2(now: string) {
    const clock = testClock(Date.parse('2026-03-15T10:00:00Z'));
    const first = await loaded({ config: configWith(V3, V2, V1), clock });
    await first.consent.set(EVERYTHING);
    expect(first.consent.state.acknowledgedVersion).to.equal('v2');
    clock.set(now);
    return reload(first);
  }

  it('is not announced before noticeFrom', async () => {
    const { consent } = await returningUnderV2('2026-04-30T23:00:00Z');
    expect(consent.needsChangeNotice).to.equal(false);
  });

  it('is announced from noticeFrom: changeNotice is it, needsChangeNotice is true, the current version is unchanged', async () => {
    const { consent } = await returningUnderV2('2026-05-02T10:00:00Z');
    expect(consent.needsChangeNotice).to.equal(true);
    expect(consent.changeNotice?.version).to.equal('v3');
    expect(consent.policyVersion).to.equal('v2');
    expect(consent.granted('advertising')).to.equal(true); // not in effect yet: nothing re-asked
  });

  it('is announced on the same page once the clock reaches noticeFrom', async () => {
    const h = await returningUnderV2('2026-04-30T23:00:00Z');
    expect(h.consent.needsChangeNotice).to.equal(false);
    h.clock.set('2026-05-01T00:00:00Z');
    expect(h.consent.needsChangeNotice).to.equal(true);
  });

  it('is not announced when not material', async () => {
    const clock = testClock(Date.parse('2026-03-15T10:00:00Z'));
    const minor: Revision = { ...V3, material: false };
    const first = await loaded({ config: configWith(minor, V2, V1), clock });
    await first.consent.set(EVERYTHING);
    clock.set('2026-05-02T10:00:00Z');
    const { consent } = await reload(first);
    expect(consent.needsChangeNotice).to.equal(false);
  });
});

describe('consent: acknowledge()', () => {
  async function withNotice() {
    const clock = testClock(Date.parse('2026-03-15T10:00:00Z'));
    const first = await loaded({ config: configWith(V3, V2, V1), clock });
    await first.consent.set(EVERYTHING);
    clock.set('2026-05-02T10:00:00Z');
    const h = await reload(first);
    expect(h.consent.needsChangeNotice).to.equal(true);
    return h;
  }

  it('clears needsChangeNotice', async () => {
    const { consent } = await withNotice();
    await consent.acknowledge();
    expect(consent.needsChangeNotice).to.equal(false);
    expect(consent.state.acknowledgedVersion).to.equal('v3');
  });

  it('writes a "change-notice" record, also to storage', async () => {
    const { consent, storage } = await withNotice();
    const count = consent.records().length;
    await consent.acknowledge();
    expect(consent.records()).to.have.length(count + 1);
    expect(consent.records()[0]!.method).to.equal('change-notice');
    expect(stored(storage).records[0]!.method).to.equal('change-notice');
    expect(stored(storage).acknowledgedVersion).to.equal('v3');
  });

  it('changes no choice: acknowledging is not consent', async () => {
    const { consent } = await withNotice();
    const before = JSON.parse(JSON.stringify(consent.state.choices)) as unknown;
    const undecided = [...consent.undecided];
    await consent.acknowledge();
    expect(consent.state.choices).to.deep.equal(before);
    expect([...consent.undecided]).to.deep.equal(undecided);
  });

  it('does not opt back in a purpose a material revision re-asked', async () => {
    const clock = testClock(Date.parse('2026-02-01T10:00:00Z'));
    const first = await loaded({ config: configWith(V2, V1), clock });
    await first.consent.set(EVERYTHING);
    clock.set('2026-03-02T10:00:00Z');
    const { consent } = await reload(first);
    await consent.acknowledge();
    expect(consent.needsChangeNotice).to.equal(false);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.undecided).to.deep.equal(['analytics']);
    expect(consent.needsBanner).to.equal(true);
  });

  it('an early acknowledgement is not consent: the listed purpose is re-asked once the revision takes effect', async () => {
    const h = await withNotice();
    await h.consent.acknowledge();
    h.clock.set('2026-06-02T10:00:00Z');
    const { consent } = await reload(h);
    expect(consent.needsChangeNotice).to.equal(false);
    expect(consent.granted('advertising')).to.equal(false);
    expect(consent.undecided).to.deep.equal(['advertising']);
  });
});
