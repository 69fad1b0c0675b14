// vanilla-cookieconsent 3.x, configured as its documentation shows, with the benchmark's three purposes.
CookieConsent.run({
  // The benchmark's Chromium is driven by automation (navigator.webdriver), which this option hides the banner from.
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: {},
    advertising: {},
    functional: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We value your privacy',
          description:
            'We use cookies and similar technologies for analytics, advertising and to remember your preferences, only if you agree. <a href="/privacy">Privacy policy</a>',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customise',
        },
        preferencesModal: {
          title: 'Privacy choices',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save',
          closeIconLabel: 'Close',
          sections: [
            { title: 'Strictly necessary', description: 'Needed for the site to work.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Counting visits and measuring how the site is used.', linkedCategory: 'analytics' },
            { title: 'Advertising', description: 'Showing and measuring advertisements.', linkedCategory: 'advertising' },
            { title: 'Preferences', description: 'Remembering your settings, such as language.', linkedCategory: 'functional' },
          ],
        },
      },
    },
  },
});
