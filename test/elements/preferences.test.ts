// <candor-preferences> in real Chromium: switches (A3, E3, E6), decisions (DESIGN "Decisions"),
// the modal dialog's keyboard behaviour (A1, E4), the status region (A7), the records download,
// vendors, and GPC honoured without a dialog (G1, G4, G5).
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import {
  assertFocusOn,
  assertFocusWithin,
  buttonNamed,
  cleanup,
  deepActive,
  mount,
  openDialogs,
  settle,
  shadow,
  shadowAll,
  uiConfig,
  visibleText,
  contrast,
  opaqueBackground,
  type Mounted,
} from './ui-fixtures.js';
import type { CandorPreferencesElement } from '../../src/elements/candor-preferences.js';

afterEach(async () => {
  cleanup();
  await resetMouse();
});

const INLINE = '<candor-preferences inline></candor-preferences>';
const MODAL = '<candor-preferences></candor-preferences>';
const OPENER = '<button id="opener">Open privacy preferences</button>';

/** The switch of the purpose whose visible label is `label`. */
function switchFor(preferences: Element | null, label: string): HTMLButtonElement {
  const found = shadowAll<HTMLButtonElement>(preferences, '[role="switch"]').find((element) => nameOf(element) === label);
  if (!found) throw new Error(`no switch named "${label}"`);
  return found;
}

/** The accessible name of an element named by aria-labelledby (or its text). */
function nameOf(element: Element): string {
  const ids = element.getAttribute('aria-labelledby');
  const root = element.getRootNode() as ShadowRoot;
  if (ids) return ids.split(/\s+/).map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
  return element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
}

/** The accessible description from aria-describedby. */
function descriptionOf(element: Element): string {
  const ids = element.getAttribute('aria-describedby');
  const root = element.getRootNode() as ShadowRoot;
  if (!ids) return '';
  return ids.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
}

async function accessible(element: Element | null): Promise<void> {
  await expect(element).to.be.accessible();
}

const LABELS = {
  necessary: 'Strictly necessary',
  analytics: 'Product analytics',
  advertising: 'Advertising',
  saleShare: 'Sale or sharing of personal information',
  email: 'Promotional email',
};

/** Mounts a modal centre with a page button that opens it, and opens it from that button by keyboard. */
async function openModal(options: Parameters<typeof mount>[0] = {}): Promise<Mounted & { opener: HTMLButtonElement; dialog: HTMLDialogElement; preferences: CandorPreferencesElement }> {
  const mounted = await mount({ children: MODAL, before: OPENER, ...options });
  const preferences = mounted.preferences!;
  const opener = document.getElementById('opener') as HTMLButtonElement;
  opener.addEventListener('click', () => void preferences.show());
  opener.focus();
  await sendKeys({ press: 'Enter' });
  await settle();
  const dialog = shadow<HTMLDialogElement>(preferences, 'dialog')!;
  expect(dialog.open, 'dialog open').to.equal(true);
  return { ...mounted, opener, dialog, preferences };
}

