// subscribe() and changes made elsewhere through storage.subscribe (other tabs, other devices).
import { expect } from '@open-wc/testing';
import type { ChangeDetail } from '../../src/core/types.js';
import {
  CONSENT_IDS,
  DAY,
  GPC,
  OPTIONAL_IDS,
  START,
  fakeStorage,
  harness,
  loaded,
  sleep,
  stored,
  storedState,
  userChoice,
} from './fixtures.js';

/** Listener calls that report a change of grants or a decision (not bare save-status updates). */
function real(changes: readonly ChangeDetail[]): ChangeDetail[] {
  return changes.filter((detail) => detail.changed.length > 0 || detail.recordId !== undefined);
}

describe('consent: subscribe()', () => {
  it('is not called for the initial load', async () => {
    const { consent, changes } = harness();
    await consent.ready;
    await sleep(20);
    expect(changes).to.have.length(0);
  });

  it('is not called for the initial load of stored choices', async () => {
    const initial = storedState({ analytics: userChoice(true, START - DAY) }, START - DAY);
    const { consent, changes } = harness({ storage: fakeStorage({ initial }) });
    await consent.ready;
    await sleep(20);
    expect(consent.granted('analytics')).to.equal(true);
    expect(changes).to.have.length(0);
  });

  it('reports no change for signal denials applied during the initial load', async () => {
    const { consent, changes } = harness({ signals: GPC });
    await consent.ready;
    await sleep(20);
    expect(real(changes)).to.have.length(0);
  });

  it('is called on acceptAll() with { state, changed, origin "user", recordId, saved }', async () => {
    const { consent, changes } = await loaded();
    const calls: Array<[unknown, ChangeDetail]> = [];
    consent.subscribe((state, detail) => calls.push([state, detail]));
    await consent.acceptAll();
    const decisions = calls.filter(([, detail]) => detail.recordId !== undefined);
    expect(decisions).to.have.length(1);
    const [state, detail] = decisions[0]!;
    expect(state).to.equal(consent.state);
    expect(detail.state).to.equal(consent.state);
    expect(detail.origin).to.equal('user');
    expect(detail.recordId).to.equal(consent.records()[0]!.recordId);
    expect(detail.saved).to.equal(true);
    expect([...detail.changed].sort()).to.deep.equal([...CONSENT_IDS].sort()); // LI purposes were granted already
    expect(real(changes)).to.have.length(1);
  });

  it('by default only on changes (changed never empty), like candor-change; { all: true } also for save status and no-op decisions', async () => {
    const { consent, storage } = await loaded();
    const plain: ChangeDetail[] = [];
    const all: ChangeDetail[] = [];
    consent.subscribe((_state, detail) => plain.push(detail));
    consent.subscribe((_state, detail) => all.push(detail), { all: true });
    storage.behaviour.save = 'hang';
    await consent.rejectAll(); // changes the legitimate-interest purposes; the save is still pending
    await consent.rejectAll(); // changes nothing: a record, no change
    expect(plain.length).to.equal(1);
    expect(plain.every((detail) => detail.changed.length > 0)).to.equal(true);
    expect(all.filter((detail) => detail.recordId !== undefined)).to.have.length(2);
    expect(all.some((detail) => detail.changed.length === 0)).to.equal(true);
  });

  it('a decision is reported once, as the person\'s: no earlier call carries its state labelled "storage"', async () => {
    const { consent, changes } = await loaded();
    const before = changes.length;
    await consent.acceptAll();
    const calls = changes.slice(before);
    const first = calls.findIndex((detail) => detail.state === consent.state);
    expect(calls[first]?.origin, JSON.stringify(calls.map((detail) => detail.origin))).to.equal('user');
    expect(calls.filter((detail) => detail.origin === 'storage')).to.have.length(0);
  });

  it('reports origin "api" for set()', async () => {
    const { consent, changes } = await loaded();
    await consent.set({ analytics: true });
    const [detail] = real(changes);
    expect(detail?.origin).to.equal('api');
    expect(detail?.changed).to.deep.equal(['analytics']);
  });

  it('reports origin "user" for rejectAll(), withdraw(), optOut() and set(…, { method: "save" })', async () => {
    const { consent, changes } = await loaded();
    await consent.rejectAll();
    await consent.set({ analytics: true }, { method: 'save' });
    await consent.withdraw();
    await consent.optOut();
    expect(real(changes).map((d) => d.origin)).to.deep.equal(['user', 'user', 'user', 'user']);
  });

  it('stops calling after unsubscribe', async () => {
    const { consent } = await loaded();
    let calls = 0;
    const stop = consent.subscribe(() => { calls += 1; });
    await consent.set({ analytics: true });
    const after = calls;
    expect(after).to.be.greaterThan(0);
    stop();
    await consent.set({ analytics: false });
    await consent.acceptAll();
    await sleep(10);
    expect(calls).to.equal(after);
  });

  it('keeps calling other listeners when one throws', async () => {
    const { consent, errors } = await loaded();
    let called = false;
    consent.subscribe(() => { throw new Error('listener bug'); });
    consent.subscribe(() => { called = true; });
    await consent.acceptAll();
    expect(called).to.equal(true);
    expect(consent.granted('analytics')).to.equal(true);
    expect(errors.length).to.be.greaterThan(0);
  });
});

