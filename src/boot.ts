import { createConsent, type Consent, type SetOptions, type SubscribeOptions } from './core/consent.js';
import { detectSignals } from './core/signals.js';
import type { ConsentRecord, ConsentState, ChangeDetail } from './core/types.js';
import { validateConfig } from './core/validate.js';
import { prefetchConfig, type CandorConsentElement } from './elements/candor-consent.js';
import { cookieStorage, memoryStorage, webStorage } from './storage/index.js';

/** `window.candor`: the page's consent API for the script-tag build. */
export interface CandorGlobal {
  readonly version: string;
  /** Resolves with the page's controller once stored choices are loaded. */
  readonly ready: Promise<Consent>;
  /** A synchronous snapshot for other scripts; `null` before Candor is ready. */
  getState(): ConsentState | null;
  granted(id: string): boolean;
  acceptAll(): Promise<ConsentState>;
  rejectAll(): Promise<ConsentState>;
  /** `options` as for `consent.set` (`{ method: 'save' }`: a decision made for the person, origin `user`). */
  set(choices: Record<string, boolean>, options?: SetOptions): Promise<ConsentState>;
  optOut(): Promise<ConsentState>;
  acknowledge(): Promise<ConsentState>;
  withdraw(): Promise<ConsentState>;
  records(): Promise<ConsentRecord[]>;
  subscribe(listener: (state: ConsentState, detail: ChangeDetail) => void, options?: SubscribeOptions): Promise<() => void>;
  showPreferences(): Promise<void>;
  createConsent: typeof createConsent;
  validateConfig: typeof validateConfig;
  detectSignals: typeof detectSignals;
  memoryStorage: typeof memoryStorage;
  webStorage: typeof webStorage;
  cookieStorage: typeof cookieStorage;
}

type Queued = (candor: CandorGlobal) => void;

declare global {
  interface Window {
    candor?: CandorGlobal;
    candorQueue?: Queued[] | { push(callback: Queued): number };
  }
}

const VERSION = '0.1.0';

/** The page's `<candor-consent>`, once there is one. */
function findRoot(): Promise<CandorConsentElement> {
  const existing = document.querySelector('candor-consent');
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const root = document.querySelector('candor-consent');
      if (!root) return;
      observer.disconnect();
      resolve(root);
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Mounts `<candor-consent>` with a banner and a change notice when the page has no root of its own. */
function mount(script: HTMLScriptElement, config: string, prefetch: boolean): void {
  if (prefetch) prefetchConfig(config); // now, not once <body> exists: the banner does not wait for the whole page
  const place = (): void => {
    if (document.querySelector('candor-consent')) return; // the page brought its own
    const root = document.createElement('candor-consent');
    root.setAttribute('src', config);
    const storage = script.dataset.storage;
    if (storage) root.setAttribute('storage', storage);
    const theme = script.dataset.theme;
    if (theme) root.setAttribute('theme', theme);
    // The change notice (top of the screen) before the banner (bottom), so the focus order follows
    // what is seen. Each loads its code (candor-ui.min.js) only once it has something to show: the
    // notice while a material policy change is unacknowledged, the banner while a decision is needed.
    for (const tag of ['candor-change-notice', 'candor-banner']) {
      if (!document.querySelector(tag)) root.append(document.createElement(tag));
    }
    // First in <body>: both come early in the focus order (WCAG 2.4.3), and a notice that a small
    // screen puts in the page's flow shows at the top of the page.
    document.body.prepend(root);
  };
  if (document.body) place();
  else document.addEventListener('DOMContentLoaded', place, { once: true });
}

function api(): CandorGlobal {
  // Every call acts on the page's root as it is then, so a replaced root is followed.
  const consent = (): Promise<Consent> => findRoot().then((root) => root.whenReady());
  // Only a ready root answers synchronously: before, its state is the defaults, not the stored choices.
  const current = (): Consent | undefined => {
    const root = document.querySelector('candor-consent'); // the root every other call acts on
    return root?.hasAttribute('ready') ? root.consent : undefined;
  };
  return {
    version: VERSION,
    get ready() {
      return consent();
    },
    getState: () => current()?.state ?? null,
    granted: (id) => current()?.granted(id) ?? false,
    acceptAll: () => consent().then((c) => c.acceptAll()),
    rejectAll: () => consent().then((c) => c.rejectAll()),
    set: (choices, options) => consent().then((c) => c.set(choices, options)),
    optOut: () => consent().then((c) => c.optOut()),
    acknowledge: () => consent().then((c) => c.acknowledge()),
    withdraw: () => consent().then((c) => c.withdraw()),
    records: () => consent().then((c) => c.records()),
    subscribe: (listener, options) => consent().then((c) => c.subscribe(listener, options)),
    showPreferences: () => findRoot().then((root) => root.showPreferences()),
    createConsent,
    validateConfig,
    detectSignals,
    memoryStorage,
    webStorage,
    cookieStorage,
  };
}

/** Runs callbacks queued before Candor loaded, then runs later ones at once. */
function drainQueue(candor: CandorGlobal): void {
  const queued = Array.isArray(window.candorQueue) ? window.candorQueue : [];
  const run = (callback: Queued): void => {
    try {
      callback(candor);
    } catch (error) {
      console.error('[candor] a candorQueue callback threw', error);
    }
  };
  window.candorQueue = { push: (callback: Queued) => (run(callback), 0) };
  for (const callback of queued) run(callback);
}

const MOUNTED = Symbol.for('candor.mounted');

/**
 * Boots the script-tag build once per page, however many times the file is included. The first tag
 * with `data-config` mounts, also when a tag without it (a CMS plugin's, say) booted Candor before.
 */
export function boot(script: HTMLScriptElement | null): void {
  const candor = window.candor ? undefined : api();
  const config = script?.dataset.config;
  const holder = window as unknown as Record<symbol, boolean>;
  if (candor) Object.defineProperty(window, 'candor', { value: candor, enumerable: true }); // read-only, not configurable (the defaults)
  if (script && config && !holder[MOUNTED]) {
    holder[MOUNTED] = true;
    mount(script, config, !!candor); // a later copy's prefetch would go unused: the root is the first copy's element
  }
  if (candor) drainQueue(candor);
}
