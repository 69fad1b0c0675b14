// <candor-banner> in real Chromium: the first layer (E2, E5, A2, A4–A6), the notice of an
// opt-out-only config (DESIGN "Decisions"), the reopen button (E9) and theming (issue 3 item 10).
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import {
  assertFocusOn,
  assertFocusWithin,
  buttonNamed,
  cleanup,
  contrast,
  deepActive,
  mount,
  openDialogs,
  nextFrame,
  noticeConfig,
  settle,
  shadow,
  shadowAll,
  uiConfig,
  visibleText,
} from './ui-fixtures.js';
import type { CandorConfig } from '../../src/core/types.js';

const DEFAULT_VIEWPORT = { width: 800, height: 600 };

afterEach(async () => {
  cleanup();
  await setViewport(DEFAULT_VIEWPORT);
});

function region(banner: Element | null): HTMLElement {
  const section = shadow<HTMLElement>(banner, 'section');
  if (!section) throw new Error('the banner shows no region');
  return section;
}

const STYLE_PROPS = [
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'background-color',
  'color',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-bottom-width',
  'border-left-width',
  'border-right-width',
  'border-radius',
  'text-decoration-line',
  'opacity',
] as const;

function styleOf(element: Element): Record<string, string> {
  const computed = getComputedStyle(element);
  const style: Record<string, string> = {};
  for (const prop of STYLE_PROPS) style[prop] = computed.getPropertyValue(prop);
  style.height = `${Math.round(element.getBoundingClientRect().height)}`;
  return style;
}