describe('<candor-preferences inline>: switches', () => {
  it('renders one role="switch" per purpose, in a labelled group, with names and descriptions', async () => {
    const { preferences } = await mount({ children: INLINE });
    const switches = shadowAll<HTMLButtonElement>(preferences, '[role="switch"]');
    expect(switches.map(nameOf)).to.deep.equal(Object.values(LABELS));
    for (const element of switches) {
      expect(element.tagName, 'a real button').to.equal('BUTTON');
      expect(element.getAttribute('aria-checked')).to.be.oneOf(['true', 'false']);
      expect(descriptionOf(element), `${nameOf(element)} description`).to.not.equal('');
      const rect = element.getBoundingClientRect();
      expect(rect.width, `${nameOf(element)} width`).to.be.at.least(24);
      expect(rect.height, `${nameOf(element)} height`).to.be.at.least(24);
    }
    expect(descriptionOf(switchFor(preferences, LABELS.analytics))).to.contain('Counts visits to improve the product.');
    const group = switches[0]!.closest('[role="group"], fieldset');
    expect(group !== null, 'switches are grouped').to.equal(true);
    expect(nameOf(group!), 'the group is labelled').to.equal('Privacy preferences');
    await accessible(preferences);
  });

  it('shows necessary purposes on, disabled and "Always active"', async () => {
    const { preferences } = await mount({ children: INLINE });
    const necessary = switchFor(preferences, LABELS.necessary);
    expect(necessary.getAttribute('aria-checked')).to.equal('true');
    expect(necessary.disabled).to.equal(true);
    expect(descriptionOf(necessary)).to.contain('Always active');
  });

  it('shows why a necessary purpose\'s cookies are needed (its justification), in the page\'s language', async () => {
    const config = uiConfig();
    Object.assign(config.purposes[0]!, { cookies: ['sid'], justification: { en: 'The sid cookie keeps you signed in.', de: 'Das Cookie sid hält Sie angemeldet.' } });
    const { preferences } = await mount({ config, children: INLINE });
    expect(descriptionOf(switchFor(preferences, LABELS.necessary))).to.contain('The sid cookie keeps you signed in.');
    await accessible(preferences);
  });

  it('defaults every optional consent switch to off (E3) and legitimate-interest ones to on', async () => {
    const { preferences } = await mount({ children: INLINE });
    expect(switchFor(preferences, LABELS.analytics).getAttribute('aria-checked')).to.equal('false');
    expect(switchFor(preferences, LABELS.advertising).getAttribute('aria-checked')).to.equal('false');
    expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(preferences, LABELS.email).getAttribute('aria-checked')).to.equal('true');
  });

  it('offers an "Object" action on legitimate-interest purposes that turns the switch off', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    const objects = shadowAll<HTMLButtonElement>(preferences, 'button').filter((button) => /^Object\b/.test(button.textContent?.trim() ?? ''));
    expect(objects.map((button) => button.textContent?.trim())).to.deep.equal([`Object: ${LABELS.saleShare}`, `Object: ${LABELS.email}`]);
    for (const button of objects) {
      const rect = button.getBoundingClientRect();
      expect(rect.height, 'Object target height').to.be.at.least(24);
      expect(rect.width, 'Object target width').to.be.at.least(24);
    }
    objects[1]!.click();
    await settle();
    expect(switchFor(preferences, LABELS.email).getAttribute('aria-checked')).to.equal('false');
    expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked'), 'the other stays').to.equal('true');
    expect(consent.records(), 'objecting in the draft records nothing yet').to.have.length(0);
    expect(shadowAll(preferences, 'button').map((b) => b.textContent?.trim()), 'no Object action once off').to.not.include(`Object: ${LABELS.email}`);
    await accessible(preferences);
  });

  it('"Object" pressed from the keyboard leaves focus on the switch it turned off, not lost with the button (2.4.3)', async () => {
    const { preferences } = await mount({ children: INLINE });
    const object = shadowAll<HTMLButtonElement>(preferences, 'button').find((button) => button.textContent?.trim() === `Object: ${LABELS.email}`)!;
    object.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(object.isConnected, 'the Object action goes once the switch is off').to.equal(false);
    assertFocusOn(switchFor(preferences, LABELS.email), 'after Object');
  });

  it('toggles a switch with Space; its accessible name stays the same', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    const analytics = switchFor(preferences, LABELS.analytics);
    const nameBefore = nameOf(analytics);
    analytics.focus();
    await sendKeys({ press: 'Space' });
    await settle();
    const after = switchFor(preferences, LABELS.analytics);
    expect(after.getAttribute('aria-checked')).to.equal('true');
    expect(nameOf(after)).to.equal(nameBefore);
    assertFocusOn(after, 'focus stays on the switch');
    await sendKeys({ press: 'Space' });
    await settle();
    expect(switchFor(preferences, LABELS.analytics).getAttribute('aria-checked')).to.equal('false');
    expect(consent.records(), 'toggling records nothing').to.have.length(0);
  });

  it('toggles each purpose independently (E6)', async () => {
    const { preferences } = await mount({ children: INLINE });
    switchFor(preferences, LABELS.advertising).click();
    await settle();
    expect(switchFor(preferences, LABELS.advertising).getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(preferences, LABELS.analytics).getAttribute('aria-checked')).to.equal('false');
    expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked')).to.equal('true');
  });

  it('does not toggle the disabled necessary switch', async () => {
    const { preferences } = await mount({ children: INLINE });
    switchFor(preferences, LABELS.necessary).click();
    await settle();
    expect(switchFor(preferences, LABELS.necessary).getAttribute('aria-checked')).to.equal('true');
  });
});

