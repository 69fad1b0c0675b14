// Storage failures and timeouts (DESIGN "JavaScript API": a save that fails keeps the choice
// in memory, sets saveStatus and retries; a load that does not answer counts as "no choice yet").
import { expect } from '@open-wc/testing';
import { createConsent } from '../../src/core/consent.js';
import {
  DAY,
  GPC,
  START,
  fakeStorage,
  harness,
  loaded,
  makeConfig,
  sleep,
  stored,
  storedState,
  userChoice,
  waitFor,
} from './fixtures.js';

const RETRY = { baseMs: 10, maxMs: 40 };

function saveTimes(calls: readonly { op: string; time: number }[]): number[] {
  return calls.filter((call) => call.op === 'save').map((call) => call.time);
}

describe('consent: a save that rejects', () => {
  it('sets saveStatus "failed" and keeps the choice in memory', async () => {
    const { consent, storage } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'reject';
    const state = await consent.set({ analytics: true });
    expect(consent.saveStatus).to.equal('failed');
    expect(consent.granted('analytics')).to.equal(true);
    expect(state.choices['analytics']!.granted).to.equal(true);
    expect(consent.undecided).not.to.include('analytics');
  });

  it('reports "storage" to onError once per failure streak, not on every retry', async () => {
    const { consent, storage, errors } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'reject';
    await consent.set({ analytics: true });
    await waitFor(() => storage.saveAttempts >= 4, 2000, 'retries');
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
  });

  it('retries with backoff and saves once storage recovers', async () => {
    const { consent, storage } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'reject';
    await consent.set({ analytics: true });
    await sleep(250);
    const times = saveTimes(storage.calls);
    // 10, 20, 40, 40, … ms apart: a handful of attempts, not a busy loop.
    expect(times.length).to.be.within(3, 15);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    for (const gap of gaps) expect(gap).to.be.at.least(8);
    expect(Math.max(...gaps)).to.be.at.least(30);
    storage.behaviour.save = 'ok';
    await waitFor(() => consent.saveStatus === 'saved', 2000, 'saved');
    expect(stored(storage).choices['analytics']!.granted).to.equal(true);
    const attempts = storage.saveAttempts;
    await sleep(100);
    expect(storage.saveAttempts).to.equal(attempts); // no more retries once saved
  });

  it('tells listeners: saved false for the decision, then a change of saveStatus when it recovers', async () => {
    const { consent, storage, changes } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'reject';
    await consent.set({ analytics: true });
    const decision = changes.find((detail) => detail.recordId !== undefined);
    expect(decision?.saved).to.equal(false);
    storage.behaviour.save = 'ok';
    await waitFor(() => changes.some((detail) => detail.saved && detail.recordId === undefined && consent.saveStatus === 'saved'), 2000, 'recovery notice');
  });
});

describe('consent: a save that throws', () => {
  it('is treated like a rejection', async () => {
    const { consent, storage, errors } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'throw';
    await consent.acceptAll();
    expect(consent.saveStatus).to.equal('failed');
    expect(consent.granted('advertising')).to.equal(true);
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
    storage.behaviour.save = 'ok';
    await waitFor(() => consent.saveStatus === 'saved', 2000, 'saved');
  });
});

describe('consent: a save that hangs', () => {
  it('times out after timeoutMs, fails, and is retried until storage answers', async () => {
    const { consent, storage, errors } = await loaded({ retry: RETRY, timeoutMs: 40 });
    storage.behaviour.save = 'hang';
    const done = consent.set({ analytics: true });
    await waitFor(() => consent.saveStatus === 'failed', 2000, 'failed');
    await done;
    expect(consent.granted('analytics')).to.equal(true);
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('storage');
    expect(errors[0]!.message).to.match(/save/);
    await waitFor(() => storage.saveAttempts >= 2, 2000, 'a retry');
    storage.behaviour.save = 'ok';
    await waitFor(() => consent.saveStatus === 'saved', 2000, 'saved');
    expect(stored(storage).choices['analytics']!.granted).to.equal(true);
  });
});