describe('<candor-banner>: first layer', () => {
  it('is a labelled region with the summary, the purposes in brief and a policy link', async () => {
    const { banner } = await mount();
    const section = region(banner);
    expect(section.getAttribute('role')).to.equal('region');
    const labelledBy = section.getAttribute('aria-labelledby');
    expect(labelledBy, 'aria-labelledby').to.be.a('string');
    const label = banner!.shadowRoot!.getElementById(labelledBy!);
    expect(label?.textContent?.trim(), 'the built-in banner title (banner.title)').to.equal('Your privacy choices');
    expect(label!.getRootNode(), 'the label is in the same tree as the region').to.equal(section.getRootNode());

    const text = visibleText(banner);
    expect(text).to.contain('We use a few services to run this site. You decide which ones.');
    expect(text).to.contain('We ask before we use: Product analytics and Advertising.');
    // Used without consent but open to objection (Reject all objects to them): named on the first layer too.
    expect(text).to.contain('Unless you object, we use: Sale or sharing of personal information and Promotional email.');
    const link = shadow<HTMLAnchorElement>(banner, 'a[href]');
    expect(link?.getAttribute('href')).to.equal('/privacy');
    expect(link?.textContent?.trim()).to.equal('Privacy policy');
    await expect(banner).to.be.accessible();
  });

  it('says nothing about objection when no purpose rests on legitimate interest', async () => {
    const config = uiConfig();
    config.purposes = config.purposes.filter((purpose) => purpose.basis !== 'legitimate-interest');
    const { banner } = await mount({ config });
    expect(visibleText(banner)).not.to.contain('Unless you object');
  });

  it('has three real <button>s: Accept all, Reject all, Customise', async () => {
    const { banner } = await mount();
    const names = [...region(banner).querySelectorAll('[part~="actions"] button')].map((b) => b.textContent?.trim());
    expect(names).to.deep.equal(['Accept all', 'Reject all', 'Customise']);
    for (const name of ['Accept all', 'Reject all', 'Customise']) {
      const button = buttonNamed(banner, name);
      expect(button).to.be.instanceOf(HTMLButtonElement);
      expect(button.tagName).to.equal('BUTTON');
      expect(button.disabled).to.equal(false);
      expect(region(banner).contains(button), `${name} inside the banner region`).to.equal(true);
    }
  });

  it('gives the three buttons equal computed styles (E2: equal weight)', async () => {
    const { banner } = await mount();
    const [accept, reject, customise] = ['Accept all', 'Reject all', 'Customise'].map((name) => styleOf(buttonNamed(banner, name)));
    expect(reject, 'Reject all vs Accept all').to.deep.equal(accept);
    expect(customise, 'Customise vs Accept all').to.deep.equal(accept);
  });

  it('gives every button a target of at least 24×24 px (A5)', async () => {
    const { banner } = await mount();
    for (const button of shadowAll<HTMLButtonElement>(banner, 'button')) {
      const rect = button.getBoundingClientRect();
      expect(rect.width, `${button.textContent} width`).to.be.at.least(24);
      expect(rect.height, `${button.textContent} height`).to.be.at.least(24);
    }
  });

  it('accepts all in one click: records it and hides the banner', async () => {
    const { banner, consent } = await mount();
    buttonNamed(banner, 'Accept all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    const [record] = consent.records();
    expect(record!.method).to.equal('accept-all');
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.granted('advertising')).to.equal(true);
    expect(consent.needsBanner).to.equal(false);
    expect(shadow(banner, 'section') === null, 'banner hidden').to.equal(true);
  });

  it('rejects all in one click: records it and hides the banner', async () => {
    const { banner, consent } = await mount();
    buttonNamed(banner, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    const [record] = consent.records();
    expect(record!.method).to.equal('reject-all');
    for (const id of ['analytics', 'advertising', 'sale-share', 'marketing-email']) {
      expect(consent.state.choices[id]!.granted, id).to.equal(false);
      expect(consent.state.choices[id]!.source, id).to.equal('user');
    }
    expect(consent.granted('necessary')).to.equal(true);
    expect(shadow(banner, 'section') === null, 'banner hidden').to.equal(true);
  });

  it('stays until every consent purpose is decided, then hides', async () => {
    const { banner, consent } = await mount();
    await consent.set({ analytics: true });
    await settle();
    expect(shadow(banner, 'section') !== null, 'one consent purpose still undecided').to.equal(true);
    await consent.set({ advertising: false });
    await settle();
    expect(shadow(banner, 'section') === null, 'every consent purpose decided').to.equal(true);
  });
});

describe('<candor-banner>: keyboard and reserved space', () => {
  it('is not a focus trap: Tab moves through its buttons and past it', async () => {
    const { banner } = await mount({
      before: '<button id="before">Before</button>',
      after: '<button id="after">After</button>',
    });
    (document.getElementById('before') as HTMLButtonElement).focus();
    const visited: string[] = [];
    for (let step = 0; step < 10; step++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      visited.push(active?.id || active?.textContent?.trim() || active?.tagName || 'none');
      if (active?.id === 'after') break;
    }
    expect(visited).to.include.members(['Accept all', 'Reject all', 'Customise']);
    expect(visited[visited.length - 1], `focus order ${visited.join(' → ')}`).to.equal('after');
    // And back again with Shift+Tab.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    assertFocusWithin(banner, 'Shift+Tab back into the banner');
    expect(deepActive()?.textContent?.trim()).to.equal('Customise');
  });

  it('after a decision by keyboard, focus goes back to the page element it came from, not to <body> (WCAG 2.4.3)', async () => {
    const { consent } = await mount({ before: '<button id="before">Before</button>' });
    (document.getElementById('before') as HTMLButtonElement).focus();
    for (let i = 0; i < 6 && deepActive()?.textContent?.trim() !== 'Accept all'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent?.trim()).to.equal('Accept all');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => consent.records().length === 1, 'a record');
    await waitUntil(() => document.activeElement?.id === 'before', 'focus back on the page button');
  });

  it('with reopen, focus goes to the small reopen button that replaces the banner', async () => {
    const { banner, consent } = await mount({ children: '<candor-banner reopen></candor-banner>', before: '<button id="before">Before</button>' });
    (document.getElementById('before') as HTMLButtonElement).focus();
    for (let i = 0; i < 6 && deepActive()?.textContent?.trim() !== 'Reject all'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent?.trim()).to.equal('Reject all');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => consent.records().length === 1, 'a record');
    await waitUntil(() => deepActive()?.getAttribute('part')?.includes('reopen') === true, 'focus on the reopen button');
    assertFocusWithin(banner, 'still in the banner');
  });

  it('a mouse click on Accept all moves no focus', async () => {
    const { banner, consent } = await mount({ before: '<button id="before">Before</button>' });
    (document.getElementById('before') as HTMLButtonElement).focus();
    (document.getElementById('before') as HTMLButtonElement).blur();
    buttonNamed(banner, 'Accept all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(document.activeElement).to.equal(document.body);
  });

  it('reserves space: html gets scroll-padding-bottom of the banner height', async () => {
    const { banner } = await mount();
    const height = region(banner).getBoundingClientRect().height;
    const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom);
    expect(padding).to.be.closeTo(Math.ceil(height), 1);
    cleanup();
    await nextFrame();
    expect(getComputedStyle(document.documentElement).scrollPaddingBottom, 'released when the banner goes').to.be.oneOf(['auto', '0px']);
  });

  it('never hides the focused page element (WCAG 2.4.11): Tab through 40 buttons', async () => {
    const buttons = Array.from({ length: 40 }, (_, i) => `<button class="page-button" id="page-${i}">Page button ${i}</button>`).join('<br>');
    const { banner } = await mount({ before: `<div id="page">${buttons}</div>` });
    document.documentElement.scrollTop = 0;
    (document.activeElement as HTMLElement | null)?.blur();
    const seen = new Set<string>();
    for (let step = 0; step < 45; step++) {
      await sendKeys({ press: 'Tab' });
      await nextFrame();
      const active = deepActive() as HTMLElement | null;
      if (!active?.classList.contains('page-button')) continue;
      seen.add(active.id);
      const box = active.getBoundingClientRect();
      const cover = region(banner).getBoundingClientRect();
      const fullyCovered = box.top >= cover.top && box.bottom <= cover.bottom && box.left >= cover.left && box.right <= cover.right;
      expect(fullyCovered, `${active.id} (${box.top}–${box.bottom}) under the banner (${cover.top}–${cover.bottom})`).to.equal(false);
      // Stronger: the element is visible above the banner, not even partly under it.
      expect(box.bottom, `${active.id} bottom above the banner`).to.be.at.most(cover.top + 0.5);
      expect(box.top, `${active.id} within the viewport`).to.be.at.least(0);
    }
    expect(seen.size, 'every page button was focused').to.equal(40);
  });

  it('reflows at 320 px: no horizontal scroll, every button reachable and fully visible', async () => {
    await setViewport({ width: 320, height: 640 });
    const { banner } = await mount();
    await settle();
    expect(document.documentElement.scrollWidth, 'no horizontal scroll').to.be.at.most(320);
    for (const button of shadowAll<HTMLButtonElement>(banner, 'button')) {
      const rect = button.getBoundingClientRect();
      expect(rect.left, `${button.textContent} left`).to.be.at.least(0);
      expect(rect.right, `${button.textContent} right`).to.be.at.most(320);
      expect(rect.bottom, `${button.textContent} bottom`).to.be.at.most(640);
      const hit = banner!.shadowRoot!.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      expect(hit === button, `${button.textContent} is what a tap at its centre hits`).to.equal(true);
    }
  });

  it('at 320×256 every button is reachable by keyboard and scrolled into view inside the banner (A6)', async () => {
    await setViewport({ width: 320, height: 256 });
    const { banner } = await mount({ before: '<button id="before">Before</button>' });
    await settle();
    expect(document.documentElement.scrollWidth, 'no horizontal scroll').to.be.at.most(320);
    (document.getElementById('before') as HTMLButtonElement).focus();
    const reached = new Set<string>();
    for (let step = 0; step < 8; step++) {
      await sendKeys({ press: 'Tab' });
      await nextFrame();
      const active = deepActive() as HTMLElement | null;
      if (!active || active.tagName !== 'BUTTON' || !banner!.shadowRoot!.contains(active)) continue;
      const rect = active.getBoundingClientRect();
      expect(rect.left, `${active.textContent} left`).to.be.at.least(0);
      expect(rect.right, `${active.textContent} right`).to.be.at.most(320);
      expect(rect.top, `${active.textContent} top`).to.be.at.least(0);
      expect(rect.bottom, `${active.textContent} bottom`).to.be.at.most(256);
      reached.add(active.textContent!.trim());
    }
    expect([...reached]).to.include.members(['Accept all', 'Reject all', 'Customise']);
  });
});