describe('<candor-preferences>: list semantics', () => {
  // Regression guard: the purposes were <li>s directly in <ul role="group"> (axe "listitem").
  it('groups the switches without breaking the list (axe, no ignored rules)', async () => {
    const { preferences } = await mount({ children: INLINE });
    await expect(preferences).to.be.accessible();
  });
});

describe('<candor-preferences inline>: decisions and status', () => {
  it('Save records exactly the switches, with method "save", and says "Preferences saved"', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    switchFor(preferences, LABELS.analytics).click();
    await settle();
    buttonNamed(preferences, `Object: ${LABELS.email}`).click();
    await settle();
    const status = shadow(preferences, '[role="status"]')!;
    expect(status.textContent?.trim(), 'status empty before saving').to.equal('');
    buttonNamed(preferences, 'Save choices').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    const [record] = consent.records();
    expect(record!.method).to.equal('save');
    expect(record!.choices).to.deep.equal({ necessary: true, analytics: true, advertising: false, 'sale-share': true, 'marketing-email': false });
    for (const id of ['analytics', 'advertising', 'sale-share', 'marketing-email']) {
      expect(consent.state.choices[id]!.source, id).to.equal('user');
    }
    expect(shadow(preferences, '[role="status"]')!.textContent?.trim()).to.equal('Preferences saved');
    // The switches now show the saved state.
    expect(switchFor(preferences, LABELS.analytics).getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(preferences, LABELS.email).getAttribute('aria-checked')).to.equal('false');
    await accessible(preferences);
  });

  it('Save with nothing changed records the defaults as the person\'s choice', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    buttonNamed(preferences, 'Save choices').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    expect(consent.records()[0]!.choices).to.deep.equal({ necessary: true, analytics: false, advertising: false, 'sale-share': true, 'marketing-email': true });
    expect(consent.needsBanner).to.equal(false);
  });

  it('Accept all inside grants everything', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    buttonNamed(preferences, 'Accept all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(consent.records()[0]!.method).to.equal('accept-all');
    for (const label of Object.values(LABELS)) {
      expect(switchFor(preferences, label).getAttribute('aria-checked'), label).to.equal('true');
    }
    expect(shadow(preferences, '[role="status"]')!.textContent?.trim()).to.equal('Preferences saved');
  });

  it('Reject all inside denies everything but necessary', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    buttonNamed(preferences, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(consent.records()[0]!.method).to.equal('reject-all');
    expect(switchFor(preferences, LABELS.necessary).getAttribute('aria-checked')).to.equal('true');
    for (const label of [LABELS.analytics, LABELS.advertising, LABELS.saleShare, LABELS.email]) {
      expect(switchFor(preferences, label).getAttribute('aria-checked'), label).to.equal('false');
    }
  });

  it('gives Save, Accept all and Reject all equal computed styles', async () => {
    const { preferences } = await mount({ children: INLINE });
    const props = ['font-size', 'font-weight', 'padding-top', 'padding-left', 'background-color', 'color', 'border-top-width', 'border-top-color', 'border-radius'];
    const styleOf = (name: string): string[] => {
      const button = buttonNamed(preferences, name);
      const style = getComputedStyle(button);
      return [...props.map((prop) => style.getPropertyValue(prop)), String(Math.round(button.getBoundingClientRect().height))];
    };
    expect(styleOf('Reject all')).to.deep.equal(styleOf('Accept all'));
    expect(styleOf('Save choices')).to.deep.equal(styleOf('Accept all'));
  });

  it('downloads the consent records as JSON', async () => {
    const { preferences, consent } = await mount({ children: INLINE });
    buttonNamed(preferences, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();

    const blobs: Blob[] = [];
    const clicks: Array<{ href: string; download: string }> = [];
    const createObjectURL = URL.createObjectURL;
    const revokeObjectURL = URL.revokeObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return 'blob:candor-test';
    };
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    };
    try {
      buttonNamed(preferences, 'Download my consent records').click();
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(blobs).to.have.length(1);
    expect(blobs[0]!.type).to.equal('application/json');
    expect(clicks).to.have.length(1);
    expect(clicks[0]!.href).to.equal('blob:candor-test');
    expect(clicks[0]!.download).to.match(/\.json$/);
    const data = JSON.parse(await blobs[0]!.text()) as { records: Array<Record<string, unknown>>; policy: { id: string } };
    expect(data.policy.id).to.equal('ui-test');
    expect(data.records).to.be.an('array').with.length(1);
    const [record] = data.records;
    expect(record).to.include.keys('recordId', 'schema', 'at', 'policy', 'method', 'choices', 'signals', 'locale');
    expect(record!.method).to.equal('reject-all');
    expect(record!.recordId).to.equal(consent.records()[0]!.recordId);
    expect(document.querySelector('a[download]') === null, 'the temporary link is gone').to.equal(true);
  });

  it('lists each purpose\'s vendors, with links that open safely', async () => {
    const { preferences } = await mount({ children: INLINE });
    const links = shadowAll<HTMLAnchorElement>(preferences, 'a[href]');
    const vendor = links.find((link) => link.textContent?.trim() === 'Example Analytics');
    expect(vendor, 'vendor link').to.not.equal(undefined);
    expect(vendor!.getAttribute('href')).to.equal('https://analytics.example/privacy');
    const rel = (vendor!.getAttribute('rel') ?? '').split(/\s+/);
    expect(rel).to.include.members(['noopener', 'noreferrer']);
    expect(visibleText(preferences)).to.contain('Offline Counter');
    // The vendors sit in the analytics purpose's row.
    const row = switchFor(preferences, LABELS.analytics).closest('li');
    expect(row!.contains(vendor!)).to.equal(true);
  });

  it('renders the vendor list inside its "Vendors" paragraph, inline', async () => {
    const { preferences } = await mount({ children: INLINE });
    const vendors = shadow(preferences, '.vendors');
    expect(Boolean(vendors?.querySelector('a[href="https://analytics.example/privacy"]')), 'link inside .vendors').to.equal(true);
    expect(getComputedStyle(vendors!.querySelector('ul')!).display).to.equal('inline');
  });
});

