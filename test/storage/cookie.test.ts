import { expect } from '@open-wc/testing';
import type { ConsentState } from '../../src/core/types.js';
import { cookieStorage, MAX_COOKIE_BYTES } from '../../src/storage/index.js';
import { storageContract } from './contract.js';
import { makeChoice, makeState, makeWideState } from './fixtures.js';

let nameCount = 0;
const usedNames = new Set<string>();
/** A fresh cookie name, expired after each test. */
function freshName(): string {
  const name = `candor_test_${Date.now()}_${nameCount++}`;
  usedNames.add(name);
  return name;
}
function expire(name: string): void {
  document.cookie = `${name}=; Path=/; Max-Age=0`;
}
afterEach(() => {
  for (const name of usedNames) expire(name);
  usedNames.clear();
  expire('candor_consent');
});

/** The raw value of cookie `name` in the real document, if any. */
function rawCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/**
 * A stand-in document: records every raw string written to `cookie`, keeps a minimal jar
 * (name → value; `Max-Age=0` deletes), and has the `location` it was given.
 */
class FakeDocument {
  readonly written: string[] = [];
  readonly jar = new Map<string, string>();
  ignoreWrites = false;
  constructor(readonly location: { protocol: string; hostname: string } = { protocol: 'http:', hostname: 'localhost' }) {}
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  set cookie(raw: string) {
    this.written.push(raw);
    if (this.ignoreWrites) return;
    const [pair = '', ...attributes] = raw.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const expired = attributes.some((a) => /^max-age=(0|-)/i.test(a));
    if (expired) this.jar.delete(name);
    else this.jar.set(name, pair.slice(eq + 1));
  }
  asDocument(): Document {
    return this as unknown as Document;
  }
}

/** Attributes of a raw Set-Cookie-style string, lower-cased names → values ('' when bare). */
function attributesOf(raw: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of raw.split(';').slice(1)) {
    const [name = '', value = ''] = part.trim().split('=');
    map.set(name.toLowerCase(), value);
  }
  return map;
}

const waitFor = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

storageContract('cookieStorage (real document)', () => {
  const name = freshName();
  return { storage: cookieStorage({ name }), cleanup: () => expire(name) };
});

storageContract('cookieStorage (fake document)', () => ({
  storage: cookieStorage({ document: new FakeDocument().asDocument() }),
}));