describe('<candor-banner>: notice (no consent-basis purpose)', () => {
  it('shows the summary, "Opt out of sale or sharing" and "OK"', async () => {
    const { banner } = await mount({ config: noticeConfig() });
    const text = visibleText(banner);
    expect(text).to.contain('We may share data with partners. You can opt out at any time.');
    expect(text).to.contain('Unless you object, we use: Sale or sharing of personal information and Promotional email.');
    expect(text).not.to.contain('We ask before we use');
    const names = shadowAll<HTMLButtonElement>(banner, 'button').map((b) => b.textContent?.trim());
    expect(names).to.deep.equal(['Opt out of sale or sharing', 'OK']);
    expect(names).to.not.include('Accept all');
    expect(region(banner).getAttribute('role')).to.equal('region');
    await expect(banner).to.be.accessible();
  });

  it('gives the notice buttons equal styles and 24×24 targets', async () => {
    const { banner } = await mount({ config: noticeConfig() });
    const [optOut, ok] = ['Opt out of sale or sharing', 'OK'].map((name) => buttonNamed(banner, name));
    expect(styleOf(ok!)).to.deep.equal(styleOf(optOut!));
    for (const button of [optOut!, ok!]) {
      const rect = button.getBoundingClientRect();
      expect(rect.width).to.be.at.least(24);
      expect(rect.height).to.be.at.least(24);
    }
  });

  it('OK acknowledges the version without changing any choice', async () => {
    const { banner, consent } = await mount({ config: noticeConfig() });
    const before = structuredClone(consent.state.choices);
    expect(consent.state.acknowledgedVersion === null).to.equal(true);
    buttonNamed(banner, 'OK').click();
    await waitUntil(() => consent.state.acknowledgedVersion !== null, 'acknowledged');
    await settle();
    expect(consent.state.acknowledgedVersion).to.equal('2026-01-01');
    for (const [id, choice] of Object.entries(before)) {
      expect(consent.state.choices[id]!.granted, id).to.equal(choice.granted);
      expect(consent.state.choices[id]!.source, id).to.equal(choice.source);
    }
    const records = consent.records();
    expect(records).to.have.length(1);
    expect(records[0]!.method, 'an acknowledgement, not consent').to.not.be.oneOf(['accept-all', 'save', 'api']);
    expect(shadow(banner, 'section') === null, 'notice hidden after OK').to.equal(true);
  });

  it('"Opt out of sale or sharing" denies every purpose that lists a signal, in one click', async () => {
    const { banner, consent } = await mount({ config: noticeConfig() });
    expect(consent.granted('sale-share')).to.equal(true);
    buttonNamed(banner, 'Opt out of sale or sharing').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(consent.records()[0]!.method).to.equal('opt-out');
    expect(consent.state.choices['sale-share']).to.include({ granted: false, source: 'user' });
    expect(consent.granted('marketing-email'), 'a purpose without signals keeps its default').to.equal(true);
    expect(consent.granted('necessary')).to.equal(true);
    expect(shadow(banner, 'section') === null, 'notice hidden after the decision').to.equal(true);
  });

  it('has no opt-out button when no purpose lists a signal', async () => {
    const { banner } = await mount({ config: noticeConfig(false) });
    const names = shadowAll<HTMLButtonElement>(banner, 'button').map((b) => b.textContent?.trim());
    expect(names).to.deep.equal(['OK']);
    await expect(banner).to.be.accessible();
  });

  it('has no "Opt out of sale or sharing" button when purposes list only DNT', async () => {
    const config = noticeConfig(false);
    config.purposes[2] = { ...config.purposes[2]!, signals: ['dnt'] };
    const { banner } = await mount({ config });
    const names = shadowAll<HTMLButtonElement>(banner, 'button').map((b) => b.textContent?.trim());
    expect(names).to.deep.equal(['OK']);
  });
});

