// Configs the e2e cases serve as /e2e/config.json (each call returns a fresh copy).

export const SUMMARY = 'We use analytics, advertising and personalisation only if you agree.';

export function baseConfig(overrides = {}) {
  return {
    policy: {
      id: 'e2e-privacy',
      title: 'Privacy at E2E Ltd',
      version: '2026-01-01',
      effective: '2026-01-01',
      summary: SUMMARY,
      url: '/test/e2e/pages/basic.html#policy',
      controller: { name: 'E2E Ltd', email: 'privacy@e2e.example' },
      sections: [
        { id: 'what-we-collect', title: 'What we collect', body: 'Your **email** and how you use the product.' },
        { id: 'your-rights', title: 'Your rights', body: '- access\n- erasure\n- objection\n\n[Contact us](mailto:privacy@e2e.example)' },
      ],
      revisions: [{ version: '2026-01-01', effective: '2026-01-01', material: true }],
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', basis: 'consent', signals: ['gpc', 'dnt'] },
      { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc'] },
      { id: 'personalisation', label: 'Personalisation', basis: 'consent' },
      { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
    ],
    ...overrides,
  };
}

/** Every optional purpose's grant after Accept all / Reject all (no signal on). */
export const ALL_GRANTED = { necessary: true, analytics: true, advertising: true, personalisation: true, 'sale-share': true };
export const ALL_DENIED = { necessary: true, analytics: false, advertising: false, personalisation: false, 'sale-share': false };
/** Before any choice: consent purposes denied, legitimate interest granted. */
export const DEFAULTS = { necessary: true, analytics: false, advertising: false, personalisation: false, 'sale-share': true };

/** A stored state for `baseConfig` as Candor writes it (schema 1). */
export function storedState(choices, { policyId = 'e2e-privacy', schema = 1, at = new Date(Date.now() - 86_400_000).toISOString() } = {}) {
  return {
    schema,
    policyId,
    policyVersion: '2026-01-01',
    acknowledgedVersion: '2026-01-01',
    choices: Object.fromEntries(
      Object.entries(choices).map(([id, granted]) => [id, { granted, source: 'user', at, signals: { gpc: false, dnt: false } }]),
    ),
    updatedAt: at,
    expiresAt: null,
    records: [],
  };
}
