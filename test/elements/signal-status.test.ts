// <candor-signal-status> in real Chromium: says which signal was detected and which purposes it
// denied (DESIGN "Public strings", G5), in a role="status" region; nothing without a signal.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { assertFocusOn, buttonNamed, cleanup, contrast, mount, opaqueBackground, openDialogs, settle, shadow, uiConfig, visibleText } from './ui-fixtures.js';

afterEach(() => cleanup());

const STATUS = '<candor-signal-status></candor-signal-status>';

describe('<candor-signal-status>', () => {
  it('with GPC names every purpose it denied, in a role="status" region', async () => {
    const { status } = await mount({ children: STATUS, signals: { gpc: true, dnt: false } });
    const region = shadow(status, '[role="status"]');
    expect(region !== null, 'a status region').to.equal(true);
    expect(visibleText(status)).to.equal(
      'Global Privacy Control detected: opt-out request honoured for Advertising and Sale or sharing of personal information',
    );
    assertFocusOn(document.body, 'no focus change (G4)');
    expect(openDialogs().length, 'no dialog (G4)').to.equal(0);
    await expect(status).to.be.accessible();
  });

  it('with DNT names the purposes DNT denied', async () => {
    const { status } = await mount({ children: STATUS, signals: { gpc: false, dnt: true } });
    expect(visibleText(status)).to.equal('Do Not Track detected: opt-out request honoured for Product analytics and Advertising');
    await expect(status).to.be.accessible();
  });

  it('with both signals says each, naming a purpose under the signal that denied it', async () => {
    const { status } = await mount({ children: STATUS, signals: { gpc: true, dnt: true } });
    const lines = [...status!.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent?.trim());
    // Advertising lists both; GPC takes precedence as its source (resolve.ts), so DNT names only analytics.
    expect(lines).to.deep.equal([
      'Global Privacy Control detected: opt-out request honoured for Advertising and Sale or sharing of personal information',
      'Do Not Track detected: opt-out request honoured for Product analytics',
    ]);
    await expect(status).to.be.accessible();
  });

  it('renders nothing when no signal is on: only its empty status region, which takes no room', async () => {
    const { status } = await mount({ children: STATUS, signals: { gpc: false, dnt: false } });
    expect(visibleText(status)).to.equal('');
    expect(shadow(status, '[role="status"]')!.textContent!.trim()).to.equal('');
    expect(status!.getBoundingClientRect().height, 'takes no room').to.equal(0);
    await expect(status).to.be.accessible();
  });

  it('has its (empty) status region before the text comes, so that screen readers announce it (WCAG 4.1.3, A7)', async () => {
    const element = document.createElement('candor-signal-status');
    document.body.append(element);
    try {
      await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(shadow(element, '[role="status"]'), 'there before any root provides a controller').to.not.equal(null);
    } finally {
      element.remove();
    }
    const { status } = await mount({ children: STATUS, signals: { gpc: true, dnt: false } });
    expect(shadow(status, '[role="status"] p'), 'the text comes into that region').to.not.equal(null);
  });

  it('renders nothing when the signal is on but no purpose lists it', async () => {
    const config = uiConfig();
    for (const purpose of config.purposes) delete purpose.signals;
    const { status } = await mount({ config, children: STATUS, signals: { gpc: true, dnt: true } });
    expect(visibleText(status)).to.equal('');
  });

  it('renders nothing when the config ignores the signal', async () => {
    const config = uiConfig();
    config.signals = { gpc: 'ignore', dnt: 'ignore' };
    const { status, consent } = await mount({ config, children: STATUS, signals: { gpc: true, dnt: true } });
    expect(consent.state.choices.advertising!.source).to.equal('default');
    expect(visibleText(status)).to.equal('');
  });

  it('uses the purpose labels of the config, localised', async () => {
    const config = uiConfig();
    config.purposes[2] = { ...config.purposes[2]!, label: { en: 'Ads', de: 'Werbung' } };
    const { status } = await mount({ config, children: STATUS, signals: { gpc: true, dnt: false } });
    expect(visibleText(status)).to.contain('for Ads and Sale or sharing of personal information');
  });

  it('drops a purpose once the person opts in knowingly while the signal is on', async () => {
    const { status, consent } = await mount({ children: `${STATUS}<candor-banner></candor-banner>`, signals: { gpc: true, dnt: false } });
    await consent.set({ advertising: true }, { method: 'save' });
    await settle();
    expect(consent.state.choices.advertising).to.deep.include({ granted: true, source: 'user' });
    expect(visibleText(status)).to.equal('Global Privacy Control detected: opt-out request honoured for Sale or sharing of personal information');
    await expect(status).to.be.accessible();
  });

  it('after Reject all with GPC on, still says the opt-out is honoured (G5): the purposes stay refused', async () => {
    const { status, banner, consent } = await mount({ children: `<candor-banner></candor-banner>${STATUS}`, signals: { gpc: true, dnt: false } });
    const before = visibleText(status);
    expect(before).to.contain('Global Privacy Control detected');
    buttonNamed(banner, 'Reject all').click();
    await waitUntil(() => consent.records().some((record) => record.method === 'reject-all'), 'reject-all record');
    await settle();
    expect(consent.state.choices['sale-share']).to.deep.include({ granted: false, source: 'user' });
    expect(visibleText(status)).to.equal(before);
    await expect(status).to.be.accessible();
  });

  it('with GPC on, Accept all leaves the signal\'s purposes refused and named', async () => {
    const { status, banner, consent } = await mount({ children: `<candor-banner></candor-banner>${STATUS}`, signals: { gpc: true, dnt: false } });
    const before = visibleText(status);
    buttonNamed(banner, 'Accept all').click();
    await waitUntil(() => consent.records().some((record) => record.method === 'accept-all'), 'accept-all record');
    await settle();
    expect(consent.granted('advertising')).to.equal(false);
    expect(visibleText(status)).to.equal(before);
  });
});

describe('<candor-signal-status>: colours', () => {
  it('light theme: the text has at least 4.5:1 against what is behind it', async () => {
    const { status } = await mount({ children: STATUS, theme: 'light', signals: { gpc: true, dnt: false } });
    const line = shadow(status, 'p')!;
    expect(contrast(getComputedStyle(line).color, opaqueBackground(line))).to.be.at.least(4.5);
  });

  it('OS dark mode (theme auto) on a light page: the text stays readable', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { status } = await mount({ children: STATUS, signals: { gpc: true, dnt: false } });
      const line = shadow(status, 'p')!;
      expect(contrast(getComputedStyle(line).color, opaqueBackground(line))).to.be.at.least(4.5);
      await expect(status).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