describe('consent: a burst of decisions', () => {
  it('while a save is in flight, 10 set() calls coalesce into few writes, the last choice last', async () => {
    const { consent, storage } = await loaded({ retry: RETRY });
    storage.behaviour.save = 'manual';
    const first = consent.set({ personalisation: true });
    await waitFor(() => storage.pending.length === 1, 1000, 'first save in flight');
    expect(consent.saveStatus).to.equal('pending');
    const burst = Array.from({ length: 10 }, (_, i) => consent.set({ analytics: i === 9, advertising: i % 2 === 0 }));
    await sleep(0);
    storage.behaviour.save = 'ok';
    storage.pending[0]!.succeed();
    await Promise.all([first, ...burst]);
    await waitFor(() => consent.saveStatus === 'saved', 2000, 'saved');
    expect(storage.saveAttempts).to.be.below(10);
    const last = storage.writes[storage.writes.length - 1]!;
    expect(last.choices['analytics']!.granted).to.equal(true);
    expect(last.choices['advertising']!.granted).to.equal(false);
    expect(last.choices['personalisation']!.granted).to.equal(true);
    expect(last.records).to.have.length(11); // coalescing loses no record
    expect(consent.granted('analytics')).to.equal(true);
  });
});

describe('consent: a load answered after the timeout', () => {
  const initial = storedState({ analytics: userChoice(true, START - DAY), 'marketing-email': userChoice(false, START - DAY) }, START - DAY);

  it('is adopted when the person has not decided since', async () => {
    const storage = fakeStorage({ initial, load: 'manual' });
    const { consent, errors, changes } = harness({ storage, timeoutMs: 30 });
    await consent.ready;
    expect(errors.map((e) => e.code)).to.deep.equal(['storage']);
    expect(consent.granted('analytics')).to.equal(false);
    storage.pending[0]!.succeed();
    await waitFor(() => consent.granted('analytics'), 1000, 'late answer adopted');
    expect(consent.granted('marketing-email')).to.equal(false);
    expect(consent.granted('sale-share')).to.equal(true); // storage has answered: the basis default applies again
    const change = changes.find((detail) => detail.changed.includes('analytics'));
    expect(change?.origin).to.equal('storage');
  });

  it('is merged when the person decided since: their newer choices win, nothing stored is lost', async () => {
    const earlier = {
      recordId: '00000000-0000-4000-8000-000000000001', schema: 1 as const, at: new Date(START - DAY).toISOString(),
      policy: { id: 'acme-privacy', version: '2026-01-01' }, method: 'save' as const,
      choices: { analytics: true, 'marketing-email': false }, signals: { gpc: false, dnt: false }, locale: 'en',
    };
    const withHistory = { ...initial, records: [earlier] };
    const storage = fakeStorage({ initial: withHistory, load: 'manual' });
    const { consent } = harness({ storage, timeoutMs: 30 });
    await consent.ready;
    await consent.set({ personalisation: true, analytics: false });
    storage.pending[0]!.succeed(withHistory);
    await sleep(30);
    expect(consent.granted('personalisation')).to.equal(true); // the newer decision
    expect(consent.granted('analytics')).to.equal(false); // decided again since: the newer choice wins
    expect(consent.granted('marketing-email')).to.equal(false); // the stored objection is kept, not overwritten
    const saved = storage.calls.filter((call) => call.op === 'save').pop()?.state;
    expect(saved?.choices['marketing-email']?.granted).to.equal(false);
    expect(saved?.records.map((record) => record.recordId)).to.include(earlier.recordId);
    expect(saved?.records).to.have.length(2); // the stored record and the new decision, newest first
    expect(saved?.records[1]?.recordId).to.equal(earlier.recordId);
  });

  it('a load that rejects after the timeout changes nothing', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent, errors } = harness({ storage, timeoutMs: 30 });
    await consent.ready;
    storage.pending[0]!.fail();
    await sleep(20);
    expect(errors).to.have.length(1);
    expect(consent.granted('sale-share')).to.equal(false);
  });
});

describe('consent: a newer state from elsewhere while our write fails', () => {
  it('is not overwritten by a retry of our older state', async () => {
    const storage = fakeStorage({ subscribe: true });
    const { consent, clock } = await loaded({ storage, retry: RETRY });
    storage.behaviour.save = 'manual';
    const done = consent.set({ analytics: true });
    await waitFor(() => storage.pending.length === 1, 1000, 'save in flight');
    clock.advance(5000);
    const theirs = storedState({ advertising: userChoice(true, clock.t) }, clock.t);
    storage.emit(theirs);
    storage.behaviour.save = 'ok';
    storage.pending[0]!.fail();
    await done;
    await sleep(120);
    expect(storage.saveAttempts).to.equal(1);
    expect(stored(storage)).to.deep.equal(theirs);
    expect(consent.granted('advertising')).to.equal(true);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.saveStatus).to.equal('saved');
  });
});

