// Klaro 0.7, configured as its annotated dist/config.js shows, with the benchmark's three purposes.
var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'localStorage',
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  groupByPurpose: true,
  translations: {
    zz: { privacyPolicyUrl: '/privacy' },
    en: {
      consentNotice: {
        description:
          'We use cookies and similar technologies for analytics, advertising and to remember your preferences, only if you agree.',
      },
      purposes: {
        necessary: 'Strictly necessary',
        analytics: 'Analytics',
        advertising: 'Advertising',
        functional: 'Preferences',
      },
    },
  },
  services: [
    { name: 'session', title: 'Session', purposes: ['necessary'], required: true },
    { name: 'site-analytics', title: 'Analytics', description: 'Counting visits and measuring how the site is used.', purposes: ['analytics'] },
    { name: 'ads', title: 'Advertising', description: 'Showing and measuring advertisements.', purposes: ['advertising'] },
    { name: 'preferences', title: 'Preferences', description: 'Remembering your settings, such as language.', purposes: ['functional'] },
  ],
};