describe('<candor-preferences>: modal', () => {
  it('opens as a modal <dialog> with focus inside, labelled by its title', async () => {
    const { dialog, preferences } = await openModal();
    expect(dialog.matches(':modal')).to.equal(true);
    expect(nameOf(dialog)).to.equal('Privacy preferences');
    assertFocusWithin(preferences, 'focus moved into the preference centre');
    assertFocusWithin(dialog, 'focus inside the dialog');
    // Every button of the dialog is a target of at least 24×24 px (A5); vendor links sit in a
    // line of text, which WCAG 2.5.8 excepts ("inline").
    for (const control of shadowAll<HTMLElement>(preferences, 'dialog button:not([disabled])')) {
      const rect = control.getBoundingClientRect();
      const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? '';
      expect(rect.width, `${name} width`).to.be.at.least(24);
      expect(rect.height, `${name} height`).to.be.at.least(24);
    }
    await accessible(preferences);
  });

  it('adds no landmark to the page: its title row is not a <header> (a banner outside main)', async () => {
    const { preferences } = await openModal();
    // HTML-AAM: <header> not inside main, article, aside, nav or section is role="banner".
    expect(shadowAll(preferences, 'header, footer, [role="banner"], [role="contentinfo"]')).to.have.length(0);
  });

  it('Tab moves through every control of the dialog and never reaches the page behind it', async () => {
    const { dialog, preferences, opener } = await openModal();
    const controls = shadowAll<HTMLElement>(preferences, 'dialog button:not([disabled]), dialog a[href]');
    assertFocusOn(controls[0], 'the first control has focus on open');
    const visited: Element[] = [deepActive()!];
    // One press fewer than there are controls: the last press lands on the last control.
    for (let step = 1; step < controls.length; step++) {
      await sendKeys({ press: 'Tab' });
      assertFocusWithin(dialog, `Tab ${step}`);
      assertFocusOn(controls[step], `Tab ${step}`);
      visited.push(deepActive()!);
    }
    expect(deepActive() === opener, 'the page behind is never reached').to.equal(false);
    expect(visited.length).to.equal(controls.length);
  });

  it('keeps Tab inside the dialog (20 presses, both directions)', async () => {
    const { dialog, preferences } = await openModal();
    const inside = (label: string): void => {
      assertFocusWithin(preferences, label);
      assertFocusWithin(dialog, label);
    };
    for (let step = 0; step < 20; step++) {
      await sendKeys({ press: 'Tab' });
      inside(`Tab ${step + 1}`);
    }
    await sendKeys({ down: 'Shift' });
    try {
      for (let step = 0; step < 20; step++) {
        await sendKeys({ press: 'Tab' });
        inside(`Shift+Tab ${step + 1}`);
      }
    } finally {
      await sendKeys({ up: 'Shift' });
    }
  });

  it('Esc closes, records nothing, and returns focus to the opener (E4, A1)', async () => {
    const { dialog, opener, consent, preferences } = await openModal();
    switchFor(preferences, LABELS.analytics).click();
    await settle();
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(dialog.open).to.equal(false);
    expect(consent.records()).to.have.length(0);
    expect(consent.granted('analytics')).to.equal(false);
    assertFocusOn(opener, 'focus back on the opener');
    // Reopened: the unsaved draft is gone.
    await preferences.show(opener);
    await settle();
    expect(switchFor(preferences, LABELS.analytics).getAttribute('aria-checked')).to.equal('false');
  });

  it('the close button (aria-label "Close") closes, records nothing, returns focus', async () => {
    const { dialog, opener, consent, preferences } = await openModal();
    const close = shadowAll<HTMLButtonElement>(preferences, 'button').find((button) => button.getAttribute('aria-label') === 'Close');
    expect(close, 'a Close button').to.not.equal(undefined);
    const rect = close!.getBoundingClientRect();
    expect(rect.width).to.be.at.least(24);
    expect(rect.height).to.be.at.least(24);
    close!.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(dialog.open).to.equal(false);
    expect(consent.records()).to.have.length(0);
    assertFocusOn(opener, 'focus back on the opener');
  });

  it('a click on the backdrop records nothing', async () => {
    const { dialog, consent, opener } = await openModal();
    const rect = dialog.getBoundingClientRect();
    expect(rect.left, 'there is backdrop left of the dialog').to.be.greaterThan(5);
    await sendMouse({ type: 'click', position: [2, 2] });
    await settle();
    expect(consent.records()).to.have.length(0);
    expect(dialog.open, 'closed by the click outside').to.equal(false);
    assertFocusOn(opener, 'focus back on the opener');
  });

  it('a click inside the panel (not on a control) keeps it open', async () => {
    const { dialog, preferences } = await openModal();
    const title = shadow(preferences, 'h2')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(title.left + 2), Math.round(title.top + title.height / 2)] });
    await settle();
    expect(dialog.open).to.equal(true);
  });

  it('Save inside the modal records, closes and returns focus', async () => {
    const { dialog, opener, consent, preferences } = await openModal();
    switchFor(preferences, LABELS.advertising).click();
    await settle();
    buttonNamed(preferences, 'Save choices').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(consent.records()[0]!.method).to.equal('save');
    expect(consent.granted('advertising')).to.equal(true);
    expect(consent.granted('analytics')).to.equal(false);
    expect(dialog.open).to.equal(false);
    assertFocusOn(opener, 'focus back on the opener');
    const status = shadow(preferences, '[role="status"]')!;
    expect(status.textContent?.trim(), 'saved announced').to.equal('Preferences saved');
    await accessible(preferences);
  });

  it('Reject all inside the modal records reject-all in one click', async () => {
    const { dialog, consent, preferences } = await openModal();
    buttonNamed(preferences, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(consent.records()[0]!.method).to.equal('reject-all');
    expect(dialog.open).to.equal(false);
  });

  it('root.showPreferences() opens a modal centre when the page has none', async () => {
    const { root, consent } = await mount({ children: '' });
    expect(document.querySelector('candor-preferences') === null).to.equal(true);
    root.showPreferences();
    await settle();
    const preferences = document.querySelector('candor-preferences');
    expect(preferences !== null).to.equal(true);
    expect(shadow<HTMLDialogElement>(preferences, 'dialog')?.open).to.equal(true);
    await accessible(preferences);
    await sendKeys({ press: 'Escape' });
    expect(consent.records()).to.have.length(0);
  });
});

