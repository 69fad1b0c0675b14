import type { Signals } from './types.js';

/** The globals signal detection reads; injectable for tests. */
export interface SignalSource {
  navigator?: unknown;
  window?: unknown;
}

function read(target: unknown, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined; // no navigator (undefined[key] throws), or a throwing getter: "no signal", never consent
  }
}

/**
 * The first value that is set, in the order browsers introduced them (D1). `null`, `undefined`
 * and Firefox's `"unspecified"` mean unset; `"0"` and `"no"` are set (explicitly off).
 */
function firstSet(values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null && value !== 'unspecified');
}

function dntOn(value: unknown): boolean {
  return value === '1' || value === 'yes';
}

/**
 * Reads Global Privacy Control and Do Not Track as they are now.
 *
 * GPC is on only when `navigator.globalPrivacyControl === true` (the string `"true"` is not).
 * DNT is read from the first of `navigator.doNotTrack`, `window.doNotTrack` and
 * `navigator.msDoNotTrack` that is set, and is on for `"1"` or `"yes"`; `"0"`, `"no"`, `"unspecified"`, `null` and `undefined` are off.
 * `source` defaults to `globalThis`, whose `navigator` and `window` are the page's.
 */
export function detectSignals(source: SignalSource = globalThis): Signals {
  const nav = source.navigator;
  return {
    gpc: read(nav, 'globalPrivacyControl') === true,
    dnt: dntOn(firstSet([read(nav, 'doNotTrack'), read(source.window, 'doNotTrack'), read(nav, 'msDoNotTrack')])),
  };
}

export const NO_SIGNALS: Signals = Object.freeze({ gpc: false, dnt: false });
