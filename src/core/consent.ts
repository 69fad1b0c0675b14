import { decodeState, type Decoded } from './decode.js';
import { readHost, withHostChoices, type HostCookiePreferences, type HostOption } from './host.js';
import { NPM_FEATURES } from './npm-features.js';
import { appendRecord, makeRecord } from './records.js';
import { bySignal, resolve } from './resolve.js';
import { refused, SaveQueue } from './save-queue.js';
import { detectSignals } from './signals.js';
import { DAY_MS, parseIso, readClock, toIso, withTimeout, type Clock } from './time.js';
import { validateConfig } from './validate.js';
import { currentVersion, newer, pendingNotices } from './versions.js';
import {
  DEFAULT_EXPIRES_AFTER_DAYS,
  MAX_RECORDS,
  SCHEMA,
  type CandorConfig,
  type CandorErrorDetail,
  type ChangeDetail,
  type ChangeOrigin,
  type Choice,
  type ConsentRecord,
  type ConsentState,
  type ConsentStorage,
  type Purpose,
  type RecordMethod,
  type Revision,
  type SaveStatus,
  type Signals,
} from './types.js';

export interface ConsentOptions {
  /** A config that passes `validateConfig` (a `CandorConfigError` is thrown otherwise). */
  config: CandorConfig;
  storage: ConsentStorage;
  /** Signals to honour; default: `detectSignals()` once, at creation (GPC is fixed per page load). */
  signals?: Signals;
  /** The clock; default `Date.now`. */
  now?: Clock;
  /** Problems that do not stop Candor: unreadable stored data, storage failures. */
  onError?: (error: CandorErrorDetail) => void;
  /**
   * Locale written into consent records; default `navigator.language` or `"en"`. A function is
   * asked at each record (a page that switches language: `<candor-consent>` follows `<html lang>`).
   */
  locale?: string | (() => string);
  /** Longest wait for any storage call, in ms (default 10 000). */
  timeoutMs?: number;
  /** Backoff of failed saves, in ms (default 1 000 doubling up to 30 000). */
  retry?: { baseMs?: number; maxMs?: number };
  /**
   * The host's own cookie consent (Atlassian Forge: `getCookieConsentPreferences` from
   * `@forge/bridge`). Purposes the config maps in `host.cookieCategories` then follow the host
   * (source `host`) and need no banner. `null` means the host has none: Candor behaves as on
   * any site. `subscribe` (optional) tells Candor when the host's choice changed. npm build
   * only: `candor.min.js` reports an `input` error when given one.
   */
  host?: HostOption;
}

export type { HostCookiePreferences, HostOption };