describe('<candor-preferences>: signals honoured', () => {
  it('GPC (.signals): covered purposes off with "Opt-out request honoured", no dialog (G4, G5)', async () => {
    const { preferences, consent } = await mount({ children: INLINE, signals: { gpc: true, dnt: false } });
    expect(consent.state.choices.advertising!.source).to.equal('gpc');
    expect(consent.state.choices['sale-share']).to.include({ granted: false, source: 'gpc' });
    for (const label of [LABELS.advertising, LABELS.saleShare]) {
      const element = switchFor(preferences, label);
      expect(element.getAttribute('aria-checked'), label).to.equal('false');
      expect(descriptionOf(element), label).to.contain('Opt-out request honoured');
    }
    expect(descriptionOf(switchFor(preferences, LABELS.analytics)), 'analytics lists only DNT').to.not.contain('Opt-out request honoured');
    expect(switchFor(preferences, LABELS.email).getAttribute('aria-checked')).to.equal('true');
    expect(openDialogs().length, 'no dialog open').to.equal(0);
    assertFocusOn(document.body, 'no focus change');
    await accessible(preferences);
  });

  it('GPC: no modal opens by itself, even with a modal centre on the page (G4)', async () => {
    const { preferences } = await mount({ children: `<candor-banner></candor-banner>${MODAL}`, signals: { gpc: true, dnt: false } });
    expect(shadow<HTMLDialogElement>(preferences, 'dialog')?.open).to.equal(false);
    assertFocusOn(document.body, 'no focus change');
  });

  it('DNT (.signals): analytics and advertising off with "Opt-out request honoured"', async () => {
    const { preferences, consent } = await mount({ children: INLINE, signals: { gpc: false, dnt: true } });
    expect(consent.state.choices.analytics!.source).to.equal('dnt');
    for (const label of [LABELS.analytics, LABELS.advertising]) {
      expect(switchFor(preferences, label).getAttribute('aria-checked'), label).to.equal('false');
      expect(descriptionOf(switchFor(preferences, label)), label).to.contain('Opt-out request honoured');
    }
    expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked'), 'sale-share lists only GPC').to.equal('true');
    await accessible(preferences);
  });

  it('a switch turned on while GPC is on is saved with the signal, so it wins', async () => {
    const { preferences, consent } = await mount({ children: INLINE, signals: { gpc: true, dnt: false } });
    switchFor(preferences, LABELS.advertising).click();
    await settle();
    buttonNamed(preferences, 'Save choices').click();
    await waitUntil(() => consent.records().some((record) => record.method === 'save'), 'a save record');
    await settle();
    expect(consent.state.choices.advertising).to.deep.include({ granted: true, source: 'user' });
    expect(consent.state.choices.advertising!.signals.gpc).to.equal(true);
    expect(switchFor(preferences, LABELS.advertising).getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked'), 'still denied by GPC').to.equal('false');
    await accessible(preferences);
  });

  describe('navigator.globalPrivacyControl stubbed', () => {
    let restore: (() => void) | undefined;
    function stubGpc(value: unknown): void {
      const own = Object.getOwnPropertyDescriptor(navigator, 'globalPrivacyControl');
      Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });
      restore = () => {
        if (own) Object.defineProperty(navigator, 'globalPrivacyControl', own);
        else delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
      };
    }
    afterEach(() => {
      restore?.();
      restore = undefined;
    });

    it('true → covered purposes denied with source gpc, switches off, status shown, no dialog', async () => {
      stubGpc(true);
      const { preferences, consent } = await mount({ children: `<candor-banner></candor-banner>${INLINE}<candor-signal-status></candor-signal-status>`, signals: null });
      expect(consent.signals.gpc).to.equal(true);
      expect(consent.state.choices.advertising!.source).to.equal('gpc');
      expect(consent.state.choices['sale-share']).to.include({ granted: false, source: 'gpc' });
      expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked')).to.equal('false');
      expect(descriptionOf(switchFor(preferences, LABELS.saleShare))).to.contain('Opt-out request honoured');
      expect(visibleText(document.querySelector('candor-signal-status'))).to.contain('Global Privacy Control detected');
      expect(openDialogs().length, 'no dialog open').to.equal(0);
      assertFocusOn(document.body, 'no focus change');
    });

    it('the string "true" → ignored: nothing denied, nothing honoured', async () => {
      stubGpc('true');
      const { preferences, consent } = await mount({ children: `${INLINE}<candor-signal-status></candor-signal-status>`, signals: null });
      expect(consent.signals.gpc).to.equal(false);
      expect(consent.state.choices['sale-share']).to.include({ granted: true, source: 'default' });
      expect(switchFor(preferences, LABELS.saleShare).getAttribute('aria-checked')).to.equal('true');
      expect(visibleText(preferences)).to.not.contain('Opt-out request honoured');
      expect(visibleText(document.querySelector('candor-signal-status'))).to.equal('');
    });
  });
});

