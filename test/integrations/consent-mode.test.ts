// `candor/consent-mode` (src/integrations/consent-mode.ts): the purpose → consent-type mapping,
// the options, and the dataLayer entries of consentModeDefaults() and consentMode().
// standards.md §6 C1–C6; issue 6 item 1.
import { expect, waitUntil } from '@open-wc/testing';
import { createConsent, type Consent } from '../../src/core/consent.js';
import type { CandorConfig, ConsentType, Purpose, Signals } from '../../src/core/types.js';
import { memoryStorage } from '../../src/storage/index.js';
import {
  CONSENT_TYPES,
  DEFAULT_CONSENT_MAP,
  consentMode,
  consentModeDefaults,
  consentModeState,
  type ConsentModeOptions,
} from '../../src/integrations/consent-mode.js';

type Win = Window & { dataLayer?: unknown[]; gtag?: unknown };
const win = window as Win;

const NO_SIGNALS: Signals = { gpc: false, dnt: false };
const GPC: Signals = { gpc: true, dnt: false };

const isArguments = (entry: unknown): boolean => Object.prototype.toString.call(entry) === '[object Arguments]';
const layer = (): unknown[][] => (win.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>));
const kinds = (kind: string): Record<string, unknown>[] =>
  layer().filter((e) => e[0] === 'consent' && e[1] === kind).map((e) => e[2] as Record<string, unknown>);

function values(granted: ConsentType[]): Record<ConsentType, 'granted' | 'denied'> {
  return Object.fromEntries(CONSENT_TYPES.map((type) => [type, granted.includes(type) ? 'granted' : 'denied'])) as Record<
    ConsentType,
    'granted' | 'denied'
  >;
}

const NECESSARY: ConsentType[] = ['security_storage', 'functionality_storage'];
const ADS: ConsentType[] = ['ad_storage', 'ad_user_data', 'ad_personalization'];

