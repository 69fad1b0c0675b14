// Fixtures for the core tests of config validation, signals and stored-state decoding:
// the example config of DESIGN.md ("Config"), a fixed clock, and a valid stored state for it.
import type { CandorConfig, Choice, ConsentRecord, ConsentState, Signals } from '../../src/core/index.js';

/** A plain JSON object, for tests that break configs and states on purpose. */
export type Json = Record<string, unknown>;

/** The example config of DESIGN.md, verbatim apart from comments. A fresh copy on every call. */
export function designConfig(): CandorConfig {
  return {
    policy: {
      id: 'acme-privacy',
      title: 'Privacy Policy',
      version: '2026-03-01',
      effective: '2026-03-01',
      controller: { name: 'Acme Ltd', email: 'privacy@acme.example', address: '…' },
      summary: 'Short plain-language summary shown on the banner',
      sections: [{ id: 'what-we-collect', title: 'What we collect', body: 'Markdown…' }],
      url: '/privacy',
      revisions: [
        {
          version: '2026-03-01', effective: '2026-03-01', material: true, noticeFrom: '2026-02-01',
          summary: 'We now use product analytics.', purposes: ['analytics'],
          href: '/privacy/2026-03-01', src: '/privacy/2026-03-01.json',
        },
        {
          version: '2025-06-11', effective: '2025-06-11', material: false,
          href: '/privacy/2025-06-11', src: '/privacy/2025-06-11.json',
        },
      ],
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', description: '…', basis: 'necessary' },
      {
        id: 'analytics', label: { en: 'Product analytics', de: 'Produktanalyse' }, basis: 'consent',
        signals: ['gpc', 'dnt'], vendors: [{ name: 'Example Analytics', url: 'https://analytics.example/privacy' }],
        cookies: ['_ea', '/^_ea_/'],
      },
      { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc', 'dnt'] },
      { id: 'sale-share', label: 'Sale or sharing of personal information', basis: 'legitimate-interest', signals: ['gpc'] },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ],
    signals: { gpc: 'honor', dnt: 'honor' },
    storage: 'local',
    host: { cookieCategories: { functional: 'preferences', analytics: 'analytics', marketing: 'advertising' } },
    consentMode: { map: { advertising: ['ad_storage', 'ad_user_data', 'ad_personalization'] } },
    locale: 'auto',
    messages: { en: { 'banner.acceptAll': 'Accept all' } },
    expiresAfterDays: 182,
  };
}

/**
 * The DESIGN.md example names a `preferences` purpose in `host.cookieCategories` that its
 * `purposes` list does not have; this adds one so the example validates as written.
 */
export function validDesignConfig(): CandorConfig {
  const config = designConfig();
  config.purposes.push({ id: 'preferences', label: 'Preferences', basis: 'consent' });
  return config;
}

/** The design config as a mutable JSON object, to break on purpose. */
export function designJson(): Json {
  return structuredClone(validDesignConfig()) as unknown as Json;
}

export const POLICY_ID = 'acme-privacy';
/** The fixed "now" of the decoding tests: after the 2026-03-01 revision took effect. */
export const NOW = Date.parse('2026-04-01T00:00:00.000Z');
export const DAY = 86_400_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

export const OFF: Signals = { gpc: false, dnt: false };

/** Ids of the purposes in the config, by basis. */
export function idsByBasis(config: CandorConfig): { necessary: string[]; consent: string[]; legitimate: string[]; optional: string[] } {
  const by = (basis: string): string[] => config.purposes.filter((p) => p.basis === basis).map((p) => p.id);
  return {
    necessary: by('necessary'),
    consent: by('consent'),
    legitimate: by('legitimate-interest'),
    optional: config.purposes.filter((p) => p.basis !== 'necessary').map((p) => p.id),
  };
}

export function choice(granted: boolean, overrides: Partial<Choice> = {}): Choice {
  return { granted, source: 'user', at: iso(NOW - 10 * DAY), signals: { ...OFF }, ...overrides };
}

export function record(n: number, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    recordId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    schema: 1,
    at: iso(NOW - 10 * DAY - n * 60_000),
    policy: { id: POLICY_ID, version: '2026-03-01' },
    method: 'save',
    choices: { necessary: true, analytics: true, advertising: false, 'sale-share': false, 'marketing-email': true },
    signals: { ...OFF },
    locale: 'en',
    ...overrides,
  };
}

/** A well-formed stored state for `validDesignConfig()`, in canonical form (decodes to itself). */
export function validState(): ConsentState {
  return {
    schema: 1,
    policyId: POLICY_ID,
    policyVersion: '2026-03-01',
    acknowledgedVersion: '2026-03-01',
    choices: {
      analytics: choice(true),
      advertising: choice(false),
      'sale-share': choice(false, { source: 'gpc', signals: { gpc: true, dnt: false } }),
      'marketing-email': choice(true, { source: 'host' }),
    },
    updatedAt: iso(NOW - 10 * DAY),
    expiresAt: iso(NOW + 172 * DAY),
    records: [record(0), record(1, { method: 'accept-all' })],
  };
}
