import { createConsentFromValidConfig, type Consent, type ConsentOptions } from '../core/consent.js';
import { pageLocale } from '../core/locale.js';
import type { CandorConfig, CandorErrorDetail, ChangeDetail, ConsentStorage, Signals, StorageKind } from '../core/types.js';
import { oneOf, STORAGE_KINDS, validateConfig } from '../core/validate.js';
import { clearCookiesOnRevoke } from '../integrations/cookie-cleanup.js';
import { gateScripts } from '../integrations/script-gate.js';
import { listenForTriggers, releaseTriggers, resumeTriggers } from '../integrations/triggers.js';
import { storageFor } from '../storage/for-config.js';
import { candorContext, type CandorHandle } from './context.js';
import { HandleProvider } from './context-provider.js';
import { HTMLElementBase } from './define-element.js';

export type CandorReadyEvent = CustomEvent<{ state: Consent['state'] }>;
export type CandorChangeEvent = CustomEvent<ChangeDetail>;
export type CandorErrorEvent = CustomEvent<CandorErrorDetail>;
/** `candor-acknowledge`: the person acknowledged a policy version (a `change-notice` record; never consent). */
export interface CandorAcknowledgeDetail {
  /** The policy version now acknowledged. */
  version: string;
  /** The `change-notice` consent record. */
  recordId: string;
}
export type CandorAcknowledgeEvent = CustomEvent<CandorAcknowledgeDetail>;

const DOCUMENT_PROVIDER = Symbol.for('candor.documentProvider');
/** Config requests started before their root exists (the script tag's, while `<body>` is parsed). */
const prefetched = new Map<string, Promise<Response>>();

/** Starts fetching a config now; the root whose `src` it is takes the response instead of fetching again. */
export function prefetchConfig(src: string): void {
  const request = fetch(src, { credentials: 'same-origin' });
  request.catch(() => undefined); // reported by the root that reads it
  prefetched.set(src, request);
}
/** Connected roots, oldest first: when the one answering for the document goes, the next takes over. */
const roots = new Set<CandorConsentElement>();

const styles = `:host{display:contents;color-scheme:light dark}:host([theme=light]){color-scheme:light}:host([theme=dark]){color-scheme:dark}`;
let sheet: CSSStyleSheet | undefined;

/**
 * @summary The root of Candor on a page: loads and validates the config, owns the consent
 * controller and provides it to every Candor element in the document. It renders nothing of
 * its own (no Lit), so pages that show nothing load no UI code.
 *
 * @slot - Candor elements (banner, preferences, notices); they also work anywhere else in the document.
 *
 * @event {CandorReadyEvent} candor-ready - Stored choices are loaded. `detail: { state }`.
 * @event {CandorChangeEvent} candor-change - What is effectively granted changed. `detail: { state, changed, origin, recordId?, saved }`.
 * @event {CandorAcknowledgeEvent} candor-acknowledge - The person acknowledged a policy version (change notice "Got it"; never consent). `detail: { version, recordId }`.
 * @event {CandorErrorEvent} candor-error - Invalid config, unreadable stored data or failing storage. `detail: { code, message, problems? }`.
 *
 * @attr {string} src - URL of the config JSON.
 * @attr {"local" | "memory" | "cookie"} storage - `local` (default), `memory` or `cookie`; overrides the config's `storage`.
 * @attr {"light" | "dark" | "auto"} theme - `light`, `dark` or `auto` (default: follows `prefers-color-scheme`).
 * @attr {boolean} ready - Set by the element once stored choices are loaded (style or select on it; do not set it yourself).
 *
 * @tag candor-consent
 */
export class CandorConsentElement extends HTMLElementBase {
  static observedAttributes = ['src', 'storage'];

  #config: CandorConfig | undefined;
  #storage: ConsentStorage | undefined;
  #signals: Signals | undefined;
  /** Opens links (Forge: pass `router.open`). Default: the browser follows the link. */
  navigate: ((url: string) => void) | undefined;
  #host: ConsentOptions['host'];