describe('consent: a change made elsewhere (storage.subscribe)', () => {
  it('subscribes once storage is loaded and unsubscribes on destroy()', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent } = await loaded({ storage });
    expect(storage.listeners).to.equal(1);
    consent.destroy();
    expect(storage.listeners).to.equal(0);
  });

  it('adopts a newer state: origin "storage", changed lists the purposes', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, changes, clock } = await loaded({ storage });
    await consent.set({ personalisation: true });
    clock.advance(1000);
    storage.emit(storedState({ analytics: userChoice(true, clock.t), personalisation: userChoice(true, clock.t) }, clock.t));
    expect(consent.granted('analytics')).to.equal(true);
    const detail = changes[changes.length - 1]!;
    expect(detail.origin).to.equal('storage');
    expect(detail.changed).to.deep.equal(['analytics']);
    expect(detail.state).to.equal(consent.state);
  });

  it('ignores an older state', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, changes, clock } = await loaded({ storage });
    clock.advance(1000);
    await consent.set({ analytics: true });
    const before = consent.state;
    const count = changes.length;
    storage.emit(storedState({ analytics: userChoice(false, START), advertising: userChoice(true, START) }, START));
    expect(consent.state).to.equal(before);
    expect(consent.granted('advertising')).to.equal(false);
    expect(changes).to.have.length(count);
  });

  it('two tabs: the later choice wins whole, nothing mixed, and is not overwritten', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, clock } = await loaded({ storage });
    clock.advance(1000);
    await consent.set({ analytics: true, personalisation: true });
    const writes = storage.saveAttempts;
    clock.advance(1000);
    const theirs = storedState({ advertising: userChoice(true, clock.t), personalisation: userChoice(false, clock.t) }, clock.t);
    storage.emit(theirs);
    expect(consent.state.choices['analytics']!.source).to.equal('default'); // ours is not mixed in
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.granted('advertising')).to.equal(true);
    expect(consent.granted('personalisation')).to.equal(false);
    await sleep(20);
    expect(storage.saveAttempts).to.equal(writes);
    expect(stored(storage)).to.deep.equal(theirs);
  });

  it('null (cleared elsewhere) resets to the basis defaults', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, changes } = await loaded({ storage });
    await consent.rejectAll();
    storage.emit(null);
    expect(consent.granted('marketing-email')).to.equal(true);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.needsBanner).to.equal(true);
    expect(consent.records()).to.have.length(0);
    const detail = changes[changes.length - 1]!;
    expect(detail.origin).to.equal('storage');
    expect([...detail.changed].sort()).to.deep.equal(['marketing-email', 'sale-share']);
  });

  it('reports garbage as "stored-data" and ignores it', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, errors, changes } = await loaded({ storage });
    await consent.acceptAll();
    const before = consent.state;
    const count = changes.length;
    for (const garbage of ['{not json', 42, { schema: 99 }, { schema: 1, policyId: 'other', choices: {} }]) storage.emit(garbage);
    expect(consent.state).to.equal(before);
    for (const id of OPTIONAL_IDS) expect(consent.granted(id), id).to.equal(true);
    expect(changes).to.have.length(count);
    expect(errors.map((e) => e.code)).to.deep.equal(['stored-data', 'stored-data', 'stored-data', 'stored-data']);
  });

  it('reports what it had to drop from a state it otherwise adopts', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, errors, clock } = await loaded({ storage });
    clock.advance(1000);
    const theirs = storedState({ analytics: userChoice(true, clock.t) }, clock.t);
    (theirs.choices as Record<string, unknown>)['forged-purpose'] = userChoice(true, clock.t);
    storage.emit(theirs);
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.granted('forged-purpose')).to.equal(false);
    expect(errors.map((e) => e.code)).to.deep.equal(['stored-data']);
  });
});