describe('consent: storage refuses the call itself (code "invalid")', () => {
  const refusal = Object.assign(new Error('refused'), { code: 'invalid' });

  it('a refused save is not retried (it would be refused again); the next decision tries again', async () => {
    const storage = fakeStorage({ save: 'manual' });
    const { consent, errors } = harness({ storage, retry: { baseMs: 5, maxMs: 5 } });
    await consent.ready;
    const decided = consent.acceptAll();
    await waitFor(() => storage.pending.length > 0, 500, 'save attempted');
    storage.pending[0]!.fail(refusal);
    await decided;
    expect(consent.saveStatus).to.equal('failed');
    await sleep(60);
    expect(storage.saveAttempts, 'no retry loop').to.equal(1);
    expect(errors.map((error) => error.code)).to.deep.equal(['storage']);
    expect(consent.granted('analytics'), 'the choice applies on the page').to.equal(true);
    const again = consent.rejectAll();
    await waitFor(() => storage.pending.length > 0, 500, 'the next decision is tried');
    storage.pending[0]!.succeed();
    await again;
    expect(consent.saveStatus).to.equal('saved');
  });

  it('refused on a retry (after a first failure): said once more, and a decision made meanwhile shows as not saved', async () => {
    const storage = fakeStorage({ load: 'reject' });
    const { consent, errors } = harness({ storage, retry: { baseMs: 5, maxMs: 5 } });
    await consent.ready;
    await consent.set({ analytics: true });
    expect(consent.saveStatus).to.equal('pending');
    storage.behaviour.load = 'manual';
    await waitFor(() => storage.pending.length > 0, 500, 'a retried load');
    storage.pending[0]!.fail(refusal);
    await waitFor(() => consent.saveStatus === 'failed', 500, 'not saved');
    expect(errors.map((error) => error.code)).to.deep.equal(['storage', 'storage']);
    expect(errors[1]!.message).to.contain('refused');
    expect(storage.saveAttempts).to.equal(0);
  });

  it('a refused load is not retried; a decision then applies on the page and shows as not saved', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent, errors } = harness({ storage, retry: { baseMs: 5, maxMs: 5 } });
    await waitFor(() => storage.pending.length > 0, 500, 'load attempted');
    storage.pending[0]!.fail(refusal);
    await consent.ready;
    await sleep(60);
    expect(storage.calls.filter((call) => call.op === 'load'), 'no retry loop').to.have.length(1);
    expect(errors.map((error) => error.code)).to.deep.equal(['storage']);
    await consent.acceptAll();
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.saveStatus).to.equal('failed');
    expect(storage.saveAttempts, 'nothing written over what storage may hold').to.equal(0);
  });
});

describe('consent: storage refuses an anonymous viewer (code "unauthenticated")', () => {
  const refusal = Object.assign(new Error('anonymous'), { code: 'unauthenticated' });

  it('a refused load: ready resolves, choices are kept for this visit only, reported once', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent, errors } = harness({ storage, timeoutMs: 1000, retry: { baseMs: 5, maxMs: 5 } });
    await waitFor(() => storage.pending.length > 0, 500, 'load attempted');
    storage.pending[0]!.fail(refusal);
    await consent.ready;
    expect(consent.persistent).to.equal(false);
    expect(errors.map((e) => e.message)).to.deep.equal(['Storage refused an anonymous viewer: choices are kept for this visit only']);
    expect(consent.granted('sale-share')).to.equal(true); // nothing stored for an anonymous viewer: basis defaults
    await consent.acceptAll();
    await waitFor(() => consent.saveStatus === 'saved', 500, 'saved in memory');
    expect(storage.saveAttempts).to.equal(0); // no retry loop against the refusing storage
    expect(consent.granted('analytics')).to.equal(true);
  });

  it('a refused save switches to this visit only, without a retry loop', async () => {
    const storage = fakeStorage({ save: 'manual' });
    const { consent, errors } = harness({ storage, timeoutMs: 1000, retry: { baseMs: 5, maxMs: 5 } });
    await consent.ready;
    const decided = consent.acceptAll();
    await waitFor(() => storage.pending.length > 0, 500, 'save attempted');
    storage.pending[0]!.fail(refusal);
    await decided;
    await waitFor(() => consent.saveStatus === 'saved', 500, 'saved in memory');
    expect(consent.persistent).to.equal(false);
    expect(storage.saveAttempts).to.equal(1);
    expect(errors).to.have.length(1);
    expect(consent.granted('analytics')).to.equal(true);
  });
});

