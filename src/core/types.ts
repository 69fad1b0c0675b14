/**
 * Public types of Candor's framework-free core: the config, the consent state, records,
 * the storage adapter interface. Nothing here imports lit or touches the DOM.
 */

/** A legal basis decides a purpose's default and whether the person can change it. */
export type Basis = 'necessary' | 'consent' | 'legitimate-interest';

/** Browser privacy signals Candor understands. */
export type SignalName = 'gpc' | 'dnt';

/** How a configured signal is treated. */
export type SignalMode = 'honor' | 'ignore';

/** A string, or one string per locale (`{ en: "Analytics", de: "Analyse" }`). */
export type Localized = string | Readonly<Record<string, string>>;

export interface Vendor {
  name: string;
  url?: string;
}

export interface Purpose {
  /** Stable id, at most 64 characters. */
  id: string;
  label?: Localized;
  description?: Localized;
  basis: Basis;
  /** Signals that, when on and honoured, deny this purpose. */
  signals?: SignalName[];
  vendors?: Vendor[];
  /**
   * First-party cookies cleared when this purpose is revoked: names, or `/regex/flags`. Cookies
   * need consent: a `legitimate-interest` purpose cannot list them.
   */
  cookies?: string[];
  /**
   * Why this purpose's cookies are strictly necessary: required for a `necessary` purpose that
   * lists `cookies`; shown in the preference centre and in the storage inventory.
   */
  justification?: Localized;
}

export interface PolicySection {
  id: string;
  title: Localized;
  /** Markdown. */
  body: string;
}

export interface Controller {
  name: string;
  email?: string;
  address?: string;
  url?: string;
}

export interface Revision {
  version: string;
  /** ISO 8601 date the revision takes effect. */
  effective: string;
  material?: boolean;
  /** ISO 8601 date from which an upcoming material revision is announced. */
  noticeFrom?: string;
  summary?: Localized;
  /** Purposes the revision changes: their opt-in choices are asked again. */
  purposes?: string[];
  href?: string;
  src?: string;
}

export interface Policy {
  id: string;
  title?: Localized;
  version: string;
  effective?: string;
  controller?: Controller;
  summary?: Localized;
  sections?: PolicySection[];
  url?: string;
  /** Newest first. */
  revisions?: Revision[];
}

export type StorageKind = 'local' | 'memory' | 'cookie';

/** The host's cookie categories (Atlassian's `getCookieConsentPreferences`). */
export type HostCookieCategory = 'strictlyNecessary' | 'functional' | 'analytics' | 'marketing';

/** The seven Google Consent Mode v2 consent types. */
export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

/** The `consentMode` config block; also the options of `consentMode()` and `consentModeDefaults()`. */
export interface ConsentModeConfig {
  /**
   * Purpose id → the consent types it grants. Replaces the default for that id (`[]` maps
   * nothing). Defaults: `advertising` → ad_storage, ad_user_data, ad_personalization;
   * `analytics` → analytics_storage; `personalisation`/`personalization` →
   * personalization_storage; `necessary` → security_storage, functionality_storage.
   * A type several purposes map is granted only when every one of them is.
   */
  map?: Readonly<Record<string, readonly ConsentType[]>>;
  /** ISO 3166-1/-2 codes (`"DE"`, `"US-CA"`) the `default` applies to (gtag's `region`). */
  region?: readonly string[];
  /** Milliseconds tags wait for an `update` after the `default` (gtag's `wait_for_update`). */
  waitForUpdate?: number;
  /** `gtag('set','ads_data_redaction', …)`: default true (it only acts while ad_storage is denied). */
  adsDataRedaction?: boolean;
  /** `gtag('set','url_passthrough', …)`: default off (it carries click ids in URLs). */
  urlPassthrough?: boolean;
}

