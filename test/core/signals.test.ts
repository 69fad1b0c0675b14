import { expect } from '@open-wc/testing';
import { detectSignals, type SignalSource } from '../../src/core/index.js';

/** A value to put on a stub, or a getter that throws. */
const THROWS = Symbol('throws');
type Stub = unknown;

/** An object whose `key` reads as `value` (or throws); `undefined` leaves the key absent. */
function stub(entries: Record<string, Stub>): object {
  const target = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === THROWS) {
      Object.defineProperty(target, key, {
        get() {
          throw new Error(`${key} is blocked`);
        },
        enumerable: true,
      });
    } else if (value !== undefined) {
      Object.defineProperty(target, key, { value, enumerable: true });
    }
  }
  return target;
}

function show(value: Stub): string {
  if (value === THROWS) return 'a throwing getter';
  if (value === undefined) return 'undefined';
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}

describe('detectSignals', () => {
  describe('GPC (standards G1): on only for navigator.globalPrivacyControl === true', () => {
    const table: [Stub, boolean][] = [
      [true, true],
      [false, false],
      [undefined, false],
      ['true', false],
      [1, false],
      [null, false],
      [{}, false],
      [THROWS, false],
    ];
    for (const [value, on] of table) {
      it(`${show(value)} → ${on ? 'on' : 'off'}`, () => {
        const signals = detectSignals({ navigator: stub({ globalPrivacyControl: value }), window: {} });
        expect(signals).to.deep.equal({ gpc: on, dnt: false });
      });
    }

    it('a getter on the prototype (as in browsers) is read', () => {
      const proto = {};
      Object.defineProperty(proto, 'globalPrivacyControl', { get: () => true });
      expect(detectSignals({ navigator: Object.create(proto) as object }).gpc).to.equal(true);
    });

    it('window.globalPrivacyControl is not read', () => {
      expect(detectSignals({ navigator: {}, window: stub({ globalPrivacyControl: true }) }).gpc).to.equal(false);
    });
  });

  describe('DNT (standards D1): "1" and "yes" are on; everything else is no signal', () => {
    const values: [Stub, boolean][] = [
      ['1', true],
      ['yes', true],
      ['0', false],
      ['no', false],
      ['unspecified', false],
      [null, false],
      [undefined, false],
      [1, false],
      [true, false],
      ['true', false],
      ['YES', false],
      [' 1', false],
      [THROWS, false],
    ];
    const places: [string, (value: Stub) => SignalSource][] = [
      ['navigator.doNotTrack', (value) => ({ navigator: stub({ doNotTrack: value }), window: {} })],
      ['window.doNotTrack', (value) => ({ navigator: {}, window: stub({ doNotTrack: value }) })],
      ['navigator.msDoNotTrack', (value) => ({ navigator: stub({ msDoNotTrack: value }), window: {} })],
    ];
    for (const [place, source] of places) {
      for (const [value, on] of values) {
        it(`${place} = ${show(value)} → ${on ? 'on' : 'off'}`, () => {
          expect(detectSignals(source(value))).to.deep.equal({ gpc: false, dnt: on });
        });
      }
    }
  });

  describe('DNT precedence: the first set of navigator.doNotTrack, window.doNotTrack, navigator.msDoNotTrack wins', () => {
    const table: [string, { nav?: Stub; win?: Stub; ms?: Stub }, boolean][] = [
      ['navigator "0" over window "1"', { nav: '0', win: '1' }, false],
      ['navigator "no" over window "yes"', { nav: 'no', win: 'yes' }, false],
      ['navigator "0" over msDoNotTrack "1"', { nav: '0', ms: '1' }, false],
      ['navigator "1" over window "0"', { nav: '1', win: '0' }, true],
      ['window "0" over msDoNotTrack "1"', { win: '0', ms: '1' }, false],
      ['window "1" over msDoNotTrack "0"', { win: '1', ms: '0' }, true],
      ['navigator null falls through to window "1"', { nav: null, win: '1' }, true],
      ['navigator undefined falls through to window "1"', { win: '1' }, true],
      ['navigator "unspecified" (unset, D1) falls through to window "1"', { nav: 'unspecified', win: '1' }, true],
      ['navigator and window unset fall through to msDoNotTrack "1"', { nav: null, win: null, ms: '1' }, true],
      ['navigator and window unset fall through to msDoNotTrack "yes"', { nav: 'unspecified', ms: 'yes' }, true],
      ['a throwing navigator getter is unset: window "1" is read', { nav: THROWS, win: '1' }, true],
      ['a throwing navigator getter with window "0"', { nav: THROWS, win: '0' }, false],
      ['every getter throwing', { nav: THROWS, win: THROWS, ms: THROWS }, false],
      ['nothing set at all', {}, false],
    ];
    for (const [name, { nav, win, ms }, on] of table) {
      it(`${name} → ${on ? 'on' : 'off'}`, () => {
        const source = { navigator: stub({ doNotTrack: nav, msDoNotTrack: ms }), window: stub({ doNotTrack: win }) };
        expect(detectSignals(source)).to.deep.equal({ gpc: false, dnt: on });
      });
    }
  });

  describe('odd sources', () => {
    it('GPC and DNT are read independently', () => {
      const source = { navigator: stub({ globalPrivacyControl: true, doNotTrack: '1' }), window: {} };
      expect(detectSignals(source)).to.deep.equal({ gpc: true, dnt: true });
    });

    const odd: [string, SignalSource][] = [
      ['an empty source', {}],
      ['null navigator and window', { navigator: null, window: null }],
      ['string navigator and window', { navigator: 'Mozilla', window: 'window' }],
      ['a navigator whose every property read throws', {
        navigator: new Proxy({}, { get() { throw new Error('blocked'); } }),
        window: new Proxy({}, { get() { throw new Error('blocked'); } }),
      }],
    ];
    for (const [name, source] of odd) {
      it(`${name} → no signal, no throw`, () => {
        expect(detectSignals(source)).to.deep.equal({ gpc: false, dnt: false });
      });
    }

    it('returns a fresh object each time', () => {
      const source = { navigator: stub({ globalPrivacyControl: true }) };
      const first = detectSignals(source);
      first.gpc = false;
      expect(detectSignals(source).gpc).to.equal(true);
    });
  });

  describe('the default source is the real navigator and window', () => {
    const restore: (() => void)[] = [];
    afterEach(() => {
      while (restore.length > 0) restore.pop()?.();
    });

    /** Shadows `navigator[key]` with an own property for the test. */
    function override(key: string, value: unknown): void {
      Object.defineProperty(navigator, key, { value, configurable: true });
      restore.push(() => {
        delete (navigator as unknown as Record<string, unknown>)[key];
      });
    }

    it('in Chromium, neither signal is on unless stubbed', () => {
      expect((navigator as unknown as Record<string, unknown>)['globalPrivacyControl']).not.to.equal(true);
      expect(detectSignals()).to.deep.equal({ gpc: false, dnt: false });
    });

    it('sees navigator.globalPrivacyControl = true', () => {
      override('globalPrivacyControl', true);
      expect(detectSignals()).to.deep.equal({ gpc: true, dnt: false });
    });

    it('does not see the string "true" as GPC', () => {
      override('globalPrivacyControl', 'true');
      expect(detectSignals().gpc).to.equal(false);
    });

    it('sees navigator.doNotTrack = "1"', () => {
      override('doNotTrack', '1');
      expect(detectSignals()).to.deep.equal({ gpc: false, dnt: true });
    });

    it('sees window.doNotTrack = "1" when navigator.doNotTrack is unset', () => {
      override('doNotTrack', null);
      Object.defineProperty(window, 'doNotTrack', { value: '1', configurable: true });
      restore.push(() => {
        delete (window as unknown as Record<string, unknown>)['doNotTrack'];
      });
      expect(detectSignals().dnt).to.equal(true);
    });

    it('restores cleanly (the stubs above leave nothing behind)', () => {
      expect(Object.getOwnPropertyDescriptor(navigator, 'globalPrivacyControl')).to.equal(undefined);
      expect(Object.getOwnPropertyDescriptor(navigator, 'doNotTrack')).to.equal(undefined);
      expect(detectSignals()).to.deep.equal({ gpc: false, dnt: false });
    });
  });
});