describe('consent: a load that fails (rejects, or hangs past the timeout)', () => {
  const earlier = {
    recordId: '00000000-0000-4000-8000-000000000002', schema: 1 as const, at: new Date(START - DAY).toISOString(),
    policy: { id: 'acme-privacy', version: '2026-01-01' }, method: 'save' as const,
    choices: { analytics: true, 'marketing-email': false }, signals: { gpc: false, dnt: false }, locale: 'en',
  };
  const initial = {
    ...storedState({ analytics: userChoice(true, START - DAY), 'marketing-email': userChoice(false, START - DAY) }, START - DAY),
    records: [earlier],
  };
  const loads = (storage: ReturnType<typeof fakeStorage>): number => storage.calls.filter((call) => call.op === 'load').length;

  it('is retried with backoff until storage answers; what it holds then applies, reported once', async () => {
    const storage = fakeStorage({ initial, load: 'reject' });
    const { consent, errors } = harness({ storage, retry: RETRY });
    await consent.ready;
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.needsBanner).to.equal(true);
    await waitFor(() => loads(storage) >= 3, 1000, 'retries');
    storage.behaviour.load = 'ok';
    await waitFor(() => consent.granted('analytics'), 1000, 'the retried load to apply');
    expect(consent.undecided).not.to.include('analytics');
    expect(consent.granted('marketing-email')).to.equal(false); // the stored objection
    expect(errors.map((error) => error.code)).to.deep.equal(['storage']);
  });

  it('a decision made meanwhile is not written over what storage holds: it is saved merged, once storage answers', async () => {
    const storage = fakeStorage({ initial, load: 'reject' });
    const { consent } = harness({ storage, retry: RETRY });
    await consent.ready;
    await consent.set({ personalisation: true });
    expect(consent.granted('personalisation'), 'the choice applies on the page').to.equal(true);
    expect(consent.saveStatus).to.equal('pending');
    await sleep(40);
    expect(storage.saveAttempts, 'nothing written before storage answered').to.equal(0);
    storage.behaviour.load = 'ok';
    await waitFor(() => consent.saveStatus === 'saved' && storage.writes.length > 0, 1000, 'the merged save');
    const saved = storage.writes.at(-1)!;
    expect(saved.choices['personalisation']?.granted).to.equal(true);
    expect(saved.choices['marketing-email']?.granted, 'the stored objection kept').to.equal(false);
    expect(saved.choices['analytics']?.granted, 'the stored consent kept').to.equal(true);
    expect(saved.records.map((record) => record.recordId)).to.include(earlier.recordId);
    expect(saved.records).to.have.length(2);
  });

  it('a load that hangs is not waited for again and again: the decision is saved once its late answer comes', async () => {
    const storage = fakeStorage({ initial, load: 'manual' });
    const { consent } = harness({ storage, timeoutMs: 20, retry: RETRY });
    await consent.ready;
    await consent.set({ personalisation: true });
    expect(storage.saveAttempts).to.equal(0);
    storage.pending[0]!.succeed();
    await waitFor(() => storage.writes.length > 0, 1000, 'the merged save');
    expect(storage.writes.at(-1)!.records).to.have.length(2);
  });

  it('a decision made meanwhile is saved when storage then answers that it holds nothing (first visit)', async () => {
    const storage = fakeStorage({ load: 'reject' });
    const { consent } = harness({ storage, retry: RETRY });
    await consent.ready;
    await consent.acceptAll();
    expect(consent.saveStatus).to.equal('pending');
    storage.behaviour.load = 'ok'; // the retry answers: nothing stored
    await waitFor(() => consent.saveStatus === 'saved', 1000, 'the decision saved');
    expect(storage.writes.at(-1)!.choices['analytics']?.granted).to.equal(true);
    expect(storage.writes.at(-1)!.records.map((record) => record.method)).to.deep.equal(['accept-all']);
  });

  it('a late answer that cannot be trusted is reported, and the decision made meanwhile is saved over it', async () => {
    const storage = fakeStorage({ load: 'manual' });
    const { consent, errors } = harness({ storage, timeoutMs: 20, retry: RETRY });
    await consent.ready;
    await consent.rejectAll();
    storage.pending[0]!.succeed('{"schema":1,');
    await waitFor(() => consent.saveStatus === 'saved', 1000, 'the decision saved');
    expect(errors.map((error) => error.code)).to.deep.equal(['storage', 'stored-data']);
    expect(errors[1]!.message).to.match(/not valid JSON/);
    expect(storage.writes.at(-1)!.choices['marketing-email']?.granted).to.equal(false);
  });

  it('destroy() stops the retries', async () => {
    const storage = fakeStorage({ load: 'reject' });
    const { consent } = harness({ storage, retry: RETRY });
    await consent.ready;
    consent.destroy();
    const before = loads(storage);
    await sleep(100);
    expect(loads(storage)).to.equal(before);
  });
});

