import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateConfig } from '../../src/core/index.js';
import { designConfig, designJson, validDesignConfig, type Json } from './fixtures-config.js';

/** Validates the design config after `change` broke it; returns the problems. */
function problemsAfter(change: (config: Json) => void): string[] {
  const config = designJson();
  change(config);
  return validateConfig(config).problems;
}

/** Index access into the JSON fixture without `any`. */
function at(value: unknown, ...path: (string | number)[]): Json {
  let node: unknown = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}

const purpose = (config: Json, i: number): Json => at(config, 'purposes', i);
const policy = (config: Json): Json => at(config, 'policy');
const revision = (config: Json, i: number): Json => at(config, 'policy', 'revisions', i);

describe('validateConfig', () => {
  describe('the DESIGN.md example', () => {
    it('is valid once the purpose its host mapping names exists', () => {
      const config = validDesignConfig();
      const result = validateConfig(config);
      expect(result.problems).to.deep.equal([]);
      expect(result.warnings).to.deep.equal([]);
      expect(result.ok).to.equal(true);
      expect(result.config).to.equal(config);
    });

    it('as printed maps host category "functional" to a purpose it does not define (reported, not thrown)', () => {
      const result = validateConfig(designConfig());
      expect(result.ok).to.equal(false);
      expect(result.problems).to.deep.equal(['host.cookieCategories.functional: unknown purpose "preferences"']);
    });

    it('also validates as parsed JSON', () => {
      const result = validateConfig(JSON.parse(JSON.stringify(validDesignConfig())));
      expect(result.ok).to.equal(true);
    });

    it('a minimal config is valid', () => {
      const result = validateConfig({ policy: { id: 'p', version: '1' }, purposes: [{ id: 'necessary', basis: 'necessary' }] });
      expect(result.problems).to.deep.equal([]);
      expect(result.ok).to.equal(true);
    });
  });

  describe('non-object input', () => {
    const cases: [string, unknown, string][] = [
      ['null', null, 'config: expected an object, got null'],
      ['undefined', undefined, 'config: expected an object, got nothing'],
      ['an array', [validDesignConfig()], 'config: expected an object, got an array'],
      ['a string', '{"policy":{}}', 'config: expected an object, got "{\\"policy\\":{}}"'],
      ['a number', 42, 'config: expected an object, got 42'],
      ['a boolean', true, 'config: expected an object, got true'],
    ];
    for (const [name, input, problem] of cases) {
      it(`${name} is one problem, not a throw`, () => {
        const result = validateConfig(input);
        expect(result.ok).to.equal(false);
        expect(result.config).to.equal(undefined);
        expect(result.problems).to.deep.equal([problem]);
      });
    }
  });

  describe('policy', () => {
    it('missing policy', () => {
      expect(problemsAfter((c) => delete c['policy'])).to.deep.equal(['policy: expected an object, got nothing']);
    });

    it('policy that is not an object', () => {
      expect(problemsAfter((c) => (c['policy'] = 'acme'))).to.deep.equal(['policy: expected an object, got "acme"']);
    });

    it('missing policy.id', () => {
      expect(problemsAfter((c) => delete policy(c)['id'])).to.deep.equal(['policy.id: expected a non-empty string, got nothing']);
    });

    it('blank policy.id', () => {
      expect(problemsAfter((c) => (policy(c)['id'] = '  '))).to.deep.equal(['policy.id: expected a non-empty string, got "  "']);
    });

    it('missing policy.version', () => {
      expect(problemsAfter((c) => delete policy(c)['version'])).to.deep.equal(['policy.version: expected a non-empty string, got nothing']);
    });

    it('numeric policy.version', () => {
      expect(problemsAfter((c) => (policy(c)['version'] = 3))).to.deep.equal(['policy.version: expected a non-empty string, got 3']);
    });
  });

  describe('ids and versions: at most 64 characters', () => {
    const long = 'x'.repeat(65);
    const ok = 'x'.repeat(64);

    it('policy.id of 65 is a problem, 64 is fine', () => {
      expect(problemsAfter((c) => (policy(c)['id'] = long))).to.deep.equal(['policy.id: expected at most 64 characters, got 65']);
      expect(problemsAfter((c) => (policy(c)['id'] = ok))).to.deep.equal([]);
    });

    it('policy.version of 65 is a problem', () => {
      const problems = problemsAfter((c) => (policy(c)['version'] = long));
      expect(problems).to.deep.equal(['policy.version: expected at most 64 characters, got 65']);
    });

    it('a purpose id of 65 is a problem, 64 is fine', () => {
      expect(problemsAfter((c) => (purpose(c, 4)['id'] = long))).to.deep.equal(['purposes[4].id: expected at most 64 characters, got 65']);
      expect(problemsAfter((c) => (purpose(c, 4)['id'] = ok))).to.deep.equal([]);
    });

    it('a revision version of 65 is a problem', () => {
      expect(problemsAfter((c) => (revision(c, 1)['version'] = long))).to.deep.equal([
        'policy.revisions[1].version: expected at most 64 characters, got 65',
      ]);
    });

    it('a section id of 65 is a problem', () => {
      expect(problemsAfter((c) => (at(c, 'policy', 'sections', 0)['id'] = long))).to.deep.equal([
        'policy.sections[0].id: expected at most 64 characters, got 65',
      ]);
    });
  });

  describe('purposes', () => {
    it('the basis example of DESIGN.md, word for word', () => {
      expect(problemsAfter((c) => (purpose(c, 1)['basis'] = 'maybe'))).to.deep.equal([
        'purposes[1].basis: expected "necessary" | "consent" | "legitimate-interest", got "maybe"',
      ]);
    });

    it('a missing basis', () => {
      expect(problemsAfter((c) => delete purpose(c, 4)['basis'])).to.deep.equal([
        'purposes[4].basis: expected "necessary" | "consent" | "legitimate-interest", got nothing',
      ]);
    });

    it('missing and empty purposes', () => {
      expect(problemsAfter((c) => delete c['purposes'])).to.include('purposes: expected an array, got nothing');
      expect(problemsAfter((c) => (c['purposes'] = {}))).to.include('purposes: expected an array, got an object');
      const empty = validateConfig({ policy: { id: 'p', version: '1' }, purposes: [] });
      expect(empty.problems).to.deep.equal(['purposes: expected at least one purpose']);
    });

    it('a purpose that is not an object', () => {
      expect(problemsAfter((c) => (at(c, 'purposes') as unknown as unknown[]).push('analytics'))).to.deep.equal([
        'purposes[6]: expected an object, got "analytics"',
      ]);
    });

    it('duplicate purpose ids', () => {
      const problems = problemsAfter((c) => (purpose(c, 4)['id'] = 'analytics'));
      expect(problems).to.deep.equal(['purposes[4].id: duplicate purpose id "analytics"']);
    });

    it('a purpose id with a space (it would split the switch\'s aria-labelledby, leaving it nameless)', () => {
      for (const id of ['marketing email', ' marketing-email', 'marketing-email\n']) {
        expect(problemsAfter((c) => (purpose(c, 4)['id'] = id)), JSON.stringify(id)).to.deep.equal([`purposes[4].id: expected no spaces, got ${JSON.stringify(id)}`]);
      }
    });

    it('an unknown signal in purposes[i].signals', () => {
      expect(problemsAfter((c) => (purpose(c, 1)['signals'] = ['gpc', 'foo']))).to.deep.equal([
        'purposes[1].signals[1]: expected a known signal ("gpc" | "dnt"), got "foo"',
      ]);
    });

    it('signals that are not an array', () => {
      expect(problemsAfter((c) => (purpose(c, 1)['signals'] = 'gpc'))).to.deep.equal([
        'purposes[1].signals: expected an array, got "gpc"',
      ]);
    });

    it('a necessary purpose that lists a signal', () => {
      expect(problemsAfter((c) => (purpose(c, 0)['signals'] = ['gpc']))).to.deep.equal([
        'purposes[0].signals: a necessary purpose cannot be denied by a signal',
      ]);
    });

    it('a consent-basis purpose needs a label', () => {
      expect(problemsAfter((c) => delete purpose(c, 2)['label'])).to.deep.equal([
        'purposes[2].label: expected a non-empty string or an object of strings per locale, got nothing',
      ]);
    });

    it('a legitimate-interest (or necessary) purpose without a label is fine', () => {
      expect(problemsAfter((c) => delete purpose(c, 3)['label'])).to.deep.equal([]);
      expect(problemsAfter((c) => delete purpose(c, 4)['label'])).to.deep.equal([]);
      expect(problemsAfter((c) => delete purpose(c, 0)['label'])).to.deep.equal([]);
    });

    it('an empty or partly empty localized label', () => {
      expect(problemsAfter((c) => (purpose(c, 2)['label'] = ''))).to.deep.equal([
        'purposes[2].label: expected a non-empty string or an object of strings per locale, got ""',
      ]);
      expect(problemsAfter((c) => (purpose(c, 2)['label'] = {}))).to.deep.equal([
        'purposes[2].label: expected a non-empty string or an object of strings per locale, got an object',
      ]);
      expect(problemsAfter((c) => (purpose(c, 1)['label'] = { en: 'Analytics', de: '' }))).to.deep.equal([
        'purposes[1].label.de: expected a non-empty string, got ""',
      ]);
    });

    it('a vendor without a name, and a cookie pattern that is not a regular expression', () => {
      const problems = problemsAfter((c) => {
        purpose(c, 1)['vendors'] = [{ url: 'https://analytics.example' }];
        purpose(c, 1)['cookies'] = ['_ea', '/(/'];
      });
      expect(problems).to.deep.equal([
        'purposes[1].vendors[0].name: expected a non-empty string, got nothing',
        'purposes[1].cookies[1]: invalid regular expression "/(/"',
      ]);
    });
  });

  describe('signals', () => {
    it('an unknown signal name: signals.foo', () => {
      expect(problemsAfter((c) => (c['signals'] = { gpc: 'honor', foo: 'honor' }))).to.deep.equal([
        'signals.foo: unknown signal (known: "gpc" | "dnt")',
      ]);
    });

    it('a bad signal mode', () => {
      expect(problemsAfter((c) => (c['signals'] = { gpc: 'honour', dnt: true }))).to.deep.equal([
        'signals.gpc: expected "honor" | "ignore", got "honour"',
        'signals.dnt: expected "honor" | "ignore", got true',
      ]);
    });

    it('"ignore" and an empty object are fine', () => {
      expect(problemsAfter((c) => (c['signals'] = { gpc: 'ignore', dnt: 'ignore' }))).to.deep.equal([]);
      expect(problemsAfter((c) => (c['signals'] = {}))).to.deep.equal([]);
    });

    it('signals that are not an object', () => {
      expect(problemsAfter((c) => (c['signals'] = ['gpc']))).to.deep.equal(['signals: expected an object, got an array']);
    });
  });

  describe('revisions', () => {
    it('not newest first', () => {
      const problems = problemsAfter((c) => (policy(c)['revisions'] as unknown[]).reverse());
      expect(problems).to.deep.equal([
        'policy.revisions[1].effective: revisions must be newest first, but this one is newer than policy.revisions[0]',
      ]);
    });

    it('duplicate versions', () => {
      expect(problemsAfter((c) => (revision(c, 1)['version'] = '2026-03-01'))).to.deep.equal([
        'policy.revisions[1].version: duplicate version "2026-03-01"',
      ]);
    });

    it('purposes naming an unknown purpose', () => {
      expect(problemsAfter((c) => (revision(c, 0)['purposes'] = ['analytics', 'telemetry']))).to.deep.equal([
        'policy.revisions[0].purposes[1]: unknown purpose "telemetry"',
      ]);
    });

    it('noticeFrom after effective', () => {
      expect(problemsAfter((c) => (revision(c, 0)['noticeFrom'] = '2026-03-02'))).to.deep.equal([
        'policy.revisions[0].noticeFrom: must not be later than effective',
      ]);
      expect(problemsAfter((c) => (revision(c, 0)['noticeFrom'] = '2026-03-01'))).to.deep.equal([]);
    });

    it('a revision without effective', () => {
      expect(problemsAfter((c) => delete revision(c, 1)['effective'])).to.deep.equal([
        'policy.revisions[1].effective: expected an ISO 8601 date such as "2026-03-01", got nothing',
      ]);
    });

    it('material that is not a boolean', () => {
      expect(problemsAfter((c) => (revision(c, 0)['material'] = 'yes'))).to.deep.equal([
        'policy.revisions[0].material: expected true or false, got "yes"',
      ]);
    });

    it('policy.version missing from the revisions is a warning', () => {
      const config = designJson();
      policy(config)['version'] = '2027-01-01';
      const result = validateConfig(config);
      expect(result.ok).to.equal(true);
      expect(result.warnings).to.deep.equal(['policy.version: "2027-01-01" is not listed in policy.revisions']);
    });
  });

  describe('dates', () => {
    const bad: unknown[] = [
      '2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '01/03/2026',
      '2026-03-01 12:00', '2026-03-01T12:00:00', '2026-02-30T00:00:00Z', '2026-02-29T12:00:00.000Z', '2026-04-31T10:00+02:00',
      '2026-03-01T25:00:00Z', 'yesterday', '', 20260301, null, true,
    ];
    for (const value of bad) {
      it(`rejects ${JSON.stringify(value)} in policy.effective and revisions[i].effective`, () => {
        const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
        expect(problemsAfter((c) => (policy(c)['effective'] = value))).to.deep.equal([
          `policy.effective: expected an ISO 8601 date such as "2026-03-01", got ${shown}`,
        ]);
        const problems = problemsAfter((c) => {
          revision(c, 1)['effective'] = value;
          revision(c, 1)['noticeFrom'] = value;
        });
        expect(problems).to.deep.equal([
          `policy.revisions[1].effective: expected an ISO 8601 date such as "2026-03-01", got ${shown}`,
          `policy.revisions[1].noticeFrom: expected an ISO 8601 date such as "2026-03-01", got ${shown}`,
        ]);
      });
    }

    const good = ['2024-02-29', '2000-02-29', '2026-03-01', '2026-03-01T12:00:00Z', '2026-03-01T12:00Z', '2026-03-01T12:00:00.123+01:00', '2026-03-01T00:30:00+01:00'];
    for (const value of good) {
      it(`accepts ${value}`, () => {
        expect(problemsAfter((c) => (policy(c)['effective'] = value))).to.deep.equal([]);
      });
    }
  });

  describe('expiresAfterDays', () => {
    it('395 (13 months) is the most allowed; 396 is a problem', () => {
      expect(problemsAfter((c) => (c['expiresAfterDays'] = 395))).to.deep.equal([]);
      expect(problemsAfter((c) => (c['expiresAfterDays'] = 1))).to.deep.equal([]);
      expect(problemsAfter((c) => (c['expiresAfterDays'] = 396))).to.deep.equal([
        'expiresAfterDays: expected at most 395 (13 months), got 396',
      ]);
    });

    const bad: [unknown, string][] = [[0, '0'], [-1, '-1'], [1.5, '1.5'], ['30', '"30"'], [Number.NaN, 'NaN'], [Infinity, 'Infinity'], [null, 'null']];
    for (const [value, shown] of bad) {
      it(`${shown} is a problem`, () => {
        expect(problemsAfter((c) => (c['expiresAfterDays'] = value))).to.deep.equal([
          `expiresAfterDays: expected a whole number of days from 1, got ${shown}`,
        ]);
      });
    }
  });

  describe('what legitimate interest cannot cover, and what a necessary cookie needs (standards E7, E8)', () => {
    const NEEDS_CONSENT = 'need consent (ePrivacy Art. 5(3)), not legitimate interest';

    it('a legitimate-interest purpose that lists cookies is a problem; the same purpose with consent is fine', () => {
      expect(problemsAfter((c) => (purpose(c, 3)['cookies'] = ['_ads']))).to.deep.equal([`purposes[3].cookies: cookies ${NEEDS_CONSENT}`]);
      expect(problemsAfter((c) => Object.assign(purpose(c, 3), { cookies: ['_ads'], basis: 'consent' }))).to.deep.equal([]);
      expect(problemsAfter((c) => (purpose(c, 3)['cookies'] = [])), 'an empty list sets nothing').to.deep.equal([]);
    });

    it('a legitimate-interest purpose in consentMode.map is a problem (every Consent Mode type is storage or ads)', () => {
      expect(problemsAfter((c) => (at(c, 'consentMode', 'map')['sale-share'] = ['ad_user_data']))).to.deep.equal([
        `consentMode.map.sale-share: Consent Mode types ${NEEDS_CONSENT}`,
      ]);
    });

    it('a legitimate-interest purpose following a host cookie category is a problem', () => {
      expect(problemsAfter((c) => (at(c, 'host', 'cookieCategories')['marketing'] = 'marketing-email'))).to.deep.equal([
        `host.cookieCategories.marketing: cookie categories ${NEEDS_CONSENT}`,
      ]);
    });

    it('a duplicate id does not lend its basis to the first purpose of that id', () => {
      expect(problemsAfter((c) => (purpose(c, 4)['id'] = 'advertising'))).to.deep.equal(['purposes[4].id: duplicate purpose id "advertising"']);
    });

    it('a necessary purpose that lists cookies needs a justification, a string or one per locale', () => {
      expect(problemsAfter((c) => (purpose(c, 0)['cookies'] = ['session']))).to.deep.equal(['purposes[0].justification: required for necessary cookies']);
      expect(problemsAfter((c) => Object.assign(purpose(c, 0), { cookies: ['session'], justification: 'Keeps you signed in.' }))).to.deep.equal([]);
      expect(problemsAfter((c) => Object.assign(purpose(c, 0), { cookies: ['session'], justification: { en: 'Keeps you signed in.', de: 'Hält Sie angemeldet.' } }))).to.deep.equal([]);
      expect(problemsAfter((c) => Object.assign(purpose(c, 0), { cookies: ['session'], justification: '' }))).to.deep.equal([
        'purposes[0].justification: expected a non-empty string or an object of strings per locale, got ""',
      ]);
      expect(problemsAfter((c) => (purpose(c, 1)['justification'] = 7)), 'checked wherever given').to.deep.equal([
        'purposes[1].justification: expected a non-empty string or an object of strings per locale, got 7',
      ]);
      expect(problemsAfter((c) => (purpose(c, 0)['justification'] = 'Security.')), 'allowed without cookies').to.deep.equal([]);
    });
  });

  describe('storage, host, messages, locale', () => {
    it('storage "session" is a problem; the three kinds are fine', () => {
      expect(problemsAfter((c) => (c['storage'] = 'session'))).to.deep.equal([
        'storage: expected "local" | "memory" | "cookie", got "session"',
      ]);
      for (const kind of ['local', 'memory', 'cookie']) expect(problemsAfter((c) => (c['storage'] = kind))).to.deep.equal([]);
    });

    it('host.cookieCategories naming an unknown purpose', () => {
      expect(problemsAfter((c) => (at(c, 'host', 'cookieCategories')['marketing'] = 'ads'))).to.deep.equal([
        'host.cookieCategories.marketing: unknown purpose "ads"',
      ]);
    });

    it('an unknown host cookie category', () => {
      expect(problemsAfter((c) => (at(c, 'host', 'cookieCategories')['tracking'] = 'analytics'))).to.deep.equal([
        'host.cookieCategories.tracking: unknown host category (known: "strictlyNecessary" | "functional" | "analytics" | "marketing")',
      ]);
    });

    it('a purpose id every JavaScript object already has ("constructor", "__proto__", "toString") is a problem', () => {
      for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        expect(problemsAfter((c) => ((c['purposes'] as Array<Record<string, unknown>>)[1]!['id'] = id)), id).to.include(
          `purposes[1].id: ${JSON.stringify(id)} is reserved in JavaScript`,
        );
      }
    });

    it('a message that is not a string, or is empty (a nameless button)', () => {
      expect(problemsAfter((c) => (at(c, 'messages', 'en')['banner.rejectAll'] = 3))).to.deep.equal([
        'messages.en.banner.rejectAll: expected a non-empty string, got 3',
      ]);
      expect(problemsAfter((c) => (at(c, 'messages', 'en')['banner.rejectAll'] = ''))).to.deep.equal([
        'messages.en.banner.rejectAll: expected a non-empty string, got ""',
      ]);
    });

    it('an empty locale', () => {
      expect(problemsAfter((c) => (c['locale'] = ''))).to.deep.equal(['locale: expected a non-empty string, got ""']);
    });
  });

  describe('consentMode', () => {
    const types = '"ad_storage" | "ad_user_data" | "ad_personalization" | "analytics_storage" | "functionality_storage" | "personalization_storage" | "security_storage"';

    it('every field, valid', () => {
      expect(
        problemsAfter((c) => {
          c['consentMode'] = {
            map: { necessary: ['security_storage'], analytics: [], advertising: ['ad_storage', 'ad_user_data'] },
            region: ['DE', 'FR', 'US-CA', 'GB-ENG'],
            waitForUpdate: 500,
            adsDataRedaction: false,
            urlPassthrough: true,
          };
        }),
      ).to.deep.equal([]);
      expect(problemsAfter((c) => (c['consentMode'] = { waitForUpdate: 0 }))).to.deep.equal([]);
    });

    it('an unknown consent type, a map entry that is not an array, a purpose that does not exist', () => {
      expect(
        problemsAfter((c) => {
          c['consentMode'] = { map: { advertising: ['ad_storage', 'ads_storage'], analytics: 'analytics_storage', ads: ['ad_storage'] } };
        }),
      ).to.deep.equal([
        `consentMode.map.advertising[1]: expected a consent type (${types}), got "ads_storage"`,
        'consentMode.map.analytics: expected an array, got "analytics_storage"',
        'consentMode.map.ads: unknown purpose "ads"',
      ]);
    });

    it('region codes', () => {
      expect(problemsAfter((c) => (c['consentMode'] = { region: ['de', 'EU', 'US-CA', 'Germany', 7] }))).to.deep.equal([
        'consentMode.region[0]: expected a code such as "DE" or "US-CA", got "de"',
        'consentMode.region[3]: expected a code such as "DE" or "US-CA", got "Germany"',
        'consentMode.region[4]: expected a code such as "DE" or "US-CA", got 7',
      ]);
      expect(problemsAfter((c) => (c['consentMode'] = { region: 'DE' }))).to.deep.equal(['consentMode.region: expected an array, got "DE"']);
    });

    it('waitForUpdate, adsDataRedaction, urlPassthrough', () => {
      expect(
        problemsAfter((c) => (c['consentMode'] = { waitForUpdate: -1, adsDataRedaction: 'yes', urlPassthrough: 1 })),
      ).to.deep.equal([
        'consentMode.waitForUpdate: expected a whole number of ms from 0, got -1',
        'consentMode.adsDataRedaction: expected true or false, got "yes"',
        'consentMode.urlPassthrough: expected true or false, got 1',
      ]);
      expect(problemsAfter((c) => (c['consentMode'] = { waitForUpdate: 1.5 }))).to.deep.equal([
        'consentMode.waitForUpdate: expected a whole number of ms from 0, got 1.5',
      ]);
    });

    it('not an object; unknown keys warn', () => {
      expect(problemsAfter((c) => (c['consentMode'] = true))).to.deep.equal(['consentMode: expected an object, got true']);
      const config = designJson();
      config['consentMode'] = { mode: 'advanced' };
      expect(validateConfig(config).warnings).to.deep.equal(['consentMode.mode: unknown key, ignored']);
    });
  });

  describe('URLs', () => {
    const dangerous = [
      'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', '\u0000javascript:alert(1)',
      'java\tscript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)',
    ];
    for (const url of dangerous) {
      it(`rejects ${JSON.stringify(url)} in policy.url, a vendor url, a controller url and a revision href`, () => {
        const problems = problemsAfter((c) => {
          policy(c)['url'] = url;
          at(c, 'purposes', 1, 'vendors', 0)['url'] = url;
          at(c, 'policy', 'controller')['url'] = url;
          revision(c, 0)['href'] = url;
        });
        expect(problems.map((p) => p.slice(0, p.indexOf(':')))).to.deep.equal([
          'purposes[1].vendors[0].url',
          'policy.url',
          'policy.controller.url',
          'policy.revisions[0].href',
        ]);
        for (const problem of problems) expect(problem).to.contain(': expected an https, http, mailto or relative URL, got ');
      });
    }

    it('the exact message for policy.url', () => {
      expect(problemsAfter((c) => (policy(c)['url'] = 'javascript:alert(1)'))).to.deep.equal([
        'policy.url: expected an https, http, mailto or relative URL, got "javascript:alert(1)"',
      ]);
    });

    const safe = ['/privacy', 'privacy.html', '#top', '?v=1:2', '//cdn.example/privacy', 'https://acme.example/privacy', 'HTTP://acme.example', 'mailto:privacy@acme.example'];
    for (const url of safe) {
      it(`accepts ${url}`, () => {
        expect(problemsAfter((c) => {
          policy(c)['url'] = url;
          at(c, 'purposes', 1, 'vendors', 0)['url'] = url;
        })).to.deep.equal([]);
      });
    }
  });

  describe('unknown keys', () => {
    it('are warnings with their path; the config still loads', () => {
      const config = designJson();
      config['futureFeature'] = { on: true };
      policy(config)['hash'] = 'sha256-…';
      purpose(config, 1)['icon'] = 'chart';
      revision(config, 1)['author'] = 'legal';
      at(config, 'purposes', 1, 'vendors', 0)['country'] = 'DE';
      at(config, 'policy', 'controller')['phone'] = '+1';
      at(config, 'policy', 'sections', 0)['level'] = 2;
      at(config, 'host')['region'] = 'eu';
      const result = validateConfig(config);
      expect(result.problems).to.deep.equal([]);
      expect(result.ok).to.equal(true);
      expect(result.config).to.equal(config);
      expect([...result.warnings].sort()).to.deep.equal([
        'futureFeature: unknown key, ignored',
        'host.region: unknown key, ignored',
        'policy.controller.phone: unknown key, ignored',
        'policy.hash: unknown key, ignored',
        'policy.revisions[1].author: unknown key, ignored',
        'policy.sections[0].level: unknown key, ignored',
        'purposes[1].icon: unknown key, ignored',
        'purposes[1].vendors[0].country: unknown key, ignored',
      ]);
    });

    it('"$schema" is known', () => {
      const config = designJson();
      config['$schema'] = 'https://candor.example/schema.json';
      expect(validateConfig(config).warnings).to.deep.equal([]);
    });
  });

  describe('many problems at once', () => {
    it('reports every one, each with its path', () => {
      const config = designJson();
      policy(config)['id'] = '';                                          // 1
      policy(config)['url'] = 'javascript:void(0)';                       // 2
      policy(config)['effective'] = '2026-02-30';                         // 3
      revision(config, 0)['noticeFrom'] = '2026-04-01';                   // 4
      revision(config, 0)['purposes'] = ['ghost'];                        // 5
      revision(config, 1)['version'] = '2026-03-01';                      // 6 (duplicate)
      purpose(config, 1)['basis'] = 'maybe';                              // 7 (and label no longer required)
      purpose(config, 2)['id'] = 'necessary';                             // 8 (duplicate); 16: consentMode.map names "advertising", gone now
      purpose(config, 2)['signals'] = ['gpc', 'beacon'];                  // 9
      delete purpose(config, 5)['label'];                                 // 10 (preferences is consent-basis)
      config['signals'] = { gpc: 'honor', foo: 'honor', dnt: 'always' };  // 11, 12
      config['storage'] = 'session';                                      // 13
      at(config, 'host', 'cookieCategories')['marketing'] = 'ads';        // 14
      config['expiresAfterDays'] = 396;                                   // 15
      config['unknownThing'] = 1;                                         // a warning only

      const result = validateConfig(config);
      expect(result.ok).to.equal(false);
      expect(result.config).to.equal(undefined);
      expect(result.warnings).to.deep.equal(['unknownThing: unknown key, ignored']);
      const paths = result.problems.map((p) => p.slice(0, p.indexOf(': ')));
      expect([...paths].sort()).to.deep.equal([
        'consentMode.map.advertising',
        'expiresAfterDays',
        'host.cookieCategories.marketing',
        'policy.effective',
        'policy.id',
        'policy.revisions[0].noticeFrom',
        'policy.revisions[0].purposes[0]',
        'policy.revisions[1].version',
        'policy.url',
        'purposes[1].basis',
        'purposes[2].id',
        'purposes[2].signals[1]',
        'purposes[5].label',
        'signals.dnt',
        'signals.foo',
        'storage',
      ]);
      expect(result.problems).to.have.length(16);
      expect(result.problems).to.include('purposes[1].basis: expected "necessary" | "consent" | "legitimate-interest", got "maybe"');
    });
  });

  describe('never throws (property)', () => {
    const anything = fc.anything({
      withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
      withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true,
    });
    const roots = /^(config|policy|purposes|signals|storage|host|consentMode|locale|messages|expiresAfterDays)([.[]|: )/;
    const everyProblemHasAPath = (problems: string[]): boolean => problems.every((p) => roots.test(p) && p.includes(': '));

    it('for any value at all', () => {
      fc.assert(
        fc.property(anything, (value) => {
          const result = validateConfig(value);
          expect(result.ok).to.equal(result.problems.length === 0);
          if (!result.ok) expect(result.config).to.equal(undefined);
          expect(everyProblemHasAPath(result.problems)).to.equal(true);
        }),
        { numRuns: 300 },
      );
    });

    it('for the design config with any field replaced by any value', () => {
      const paths: (string | number)[][] = [
        ['policy'], ['policy', 'id'], ['policy', 'version'], ['policy', 'effective'], ['policy', 'title'], ['policy', 'url'],
        ['policy', 'controller'], ['policy', 'controller', 'email'], ['policy', 'sections'], ['policy', 'sections', 0],
        ['policy', 'sections', 0, 'title'], ['policy', 'revisions'], ['policy', 'revisions', 0], ['policy', 'revisions', 0, 'purposes'],
        ['policy', 'revisions', 1, 'effective'], ['purposes'], ['purposes', 1], ['purposes', 1, 'label'], ['purposes', 1, 'signals'],
        ['purposes', 1, 'vendors'], ['purposes', 1, 'vendors', 0], ['purposes', 1, 'cookies'], ['purposes', 2, 'basis'], ['signals'],
        ['signals', 'gpc'], ['storage'], ['host'], ['host', 'cookieCategories'], ['consentMode'], ['consentMode', 'map'],
        ['consentMode', 'map', 'advertising'], ['locale'], ['messages'],
        ['messages', 'en'], ['expiresAfterDays'],
      ];
      fc.assert(
        fc.property(fc.constantFrom(...paths), anything, (path, value) => {
          const config = designJson();
          const parent = at(config, ...path.slice(0, -1)) as Record<string | number, unknown>;
          parent[path[path.length - 1] as string | number] = value;
          const result = validateConfig(config);
          expect(result.ok).to.equal(result.problems.length === 0);
          expect(everyProblemHasAPath(result.problems)).to.equal(true);
        }),
        { numRuns: 300 },
      );
    });
  });
});
