// The behaviour every ConsentStorage adapter must have. Each adapter's test file calls
// storageContract() with a factory that makes a fresh, empty adapter.
import { expect } from '@open-wc/testing';
import type { ConsentState, ConsentStorage } from '../../src/core/types.js';
import { makeChoice, makeRecord, makeState } from './fixtures.js';

export interface ContractSubject {
  storage: ConsentStorage;
  /** Removes whatever the adapter stored (run after each test). */
  cleanup?: () => void | Promise<void>;
}

const PURPOSES = ['analytics', 'advertising', 'personalisation', 'marketing-email', 'sale-share'];

/** Defines a mocha suite `${name} (ConsentStorage contract)` run against adapters made by `make`. */
export function storageContract(name: string, make: () => Promise<ContractSubject> | ContractSubject): void {
  describe(`${name} (ConsentStorage contract)`, () => {
    let subject: ContractSubject;
    let storage: ConsentStorage;

    beforeEach(async () => {
      subject = await make();
      storage = subject.storage;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('loads null when nothing was saved', async () => {
      expect(await storage.load()).to.equal(null);
    });

    it('loads a deep-equal copy of what was saved, not the same object', async () => {
      const state = makeState();
      await storage.save(state);
      const loaded = await storage.load();
      expect(loaded).to.deep.equal(state);
      expect(loaded).not.to.equal(state);
    });

    it('keeps the latest of two saves', async () => {
      await storage.save(makeState());
      const second = makeState({ choices: { analytics: makeChoice(false) }, records: [makeRecord(2, { analytics: false }), makeRecord(1)] });
      await storage.save(second);
      expect(await storage.load()).to.deep.equal(second);
    });

    it('loads null after clear', async () => {
      await storage.save(makeState());
      await storage.clear();
      expect(await storage.load()).to.equal(null);
    });

    it('clear on an empty store is harmless', async () => {
      await storage.clear();
      expect(await storage.load()).to.equal(null);
    });

    it('cannot be changed through the object passed to save', async () => {
      const state = makeState();
      await storage.save(state);
      state.choices['analytics']!.granted = false;
      state.records[0]!.choices['analytics'] = false;
      state.records.push(makeRecord(0));
      const loaded = await storage.load();
      expect(loaded?.choices['analytics']?.granted).to.equal(true);
      expect(loaded?.records).to.have.length(1);
      expect(loaded?.records[0]?.choices['analytics']).to.equal(true);
    });

    it('cannot be changed through the object returned by load', async () => {
      await storage.save(makeState());
      const first = await storage.load();
      first!.choices['analytics']!.granted = false;
      first!.records.length = 0;
      const second = await storage.load();
      expect(second).to.deep.equal(makeState());
      expect(second).not.to.equal(first);
    });

    it('50 decisions in a row lose no choice', async () => {
      let state: ConsentState = makeState({ choices: {}, records: [] });
      for (let n = 1; n <= 50; n++) {
        const purpose = PURPOSES[n % PURPOSES.length]!;
        const granted = n % 3 !== 0;
        const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
        const choices = { ...state.choices, [purpose]: makeChoice(granted, { at }) };
        const grants = Object.fromEntries(Object.entries(choices).map(([id, c]) => [id, c.granted]));
        state = { ...state, choices, updatedAt: at, records: [makeRecord(n, grants), ...state.records].slice(0, 50) };
        await storage.save(state);
      }
      const loaded = await storage.load();
      expect(loaded?.choices).to.deep.equal(state.choices);
      expect(Object.keys(loaded?.choices ?? {})).to.have.members(PURPOSES);
      expect(loaded?.records[0]).to.deep.equal(state.records[0]);
      expect(loaded?.records[0]?.recordId).to.equal('rec-0050');
      expect(loaded?.records.length).to.be.within(1, 50);
      // Whatever was kept is the newest part of the history, in order.
      expect(loaded?.records).to.deep.equal(state.records.slice(0, loaded?.records.length));
    });

    it('concurrent saves all resolve and the last one wins', async () => {
      const states = Array.from({ length: 10 }, (_, i) =>
        makeState({ choices: { analytics: makeChoice(i % 2 === 0) }, records: [makeRecord(i + 1, { analytics: i % 2 === 0 })] }),
      );
      await Promise.all(states.map((state) => storage.save(state)));
      expect(await storage.load()).to.deep.equal(states[states.length - 1]);
    });

    it('returns a working unsubscribe from subscribe, if it has one', async () => {
      if (!storage.subscribe) return;
      const seen: unknown[] = [];
      const unsubscribe = storage.subscribe((state) => seen.push(state));
      expect(unsubscribe).to.be.a('function');
      unsubscribe();
      unsubscribe(); // twice is harmless
      await storage.save(makeState());
      await storage.clear();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).to.deep.equal([]);
    });
  });
}