describe('consent: destroy()', () => {
  it('stops retrying a failed save: a dead controller never writes its older state over a newer one', async () => {
    const storage = fakeStorage({ save: 'reject' });
    const { consent } = await loaded({ storage, retry: { baseMs: 5, maxMs: 5 } });
    void consent.acceptAll();
    await waitFor(() => storage.saveAttempts >= 2, 1000, 'retries');
    consent.destroy();
    const attempts = storage.saveAttempts;
    storage.behaviour.save = 'ok';
    await sleep(60);
    expect(storage.saveAttempts).to.equal(attempts);
    expect(storage.writes).to.deep.equal([]);
  });

  it('completes when an unsubscribe throws or subscribe() returned none (an RxJS-style object), and reports it', async () => {
    for (const stop of [{ unsubscribe() {} }, () => { throw new Error('already closed'); }]) {
      const storage = fakeStorage();
      storage.subscribe = () => stop as never;
      const { consent, errors } = await loaded({ storage });
      expect(() => consent.destroy()).not.to.throw(); // <candor-consent> destroys the old controller when its config is replaced
      expect(errors.map((error) => error.message)).to.have.length(1).and.to.satisfy((messages: string[]) => messages[0]!.startsWith('destroy(): unsubscribing failed: '));
    }
  });

  it('during the load: the answer that still comes is neither subscribed to nor written back', async () => {
    const storage = fakeStorage({ load: 'manual', subscribe: true });
    const { consent } = harness({ storage, signals: GPC }); // GPC: loading would write a signal record
    await waitFor(() => storage.pending.length > 0, 1000, 'load started');
    consent.destroy();
    storage.pending[0]!.succeed(null);
    await consent.ready;
    await sleep(30);
    expect(storage.listeners).to.equal(0);
    expect(storage.saveAttempts).to.equal(0);
  });

  it('a decision made on a destroyed controller (a trigger held for it) writes nothing over what storage holds', async () => {
    const storage = fakeStorage({ load: 'manual', initial: stored(await (async () => {
      const first = await loaded();
      await first.consent.rejectAll();
      return first.storage;
    })()) });
    const { consent } = harness({ storage });
    await waitFor(() => storage.pending.length > 0, 1000, 'load started');
    consent.destroy();
    storage.pending[0]!.succeed();
    await consent.ready;
    await consent.set({ analytics: true });
    await sleep(30);
    expect(storage.saveAttempts, 'the objection and the history stay').to.equal(0);
  });
});

describe('createConsent: options are checked', () => {
  it('a storage that is missing or not an adapter is a TypeError naming the option', () => {
    for (const storage of [undefined, null, {}, { load: () => Promise.resolve(null) }, { save: () => Promise.resolve(), clear: () => Promise.resolve() }]) {
      expect(() => createConsent({ config: makeConfig(), storage: storage as never }), String(storage)).to.throw(TypeError, /option "storage" must be a ConsentStorage/);
    }
  });

  it('a retry.baseMs or retry.maxMs that is not a positive number is a TypeError naming the option (not a retry every few ms)', () => {
    for (const ms of [0, -5, Number.NaN, 'abc', Infinity]) {
      expect(() => harness({ retry: { baseMs: ms as never } }), String(ms)).to.throw(TypeError, /option "retry.baseMs" must be a positive number/);
      expect(() => harness({ retry: { maxMs: ms as never } }), String(ms)).to.throw(TypeError, /option "retry.maxMs" must be a positive number/);
    }
    expect(() => harness({ retry: { baseMs: 1, maxMs: 2 } })).not.to.throw();
  });

  it('a timeoutMs that is not a positive number below 2^31 (timers fire at once for more, Infinity too) is a TypeError naming the option', () => {
    for (const timeoutMs of [0, -5, Number.NaN, 'abc', Infinity, 2 ** 31]) {
      expect(() => harness({ timeoutMs: timeoutMs as never }), String(timeoutMs)).to.throw(TypeError, /option "timeoutMs" must be a positive number/);
    }
  });

  it('only a real true is a signal (a truthy 1 would be recorded, then refused as malformed on the next load)', async () => {
    const { consent } = harness({ signals: { gpc: 1, dnt: 'yes' } as never });
    expect(consent.signals).to.deep.equal({ gpc: false, dnt: false });
    await consent.ready;
    expect(consent.needsBanner).to.equal(true);
  });
});
