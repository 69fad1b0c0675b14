// Shared helpers for the consent-controller tests (test/core/consent-*.test.ts):
// a config factory, an injected clock, and a controllable in-test storage stub.
import { createConsent, type Consent, type ConsentOptions } from '../../src/core/consent.js';
import type {
  CandorConfig,
  CandorErrorDetail,
  ChangeDetail,
  Choice,
  ConsentState,
  ConsentStorage,
  Policy,
  Purpose,
  Signals,
} from '../../src/core/types.js';

export const DAY = 86_400_000;
/** 2026-04-01T12:00:00Z: the default "now" of every test. */
export const START = Date.parse('2026-04-01T12:00:00.000Z');

export const NO_SIGNALS: Signals = Object.freeze({ gpc: false, dnt: false });
export const GPC: Signals = Object.freeze({ gpc: true, dnt: false });
export const DNT: Signals = Object.freeze({ gpc: false, dnt: true });
export const BOTH: Signals = Object.freeze({ gpc: true, dnt: true });

/** ISO 8601 in UTC, as Candor writes it. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The default purposes:
 * - `necessary` (necessary),
 * - `analytics`, `advertising` (consent; listed signals gpc + dnt),
 * - `personalisation` (consent; no signal),
 * - `sale-share` (legitimate interest; gpc only),
 * - `marketing-email` (legitimate interest; no signal).
 */
