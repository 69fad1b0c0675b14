import { expect } from '@open-wc/testing';
import type { ConsentState } from '../../src/core/types.js';
import { webStorage } from '../../src/storage/index.js';
import { storageContract } from './contract.js';
import { makeChoice, makeRecords, makeState, makeWideState } from './fixtures.js';

let keyCount = 0;
const usedKeys = new Set<string>();
/** A fresh localStorage key, removed after each test. */
function freshKey(): string {
  const key = `candor-test:${Date.now()}:${keyCount++}`;
  usedKeys.add(key);
  return key;
}
afterEach(() => {
  for (const key of usedKeys) localStorage.removeItem(key);
  usedKeys.clear();
  localStorage.removeItem('candor:consent');
});

/** A Map-backed Storage; `setItem` throws QuotaExceededError for values longer than `quota`. */
class MapStorage implements Storage {
  readonly map = new Map<string, string>();
  writes = 0;
  constructor(readonly quota = Infinity) {}
  get length(): number {
    return this.map.size;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  [name: string]: unknown;
}

/** A Storage whose every method throws a SecurityError, like a sandboxed iframe's. */
function throwingStorage(): Storage {
  const fail = (): never => {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  };
  return { length: 0, key: fail, getItem: fail, setItem: fail, removeItem: fail, clear: fail } as unknown as Storage;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

storageContract('webStorage (localStorage)', () => {
  const key = freshKey();
  return { storage: webStorage({ key }), cleanup: () => localStorage.removeItem(key) };
});

storageContract('webStorage (injected storage)', () => ({ storage: webStorage({ storage: new MapStorage() }) }));

describe('webStorage', () => {
  it('uses the key "candor:consent" by default, as JSON', async () => {
    const state = makeState();
    await webStorage().save(state);
    expect(JSON.parse(localStorage.getItem('candor:consent')!)).to.deep.equal(state);
  });

  it('uses the given key', async () => {
    const key = freshKey();
    await webStorage({ key }).save(makeState());
    expect(localStorage.getItem(key)).to.be.a('string');
    expect(localStorage.getItem('candor:consent')).to.equal(null);
  });

  it('loads corrupt JSON as the raw string (the core reports it)', async () => {
    const key = freshKey();
    localStorage.setItem(key, '{"schema":1,');
    expect(await webStorage({ key }).load()).to.equal('{"schema":1,');
  });

  it('loads valid JSON of the wrong shape as it is (untrusted, validated by the core)', async () => {
    const key = freshKey();
    localStorage.setItem(key, '42');
    expect(await webStorage({ key }).load()).to.equal(42);
  });

  it('rejects invalid options with a TypeError naming the option', () => {
    expect(() => webStorage({ key: '' })).to.throw(TypeError, /"key"/);
    expect(() => webStorage({ key: 42 as never })).to.throw(TypeError, /"key"/);
    expect(() => webStorage({ warn: 'loud' as never })).to.throw(TypeError, /"warn"/);
  });

  describe('when storage throws', () => {
    it('falls back to memory with exactly one warning naming the cause, and still works', async () => {
      const warnings: string[] = [];
      const storage = webStorage({ storage: throwingStorage(), warn: (m) => warnings.push(m) });
      expect(await storage.load()).to.equal(null);
      const state = makeState();
      await storage.save(state);
      const loaded = await storage.load();
      expect(loaded).to.deep.equal(state);
      expect(loaded).not.to.equal(state);
      await storage.clear();
      expect(await storage.load()).to.equal(null);
      await storage.save(state);
      storage.subscribe?.(() => {})();
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('SecurityError');
      expect(warnings[0]).to.match(/memory/);
    });

    it('keeps the state being saved when only writing throws', async () => {
      const warnings: string[] = [];
      const area = new MapStorage();
      area.setItem = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      const storage = webStorage({ storage: area, warn: (m) => warnings.push(m) });
      expect(await storage.load()).to.equal(null);
      await storage.save(makeState());
      expect(await storage.load()).to.deep.equal(makeState());
      expect(warnings).to.have.length(1);
    });

    it('falls back when reading window.localStorage itself throws, warning through console.warn by default', async () => {
      const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
      expect(original, 'window.localStorage is an own property').to.exist;
      const warn = console.warn;
      const warnings: unknown[][] = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException("Failed to read the 'localStorage' property from 'Window'.", 'SecurityError');
        },
      });
      try {
        const storage = webStorage();
        await storage.save(makeState());
        expect(await storage.load()).to.deep.equal(makeState());
        await storage.clear();
        expect(await storage.load()).to.equal(null);
        expect(warnings).to.have.length(1);
        expect(String(warnings[0]![0])).to.contain('SecurityError');
      } finally {
        Object.defineProperty(window, 'localStorage', original!);
        console.warn = warn;
      }
      expect(localStorage.getItem('candor:consent')).to.equal(null);
    });

    it('does not fall back for a state that cannot be serialised', async () => {
      const warnings: string[] = [];
      const storage = webStorage({ key: freshKey(), warn: (m) => warnings.push(m) });
      const cyclic = makeState() as unknown as Record<string, unknown>;
      cyclic['self'] = cyclic;
      let error: unknown;
      await storage.save(cyclic as never).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('over quota', () => {
    it('drops the oldest records until it fits, keeping every choice and the newest record', async () => {
      const state = makeWideState(5, 50);
      const full = JSON.stringify(state).length;
      const area = new MapStorage(Math.floor(full * 0.6));
      const storage = webStorage({ storage: area });
      await storage.save(state);
      const loaded = (await storage.load())!;
      expect(loaded.choices).to.deep.equal(state.choices);
      expect(loaded.records.length).to.be.below(50).and.above(1);
      expect(loaded.records[0]).to.deep.equal(state.records[0]);
      expect(loaded.records).to.deep.equal(state.records.slice(0, loaded.records.length));
      // The most records that fit: one more would not.
      const oneMore = { ...state, records: state.records.slice(0, loaded.records.length + 1) };
      expect(JSON.stringify(oneMore).length).to.be.above(area.quota);
    });

    it('recognises Firefox quota errors and code 22', async () => {
      for (const make of [
        () => Object.assign(new Error('quota'), { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 }),
        () => Object.assign(new Error('full'), { name: 'Error', code: 22 }),
      ]) {
        const state = makeWideState(3, 20);
        const area = new MapStorage();
        const limit = Math.floor(JSON.stringify(state).length / 2);
        area.setItem = function (key, value) {
          if (value.length > limit) throw make();
          this.map.set(key, value);
        };
        const warnings: string[] = [];
        const storage = webStorage({ storage: area, warn: (m) => warnings.push(m) });
        await storage.save(state);
        const loaded = (await storage.load())!;
        expect(loaded.records.length).to.be.within(1, 19);
        expect(loaded.choices).to.deep.equal(state.choices);
        expect(warnings).to.deep.equal([]);
      }
    });

    it('rejects with a clear message when even the choices with the newest record do not fit, keeping what was stored', async () => {
      const area = new MapStorage(JSON.stringify(makeState()).length + 10);
      const storage = webStorage({ storage: area });
      await storage.save(makeState());
      const big = makeWideState(20, 50);
      let error: unknown;
      await storage.save(big).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/localStorage refused the write/);
      expect((error as Error).message).to.match(/quota/i);
      expect((error as Error).message).to.contain('QuotaExceededError');
      expect(await storage.load()).to.deep.equal(makeState());
    });

    it('writes once when the state fits', async () => {
      const area = new MapStorage(100_000);
      await webStorage({ storage: area }).save(makeWideState(5, 50));
      expect(area.writes).to.equal(1);
    });
  });

  describe('subscribe', () => {
    it('reports storage events for its key from other documents, with what storage holds', async () => {
      const key = freshKey();
      const storage = webStorage({ key });
      const seen: (ConsentState | null)[] = [];
      const unsubscribe = storage.subscribe!((state) => seen.push(state));
      const state = makeState({ choices: { analytics: makeChoice(false) } });
      // What another document does: write, then the browser fires `storage` here.
      const write = (value: string | null, init: StorageEventInit = {}) => {
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
        window.dispatchEvent(new StorageEvent('storage', { storageArea: localStorage, key, newValue: value, ...init }));
      };
      try {
        write(JSON.stringify(state));
        write(JSON.stringify(state), { key: 'another-key' });
        write(JSON.stringify(state), { storageArea: sessionStorage });
        write('not json');
        write(null);
        write(null, { key: null }); // localStorage.clear() elsewhere
        unsubscribe();
        write(JSON.stringify(makeState()));
        expect(seen).to.deep.equal([state, 'not json', null, null]);
      } finally {
        localStorage.removeItem(key);
      }
    });

    it('two tabs writing at once: each event reports the value left in storage, not the event\'s newValue', async () => {
      const key = freshKey();
      const seen: (ConsentState | null)[] = [];
      const unsubscribe = webStorage({ key }).subscribe!((state) => seen.push(state));
      const theirs = makeState({ choices: { analytics: makeChoice(true) } });
      const last = makeState({ choices: { analytics: makeChoice(false) } });
      try {
        // The other tab wrote `theirs`, then this tab wrote `last` before the event for `theirs` arrived.
        localStorage.setItem(key, JSON.stringify(last));
        window.dispatchEvent(new StorageEvent('storage', { storageArea: localStorage, key, newValue: JSON.stringify(theirs) }));
        expect(seen).to.deep.equal([last]);
      } finally {
        unsubscribe();
        localStorage.removeItem(key);
      }
    });

    it('receives a change made by another same-origin document (iframe)', async () => {
      const key = freshKey();
      const seen: (ConsentState | null)[] = [];
      const unsubscribe = webStorage({ key }).subscribe!((state) => seen.push(state));
      const iframe = document.createElement('iframe');
      iframe.src = '/test/storage/blank.html';
      const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      document.body.append(iframe);
      try {
        await loaded;
        const state = makeState({ records: makeRecords(3) });
        const other = iframe.contentWindow!;
        other.localStorage.setItem(key, JSON.stringify(state));
        await waitFor(() => seen.length === 1);
        expect(seen[0]).to.deep.equal(state);
        other.localStorage.removeItem(key);
        await waitFor(() => seen.length === 2);
        expect(seen[1]).to.equal(null);
        unsubscribe();
        other.localStorage.setItem(key, JSON.stringify(state));
        await nextTask();
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(seen).to.have.length(2);
      } finally {
        unsubscribe();
        iframe.remove();
      }
    });
  });
});

/** Resolves once `condition()` holds; fails after two seconds. */
async function waitFor(condition: () => boolean): Promise<void> {
  const until = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