export interface CandorConfig {
  policy: Policy;
  purposes: Purpose[];
  signals?: Partial<Record<SignalName, SignalMode>>;
  storage?: StorageKind;
  host?: { cookieCategories?: Partial<Record<HostCookieCategory, string>> };
  /** Google Consent Mode v2 (`candor/consent-mode`; the script tag with `data-consent-mode`). */
  consentMode?: ConsentModeConfig;
  /** `"auto"` (default) or a BCP 47 tag. */
  locale?: string;
  /** Per-locale overrides of built-in strings: `{ en: { "banner.acceptAll": "OK" } }`. */
  messages?: Record<string, Record<string, string>>;
  /** Re-ask after this many days (default 182, at most 395). */
  expiresAfterDays?: number;
}

/** Browser signals as seen at one moment. */
export interface Signals {
  gpc: boolean;
  dnt: boolean;
}

/** Where an effective choice comes from. */
export type ChoiceSource = 'user' | 'gpc' | 'dnt' | 'default' | 'host';

export interface Choice {
  granted: boolean;
  source: ChoiceSource;
  /** ISO 8601 UTC time of the choice. */
  at: string;
  /** Signals present when the choice was made. */
  signals: Signals;
}

/** How a record came about. */
export type RecordMethod =
  | 'accept-all'
  | 'reject-all'
  | 'save'
  | 'opt-out'
  | 'signal'
  | 'host'
  | 'change-notice'
  | 'withdraw'
  | 'expire'
  | 'api';

/** One entry of the person's consent history. Holds no name, email or IP. */
export interface ConsentRecord {
  recordId: string;
  schema: 1;
  /** ISO 8601 UTC. */
  at: string;
  policy: { id: string; version: string };
  method: RecordMethod;
  /** Effective grant per purpose after the decision. */
  choices: Record<string, boolean>;
  signals: Signals;
  locale: string;
}

export interface ConsentState {
  schema: 1;
  policyId: string;
  policyVersion: string;
  acknowledgedVersion: string | null;
  choices: Record<string, Choice>;
  updatedAt: string;
  expiresAt: string | null;
  /** Newest first, at most 50. */
  records: ConsentRecord[];
}

/** Pluggable async storage. Results of `load` are treated as untrusted input. */
export interface ConsentStorage {
  load(): Promise<ConsentState | null>;
  save(state: ConsentState): Promise<void>;
  clear(): Promise<void>;
  /** Changes made elsewhere (other tabs, other devices). Returns an unsubscribe function. */
  subscribe?(listener: (state: ConsentState | null) => void): () => void;
}

/** `load`: a file of Candor's own (such as `candor-ui.min.js`) could not be loaded. */
export type CandorErrorCode = 'config' | 'stored-data' | 'storage' | 'input' | 'load';

/** What `onError` receives and `candor-error` carries. */
export interface CandorErrorDetail {
  code: CandorErrorCode;
  message: string;
  problems?: string[];
  cause?: unknown;
}

export type SaveStatus = 'saved' | 'pending' | 'failed';

export type ChangeOrigin = 'user' | 'storage' | 'signal' | 'host' | 'api';

/** What `subscribe` listeners and `candor-change` receive. */
export interface ChangeDetail {
  state: ConsentState;
  /** Purposes whose effective grant changed. */
  changed: string[];
  origin: ChangeOrigin;
  recordId?: string;
  saved: boolean;
}

export const SCHEMA = 1;
export const MAX_RECORDS = 50;
export const MAX_ID_LENGTH = 64;
export const DEFAULT_EXPIRES_AFTER_DAYS = 182;
export const MAX_EXPIRES_AFTER_DAYS = 395;
export const RECORD_METHODS: readonly RecordMethod[] = [
  'accept-all', 'reject-all', 'save', 'opt-out', 'signal', 'host', 'change-notice', 'withdraw', 'expire', 'api',
];
export const CHOICE_SOURCES: readonly ChoiceSource[] = ['user', 'gpc', 'dnt', 'default', 'host'];
export const BASES: readonly Basis[] = ['necessary', 'consent', 'legitimate-interest'];
export const SIGNAL_NAMES: readonly SignalName[] = ['gpc', 'dnt'];
export const CONSENT_TYPES: readonly ConsentType[] = [
  'ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage',
];