describe('<candor-banner reopen>', () => {
  it('leaves a labelled "Privacy choices" button after a decision, which opens the preferences', async () => {
    const { banner, consent, root } = await mount({ children: '<candor-banner reopen></candor-banner>' });
    expect(shadowAll(banner, 'button').map((b) => b.textContent?.trim())).to.not.include('Privacy choices');
    buttonNamed(banner, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(shadow(banner, 'section') === null).to.equal(true);
    const reopen = buttonNamed(banner, 'Privacy choices');
    const rect = reopen.getBoundingClientRect();
    expect(rect.width).to.be.at.least(24);
    expect(rect.height).to.be.at.least(24);
    await expect(banner).to.be.accessible();

    reopen.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    const preferences = root.querySelector('candor-preferences');
    expect(preferences !== null, 'a preference centre was created').to.equal(true);
    const dialog = shadow<HTMLDialogElement>(preferences, 'dialog');
    expect(dialog?.open, 'modal open').to.equal(true);
    expect(consent.records(), 'opening records nothing').to.have.length(1);
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(dialog?.open).to.equal(false);
    assertFocusOn(reopen, 'focus back on the reopen button');
  });

  it('the reopen button never fully hides the focused page element (WCAG 2.4.11)', async () => {
    // Small page controls indented like list items, where the fixed reopen button sits.
    const links = Array.from({ length: 40 }, (_, i) => `<li><button class="page-button" id="page-${i}">Item ${i}</button></li>`).join('');
    const { banner, consent } = await mount({ children: '<candor-banner reopen></candor-banner>', before: `<ul id="page">${links}</ul>` });
    buttonNamed(banner, 'Reject all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    const reopen = buttonNamed(banner, 'Privacy choices');
    document.documentElement.scrollTop = 0;
    (document.activeElement as HTMLElement | null)?.blur();
    let checked = 0;
    for (let step = 0; step < 42; step++) {
      await sendKeys({ press: 'Tab' });
      await nextFrame();
      const active = deepActive() as HTMLElement | null;
      if (!active?.classList.contains('page-button')) continue;
      checked++;
      const box = active.getBoundingClientRect();
      const cover = reopen.getBoundingClientRect();
      const fullyCovered = box.top >= cover.top && box.bottom <= cover.bottom && box.left >= cover.left && box.right <= cover.right;
      expect(fullyCovered, `${active.id} (${box.left},${box.top})–(${box.right},${box.bottom}) under the reopen button (${cover.left},${cover.top})–(${cover.right},${cover.bottom})`).to.equal(false);
    }
    expect(checked).to.equal(40);
  });

  it('shows no reopen button without the attribute', async () => {
    const { banner, consent } = await mount();
    buttonNamed(banner, 'Accept all').click();
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(shadowAll(banner, 'button')).to.have.length(0);
  });
});

describe('<candor-banner>: the third parties, from the first layer (standards E5)', () => {
  it('"Our partners (n)" counts each vendor once and opens the preference centre, which lists them with links', async () => {
    const config = uiConfig();
    config.purposes[2]!.vendors = [{ name: 'Example Analytics', url: 'https://analytics.example/privacy' }, { name: 'Ad Partner' }];
    const { banner, root, consent } = await mount({ config });
    const partners = buttonNamed(banner, 'Our partners (3)');
    expect(partners.tagName).to.equal('BUTTON');
    expect(region(banner).contains(partners), 'on the first layer').to.equal(true);
    await expect(banner).to.be.accessible();
    partners.click();
    await settle();
    const preferences = root.querySelector('candor-preferences');
    expect(shadow<HTMLDialogElement>(preferences, 'dialog')?.open, 'the preference centre opens').to.equal(true);
    const links = shadowAll<HTMLAnchorElement>(preferences!, '.vendors a').map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).to.deep.include(['Example Analytics', 'https://analytics.example/privacy']);
    expect(shadowAll(preferences!, '.vendors li').map((item) => item.textContent?.trim())).to.include.members(['Offline Counter', 'Ad Partner']);
    expect(consent.records(), 'opening it records nothing').to.have.length(0);
  });

  it('is not there when no purpose names a vendor', async () => {
    const config = uiConfig();
    for (const purpose of config.purposes) delete purpose.vendors;
    const { banner } = await mount({ config });
    expect(shadow(banner, '[part~="vendors"]')).to.equal(null);
  });

  it('speaks the page\'s language', async () => {
    const lang = document.documentElement.lang;
    document.documentElement.lang = 'de';
    try {
      const { banner } = await mount();
      expect(shadow(banner, '[part~="vendors"]')!.textContent!.trim()).to.equal('Unsere Partner (2)');
    } finally {
      document.documentElement.lang = lang;
    }
  });
});

describe('<candor-banner>: Customise', () => {
  it('opens the modal preference centre, records nothing, Esc returns focus to Customise', async () => {
    const { banner, consent, root } = await mount();
    const customise = buttonNamed(banner, 'Customise');
    customise.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    const preferences = root.querySelector('candor-preferences');
    const dialog = shadow<HTMLDialogElement>(preferences, 'dialog');
    expect(dialog?.open).to.equal(true);
    expect(dialog!.matches(':modal'), 'modal').to.equal(true);
    assertFocusWithin(preferences, 'focus inside the preference centre');
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(dialog!.open).to.equal(false);
    expect(consent.records()).to.have.length(0);
    assertFocusOn(customise, 'focus back on Customise');
    expect(shadow(banner, 'section') !== null, 'banner stays until a decision').to.equal(true);
  });

  for (const [reopen, where] of [[false, 'the page element focus came from'], [true, 'the reopen button']] as const) {
    it(`a decision in the centre opened by Customise takes the banner away: focus goes to ${where}, not to <body>`, async () => {
      const { banner, consent, root } = await mount({
        children: `<candor-banner${reopen ? ' reopen' : ''}></candor-banner>`,
        before: '<button id="before">Before</button>',
      });
      (document.getElementById('before') as HTMLButtonElement).focus();
      for (let i = 0; i < 8 && deepActive()?.textContent?.trim() !== 'Customise'; i++) await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await settle();
      const preferences = root.querySelector('candor-preferences')!;
      assertFocusWithin(preferences, 'focus inside the preference centre');
      buttonNamed(preferences, 'Save choices').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => consent.records().length === 1, 'a record');
      await settle();
      expect(shadow(banner, 'section'), 'the banner has gone').to.equal(null);
      if (reopen) expect(deepActive()?.getAttribute('part')).to.contain('reopen');
      else expect(document.activeElement?.id).to.equal('before');
    });
  }

  it('the same with the mouse moves focus nowhere: the page does not jump to where focus once was', async () => {
    const { banner, consent, root } = await mount({ before: '<button id="before">Before</button>' });
    (document.getElementById('before') as HTMLButtonElement).focus();
    const click = async (element: Element): Promise<void> => {
      element.scrollIntoView({ block: 'center' });
      const box = element.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    };
    await click(buttonNamed(banner, 'Customise'));
    await settle();
    const preferences = root.querySelector('candor-preferences')!;
    await click(buttonNamed(preferences, 'Save choices'));
    await waitUntil(() => consent.records().length === 1, 'a record');
    await settle();
    expect(document.activeElement?.id, 'not sent back to the page button').to.not.equal('before');
    await resetMouse();
  });
});

