// i18n: the de/fr/es/ja tables (src/i18n/*.ts) cover exactly the keys and placeholders of `en`;
// translator() and localize() (src/core/messages.ts), pickLocale() (src/core/locale.ts); and what
// the elements show for `<html lang>`, config `locale` and config `messages`.
import { expect, waitUntil } from '@open-wc/testing';
import { pickLocale } from '../../src/core/locale.js';
import { en, list, localeOf, localize, translator, type MessageKey, type MessageTable } from '../../src/core/messages.js';
import type { CandorConfig } from '../../src/core/types.js';
import de from '../../src/i18n/de.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';
import { builtInStrings } from '../../src/i18n/index.js';
import ja from '../../src/i18n/ja.js';
import { gateConfig, mount, unmount } from './csp/mount.js';

const LOCALES: Record<string, MessageTable> = { de, fr, es, ja };
const KEYS = Object.keys(en).sort() as MessageKey[];
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

function config(extra: Partial<CandorConfig> = {}): CandorConfig {
  return { ...gateConfig(), ...extra };
}

describe('locale tables', () => {
  for (const [locale, table] of Object.entries(LOCALES)) {
    describe(locale, () => {
      it('has exactly the keys of en', () => {
        expect(Object.keys(table).sort()).to.deep.equal(KEYS);
      });

      it('keeps every placeholder of en, and no other', () => {
        for (const key of KEYS) expect(placeholders(table[key] ?? ''), key).to.deep.equal(placeholders(en[key]));
      });

      it('translates every string (none empty, none a raw key, none left in English except names)', () => {
        // Left as they are on purpose: signal names (proper nouns) and the universal "OK".
        const sameAsEnglish = new Set<MessageKey>(['banner.ok']);
        for (const key of KEYS) {
          const text = table[key] ?? '';
          expect(text.trim().length, key).to.be.greaterThan(0);
          expect(text, key).to.not.equal(key);
          if (!sameAsEnglish.has(key) && key !== 'list.and' && key !== 'list.comma') expect(text, `${key} is still English`).to.not.equal(en[key]);
        }
      });

      it('gives Accept all and Reject all about the same length (equal weight)', () => {
        const accept = [...(table['banner.acceptAll'] ?? '')].length;
        const reject = [...(table['banner.rejectAll'] ?? '')].length;
        expect(Math.max(accept, reject) / Math.min(accept, reject)).to.be.at.most(1.25);
      });
    });
  }

  it('German uses the agreed button names', () => {
    expect([de['banner.acceptAll'], de['banner.rejectAll'], de['banner.customise']]).to.deep.equal(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
  });
});

describe('translator(config, locale, table)', () => {
  it('uses the built-in table of the locale and fills placeholders', () => {
    const t = translator(config(), 'de', de);
    expect(t('banner.acceptAll')).to.equal('Alle akzeptieren');
    expect(t('gate.allow', { purpose: 'Produktanalyse' })).to.equal('Produktanalyse erlauben');
    expect(translator(config(), 'ja', ja)('gate.allow', { purpose: 'プロダクト分析' })).to.equal('プロダクト分析を許可');
    expect(translator(config(), 'fr', fr)('banner.rejectAll')).to.equal('Tout refuser');
    expect(translator(config(), 'es', es)('banner.acceptAll')).to.equal('Aceptar todo');
  });

  it('lists use the locale\'s separator and word for "and" (Japanese: 、 throughout)', () => {
    const items = ['A', 'B', 'C'];
    const te = translator(config(), 'en', {});
    expect(list(items, te('list.and'), te('list.comma'))).to.equal('A, B and C');
    const tj = translator(config(), 'ja', ja);
    expect(list(items, tj('list.and'), tj('list.comma'))).to.equal('A、B、C');
    const td = translator(config(), 'de', de);
    expect(list(items, td('list.and'), td('list.comma'))).to.equal('A, B und C');
    expect(list(['A'], ' and ')).to.equal('A');
    expect(list([], ' and ')).to.equal('');
  });

  it('names the purpose inside the objection action, as each language orders it', () => {
    const purpose = { purpose: 'E-mail' };
    expect(translator(config(), 'en', {})('prefs.object', purpose)).to.equal('Object: E-mail');
    expect(translator(config(), 'fr', fr)('prefs.object', purpose)).to.equal('S’opposer\u202f: E-mail');
    expect(translator(config(), 'ja', ja)('prefs.object', purpose)).to.equal('E-mailに異議を申し立てる');
  });

  it('config.messages for the locale wins over the built-in table; the exact tag over its base', () => {
    const messages = { de: { 'banner.acceptAll': 'Einverstanden' }, 'de-AT': { 'banner.rejectAll': 'Ablehnen, bitte' } };
    const t = translator(config({ messages }), 'de-AT', de);
    expect(t('banner.acceptAll')).to.equal('Einverstanden');
    expect(t('banner.rejectAll')).to.equal('Ablehnen, bitte');
    expect(t('banner.customise')).to.equal('Anpassen');
  });

  it('an empty message counts as missing: the built-in string answers, never an empty button', () => {
    // (validateConfig reports it too; a config set in code without validation must still render names.)
    const t = translator(config({ messages: { de: { 'banner.rejectAll': '' }, en: { 'banner.acceptAll': '' } } }), 'de', de);
    expect(t('banner.rejectAll')).to.equal('Alle ablehnen');
    expect(translator(config({ messages: { en: { 'banner.acceptAll': '' } } }), 'en', {})('banner.acceptAll')).to.equal('Accept all');
  });

  it('an English override does not replace a translated string, but fills a missing one', () => {
    const partial: MessageTable = { 'banner.acceptAll': 'Alle akzeptieren' };
    const t = translator(config({ messages: { en: { 'banner.acceptAll': 'Sure', 'banner.rejectAll': 'No thanks' } } }), 'de', partial);
    expect(t('banner.acceptAll')).to.equal('Alle akzeptieren');
    expect(t('banner.rejectAll')).to.equal('No thanks');
  });

  it('a key missing everywhere falls back to English, never to the raw key', () => {
    for (const [locale, table] of [['de', { 'banner.acceptAll': 'Alle akzeptieren' }], ['pt', {}], ['xx-YY', {}]] as const) {
      const t = translator(config(), locale, table);
      for (const key of KEYS) {
        const text = t(key, { purposes: 'A', purpose: 'A', count: 'A', date: '2026-01-01' });
        expect(text, `${locale} ${key}`).to.not.equal(key);
        if (!(key === 'banner.acceptAll' && locale === 'de')) expect(text, `${locale} ${key}`).to.equal(en[key].replace(/\{\w+\}/g, (m) => (m === '{date}' ? '2026-01-01' : 'A')));
      }
    }
  });
});

describe('localize(label, locale)', () => {
  const label = { en: 'Product analytics', de: 'Produktanalyse' };
  it('picks the exact tag, then the base language, then English', () => {
    expect(localize(label, 'de')).to.equal('Produktanalyse');
    expect(localize(label, 'de-DE')).to.equal('Produktanalyse');
    expect(localize(label, 'pt')).to.equal('Product analytics');
    expect(localize(label, 'pt-BR')).to.equal('Product analytics');
    expect(localize({ 'de-CH': 'Produktanalyse (CH)', de: 'Produktanalyse' }, 'de-CH')).to.equal('Produktanalyse (CH)');
  });
  it('passes strings through; without English takes any; nothing gives ""', () => {
    expect(localize('Advertising', 'de')).to.equal('Advertising');
    expect(localize({ fr: 'Publicité' }, 'de')).to.equal('Publicité');
    expect(localize(undefined, 'de')).to.equal('');
    expect(localeOf({ en: 'A', de: 'B' }, 'de-AT'), 'the base language').to.equal('de');
    expect(localeOf({ fr: 'A', ja: 'B' }, 'de'), 'the first given').to.equal('fr');
    expect(localeOf('Plain', 'de'), 'a plain string').to.equal(undefined);
  });
});

describe('pickLocale(config, available, candidates)', () => {
  const available = ['en', 'de', 'fr', 'es', 'ja'];
  it('config locale > <html lang> > navigator.languages', () => {
    expect(pickLocale(config({ locale: 'fr' }), available, ['de', 'ja'])).to.equal('fr');
    expect(pickLocale(config({ locale: 'auto' }), available, ['de', 'ja'])).to.equal('de');
    expect(pickLocale(config(), available, ['', 'ja', 'de'])).to.equal('ja');
  });
  it('falls back from a region to its language (de-AT → de), case-insensitively', () => {
    expect(pickLocale(config(), available, ['de-AT'])).to.equal('de');
    expect(pickLocale(config({ locale: 'FR-ca' }), available, [])).to.equal('fr');
    expect(pickLocale(config(), ['en', 'de-AT', 'de'], ['de-at'])).to.equal('de-AT');
  });
  it('skips what is not available, and ends in English', () => {
    expect(pickLocale(config({ locale: 'pt' }), available, ['pt-BR', 'es-MX'])).to.equal('es');
    expect(pickLocale(config(), available, ['pt-BR', 'zh'])).to.equal('en');
    expect(pickLocale(config(), available, [])).to.equal('en');
  });
});

describe('locale of the elements', () => {
  let lang: string;
  beforeEach(() => {
    lang = document.documentElement.lang;
  });
  afterEach(async () => {
    await unmount();
    document.documentElement.lang = lang;
  });

  const gate = '<candor-gate purpose="analytics"><template><p>Chart</p></template></candor-gate>';
  const gateButton = (container: Element): string => container.querySelector('candor-gate')?.shadowRoot?.querySelector('button')?.textContent?.trim() ?? '';
  const gateText = (container: Element): string => (container.querySelector('candor-gate')?.shadowRoot?.querySelector('[part~="placeholder"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const bannerButtons = (): string[] =>
    [...(document.querySelector('candor-banner')?.shadowRoot?.querySelectorAll('button') ?? [])].map((button) => button.textContent?.trim() ?? '');

  it('ships the five built-in tables', () => {
    expect(Object.keys(builtInStrings).sort()).to.deep.equal(['de', 'en', 'es', 'fr', 'ja']);
    expect(builtInStrings.de).to.equal(de);
  });

  it('<html lang="de">: German strings and labels, recorded as "de"', async () => {
    document.documentElement.lang = 'de';
    const { container, consent } = await mount({ children: `<candor-banner></candor-banner>${gate}` });
    expect(gateButton(container)).to.equal('Produktanalyse erlauben');
    expect(gateText(container)).to.equal('Dieser Inhalt ist blockiert, bis Sie Produktanalyse erlauben. Produktanalyse erlauben');
    expect(bannerButtons()).to.deep.equal(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
    await consent.acceptAll();
    expect(consent.records()[0]?.locale).to.equal('de');
  });

  it('<html lang="de-AT"> falls back to German', async () => {
    document.documentElement.lang = 'de-AT';
    const { container } = await mount({ children: gate });
    expect(gateButton(container)).to.equal('Produktanalyse erlauben');
  });

  it('<html lang="ja">: Japanese', async () => {
    document.documentElement.lang = 'ja';
    const { container } = await mount({ children: `<candor-banner></candor-banner>${gate}` });
    expect(gateButton(container)).to.equal('プロダクト分析を許可');
    expect(bannerButtons()).to.deep.equal(['すべて許可', 'すべて拒否', 'カスタマイズ']);
  });

  it('config locale "fr" beats <html lang="de">', async () => {
    document.documentElement.lang = 'de';
    const { container } = await mount({ config: config({ locale: 'fr' }), children: `<candor-banner></candor-banner>${gate}` });
    expect(gateButton(container)).to.equal('Autoriser «\u00a0Mesure d’audience\u00a0»');
    expect(bannerButtons()).to.deep.equal(['Tout accepter', 'Tout refuser', 'Personnaliser']);
  });

  it('each element says its language (lang): config "fr" on a German page marks them French (WCAG 3.1.2); a lang the page set stays', async () => {
    document.documentElement.lang = 'de';
    const { container } = await mount({
      config: config({ locale: 'fr' }),
      children: `<candor-banner></candor-banner>${gate}<candor-signal-status lang="x-owner"></candor-signal-status>`,
    });
    expect(document.querySelector('candor-banner')!.getAttribute('lang')).to.equal('fr');
    expect(container.querySelector('candor-gate')!.getAttribute('lang')).to.equal('fr');
    expect(container.querySelector('candor-signal-status')!.getAttribute('lang'), 'set by the page').to.equal('x-owner');
  });

  it('follows a later change of <html lang> (a single-page app switching language): strings and lang= change', async () => {
    document.documentElement.lang = 'en';
    await mount({ children: '<candor-banner></candor-banner>' });
    expect(bannerButtons()).to.deep.equal(['Accept all', 'Reject all', 'Customise']);
    document.documentElement.lang = 'de';
    await waitUntil(() => bannerButtons()[0] === 'Alle akzeptieren', 'the banner in German');
    expect(bannerButtons()).to.deep.equal(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
    expect(document.querySelector('candor-banner')!.getAttribute('lang')).to.equal('de');
    document.documentElement.lang = 'ja';
    await waitUntil(() => bannerButtons()[0] === 'すべて許可', 'the banner in Japanese');
  });

  it('a choice made after the switch is recorded in the new language', async () => {
    document.documentElement.lang = 'en';
    const { consent } = await mount({ children: '<candor-banner></candor-banner>' });
    document.documentElement.lang = 'de';
    await waitUntil(() => bannerButtons()[0] === 'Alle akzeptieren', 'the banner in German');
    await consent.acceptAll();
    expect(consent.records()[0]?.locale).to.equal('de');
  });

  it('a config text shown in another language than the element\'s carries its own lang (WCAG 3.1.2)', async () => {
    document.documentElement.lang = 'de';
    const cfg = config();
    cfg.policy.summary = { en: 'We ask first.' }; // English only
    cfg.purposes[1]!.description = { en: 'Counts visits.', de: 'Zählt Besuche.' };
    cfg.purposes[2]!.description = { fr: 'Publicité ciblée.' };
    const { container } = await mount({ config: cfg, children: '<candor-banner></candor-banner><candor-preferences inline></candor-preferences>' });
    const summary = document.querySelector('candor-banner')!.shadowRoot!.querySelector('[part~="summary"]')!;
    expect(summary.getAttribute('lang'), 'English summary on a German banner').to.equal('en');
    const prefs = container.querySelector('candor-preferences')!.shadowRoot!;
    expect(prefs.querySelector('#p-analytics-label')!.hasAttribute('lang'), 'a German label needs none').to.equal(false);
    const descriptions = [...prefs.querySelectorAll('p.desc')].map((p) => [p.textContent, p.getAttribute('lang')]);
    expect(descriptions).to.deep.include(['Zählt Besuche.', null]);
    expect(descriptions).to.deep.include(['Publicité ciblée.', 'fr']);
    expect(prefs.querySelector('#p-advertising-label')!.hasAttribute('lang'), 'a plain string: its language is not known').to.equal(false);
  });

  it('a config locale stays, whatever <html lang> becomes', async () => {
    document.documentElement.lang = 'de';
    await mount({ config: config({ locale: 'fr' }), children: '<candor-banner></candor-banner>' });
    document.documentElement.lang = 'es';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bannerButtons()).to.deep.equal(['Tout accepter', 'Tout refuser', 'Personnaliser']);
  });

  it('config locale "auto" and <html lang="es">: Spanish', async () => {
    document.documentElement.lang = 'es';
    const { container } = await mount({ config: config({ locale: 'auto' }), children: gate });
    expect(gateButton(container)).to.equal('Permitir «Analítica de producto»');
  });

  it('config.messages override the built-in table, per key', async () => {
    document.documentElement.lang = 'de';
    const { container } = await mount({ config: config({ messages: { de: { 'gate.allow': '{purpose} jetzt zulassen' } } }), children: gate });
    expect(gateButton(container)).to.equal('Produktanalyse jetzt zulassen');
    expect(gateText(container)).to.contain('Dieser Inhalt ist blockiert');
  });

  it('a locale only config.messages know: its overrides, English for the rest, never raw keys', async () => {
    document.documentElement.lang = 'nl';
    const { container } = await mount({ config: config({ messages: { nl: { 'gate.allow': '{purpose} toestaan' } } }), children: gate });
    expect(gateButton(container)).to.equal('Product analytics toestaan');
    expect(gateText(container)).to.contain('This content is blocked until you allow Product analytics.');
    expect(gateText(container)).to.not.contain('gate.');
  });

  it('a language without strings (<html lang="pt">) falls to the browser\'s languages, then English', async () => {
    document.documentElement.lang = 'pt';
    const { container } = await mount({ children: gate });
    const browser = pickLocale(config(), ['en', 'de', 'fr', 'es', 'ja'], [...navigator.languages]);
    const expected = { en: 'Allow Product analytics', de: 'Produktanalyse erlauben', fr: 'Autoriser «\u00a0Mesure d’audience\u00a0»', es: 'Permitir «Analítica de producto»', ja: 'プロダクト分析を許可' }[browser];
    expect(gateButton(container)).to.equal(expected);
  });
});