describe('<candor-preferences>: themes and contrast (A4)', () => {
  const backgroundOf = opaqueBackground;

  for (const theme of ['light', 'dark'] as const) {
    it(`modal, ${theme}: axe passes; text, buttons and switch states have enough contrast`, async () => {
      const { preferences } = await openModal({ theme });
      await accessible(preferences);
      const panel = shadow(preferences, 'dialog')!;
      const surface = backgroundOf(panel);
      expect(contrast(getComputedStyle(panel).color, surface), 'text').to.be.at.least(4.5);
      for (const name of ['Save choices', 'Accept all', 'Reject all']) {
        const button = buttonNamed(preferences, name);
        expect(contrast(getComputedStyle(button).color, getComputedStyle(button).backgroundColor), name).to.be.at.least(4.5);
      }
      const on = switchFor(preferences, LABELS.saleShare);
      const off = switchFor(preferences, LABELS.analytics);
      expect(contrast(getComputedStyle(on).backgroundColor, surface), 'switch on vs surface').to.be.at.least(3);
      expect(contrast(getComputedStyle(off).borderTopColor, surface), 'switch off outline vs surface').to.be.at.least(3);
      // The keyboard focus indicator (WCAG 1.4.11, 2.4.7): every switch and button, 2px, 3:1 on the panel.
      await sendKeys({ press: 'Shift' }); // keyboard modality: focus shows as it does for keyboard users
      for (const control of shadowAll<HTMLElement>(preferences, 'dialog button:not([disabled])')) {
        control.focus({ focusVisible: true } as FocusOptions);
        const name = control.getAttribute('aria-label') ?? control.getAttribute('aria-labelledby') ?? control.textContent!.trim();
        expect(control.matches(':focus-visible'), `${name} shows focus`).to.equal(true);
        const style = getComputedStyle(control);
        expect(style.outlineStyle, `${name} outline`).to.equal('solid');
        expect(parseFloat(style.outlineWidth), `${name} outline width`).to.be.at.least(2);
        expect(contrast(style.outlineColor, surface), `${name} focus ring on the panel`).to.be.at.least(3);
      }
    });
  }

  it('dark modal differs from light', async () => {
    const { preferences: light } = await openModal({ theme: 'light' });
    const lightBg = getComputedStyle(shadow(light, 'dialog')!).backgroundColor;
    await sendKeys({ press: 'Escape' });
    cleanup();
    const { preferences: dark } = await openModal({ theme: 'dark' });
    expect(getComputedStyle(shadow(dark, 'dialog')!).backgroundColor).to.not.equal(lightBg);
  });

  it('inline, OS dark mode (theme auto) on a light page: text stays readable', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { preferences } = await mount({ children: INLINE });
      const name = shadow(preferences, '.name')!;
      expect(contrast(getComputedStyle(name).color, backgroundOf(name)), 'purpose label on what is behind it').to.be.at.least(4.5);
      await accessible(preferences);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('inline, theme="dark", on a light page: text stays readable', async () => {
    const { preferences } = await mount({ children: INLINE, theme: 'dark' });
    const name = shadow(preferences, '.name')!;
    expect(contrast(getComputedStyle(name).color, backgroundOf(name)), 'purpose label on what is behind it').to.be.at.least(4.5);
    await accessible(preferences);
  });
});