export function purposes(): Purpose[] {
  return [
    { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
    { id: 'analytics', label: 'Product analytics', basis: 'consent', signals: ['gpc', 'dnt'] },
    { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc', 'dnt'] },
    { id: 'personalisation', label: 'Personalisation', basis: 'consent' },
    { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
    { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
  ];
}

export const CONSENT_IDS = ['analytics', 'advertising', 'personalisation'];
export const LI_IDS = ['sale-share', 'marketing-email'];
export const OPTIONAL_IDS = [...CONSENT_IDS, ...LI_IDS];
export const ALL_IDS = ['necessary', ...OPTIONAL_IDS];

export interface ConfigOverrides extends Partial<Omit<CandorConfig, 'policy'>> {
  policy?: Partial<Policy>;
}

/** A valid config (policy `acme-privacy`, version `2026-01-01`, no revisions) with overrides. */
export function makeConfig(overrides: ConfigOverrides = {}): CandorConfig {
  const { policy, ...rest } = overrides;
  return {
    policy: { id: 'acme-privacy', title: 'Privacy Policy', version: '2026-01-01', effective: '2026-01-01', ...policy },
    purposes: purposes(),
    ...rest,
  };
}

/** A mutable clock for the `now` option. */
export interface TestClock {
  t: number;
  now: () => number;
  advance(ms: number): void;
  set(iso: string): void;
}

export function testClock(start = START): TestClock {
  const clock: TestClock = {
    t: start,
    now: () => clock.t,
    advance(ms) {
      clock.t += ms;
    },
    set(iso) {
      clock.t = Date.parse(iso);
    },
  };
  return clock;
}

/**
 * How the stub answers a call:
 * - `ok`: answers (after `delayMs`, when set),
 * - `reject`: returns a rejected promise,
 * - `throw`: throws synchronously,
 * - `hang`: never settles,
 * - `manual`: settles when the test calls `succeed()` / `fail()` on the entry in `pending`.
 */
export type Behaviour = 'ok' | 'reject' | 'throw' | 'hang' | 'manual';

export interface PendingCall {
  op: 'load' | 'save';
  /** The state passed to `save`. */
  state?: ConsentState;
  /** Settles the call; `load` answers `value` (default: what is stored now). */
  succeed(value?: unknown): void;
  fail(error?: unknown): void;
}

export interface StorageCall {
  op: 'load' | 'save' | 'clear';
  state?: ConsentState;
  /** `performance.now()` at the call. */
  time: number;
}

export interface FakeStorage extends ConsentStorage {
  /** What is stored (what `load` answers): a value of any shape, garbage included. */
  value: unknown;
  behaviour: { load: Behaviour; save: Behaviour; clear: Behaviour };
  delayMs: { load: number; save: number };
  /** Every call, in order (a `save` entry holds a copy of the state passed). */
  calls: StorageCall[];
  /** Calls waiting for the test (`manual`). */
  pending: PendingCall[];
  /** Copies of the states saved successfully, in order. */
  writes: ConsentState[];
  /** Number of `save` calls (attempts, successful or not). */
  readonly saveAttempts: number;
  /** Subscribed listeners (only with `subscribe: true`). */
  readonly listeners: number;
  /** Pushes a change made elsewhere to every subscribed listener (and stores it). */
  emit(value: unknown): void;
}

export interface FakeStorageOptions {
  initial?: unknown;
  /** Give the stub a `subscribe` method. */
  subscribe?: boolean;
  load?: Behaviour;
  save?: Behaviour;
}

function copy<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function fakeStorage(options: FakeStorageOptions = {}): FakeStorage {
  const subscribers = new Set<(state: ConsentState | null) => void>();
  const storage: FakeStorage = {
    value: copy(options.initial ?? null),
    behaviour: { load: options.load ?? 'ok', save: options.save ?? 'ok', clear: 'ok' },
    delayMs: { load: 0, save: 0 },
    calls: [],
    pending: [],
    writes: [],
    get saveAttempts() {
      return storage.calls.filter((call) => call.op === 'save').length;
    },
    get listeners() {
      return subscribers.size;
    },
    emit(value) {
      storage.value = copy(value);
      for (const listener of [...subscribers]) listener(copy(value) as ConsentState | null);
    },
    load() {
      storage.calls.push({ op: 'load', time: performance.now() });
      return answer('load', undefined, () => copy(storage.value) as ConsentState | null);
    },
    save(state) {
      const saved = copy(state);
      storage.calls.push({ op: 'save', state: saved, time: performance.now() });
      return answer('save', saved, () => {
        storage.value = copy(saved);
        storage.writes.push(saved);
      });
    },
    clear() {
      storage.calls.push({ op: 'clear', time: performance.now() });
      if (storage.behaviour.clear === 'reject') return Promise.reject(new Error('clear failed'));
      storage.value = null;
      return Promise.resolve();
    },
  };

  function answer<T>(op: 'load' | 'save', state: ConsentState | undefined, ok: () => T): Promise<T> {
    const behaviour = storage.behaviour[op];
    if (behaviour === 'throw') throw new Error(`${op} threw`);
    if (behaviour === 'reject') return Promise.reject(new Error(`${op} failed`));
    if (behaviour === 'hang') return new Promise<T>(() => undefined);
    if (behaviour === 'manual') {
      return new Promise<T>((resolve, reject) => {
        const entry: PendingCall = {
          op,
          succeed(value?: unknown) {
            storage.pending.splice(storage.pending.indexOf(entry), 1);
            if (op === 'load' && arguments.length > 0) resolve(copy(value) as T);
            else resolve(ok());
          },
          fail(error: unknown = new Error(`${op} failed`)) {
            storage.pending.splice(storage.pending.indexOf(entry), 1);
            reject(error);
          },
        };
        if (state) entry.state = state;
        storage.pending.push(entry);
      });
    }
    const delay = storage.delayMs[op];
    if (delay > 0) return new Promise<T>((resolve) => setTimeout(() => resolve(ok()), delay));
    return Promise.resolve().then(ok);
  }

  if (options.subscribe) {
    storage.subscribe = (listener) => {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    };
  }
  return storage;
}

export interface Harness {
  consent: Consent;
  storage: FakeStorage;
  clock: TestClock;
  errors: CandorErrorDetail[];
  /** Every listener call since creation: [state, detail]. */
  changes: ChangeDetail[];
}

export interface HarnessOptions extends Partial<Omit<ConsentOptions, 'config' | 'storage' | 'now'>> {
  config?: CandorConfig;
  storage?: FakeStorage;
  clock?: TestClock;
}

/** Creates a controller with an injected clock, signals (none by default) and error collector. */
export function harness(options: HarnessOptions = {}): Harness {
  const { config = makeConfig(), storage = fakeStorage(), clock = testClock(), signals = NO_SIGNALS, ...rest } = options;
  const errors: CandorErrorDetail[] = [];
  const changes: ChangeDetail[] = [];
  const consent = createConsent({
    config,
    storage,
    now: clock.now,
    signals,
    locale: 'en-GB',
    onError: (error) => errors.push(error),
    ...rest,
  });
  // Every notification (save status and decisions that change nothing too): what the elements see.
  consent.subscribe((_state, detail) => changes.push(detail), { all: true });
  return { consent, storage, clock, errors, changes };
}

/** `harness()` and waits for `ready`. */
export async function loaded(options: HarnessOptions = {}): Promise<Harness> {
  const h = harness(options);
  await h.consent.ready;
  return h;
}

/** A second page load on the same storage and clock (a reload, or another visit later). */
export function reload(previous: Pick<Harness, 'storage' | 'clock' | 'consent'>, options: HarnessOptions = {}): Promise<Harness> {
  previous.consent.destroy();
  return loaded({ config: previous.consent.config, storage: previous.storage, clock: previous.clock, ...options });
}

/** What storage holds now, as a state. */
export function stored(storage: FakeStorage): ConsentState {
  return storage.value as ConsentState;
}

/** A stored user choice. */
export function userChoice(granted: boolean, at: number, signals: Signals = NO_SIGNALS): Choice {
  return { granted, source: 'user', at: new Date(at).toISOString(), signals: { ...signals } };
}

/** A valid stored state for the default config, decided at `at`. */
export function storedState(choices: Record<string, Choice>, at: number, overrides: Partial<ConsentState> = {}): ConsentState {
  return {
    schema: 1,
    policyId: 'acme-privacy',
    policyVersion: '2026-01-01',
    acknowledgedVersion: '2026-01-01',
    choices,
    updatedAt: new Date(at).toISOString(),
    expiresAt: new Date(at + 182 * DAY).toISOString(),
    records: [],
    ...overrides,
  };
}

/** Grant per purpose, for compact assertions. */
export function grants(consent: Consent, ids: readonly string[] = ALL_IDS): Record<string, boolean> {
  return Object.fromEntries(ids.map((id) => [id, consent.granted(id)]));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check()` is true (polling), or fails after `ms`. */
export async function waitFor(check: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const until = performance.now() + ms;
  while (!check()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