  /** The host's cookie consent (Forge: `{ cookiePreferences: getCookieConsentPreferences }`). npm build only (`candor.min.js` reports an `input` error). */
  get host(): ConsentOptions['host'] {
    return this.#host;
  }
  set host(value: ConsentOptions['host']) {
    if (value === this.#host) return; // the same again (React sets every prop on every render)
    this.#host = value;
    this.#reload();
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [sheet];
    root.append(document.createElement('slot'));
  }

  /** URL of the config JSON. */
  get src(): string | null {
    return this.getAttribute('src');
  }
  set src(value: string | null) {
    if (value === null) this.removeAttribute('src');
    else this.setAttribute('src', value);
  }

  /** `light`, `dark` or `auto`. */
  get theme(): string {
    return this.getAttribute('theme') ?? 'auto';
  }
  set theme(value: string) {
    this.setAttribute('theme', value);
  }

  /** The config as an object (takes precedence over `src` and a child JSON script). */
  get config(): CandorConfig | undefined {
    return this.#config;
  }
  set config(value: CandorConfig | undefined) {
    if (value === this.#config) return; // the same again (React sets every prop on every render)
    this.#config = value;
    this.#reload();
  }

  /** A storage adapter from code (for example `forgeStorage({ invoke })`); overrides `storage`. */
  get storage(): ConsentStorage | undefined {
    return this.#storage;
  }
  set storage(value: ConsentStorage | undefined) {
    if (value === this.#storage) return; // the same again (React sets every prop on every render)
    this.#storage = value;
    this.#reload();
  }

  /** Signals to use instead of the browser's (tests, demos). */
  get signals(): Signals | undefined {
    return this.#signals;
  }
  set signals(value: Signals | undefined) {
    if (value === this.#signals) return; // the same again (React sets every prop on every render)
    this.#signals = value;
    this.#reload();
  }

  attributeChangedCallback(): void {
    this.#reload();
  }

  #scheduled = false;

  /** Reloads once per task, however many properties changed together. */
  #reload(): void {
    if (this.#scheduled || !this.isConnected) return;
    resumeTriggers(); // a config is on its way again: a trigger clicked meanwhile waits for it
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) void this.#load();
    });
  }

  /** The consent controller, once the config is loaded and valid. */
  consent: Consent | undefined;

  #provider = new HandleProvider(this, candorContext);
  #documentProvider: HandleProvider<CandorHandle | undefined> | undefined;
  #stop: (() => void) | undefined;
  #loadToken = 0;
  #readyResolvers: Array<(consent: Consent) => void> = [];

  /** Resolves with the controller once one is ready (waits across config reloads). */
  whenReady(): Promise<Consent> {
    return new Promise((resolve) => {
      if (this.consent && this.hasAttribute('ready')) resolve(this.consent);
      else this.#readyResolvers.push(resolve);
    });
  }

  connectedCallback(): void {
    roots.add(this);
    this.#claimDocument();
    this.#provider.attach();
    if (this.consent) this.#start();
    else this.#reload();
  }

  disconnectedCallback(): void {
    // A root taken out of the page stops acting on it (triggers, gated scripts, cookies, events).
    this.#stop?.();
    this.#stop = undefined;
    this.#provider.detach();
    roots.delete(this);
    const holder = document as unknown as Record<symbol, unknown>;
    if (holder[DOCUMENT_PROVIDER] === this) {
      // This root stops answering for the document; another still on the page does from now on
      // (context, triggers, gating).
      delete holder[DOCUMENT_PROVIDER];
      this.#documentProvider?.setValue(undefined);
      this.#documentProvider?.detach();
      this.#documentProvider = undefined;
      const next = [...roots].find((root) => root.isConnected);
      if (next) {
        next.#claimDocument();
        next.#stop?.();
        next.#stop = undefined;
        next.#start();
      }
    }
  }

  /** Answers context requests from anywhere in the document, unless another root already does. */
  #claimDocument(): void {
    const holder = document as unknown as Record<symbol, unknown>;
    if (holder[DOCUMENT_PROVIDER]) return;
    holder[DOCUMENT_PROVIDER] = this;
    this.#documentProvider = new HandleProvider(document.documentElement, candorContext);
    this.#documentProvider.setValue(this.#provider.value);
    this.#documentProvider.attach();
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #error(detail: CandorErrorDetail): void {
    console.error(`[candor] ${detail.message}`, ...(detail.problems ? [detail.problems] : []));
    this.#emit('candor-error', detail);
  }