describe('cookieStorage', () => {
  describe('attributes', () => {
    it('writes Path=/, SameSite=Lax and Max-Age of 395 days, host-only and not Secure on http, by default', async () => {
      const doc = new FakeDocument();
      await cookieStorage({ document: doc.asDocument() }).save(makeState());
      expect(doc.written).to.have.length(1);
      const raw = doc.written[0]!;
      expect(raw.startsWith('candor_consent=')).to.equal(true);
      const attributes = attributesOf(raw);
      expect(attributes.get('path')).to.equal('/');
      expect(attributes.get('samesite')).to.equal('Lax');
      expect(attributes.get('max-age')).to.equal(String(395 * 86_400));
      expect(attributes.has('domain')).to.equal(false);
      expect(attributes.has('secure')).to.equal(false);
      expect(attributes.has('expires')).to.equal(false);
    });

    it('adds Domain only when `domain` is given', async () => {
      const doc = new FakeDocument();
      await cookieStorage({ document: doc.asDocument(), domain: 'example.com' }).save(makeState());
      expect(attributesOf(doc.written[0]!).get('domain')).to.equal('example.com');
    });

    it('adds Secure whenever the page is https', async () => {
      const doc = new FakeDocument({ protocol: 'https:', hostname: 'example.com' });
      const storage = cookieStorage({ document: doc.asDocument() });
      await storage.save(makeState());
      await storage.clear();
      for (const raw of doc.written) expect(attributesOf(raw).has('secure'), raw).to.equal(true);
    });

    it('uses maxAgeDays, capped at 400 days', async () => {
      const doc = new FakeDocument();
      await cookieStorage({ document: doc.asDocument(), maxAgeDays: 30 }).save(makeState());
      await cookieStorage({ document: doc.asDocument(), maxAgeDays: 1000 }).save(makeState());
      await cookieStorage({ document: doc.asDocument(), maxAgeDays: Infinity }).save(makeState());
      expect(doc.written.map((raw) => attributesOf(raw).get('max-age'))).to.deep.equal([
        String(30 * 86_400),
        String(400 * 86_400),
        String(400 * 86_400),
      ]);
    });

    it('clear expires the cookie with the same Path and Domain (and a host-only leftover)', async () => {
      const doc = new FakeDocument();
      const storage = cookieStorage({ document: doc.asDocument(), domain: 'example.com', name: 'consent' });
      await storage.save(makeState());
      await storage.clear();
      const clears = doc.written.slice(1).map(attributesOf);
      expect(clears).to.have.length(2);
      for (const attributes of clears) {
        expect(attributes.get('max-age')).to.equal('0');
        expect(attributes.get('path')).to.equal('/');
      }
      expect(clears[0]!.get('domain')).to.equal('example.com');
      expect(clears[1]!.has('domain')).to.equal(false);
      expect(doc.written.every((raw) => raw.startsWith('consent='))).to.equal(true);
    });

    it('writes a value made only of cookie-safe characters', async () => {
      const doc = new FakeDocument();
      const state = makeState({ policyVersion: 'v "1"; path=/evil, \\ é 😀', acknowledgedVersion: null });
      const storage = cookieStorage({ document: doc.asDocument() });
      await storage.save(state);
      const value = doc.written[0]!.split(';')[0]!.slice('candor_consent='.length);
      expect(value).to.match(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/);
      expect(await storage.load()).to.deep.equal(state);
    });
  });

  describe('in the real document', () => {
    it('round-trips through document.cookie (not Secure on http://localhost)', async () => {
      expect(location.protocol).to.equal('http:');
      const name = freshName();
      const storage = cookieStorage({ name });
      const state = makeState({ choices: { analytics: makeChoice(true), advertising: makeChoice(false) } });
      await storage.save(state);
      expect(rawCookie(name)).to.be.a('string');
      expect(await cookieStorage({ name }).load()).to.deep.equal(state);
      await storage.clear();
      expect(rawCookie(name)).to.equal(undefined);
    });

    it('loads an undecodable or non-JSON cookie as the raw string (the core reports it)', async () => {
      const name = freshName();
      document.cookie = `${name}=%7Bnot-json; Path=/`;
      expect(await cookieStorage({ name }).load()).to.equal('{not-json');
      document.cookie = `${name}=%E0%A4%A; Path=/`;
      expect(await cookieStorage({ name }).load()).to.equal('%E0%A4%A');
    });

    it('drops the oldest records to stay within 4096 bytes, keeping every choice and the newest record', async () => {
      const name = freshName();
      const state = makeWideState(5, 50);
      const storage = cookieStorage({ name });
      await storage.save(state);
      const raw = rawCookie(name)!;
      expect(name.length + 1 + raw.length).to.be.at.most(MAX_COOKIE_BYTES);
      const loaded = (await storage.load())!;
      expect(loaded.choices).to.deep.equal(state.choices);
      expect(loaded.records.length).to.be.within(2, 49);
      expect(loaded.records).to.deep.equal(state.records.slice(0, loaded.records.length));
      expect(loaded.records[0]!.recordId).to.equal(state.records[0]!.recordId);
    });

    it('keeps the most records that fit', async () => {
      const doc = new FakeDocument();
      const state = makeWideState(5, 50);
      await cookieStorage({ document: doc.asDocument() }).save(state);
      const pair = doc.written[0]!.split(';')[0]!;
      expect(pair.length).to.be.at.most(MAX_COOKIE_BYTES);
      const kept = (await cookieStorage({ document: doc.asDocument() }).load())!.records.length;
      // The same compact encoding as the adapter's: URI-encoded JSON with {}[]:/@ left as they are.
      const compact = (value: ConsentState) =>
        encodeURIComponent(JSON.stringify(value)).replace(/%(7B|7D|5B|5D|3A|2F|40)/g, (_, hex: string) =>
          String.fromCharCode(parseInt(hex, 16)),
        );
      expect(pair).to.equal(`candor_consent=${compact({ ...state, records: state.records.slice(0, kept) })}`);
      expect(kept).to.be.within(2, 49);
      const oneMore = compact({ ...state, records: state.records.slice(0, kept + 1) });
      expect('candor_consent='.length + oneMore.length).to.be.above(MAX_COOKIE_BYTES);
    });

    it('rejects with an Error naming the size when the choices alone are too large, keeping the old cookie', async () => {
      const name = freshName();
      const storage = cookieStorage({ name });
      await storage.save(makeState());
      let error: unknown;
      await storage.save(makeWideState(80, 1)).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/\d+ bytes/);
      expect((error as Error).message).to.contain('4096');
      expect((error as Error).message).to.contain(name);
      expect(await storage.load()).to.deep.equal(makeState());
    });
  });

  it('rejects when the browser silently refuses the cookie', async () => {
    const doc = new FakeDocument();
    doc.ignoreWrites = true;
    let error: unknown;
    await cookieStorage({ document: doc.asDocument() }).save(makeState()).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/did not store/);
  });

  it('throws a TypeError naming the option for invalid options', () => {
    for (const name of ['', 'two words', 'a;b', 'a=b', 'naïve', 'semi,colon', 42]) {
      expect(() => cookieStorage({ name: name as string }), JSON.stringify(name)).to.throw(TypeError, /"name"/);
    }
    for (const maxAgeDays of [-1, Number.NaN, 0, '30']) {
      expect(() => cookieStorage({ maxAgeDays: maxAgeDays as number }), String(maxAgeDays)).to.throw(TypeError, /"maxAgeDays"/);
    }
    for (const domain of ['example.com; Secure', 'exa mple.com', '', 'example.com,evil']) {
      expect(() => cookieStorage({ domain }), domain).to.throw(TypeError, /"domain"/);
    }
    expect(() => cookieStorage({ name: '__Host-consent', domain: 'example.com' })).to.throw(TypeError, /"domain"/);
    expect(() => cookieStorage({ name: '__Host-consent', domain: '.example.com', maxAgeDays: 1 })).to.throw(TypeError);
    expect(() => cookieStorage({ name: 'ok_Name-1.2', domain: '.example.co.uk', maxAgeDays: 0.5 })).not.to.throw();
  });

  describe('subscribe', () => {
    it('does nothing (and unsubscribes) without a Cookie Store', () => {
      const storage = cookieStorage({ document: new FakeDocument().asDocument() });
      const unsubscribe = storage.subscribe!(() => {});
      expect(unsubscribe).to.be.a('function');
      unsubscribe();
    });

    it('reports changes made elsewhere through cookieStore, not its own writes', async function () {
      if (!('cookieStore' in window)) this.skip();
      const name = freshName();
      const storage = cookieStorage({ name });
      const seen: (ConsentState | null)[] = [];
      const unsubscribe = storage.subscribe!((state) => seen.push(state));
      try {
        await storage.save(makeState());
        await storage.save(makeState({ acknowledgedVersion: null }));
        await storage.clear();
        await settle();
        expect(seen, 'own writes').to.deep.equal([]);

        // Another tab (or the server) writes the cookie.
        const state = makeState({ choices: { analytics: makeChoice(false) } });
        document.cookie = `${name}=${encodeURIComponent(JSON.stringify(state))}; Path=/`;
        await waitFor(() => seen.length === 1);
        expect(seen[0]).to.deep.equal(state);

        // An unrelated cookie changes: nothing.
        const other = freshName();
        document.cookie = `${other}=1; Path=/`;
        await settle();
        expect(seen).to.have.length(1);

        document.cookie = `${name}=corrupt; Path=/`;
        await waitFor(() => seen.length === 2);
        expect(seen[1]).to.equal('corrupt');

        expire(name);
        await waitFor(() => seen.length === 3);
        expect(seen[2]).to.equal(null);

        unsubscribe();
        document.cookie = `${name}=${encodeURIComponent(JSON.stringify(state))}; Path=/`;
        await settle();
        expect(seen).to.have.length(3);
      } finally {
        unsubscribe();
      }
    });
  });
});