describe('<candor-banner>: themes and contrast (A4)', () => {
  async function colours(theme: 'light' | 'dark'): Promise<{ background: string; text: string; buttons: Array<{ name: string; color: string; background: string }> }> {
    const { banner } = await mount({ theme });
    await expect(banner).to.be.accessible();
    const section = region(banner);
    const buttons = shadowAll<HTMLButtonElement>(banner, '[part~="actions"] button').map((button) => {
      const style = getComputedStyle(button);
      return { name: button.textContent!.trim(), color: style.color, background: style.backgroundColor };
    });
    const result = { background: getComputedStyle(section).backgroundColor, text: getComputedStyle(section).color, buttons };
    cleanup();
    return result;
  }

  it('light and dark differ, and every button text has at least 4.5:1 in both', async () => {
    const light = await colours('light');
    const dark = await colours('dark');
    expect(dark.background, 'surface colour').to.not.equal(light.background);
    expect(dark.text, 'text colour').to.not.equal(light.text);
    expect(dark.buttons[0]!.background, 'button background').to.not.equal(light.buttons[0]!.background);
    for (const [theme, set] of [['light', light], ['dark', dark]] as const) {
      expect(contrast(set.text, set.background), `${theme} text on surface`).to.be.at.least(4.5);
      expect(set.buttons).to.have.length(3);
      for (const button of set.buttons) {
        expect(contrast(button.color, button.background), `${theme} "${button.name}"`).to.be.at.least(4.5);
      }
      // Equal contrast for Accept and Reject (Taskforce ¶18): same colours.
      expect(set.buttons[1]).to.deep.include({ color: set.buttons[0]!.color, background: set.buttons[0]!.background });
    }
  });

  it('the keyboard focus indicator is a 2px outline with at least 3:1 against the surface, on every button, in both themes (WCAG 1.4.11, 2.4.7)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { banner } = await mount({ theme });
      const surface = getComputedStyle(region(banner)).backgroundColor;
      await sendKeys({ press: 'Shift' }); // keyboard modality: focus shows as it does for keyboard users
      for (const button of shadowAll<HTMLButtonElement>(banner, 'button')) {
        button.focus({ focusVisible: true } as FocusOptions);
        expect(button.matches(':focus-visible'), `${theme} "${button.textContent!.trim()}" shows focus`).to.equal(true);
        const style = getComputedStyle(button);
        expect(style.outlineStyle, `${theme} outline style`).to.equal('solid');
        expect(parseFloat(style.outlineWidth), `${theme} outline width`).to.be.at.least(2);
        expect(contrast(style.outlineColor, surface), `${theme} "${button.textContent!.trim()}" focus ring on the surface`).to.be.at.least(3);
      }
      cleanup();
    }
  });

  it('auto follows prefers-color-scheme', async () => {
    const { emulateMedia } = await import('@web/test-runner-commands');
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { banner } = await mount({ theme: 'auto' });
      const autoDark = getComputedStyle(region(banner)).backgroundColor;
      cleanup();
      const { banner: forced } = await mount({ theme: 'dark' });
      expect(autoDark).to.equal(getComputedStyle(region(forced)).backgroundColor);
      await expect(forced).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});