/** Thrown by `createConsent` for a config with problems; `problems` has every one with its path. */
export class CandorConfigError extends TypeError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid Candor config:\n  ${problems.join('\n  ')}`);
    this.name = 'CandorConfigError';
    this.problems = problems;
  }
}

/** Options of `set()`: how the decision is recorded. */
export interface SetOptions {
  method?: Extract<RecordMethod, 'save' | 'api' | 'opt-out'>;
  origin?: ChangeOrigin;
}

/** Options of `subscribe()`. */
export interface SubscribeOptions {
  /**
   * Also call the listener when nothing effective changed (`detail.changed` empty): the save
   * status moved (`detail.saved`), or a decision or acknowledgement was recorded that confirmed
   * what was in effect (`detail.recordId`). What the elements use to show "Not saved yet".
   */
  all?: boolean;
}

/** How long `set()` and friends wait for the save before reporting `saved: false` and going on. */
const SAVE_GRACE_MS = 300;

export interface Consent {
  /** Resolves once stored choices are loaded (or loading failed or timed out); never rejects. */
  readonly ready: Promise<ConsentState>;
  readonly config: CandorConfig;
  /** The signals honoured on this page load. */
  readonly signals: Signals;
  /** Effective state: a choice for every configured purpose. */
  readonly state: ConsentState;
  readonly needsBanner: boolean;
  readonly needsChangeNotice: boolean;
  /** The material revision to tell the person about, if any (in effect, or announced). */
  readonly changeNotice: Revision | undefined;
  /** Every material revision the person has not acknowledged yet (in effect or announced), newest first; `changeNotice` is the first. */
  readonly changeNotices: readonly Revision[];
  /** The policy version in effect now. */
  readonly policyVersion: string;
  /** Consent-basis purposes nobody has decided yet. */
  readonly undecided: readonly string[];
  readonly saveStatus: SaveStatus;
  /** False once storage refused an anonymous viewer and choices are kept for this visit only. */
  readonly persistent: boolean;
  /** True when the host's cookie preferences decide this purpose (Forge; see the `host` option). */
  hostDecides(id: string): boolean;
  granted(id: string): boolean;
  acceptAll(): Promise<ConsentState>;
  rejectAll(): Promise<ConsentState>;
  set(choices: Record<string, boolean>, options?: SetOptions): Promise<ConsentState>;
  /** Denies every purpose that lists a signal, in one step ("Opt out of sale or sharing"). */
  optOut(): Promise<ConsentState>;
  acknowledge(): Promise<ConsentState>;
  withdraw(): Promise<ConsentState>;
  /**
   * Calls `listener` after `ready` whenever what is effectively granted changes (`detail.changed`
   * is never empty), with the same detail as `candor-change`; `{ all: true }` for every change of
   * state or save status. Returns an unsubscribe function.
   */
  subscribe(listener: (state: ConsentState, detail: ChangeDetail) => void, options?: SubscribeOptions): () => void;
  /** This person's consent records, newest first. */
  records(): ConsentRecord[];
  /** Stops listening to storage and timers. */
  destroy(): void;
}

/** A choice the person made now. */
function userChoice(granted: boolean, now: number, signals: Signals): Choice {
  return { granted, source: 'user', at: toIso(now), signals: { ...signals } };
}

/** How long choices last under this config, in ms. */
function lifetime(config: CandorConfig): number {
  return (config.expiresAfterDays ?? DEFAULT_EXPIRES_AFTER_DAYS) * DAY_MS;
}

function defaultLocale(): string {
  return globalThis.navigator?.language || 'en';
}

/**
 * Creates the consent controller for one config and one storage adapter.
 * @throws CandorConfigError for an invalid config; TypeError for a `storage` that is no adapter or a
 *   `timeoutMs`, `retry.baseMs` or `retry.maxMs` that is not a positive number of ms below 2^31,
 *   or a `locale` that is neither a tag of at most 35 characters nor a function (`<candor-consent>`
 *   reports a broken adapter as a `storage` error instead, as it does any failing one).
 */
export function createConsent(options: ConsentOptions): Consent {
  const validation = validateConfig(options.config);
  if (!validation.ok) throw new CandorConfigError(validation.problems);
  if (typeof options.storage?.save !== 'function' || typeof options.storage.load !== 'function') throw new TypeError('createConsent: option "storage" must be a ConsentStorage');
  // Records carry it, and a record with a longer one is refused as malformed when read back.
  const { locale = '' } = options;
  if (typeof locale === 'string' ? locale.length > 35 : typeof locale !== 'function') {
    throw new TypeError('createConsent: option "locale" must be a language tag of at most 35 characters, or a function');
  }
  const { retry } = options;
  for (const [name, value = 1] of [['timeoutMs', options.timeoutMs], ['retry.baseMs', retry?.baseMs], ['retry.maxMs', retry?.maxMs]] as const) {
    // NaN, 0 or less would retry a failing save every few ms, for good; timers fire at once for
    // 2^31 ms or more (Infinity too), so every storage call would time out.
    if (!(value > 0 && value < 2 ** 31)) throw new TypeError(`createConsent: option "${name}" must be a positive number of ms below 2^31`);
  }
  return new Controller(options);
}

/**
 * `createConsent` for a config the caller has just validated itself (`<candor-consent>`, which
 * reports the problems and warnings on its own): the config is not checked a second time.
 * @internal Not exported from `candor`.
 */
export function createConsentFromValidConfig(options: ConsentOptions): Consent {
  return new Controller(options);
}

class Controller implements Consent {
  readonly config: CandorConfig;
  readonly signals: Signals;
  readonly ready: Promise<ConsentState>;
  #storage: ConsentStorage;
  #clock: Clock;
  #onError: (error: CandorErrorDetail) => void;
  #locale: string | (() => string);
  #timeoutMs: number;
  #queue: SaveQueue;
  /** What storage holds (explicit choices only), as far as this page knows. */
  #stored: ConsentState | null = null;
  /** Storage refused to load (`code: "invalid"`): choices apply on the page, none can be saved. */
  #loadRefused = false;
  /** Storage holds what a newer Candor wrote: no automatic record (signal, expiry, host) goes over it. */
  #newer = false;
  /** True once storage answered, so stored data is known (else nothing but necessary is granted). */
  #vouched = false;
  #isReady = false;
  #destroyed = false;
  /** Set by the first decision: a late answer from storage must not overwrite it. */
  #decided = false;
  #startedAt: string;
  #state!: ConsentState;
  #undecided: string[] = [];
  #saveStatus: SaveStatus = 'saved';
  /** Listeners, each with its `all` option. */
  #listeners = new Map<(state: ConsentState, detail: ChangeDetail) => void, boolean>();
  /** Decisions being committed: their own notification reports the save status, not `storage`. */
  #deciding = 0;
  #unsubscribeStorage: (() => void) | undefined;
  /** Backoff of failed saves and loads: first delay, longest delay (ms). */
  #retryMs: [number, number];
  #loadRetry: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ConsentOptions) {
    this.config = options.config;
    this.#storage = options.storage;
    this.#clock = options.now ?? Date.now;
    this.#onError = options.onError ?? ((error) => console.error(`[candor] ${error.message}`, error.problems ?? ''));
    this.#locale = options.locale ?? defaultLocale();
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#hostOption = options.host;
    // Only a real `true` is a signal (as detectSignals reads them): a truthy 1 would be stored and then refused.
    const { gpc, dnt } = options.signals ?? detectSignals();
    this.signals = Object.freeze({ gpc: gpc === true, dnt: dnt === true });
    this.#startedAt = toIso(this.#now());
    this.#retryMs = [options.retry?.baseMs ?? 1_000, options.retry?.maxMs ?? 30_000];
    this.#queue = new SaveQueue({
      write: (state) => this.#storage.save(state),
      timeoutMs: this.#timeoutMs,
      baseMs: this.#retryMs[0],
      maxMs: this.#retryMs[1],
      onStatus: (status) => this.#setSaveStatus(status),
      onFailure: (cause) => {
        if (!(NPM_FEATURES && this.#keepForThisVisit(cause))) this.#report('storage', `Saving consent failed; the choice is kept on this page and retried: ${message(cause)}`, cause);
      },
    });
    this.#recompute();
    this.ready = this.#load();
  }

  #now(): number {
    return readClock(this.#clock);
  }

  #report(code: CandorErrorDetail['code'], text: string, cause?: unknown, problems?: string[]): void {
    const detail: CandorErrorDetail = { code, message: text };
    if (problems) detail.problems = problems;
    if (cause !== undefined) detail.cause = cause;
    try {
      this.#onError(detail);
    } catch {
      // a throwing onError must not break consent handling
    }
  }

  /** Stored data as the core trusts it, checked against this config. */
  #decode(raw: unknown, now: number): Decoded {
    return decodeState(raw, this.config.policy.id, this.config.purposes, now);
  }

  async #load(): Promise<ConsentState> {
    let raw: unknown;
    let gaveUp = false;
    let failure: unknown;
    const host = this.#readHost(); // in parallel with storage
    try {
      const pending = Promise.resolve().then(() => this.#storage.load());
      pending.then(
        (late) => { if (gaveUp) this.#lateLoad(late); },
        () => undefined,
      );
      raw = await withTimeout(pending, this.#timeoutMs, 'storage.load()');
    } catch (cause) {
      gaveUp = true; // an answer that still comes (after the timeout) is handled by #lateLoad
      failure = cause;
    }
    this.#hostChoices = await host;
    // Destroyed meanwhile: no subscription, no write (a new controller may be using the storage).
    if (this.#destroyed) return this.#state;
    if (!gaveUp) this.#adoptLoaded(raw);
    else if (NPM_FEATURES && this.#keepForThisVisit(failure)) this.#adoptLoaded(null); // an anonymous viewer has nothing stored
    else {
      this.#report('storage', `Loading stored consent failed; nothing optional is granted until it loads: ${message(failure)}`, failure);
      this.#retryLoad(this.#retryMs[0], failure);
    }
    // Loaded (once per controller): listen to other tabs, and to the host.
    this.#isReady = true;
    if (typeof this.#storage.subscribe === 'function') {
      try {
        this.#unsubscribeStorage = this.#storage.subscribe((raw) => this.#external(raw));
      } catch (cause) {
        this.#report('storage', `storage.subscribe() threw; changes from other tabs will not be seen: ${message(cause)}`, cause);
      }
    }
    if (NPM_FEATURES && this.#hostOption?.subscribe) {
      try {
        // The host says its choice changed: read it again and apply it. (A function of this
        // npm-only branch, not a method, so that candor.min.js carries none of it.)
        const hostChanged = async (): Promise<void> => {
          const host = await this.#readHost();
          if (!host || this.#newer) return;
          this.#hostChoices = host;
          const before = this.#state;
          const now = this.#now();
          if (!this.#storeHostChoices(now)) return;
          this.#notify(before, 'host', this.#commit('host', now).recordId);
        };
        this.#unsubscribeHost = this.#hostOption.subscribe(() => void hostChanged());
      } catch (cause) {
        this.#report('storage', `host.subscribe() threw; later changes of the host's cookie choice are not seen: ${message(cause)}`, cause);
      }
    }
    return this.#state;
  }

  /**
   * Asks storage again, with backoff, until it answers: what it holds is then taken or merged
   * (#lateLoad). A call that hangs ends the retries; its answer, if one comes, is still taken. A
   * refusal (`code: "invalid"`) ends them too: it would be refused again.
   */
  #retryLoad(delay: number, failure: unknown, retried = false): void {
    if (refused(failure)) {
      this.#loadRefused = true;
      // Refused on a retry (the first failure was reported): said, and a decision made meanwhile shows as not saved.
      if (retried) this.#report('storage', `Loading stored consent was refused; choices apply on this page only: ${message(failure)}`, failure);
      if (this.#decided) this.#setSaveStatus('failed');
      return;
    }
    this.#loadRetry = setTimeout(() => {
      if (this.#vouched) return;
      Promise.resolve()
        .then(() => this.#storage.load())
        .then((raw) => this.#lateLoad(raw), (error) => this.#retryLoad(Math.min(delay * 2, this.#retryMs[1]), error, true));
    }, delay);
  }

  /**
   * Storage refused an anonymous viewer (`code: "unauthenticated"`, as forgeStorage reports):
   * keep choices in memory for this visit instead of retrying, and say so once.
   */
  #keepForThisVisit(cause: unknown): boolean {
    if (!NPM_FEATURES || (cause as { code?: unknown } | null)?.code !== 'unauthenticated') return false;
    if (this.#persistent) {
      this.#persistent = false;
      let kept: ConsentState | null = null;
      this.#storage = {
        load: async () => kept,
        save: async (state) => void (kept = state),
        clear: async () => void (kept = null),
      };
      this.#report('storage', 'Storage refused an anonymous viewer: choices are kept for this visit only', cause);
    }
    return true;
  }

  #persistent = true;
  #hostOption: ConsentOptions['host'];
  /** Grants per purpose from the host's cookie preferences, when the host has them. */
  #hostChoices: Record<string, boolean> | undefined;
  #unsubscribeHost: (() => void) | undefined;

  /** Reads the host's cookie preferences (never throws; `undefined` when there are none). */
  #readHost(): Promise<Record<string, boolean> | undefined> {
    if (!NPM_FEATURES) {
      if (this.#hostOption) this.#report('input', 'The host option needs the npm build of Candor (candor.min.js has no host cookie consent)');
      return Promise.resolve(undefined);
    }
    return readHost(this.config, this.#hostOption, this.#timeoutMs, (cause) =>
      this.#report('storage', `Reading the host's cookie preferences failed; Candor asks itself: ${message(cause)}`, cause),
    );
  }

  /** Writes the host's choices into the stored ones where they change the effective state (a `host` record once per change). */
  #storeHostChoices(now: number): boolean {
    const choices = NPM_FEATURES && this.#hostChoices && withHostChoices(this.config, this.signals, this.#stored?.choices, this.#hostChoices, now);
    if (choices) this.#stored = { ...this.#base(), choices };
    return !!choices;
  }

  /** True when the host's cookie preferences decide this purpose. */
  hostDecides(id: string): boolean {
    return NPM_FEATURES && this.#hostChoices !== undefined && id in this.#hostChoices;
  }

  /** False once choices are kept for this visit only (an anonymous viewer in Forge). */
  get persistent(): boolean {
    return this.#persistent;
  }

  /** Storage answered after the timeout: use it unless the person has decided since. */
  #lateLoad(raw: unknown): void {
    if (!this.#isReady || this.#vouched) return;
    const before = this.#state;
    if (this.#decided && this.#stored) {
      // The person decided while storage was silent: keep their newer choices, and keep what
      // storage held for everything else (objections, history) instead of overwriting it. Saved
      // also when storage held nothing usable: the decision has not been written anywhere yet.
      const [theirs] = this.#trusted(raw, this.#now());
      this.#vouched = true;
      if (theirs) this.#stored = mergeStates(this.config, theirs, this.#stored);
      void this.#queue.push(this.#stored);
      this.#recompute();
    } else {
      this.#adoptLoaded(raw);
    }
    this.#notify(before, 'storage', undefined, this.#saveStatus === 'saved', true);
  }

  /** Takes a freshly loaded value: decode, expire, apply signals, persist what changed. */
  #adoptLoaded(raw: unknown): void {
    const now = this.#now();
    const [stored, expired] = this.#trusted(raw, now);
    this.#vouched = true;
    this.#stored = stored;
    let method: RecordMethod | undefined = expired ? 'expire' : undefined;
    if (NPM_FEATURES && this.#storeHostChoices(now)) method ??= 'host';
    this.#recompute();
    // Signal denials go into the stored choices, so that a later visit without the signal keeps them.
    let denied = false;
    const choices = { ...this.#stored?.choices };
    for (const [id, choice] of Object.entries(this.#state.choices)) {
      if (!bySignal(choice)) continue;
      const kept = choices[id];
      if (kept?.source === choice.source && !kept.granted) continue;
      choices[id] = choice;
      denied = true;
    }
    if (denied) {
      this.#stored = { ...this.#base(), choices };
      method ??= 'signal';
    }
    // What a newer Candor stored (another page of the site, mid-update) is never written over unasked:
    // the signal still applies on this page, and the person's own decision is saved as usual.
    if (method && !this.#newer) this.#commit(method, now);
  }

  /**
   * What storage answered, as far as it can be trusted now: decoded (what is dropped is
   * reported) and, once expired, true with only the objections kept.
   */
  #trusted(raw: unknown, now: number): [ConsentState | null, boolean] {
    const { state, problems, newer } = this.#decode(raw, now);
    this.#newer = newer === true;
    if (problems.length > 0) {
      this.#report('stored-data', `Stored consent could not be fully trusted: ${problems.join('; ')}`, undefined, problems);
    }
    if (state && now >= this.#expiry(state)) {
      // Choices expire and consent purposes are asked again; an objection (a refused purpose that
      // is not consent-based, whether refused by the person or by a signal) stays: expiry must never
      // re-grant anything (DESIGN: "nothing is ever re-granted by Candor itself"; GPC G7).
      const kept = objections(this.config, state.choices);
      if (Object.keys(kept).length < Object.keys(state.choices).length) return [{ ...state, choices: kept, expiresAt: null }, true];
    }
    return [state, false];
  }

  /** When stored choices expire: as stored, but never later than the config's lifetime allows now. */
  #expiry(state: ConsentState): number {
    return Math.min(parseIso(state.expiresAt) ?? Infinity, (parseIso(state.updatedAt) ?? 0) + lifetime(this.config));
  }

  #base(): ConsentState {
    return this.#stored ?? {
      schema: SCHEMA,
      policyId: this.config.policy.id,
      policyVersion: this.policyVersion,
      acknowledgedVersion: null,
      choices: {},
      updatedAt: toIso(this.#now()),
      expiresAt: null,
      records: [],
    };
  }

  /** Recomputes the effective state from what is stored, the signals and the clock. */
  #recompute(): void {
    const now = this.#now();
    const stored = this.#stored;
    const current = currentVersion(this.config.policy, now);
    const { choices, undecided } = resolve(this.config, stored?.choices ?? {}, this.signals, now, this.#startedAt, this.#vouched);
    this.#undecided = undecided;
    this.#state = deepFreeze({
      schema: SCHEMA,
      policyId: this.config.policy.id,
      policyVersion: current,
      acknowledgedVersion: stored?.acknowledgedVersion ?? null,
      choices,
      updatedAt: stored?.updatedAt ?? this.#startedAt,
      expiresAt: stored ? toIso(this.#expiry(stored)) : null,
      records: stored?.records ?? [],
    });
  }

  /** Appends a record for the current effective state, persists, and returns the record id. */
  #commit(method: RecordMethod, now: number, acknowledge = this.policyVersion): { recordId: string; saved: Promise<boolean> } {
    const at = toIso(now);
    const base = this.#base();
    const decision = method !== 'signal' && method !== 'expire' && method !== 'host';
    const acknowledged = decision ? newer(this.config.policy, base.acknowledgedVersion, acknowledge) : base.acknowledgedVersion;
    this.#stored = { ...base, policyVersion: this.policyVersion, acknowledgedVersion: acknowledged, updatedAt: at };
    if (decision && method !== 'change-notice') this.#stored.expiresAt = toIso(now + lifetime(this.config));
    this.#recompute();
    const record = makeRecord({
      at,
      policy: { id: this.config.policy.id, version: this.policyVersion },
      method,
      choices: this.#state.choices,
      signals: this.signals,
      // At most 35 characters, as decodeState accepts (a longer one would cost the history on reload).
      locale: String(typeof this.#locale === 'function' ? this.#locale() : this.#locale).slice(0, 35),
    });
    this.#stored = { ...this.#stored, records: appendRecord(this.#stored.records, record) };
    this.#recompute();
    let saved = Promise.resolve(false);
    if (this.#vouched) saved = this.#queue.push(this.#stored);
    // Storage has not answered yet: a write now would replace what it holds (objections, history)
    // unseen. The choice applies on the page and is saved, merged with that, once a load answers.
    else this.#setSaveStatus(this.#loadRefused ? 'failed' : 'pending');
    return { recordId: record.recordId, saved };
  }

  /** Applies a decision of the person (or the owner's code) and tells listeners. */
  async #decide(
    method: RecordMethod,
    origin: ChangeOrigin,
    change: (choices: Record<string, Choice>) => void,
    acknowledge?: string,
  ): Promise<ConsentState> {
    this.#decided = true;
    await this.ready;
    // A destroyed controller (the root moved on to a new config or storage) records nothing: its
    // storage may never have answered, and a write would replace what it holds.
    if (this.#destroyed) return this.#state;
    const before = this.#state;
    const now = this.#now();
    const choices = { ...this.#stored?.choices };
    change(choices);
    this.#stored = { ...this.#base(), choices };
    // Save-status moves during the wait are not reported on their own: the decision's one
    // notification below carries the status as it then is.
    this.#deciding++;
    try {
      const { recordId, saved } = this.#commit(method, now, acknowledge);
      const grace = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Math.min(SAVE_GRACE_MS, this.#timeoutMs)));
      await Promise.race([saved, grace]);
      this.#notify(before, origin, recordId);
    } finally {
      this.#deciding--;
    }
    return this.#state;
  }

  /**
   * The person's one decision for every purpose `which` selects (Accept all, Reject all, …). A grant
   * leaves the purposes the host's cookie preferences decide to the host (its "no" stands); a refusal
   * still applies to them.
   */
  #decideAll(method: RecordMethod, granted: boolean, which: (purpose: Purpose) => boolean): Promise<ConsentState> {
    return this.#decide(method, 'user', (choices) => {
      const now = this.#now();
      for (const purpose of this.config.purposes) {
        if (which(purpose) && !(granted && this.hostDecides(purpose.id))) choices[purpose.id] = userChoice(granted, now, this.signals);
      }
    });
  }

  #setSaveStatus(status: SaveStatus): void {
    if (status === this.#saveStatus) return;
    const before = this.#state;
    this.#saveStatus = status;
    if (this.#isReady && !this.#deciding) this.#notify(before, 'storage', undefined, status === 'saved', true);
  }

  #notify(before: ConsentState, origin: ChangeOrigin, recordId?: string, saved = this.#saveStatus === 'saved', always = false): void {
    const changed = this.config.purposes
      .map((purpose) => purpose.id)
      .filter((id) => before.choices[id]?.granted !== this.#state.choices[id]?.granted);
    if (!always && changed.length === 0 && recordId === undefined) return;
    const detail: ChangeDetail = { state: this.#state, changed, origin, saved };
    if (recordId !== undefined) detail.recordId = recordId;
    for (const [listener, all] of [...this.#listeners]) {
      if (!all && changed.length === 0) continue;
      try {
        listener(this.#state, detail);
      } catch (cause) {
        this.#report('input', `A consent listener threw: ${message(cause)}`, cause);
      }
    }
  }

  /** Another tab or device changed the stored state: the later write wins everywhere. */
  #external(raw: unknown): void {
    const now = this.#now();
    const decoded = this.#decode(raw, now);
    if (raw !== null && raw !== undefined && decoded.state === null) {
      this.#report('stored-data', `Ignored a stored change that cannot be trusted: ${decoded.problems.join('; ')}`, undefined, decoded.problems);
      return;
    }
    if (decoded.problems.length > 0) {
      this.#report('stored-data', `A stored change could not be fully trusted: ${decoded.problems.join('; ')}`, undefined, decoded.problems);
    }
    const theirs = decoded.state;
    const ours = this.#stored;
    if (theirs && ours && (parseIso(theirs.updatedAt) ?? 0) < (parseIso(ours.updatedAt) ?? 0)) return;
    const before = this.#state;
    this.#queue.drop();
    this.#stored = theirs;
    this.#vouched = true;
    this.#recompute();
    this.#notify(before, 'storage', undefined, true, true);
  }

  // ---- public API ----

  get state(): ConsentState {
    return this.#state;
  }

  get policyVersion(): string {
    return currentVersion(this.config.policy, this.#now());
  }

  get undecided(): readonly string[] {
    return this.#undecided;
  }

  get needsBanner(): boolean {
    if (this.config.purposes.some((purpose) => purpose.basis === 'consent')) return this.#undecided.length > 0;
    return this.#state.acknowledgedVersion === null; // a notice: shown until acknowledged or decided
  }

  get changeNotice(): Revision | undefined {
    return this.changeNotices[0];
  }

  get changeNotices(): readonly Revision[] {
    return pendingNotices(this.config.policy, this.#state.acknowledgedVersion, this.#now());
  }

  get needsChangeNotice(): boolean {
    return this.changeNotice !== undefined;
  }

  get saveStatus(): SaveStatus {
    return this.#saveStatus;
  }

  granted(id: string): boolean {
    return this.#state.choices[id]?.granted === true;
  }

  acceptAll(): Promise<ConsentState> {
    // Only a purpose's own switch overrides an honoured signal.
    return this.#decideAll('accept-all', true, (purpose) => purpose.basis !== 'necessary' && !bySignal(this.#state.choices[purpose.id]));
  }

  rejectAll(): Promise<ConsentState> {
    return this.#decideAll('reject-all', false, (purpose) => purpose.basis !== 'necessary');
  }

  async set(input: Record<string, boolean>, options: SetOptions = {}): Promise<ConsentState> {
    const problems = checkSet(this.config, input);
    if (problems.length > 0) {
      this.#report('input', `set(): ${problems.join('; ')}`, undefined, problems);
      throw new TypeError(`set(): ${problems.join('; ')}`);
    }
    return this.#decide(options.method ?? 'api', options.origin ?? (options.method === undefined ? 'api' : 'user'), (choices) => {
      const now = this.#now();
      for (const [id, granted] of Object.entries(input)) {
        if (this.config.purposes.find((purpose) => purpose.id === id)?.basis === 'necessary') continue;
        choices[id] = userChoice(granted, now, this.signals);
      }
    });
  }

  optOut(): Promise<ConsentState> {
    return this.#decideAll('opt-out', false, (purpose) => (purpose.signals ?? []).length > 0);
  }

  /** Records that the person saw the current (or announced) version. Never consent: no choice changes. */
  async acknowledge(): Promise<ConsentState> {
    await this.ready;
    const notice = this.changeNotice;
    return this.#decide('change-notice', 'user', () => undefined, newer(this.config.policy, notice?.version ?? null, this.policyVersion));
  }

  withdraw(): Promise<ConsentState> {
    return this.#decideAll('withdraw', false, (purpose) => purpose.basis === 'consent');
  }

  subscribe(listener: (state: ConsentState, detail: ChangeDetail) => void, options: SubscribeOptions = {}): () => void {
    this.#listeners.set(listener, options.all === true);
    return () => this.#listeners.delete(listener);
  }

  records(): ConsentRecord[] {
    return structuredClone(this.#state.records) as ConsentRecord[]; // mutable copies of the frozen records
  }

  destroy(): void {
    this.#destroyed = true;
    this.#queue.stop(); // a failed save is not retried over what a newer controller saved
    clearTimeout(this.#loadRetry);
    this.#vouched = true; // a destroyed controller asks storage nothing more (no load retry, no late load)
    this.#listeners.clear();
    for (const stop of [this.#unsubscribeHost, this.#unsubscribeStorage]) {
      try {
        stop?.();
      } catch (cause) {
        // A throwing unsubscribe, or a subscribe() that returned none (an RxJS-style object): destroy() still completes.
        this.#report('storage', `destroy(): unsubscribing failed: ${message(cause)}`, cause);
      }
    }
    this.#unsubscribeHost = this.#unsubscribeStorage = undefined;
  }
}

/** Freezes a state all the way down, so no caller can change what `granted()` answers. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** What storage held and what the page decided since, combined: per purpose the later choice, every record once. */
function mergeStates(config: CandorConfig, stored: ConsentState, mine: ConsentState): ConsentState {
  const choices = { ...stored.choices };
  for (const [id, choice] of Object.entries(mine.choices)) {
    const previous = choices[id];
    if (!previous || (parseIso(choice.at) ?? 0) >= (parseIso(previous.at) ?? 0)) choices[id] = choice;
  }
  const seen = new Set<string>();
  const records = [...mine.records, ...stored.records]
    .filter((record) => !seen.has(record.recordId) && Boolean(seen.add(record.recordId)))
    .sort((a, b) => (parseIso(b.at) ?? 0) - (parseIso(a.at) ?? 0))
    .slice(0, MAX_RECORDS);
  const acknowledgedVersion = mine.acknowledgedVersion === null
    ? stored.acknowledgedVersion
    : newer(config.policy, stored.acknowledgedVersion, mine.acknowledgedVersion);
  return { ...mine, choices, records, acknowledgedVersion };
}

function message(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The stored refusals of purposes that are not consent-based: these survive expiry. */
function objections(config: CandorConfig, choices: Readonly<Record<string, Choice>>): Record<string, Choice> {
  const kept: Record<string, Choice> = {};
  for (const purpose of config.purposes) {
    const choice = choices[purpose.id];
    if (choice && !choice.granted && purpose.basis === 'legitimate-interest') kept[purpose.id] = choice;
  }
  return kept;
}

function checkSet(config: CandorConfig, input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['expected an object of purpose ids to true or false'];
  const problems: string[] = [];
  for (const [id, granted] of Object.entries(input)) {
    const purpose = config.purposes.find((candidate) => candidate.id === id);
    if (!purpose) problems.push(`unknown purpose ${JSON.stringify(id)}`);
    else if (typeof granted !== 'boolean') problems.push(`${id}: expected true or false, got ${JSON.stringify(granted)}`);
    else if (purpose.basis === 'necessary' && !granted) problems.push(`${id}: a necessary purpose cannot be refused`);
  }
  return problems;
}
