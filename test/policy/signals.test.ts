// The generated browser-signal section (standards.md P6, D3): for every combination of
// honour/ignore for GPC and DNT, what it says matches what the core does (src/core/resolve.ts).
import { expect } from '@open-wc/testing';
import { resolve } from '../../src/core/resolve.js';
import type { CandorConfig, SignalMode, SignalName } from '../../src/core/types.js';
import { SIGNALS_SECTION_ID } from '../../src/elements/candor-policy.js';
import { signalStatements } from '../../src/policy/signals.js';
import { mountPolicy, policyConfig, unmountAll } from './helpers.js';

afterEach(unmountAll);

const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The purposes the core denies, by label, when only `signal` is on and nothing was chosen. */
function deniedByCore(config: CandorConfig, signal: SignalName): string[] {
  const signals = { gpc: signal === 'gpc', dnt: signal === 'dnt' };
  const { choices } = resolve(config, {}, signals, Date.now(), new Date().toISOString(), true);
  return config.purposes
    .filter((purpose) => choices[purpose.id]!.source === signal && !choices[purpose.id]!.granted)
    .map((purpose) => purpose.label as string);
}

const MODES: Array<SignalMode | undefined> = ['honor', 'ignore', undefined];

function configWith(gpc: SignalMode | undefined, dnt: SignalMode | undefined): CandorConfig {
  const config = policyConfig();
  config.purposes = [
    { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
    { id: 'analytics', label: 'Product analytics', basis: 'consent', signals: ['gpc', 'dnt'] },
    { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc'] },
    { id: 'sale-share', label: 'Sale or sharing', basis: 'legitimate-interest', signals: ['gpc'] },
    { id: 'personalisation', label: 'Personalisation', basis: 'legitimate-interest', signals: ['dnt'] },
    { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
  ];
  const signals: Partial<Record<SignalName, SignalMode>> = {};
  if (gpc) signals.gpc = gpc;
  if (dnt) signals.dnt = dnt;
  config.signals = signals;
  return config;
}

describe('<candor-policy> browser-signal section', () => {
  for (const gpc of MODES) {
    for (const dnt of MODES) {
      it(`gpc ${gpc ?? '(default)'}, dnt ${dnt ?? '(default)'}: says exactly what the core does`, async () => {
        const config = configWith(gpc, dnt);
        const { policy } = await mountPolicy({ config });
        const section = policy.querySelector(`#${SIGNALS_SECTION_ID}`)!;
        expect(section, 'the section is always there (P6)').to.not.equal(null);
        expect(text(section.querySelector('h2'))).to.equal('How we respond to browser privacy signals');
        expect(policy.querySelector(`nav a[href="#${SIGNALS_SECTION_ID}"]`)).to.not.equal(null);
        let anyHonoured = false;
        for (const [signal, name] of [['gpc', 'Global Privacy Control (GPC)'], ['dnt', 'Do Not Track (DNT)']] as const) {
          const paragraph = section.querySelector(`p[data-signal="${signal}"]`)!;
          const denied = deniedByCore(config, signal);
          const mode = signal === 'gpc' ? gpc : dnt;
          if (mode === 'ignore') expect(denied, 'the core ignores it').to.deep.equal([]);
          else expect(denied.length, 'the core honours it').to.be.greaterThan(0);
          if (denied.length === 0) {
            expect(paragraph.getAttribute('data-honoured')).to.equal('false');
            expect(text(paragraph)).to.equal(`We do not act on ${name}: it does not change any of your choices.`);
          } else {
            anyHonoured = true;
            expect(paragraph.getAttribute('data-honoured')).to.equal('true');
            const last = denied.pop()!;
            const listed = denied.length ? `${denied.join(', ')} and ${last}` : last;
            expect(text(paragraph)).to.equal(`When your browser sends ${name}, we treat it as a request to opt out of: ${listed}. We do not ask you to confirm it.`);
          }
        }
        const override = section.querySelector('p[data-override]');
        expect(Boolean(override), 'the later-choice statement appears when a signal is honoured').to.equal(anyHonoured);
        if (override) expect(text(override)).to.contain('your choice takes precedence');
      });
    }
  }

  it('a config where no purpose lists a signal says both are not acted on', async () => {
    const config = configWith('honor', 'honor');
    config.purposes = config.purposes.map(({ signals: _signals, ...purpose }) => purpose);
    const { policy } = await mountPolicy({ config });
    const paragraphs = [...policy.querySelectorAll(`#${SIGNALS_SECTION_ID} p[data-signal]`)];
    expect(paragraphs.map((p) => p.getAttribute('data-honoured'))).to.deep.equal(['false', 'false']);
    expect(policy.querySelector(`#${SIGNALS_SECTION_ID} p[data-override]`)).to.equal(null);
  });

  it('signalStatements: the mode and the purposes, from the config', () => {
    const statements = signalStatements(configWith('ignore', undefined));
    expect(statements.map((statement) => [statement.signal, statement.mode, statement.purposes.map((purpose) => purpose.id)])).to.deep.equal([
      ['gpc', 'ignore', []],
      ['dnt', 'honor', ['analytics', 'personalisation']],
    ]);
  });

  it('is translated (de)', async () => {
    const { policy } = await mountPolicy({ config: configWith('honor', 'ignore'), locale: 'de' });
    const section = policy.querySelector(`#${SIGNALS_SECTION_ID}`)!;
    expect(text(section.querySelector('h2'))).to.equal('Wie wir auf Datenschutzsignale Ihres Browsers reagieren');
    expect(text(section.querySelector('p[data-signal="gpc"]'))).to.contain(' und ');
    expect(text(section.querySelector('p[data-signal="dnt"]'))).to.equal('Auf Do Not Track (DNT) reagieren wir nicht: Das Signal ändert keine Ihrer Einstellungen.');
  });
});