describe('<candor-banner>: with a signal honoured', () => {
  it('GPC alone still asks for analytics (GPC covers only advertising here)', async () => {
    const config: CandorConfig = uiConfig();
    const { banner, consent } = await mount({ config, signals: { gpc: true, dnt: false } });
    expect(consent.state.choices.advertising!.source).to.equal('gpc');
    expect(shadow(banner, 'section') !== null, 'analytics is still undecided').to.equal(true);
    await expect(banner).to.be.accessible();
    buttonNamed(banner, 'Accept all').click();
    await waitUntil(() => consent.records().some((record) => record.method === 'accept-all'), 'accept-all record');
    expect(consent.granted('analytics')).to.equal(true);
    expect(consent.granted('advertising'), 'Accept all does not override a signal').to.equal(false);
    expect(consent.granted('sale-share'), 'Accept all does not override a signal').to.equal(false);
  });

  it('shows no banner when the signal decides every consent purpose, and opens no dialog (G4)', async () => {
    const config = uiConfig();
    config.purposes[1] = { ...config.purposes[1]!, signals: ['gpc', 'dnt'] };
    const { banner, consent, root } = await mount({ config, signals: { gpc: true, dnt: false } });
    expect(consent.needsBanner).to.equal(false);
    expect(shadow(banner, 'section') === null).to.equal(true);
    expect(root.querySelector('candor-preferences') === null).to.equal(true);
    expect(openDialogs().length, 'no dialog open').to.equal(0);
  });
});