function purposes(): Purpose[] {
  return [
    { id: 'necessary', label: 'Necessary', basis: 'necessary' },
    { id: 'analytics', label: 'Analytics', basis: 'consent', signals: ['dnt'] },
    { id: 'advertising', label: 'Advertising', basis: 'consent' },
    { id: 'personalisation', label: 'Personalisation', basis: 'consent' },
    { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
  ];
}

function config(change: (config: CandorConfig) => void = () => undefined): CandorConfig {
  const c: CandorConfig = { policy: { id: 'cm', version: '1' }, purposes: purposes() };
  change(c);
  return c;
}

const consents: Consent[] = [];
async function ready(c: CandorConfig = config(), signals: Signals = NO_SIGNALS, storage = memoryStorage()): Promise<Consent> {
  const consent = createConsent({ config: c, storage, signals, onError: () => undefined });
  consents.push(consent);
  await consent.ready;
  return consent;
}

let stops: (() => void)[] = [];
function connect(consent: Consent, options?: ConsentModeOptions): () => void {
  const stop = consentMode(consent, options);
  stops.push(stop);
  return stop;
}

async function updates(count: number): Promise<Record<string, unknown>[]> {
  await waitUntil(() => kinds('update').length >= count, `expected ${count} update(s), got ${kinds('update').length}`, { timeout: 3000 });
  return kinds('update');
}

beforeEach(() => {
  delete win.dataLayer;
});
afterEach(() => {
  stops.forEach((stop) => stop());
  stops = [];
  consents.splice(0).forEach((consent) => consent.destroy());
  delete win.dataLayer;
});

describe('consentModeDefaults()', () => {
  it('pushes the default with all seven types, non-necessary ones denied, security_storage granted, then ads_data_redaction', () => {
    consentModeDefaults();
    expect(layer()).to.deep.equal([
      ['consent', 'default', values(['security_storage'])],
      ['set', 'ads_data_redaction', true],
    ]);
    expect(Object.keys(layer()[0]![2] as object)).to.have.members([...CONSENT_TYPES]);
    expect(CONSENT_TYPES).to.have.length(7);
  });

  it('pushes Arguments objects, as gtag does, and defines no window.gtag', () => {
    consentModeDefaults();
    expect(win.dataLayer!.every(isArguments)).to.equal(true);
    expect(win.gtag).to.equal(undefined);
  });

  it('appends to an existing dataLayer and uses its push (GTM replaces push)', () => {
    const pushed: unknown[] = [];
    const existing: unknown[] = [{ event: 'earlier' }];
    existing.push = (...items: unknown[]) => (pushed.push(...items), Array.prototype.push.apply(existing, items));
    win.dataLayer = existing;
    consentModeDefaults();
    expect(win.dataLayer).to.equal(existing);
    expect(existing[0]).to.deep.equal({ event: 'earlier' });
    expect(pushed).to.have.length(2);
    expect(pushed.every(isArguments)).to.equal(true);
  });

  it('region and wait_for_update', () => {
    consentModeDefaults({ region: ['DE', 'US-CA'], waitForUpdate: 500 });
    expect(layer()[0]).to.deep.equal(['consent', 'default', { ...values(['security_storage']), region: ['DE', 'US-CA'], wait_for_update: 500 }]);
  });

  it('an empty region and a zero wait are left out', () => {
    consentModeDefaults({ region: [], waitForUpdate: 0 });
    expect(Object.keys(layer()[0]![2] as object)).to.have.members([...CONSENT_TYPES]);
  });

  it('adsDataRedaction: false pushes ads_data_redaction false; urlPassthrough: true pushes url_passthrough (default off)', () => {
    consentModeDefaults({ adsDataRedaction: false, urlPassthrough: true });
    expect(layer().slice(1)).to.deep.equal([
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
    ]);
  });

  it('does not touch a window.gtag the page defined', () => {
    const calls: unknown[] = [];
    const pageGtag = (...args: unknown[]): void => void calls.push(args);
    win.gtag = pageGtag;
    try {
      consentModeDefaults();
      expect(win.gtag).to.equal(pageGtag);
      expect(calls).to.deep.equal([]);
    } finally {
      delete win.gtag;
    }
  });
});

describe('consentModeState(): the purpose → consent-type mapping', () => {
  it('the default map for conventional ids (C6)', () => {
    expect(DEFAULT_CONSENT_MAP).to.deep.equal({
      advertising: ADS,
      analytics: ['analytics_storage'],
      personalisation: ['personalization_storage'],
      personalization: ['personalization_storage'],
      necessary: NECESSARY,
    });
  });

  it('before any choice: necessary types granted, everything else denied', async () => {
    expect(consentModeState(await ready())).to.deep.equal(values(NECESSARY));
  });

  it('accept all grants every mapped type; reject all denies them again', async () => {
    const consent = await ready();
    await consent.acceptAll();
    expect(consentModeState(consent)).to.deep.equal(values([...CONSENT_TYPES]));
    await consent.rejectAll();
    expect(consentModeState(consent)).to.deep.equal(values(NECESSARY));
  });

  it('each purpose drives only its own types', async () => {
    const consent = await ready();
    await consent.set({ analytics: true });
    expect(consentModeState(consent)).to.deep.equal(values([...NECESSARY, 'analytics_storage']));
    await consent.set({ analytics: false, advertising: true });
    expect(consentModeState(consent)).to.deep.equal(values([...NECESSARY, ...ADS]));
    await consent.set({ advertising: false, personalisation: true });
    expect(consentModeState(consent)).to.deep.equal(values([...NECESSARY, 'personalization_storage']));
  });

  it('the American spelling "personalization" maps too', async () => {
    const consent = await ready(config((c) => (c.purposes[3]!.id = 'personalization')));
    await consent.acceptAll();
    expect(consentModeState(consent).personalization_storage).to.equal('granted');
  });

  it('a legitimate-interest purpose the default map names grants its types only on the person\'s own grant, never by default (E7)', async () => {
    const consent = await ready(config((c) => (c.purposes = [{ id: 'analytics', label: 'Analytics', basis: 'legitimate-interest' }])));
    expect(consent.granted('analytics'), 'granted until the person objects').to.equal(true);
    expect(consentModeState(consent).analytics_storage, 'but that is no consent to storage').to.equal('denied');
    await consent.set({ analytics: true });
    expect(consentModeState(consent).analytics_storage, 'the person said yes').to.equal('granted');
  });

  it('types no purpose maps keep the default (denied; security_storage granted)', async () => {
    const consent = await ready(config((c) => (c.purposes = [{ id: 'stats', label: 'Stats', basis: 'consent' }])));
    await consent.acceptAll();
    expect(consentModeState(consent)).to.deep.equal(values(['security_storage']));
  });

  it('consentMode.map replaces the default for an id, maps other ids, and [] maps nothing', async () => {
    const consent = await ready(
      config((c) => {
        c.purposes.push({ id: 'prefs', label: 'Preferences', basis: 'consent' });
        c.consentMode = { map: { necessary: ['security_storage'], prefs: ['functionality_storage'], analytics: [] } };
      }),
    );
    expect(consentModeState(consent)).to.deep.equal(values(['security_storage']));
    await consent.set({ prefs: true, analytics: true });
    expect(consentModeState(consent)).to.deep.equal(values(['security_storage', 'functionality_storage']));
  });

  it('a map passed as argument wins over the config\'s', async () => {
    const consent = await ready(config((c) => (c.consentMode = { map: { analytics: ['functionality_storage'] } })));
    // necessary and analytics both map functionality_storage now, and analytics is not granted.
    expect(consentModeState(consent).functionality_storage).to.equal('denied');
    expect(consentModeState(consent, { analytics: ['analytics_storage'] }).functionality_storage).to.equal('granted');
    await consent.set({ analytics: true });
    expect(consentModeState(consent)).to.deep.equal(values(NECESSARY));
  });

  it('a type several purposes map is granted only when every one of them is', async () => {
    const consent = await ready(config((c) => (c.consentMode = { map: { personalisation: ['analytics_storage'] } })));
    await consent.set({ analytics: true });
    expect(consentModeState(consent).analytics_storage).to.equal('denied');
    await consent.set({ personalisation: true });
    expect(consentModeState(consent).analytics_storage).to.equal('granted');
  });

  it('GPC on and honoured: ad_user_data and ad_personalization denied even after accept all (C6)', async () => {
    const consent = await ready(config(), GPC);
    await consent.acceptAll();
    const state = consentModeState(consent);
    expect(state.ad_storage).to.equal('granted');
    expect(state.ad_user_data).to.equal('denied');
    expect(state.ad_personalization).to.equal('denied');
  });

  it('GPC forces them denied also in a config with no sale-share purpose', async () => {
    const consent = await ready(config((c) => (c.purposes = c.purposes.filter((p) => p.id !== 'sale-share'))), GPC);
    await consent.acceptAll();
    expect(consentModeState(consent)).to.deep.equal(values(CONSENT_TYPES.filter((t) => t !== 'ad_user_data' && t !== 'ad_personalization')));
  });

  it('GPC set to "ignore" in the config forces nothing', async () => {
    const consent = await ready(config((c) => (c.signals = { gpc: 'ignore' })), GPC);
    await consent.acceptAll();
    expect(consentModeState(consent)).to.deep.equal(values([...CONSENT_TYPES]));
  });

  it('an opt-out of sale or sharing denies ad_user_data and ad_personalization, ad_storage stays', async () => {
    const consent = await ready();
    await consent.acceptAll();
    await consent.set({ 'sale-share': false });
    const state = consentModeState(consent);
    expect([state.ad_storage, state.ad_user_data, state.ad_personalization]).to.deep.equal(['granted', 'denied', 'denied']);
    await consent.set({ 'sale-share': true });
    expect(consentModeState(consent).ad_user_data).to.equal('granted');
  });
});

describe('consentMode(consent, options)', () => {
  it('pushes the default when dataLayer has none, then an update once ready', async () => {
    const consent = await ready();
    connect(consent, { region: ['FR'], waitForUpdate: 200 });
    await updates(1);
    expect(layer()).to.deep.equal([
      ['consent', 'default', { ...values(['security_storage']), region: ['FR'], wait_for_update: 200 }],
      ['set', 'ads_data_redaction', true],
      ['consent', 'update', values(NECESSARY)],
    ]);
    expect(win.dataLayer!.every(isArguments)).to.equal(true);
  });

  it('adds no second default after consentModeDefaults(), only settings that differ from it', async () => {
    consentModeDefaults({ region: ['DE'] });
    const consent = await ready(config((c) => (c.consentMode = { adsDataRedaction: false, urlPassthrough: true })));
    connect(consent);
    await updates(1);
    expect(kinds('default')).to.have.length(1);
    expect(layer().slice(1)).to.deep.equal([
      ['set', 'ads_data_redaction', true],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
      ['consent', 'update', values(NECESSARY)],
    ]);
  });

  it('updates on every change, from any origin, and not when nothing changed', async () => {
    const consent = await ready();
    connect(consent);
    await updates(1);
    await consent.set({ analytics: true });
    expect((await updates(2))[1]).to.deep.equal(values([...NECESSARY, 'analytics_storage']));
    await consent.acknowledge(); // no change in what is granted
    await consent.set({ analytics: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kinds('update')).to.have.length(2);
    await consent.withdraw();
    expect((await updates(3))[2]).to.deep.equal(values(NECESSARY));
  });

  it('the first update comes from the stored choice (a later page load)', async () => {
    const storage = memoryStorage();
    const earlier = await ready(config(), NO_SIGNALS, storage);
    await earlier.set({ advertising: true });
    earlier.destroy();
    const consent = createConsent({ config: config(), storage, signals: NO_SIGNALS });
    consents.push(consent);
    connect(consent); // before ready: the update waits for the stored state
    expect(kinds('update')).to.have.length(0);
    expect((await updates(1))[0]).to.deep.equal(values([...NECESSARY, ...ADS]));
  });

  it('options override the config block key by key', async () => {
    const consent = await ready(config((c) => (c.consentMode = { map: { analytics: ['ad_storage'] }, region: ['DE'] })));
    connect(consent, { map: { analytics: ['analytics_storage'] } });
    await consent.set({ analytics: true });
    const [defaults] = kinds('default');
    expect(defaults!.region).to.deep.equal(['DE']);
    expect((await updates(2))[1]).to.deep.equal(values([...NECESSARY, 'analytics_storage']));
  });

  it('the returned function stops the updates', async () => {
    const consent = await ready();
    const stop = connect(consent);
    await updates(1);
    stop();
    await consent.acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kinds('update')).to.have.length(1);
  });

  it('stopped before ready: no update at all', async () => {
    const consent = createConsent({ config: config(), storage: memoryStorage(), signals: NO_SIGNALS });
    consents.push(consent);
    consentMode(consent)();
    await consent.ready;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kinds('update')).to.have.length(0);
  });
});

describe('the npm entry candor/consent-mode', () => {
  it('package.json exports ./consent-mode, and the built file has the API (run `npm run build` first)', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { exports: Record<string, { types: string; default: string }> };
    expect(pkg.exports['./consent-mode']).to.deep.equal({
      types: './dist/integrations/consent-mode.d.ts',
      default: './dist/integrations/consent-mode.js',
    });
    for (const file of [pkg.exports['./consent-mode']!.types, pkg.exports['./consent-mode']!.default]) {
      expect((await fetch(file.slice(1))).ok, file).to.equal(true);
    }
    const built = (await import(/* @vite-ignore */ '/dist/integrations/consent-mode.js' as string)) as Record<string, unknown>;
    expect(Object.keys(built).sort()).to.deep.equal(
      ['CONSENT_TYPES', 'DEFAULT_CONSENT_MAP', 'SALE_SHARE', 'consentMode', 'consentModeDefaults', 'consentModeState'].sort(),
    );
    (built.consentModeDefaults as typeof consentModeDefaults)({ waitForUpdate: 100 });
    expect(layer()[0]).to.deep.equal(['consent', 'default', { ...values(['security_storage']), wait_for_update: 100 }]);
  });
});