  /** The config failed: reported, and a trigger clicked meanwhile does what it does without Candor. */
  #fail(detail: CandorErrorDetail): void {
    this.#error(detail);
    releaseTriggers();
  }

  async #readConfig(): Promise<unknown> {
    if (this.#config !== undefined) return this.#config;
    if (this.src) {
      const early = prefetched.get(this.src);
      prefetched.delete(this.src);
      const response = await (early ?? fetch(this.src, { credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`Fetching the config ${this.src} failed: HTTP ${response.status}`);
      try {
        return (await response.json()) as unknown;
      } catch {
        throw new Error(`The config ${this.src} is not valid JSON`);
      }
    }
    const script = this.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
    if (script) {
      try {
        return JSON.parse(script.textContent ?? '') as unknown;
      } catch {
        throw new Error('The config in <script type="application/json"> is not valid JSON');
      }
    }
    return undefined;
  }

  async #load(): Promise<void> {
    const token = ++this.#loadToken;
    let input: unknown;
    try {
      input = await this.#readConfig();
    } catch (cause) {
      if (token === this.#loadToken) this.#fail({ code: 'config', message: (cause as Error).message, cause });
      return;
    }
    if (token !== this.#loadToken || input === undefined) return;
    const validation = validateConfig(input);
    for (const warning of validation.warnings) console.warn(`[candor] config ${warning}`);
    const kind = this.getAttribute('storage');
    // A misspelt storage="memroy" must not quietly keep choices in localStorage instead.
    if (kind !== null && !this.storage && !STORAGE_KINDS.includes(kind)) {
      validation.problems.push(`<candor-consent storage>: expected ${oneOf(STORAGE_KINDS)}, got ${JSON.stringify(kind)}`);
    }
    if (validation.problems.length > 0 || !validation.config) {
      this.#use(undefined);
      this.#fail({ code: 'config', message: `Invalid Candor config: ${validation.problems.length} problem(s)`, problems: validation.problems });
      return;
    }
    const config = validation.config;
    const consent = createConsentFromValidConfig({
      config,
      storage: this.storage ?? storageFor((kind as StorageKind | null) ?? config.storage ?? 'local'),
      signals: this.#signals, // undefined: the browser's
      host: this.#host,
      onError: (detail) => this.#error(detail),
      locale: () => pageLocale(config), // records name the locale of the moment (<html lang> may change)
    });
    this.#use(consent);
    await consent.ready;
    if (token !== this.#loadToken) return;
    this.setAttribute('ready', '');
    this.#emit('candor-ready', { state: consent.state });
    for (const resolve of this.#readyResolvers.splice(0)) resolve(consent);
  }


  #use(consent: Consent | undefined): void {
    this.#stop?.();
    this.#stop = undefined;
    if (this.consent !== consent) this.consent?.destroy();
    this.consent = consent;
    this.removeAttribute('ready');
    this.#provide(consent);
    this.#start();
  }

  /** Gives every Candor element the controller, in the page's locale as it is now. */
  #provide(consent: Consent | undefined): void {
    const handle: CandorHandle | undefined = consent && {
      consent,
      locale: pageLocale(consent.config),
      showPreferences: (opener) => this.showPreferences(opener),
      navigate: (url, event) => {
        if (!this.navigate) return; // the link's own default action follows it
        event?.preventDefault();
        this.navigate(url);
      },
    };
    this.#provider.setValue(handle);
    this.#documentProvider?.setValue(handle);
  }

  /** Events, and page-wide behaviour when this root answers for the whole document. */
  #start(): void {
    const consent = this.consent;
    if (!consent || this.#stop) return;
    const stops = [
      consent.subscribe((state, detail) => {
        if (detail.changed.length > 0) this.#emit('candor-change', detail);
        // An acknowledgement (change notice "Got it", or OK on a notice): never consent, its own event.
        const record = detail.recordId === undefined ? undefined : state.records.find((each) => each.recordId === detail.recordId);
        if (record?.method === 'change-notice') {
          this.#emit('candor-acknowledge', { version: state.acknowledgedVersion ?? record.policy.version, recordId: record.recordId } satisfies CandorAcknowledgeDetail);
        }
      }, { all: true }),
    ];
    // A single-page app that switches language changes <html lang>: the elements follow.
    const language = new MutationObserver(() => {
      if (pageLocale(consent.config) !== this.#provider.value?.locale) this.#provide(consent);
    });
    language.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    stops.push(() => language.disconnect());
    if ((document as unknown as Record<symbol, unknown>)[DOCUMENT_PROVIDER] === this) {
      stops.push(
        gateScripts(consent),
        listenForTriggers(consent, (opener) => this.showPreferences(opener)),
        clearCookiesOnRevoke(consent),
      );
    }
    this.#stop = () => stops.forEach((stop) => stop());
  }

  /** Opens the preference centre as a modal dialog, creating one when the page has none. */
  showPreferences(opener: Element | null = document.activeElement): void {
    type Showable = HTMLElement & { show?: (opener?: Element | null) => void };
    const existing = document.querySelector<Showable>('candor-preferences:not([inline])');
    const preferences: Showable = existing ?? document.createElement('candor-preferences');
    if (!existing) this.append(preferences);
    // In the script-tag build the preference centre may still be loading (candor-ui.min.js).
    void customElements.whenDefined('candor-preferences').then(() => preferences.show?.(opener));
  }

}
