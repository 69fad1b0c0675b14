// What people change about how pages look, applied to every visible state: Windows high contrast
// (forced-colors), reduced motion, and the WCAG 2.2 1.4.12 text-spacing overrides together with a
// 320 px viewport (1.4.10 reflow) for the banner, the modal preference centre and the change notice.
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-banner.define.js';
import '../../src/elements/candor-preferences.define.js';
import '../../src/elements/candor-change-notice.define.js';
import type { CandorConfig, ConsentState } from '../../src/core/types.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import type { CandorPreferencesElement } from '../../src/elements/candor-preferences.js';
import { memoryStorage } from '../../src/storage/memory.js';
import { cleanup, deepActive, mount, settle, shadow, shadowAll, uiConfig } from './ui-fixtures.js';

const DEFAULT_VIEWPORT = { width: 1024, height: 768 };

/**
 * Windows high contrast on or off (the config's `forced-colors` command): emulateMedia({ forcedColors })
 * is silently ignored with the Chrome launcher. Checked, so a test can never pass without it.
 */
async function forcedColors(value: 'active' | 'none'): Promise<void> {
  await executeServerCommand('forced-colors', value);
  expect(matchMedia('(forced-colors: active)').matches, 'forced colors emulated').to.equal(value === 'active');
}

/** The WCAG 1.4.12 metrics, on the page: inherited into every shadow root that does not set its own. */
const TEXT_SPACING_ID = 'wcag-text-spacing';
function applyTextSpacing(): void {
  const style = document.createElement('style');
  style.id = TEXT_SPACING_ID;
  style.textContent = `
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`;
  document.head.append(style);
}

afterEach(async () => {
  cleanup();
  document.getElementById(TEXT_SPACING_ID)?.remove();
  await forcedColors('none');
  await emulateMedia({ reducedMotion: 'no-preference' });
  await setViewport(DEFAULT_VIEWPORT);
});

/** Every button of `host` keeps its whole label inside its box and the viewport: nothing clipped or cut. */
function assertButtonsFit(host: Element, width: number): void {
  const buttons = shadowAll<HTMLButtonElement>(host, 'button');
  expect(buttons.length, 'buttons').to.be.greaterThan(0);
  for (const button of buttons) {
    const name = button.textContent?.trim() ?? '';
    const rect = button.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not shown in this state
    expect(button.scrollWidth, `"${name}" text fits its width`).to.be.at.most(button.clientWidth + 1);
    expect(button.scrollHeight, `"${name}" text fits its height`).to.be.at.most(button.clientHeight + 1);
    expect(rect.left, `"${name}" left`).to.be.at.least(0);
    expect(rect.right, `"${name}" right`).to.be.at.most(width);
  }
  expect(document.documentElement.scrollWidth, 'no horizontal scroll').to.be.at.most(width);
}

const DAY = 24 * 60 * 60 * 1000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** A config whose latest material revision came after the person's acknowledged one: the notice shows. */
async function mountChangeNotice(): Promise<HTMLElement> {
  const v1 = day(-60);
  const v2 = day(-2);
  const config: CandorConfig = {
    policy: {
      id: 'adaptations',
      version: v2,
      url: '/privacy',
      revisions: [
        { version: v2, effective: v2, material: true, summary: 'We now share usage statistics with our analytics processor in the EU.' },
        { version: v1, effective: v1, material: true, summary: 'First policy.' },
      ],
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', basis: 'consent' },
    ],
  };
  const at = new Date(Date.now() - 30 * DAY).toISOString();
  const state: ConsentState = {
    schema: 1,
    policyId: 'adaptations',
    policyVersion: v1,
    acknowledgedVersion: v1,
    choices: { analytics: { granted: false, source: 'user', at, signals: { gpc: false, dnt: false } } },
    updatedAt: at,
    expiresAt: null,
    records: [],
  };
  const root = document.createElement('candor-consent') as CandorConsentElement;
  root.innerHTML = '<candor-change-notice></candor-change-notice>';
  root.config = config;
  root.storage = memoryStorage({ initial: state });
  root.signals = { gpc: false, dnt: false };
  const ready = oneEvent(root, 'candor-ready');
  const container = document.createElement('div');
  container.className = 'candor-ui-fixture';
  container.append(root);
  document.body.append(container);
  await ready;
  const notice = root.querySelector('candor-change-notice') as HTMLElement & { updateComplete: Promise<unknown> };
  await notice.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return notice;
}

async function openPreferences(): Promise<CandorPreferencesElement> {
  const { preferences } = await mount({ children: '<candor-preferences></candor-preferences>' });
  await preferences!.show();
  await settle();
  return preferences!;
}

describe('forced colors (Windows high contrast)', () => {
  it('banner buttons keep a visible border, and keyboard focus a visible outline', async () => {
    await forcedColors('active');
    const { banner } = await mount();
    for (const button of shadowAll<HTMLButtonElement>(banner, '[part~="actions"] button')) {
      const style = getComputedStyle(button);
      expect(style.borderTopStyle, `${button.textContent} border`).to.not.equal('none');
      expect(parseFloat(style.borderTopWidth), `${button.textContent} border width`).to.be.at.least(1);
    }
    for (let i = 0; i < 5 && deepActive()?.localName !== 'button'; i += 1) await sendKeys({ press: 'Tab' });
    const focused = deepActive() as HTMLElement;
    expect(focused?.localName, 'a button has keyboard focus').to.equal('button');
    const outline = getComputedStyle(focused);
    expect(outline.outlineStyle, 'focus outline').to.not.equal('none');
    expect(parseFloat(outline.outlineWidth)).to.be.at.least(2);
    await expect(banner).to.be.accessible();
  });

  it('each switch of the preference centre keeps an outline of its own, so on and off stay visible', async () => {
    await forcedColors('active');
    const preferences = await openPreferences();
    const switches = shadowAll<HTMLElement>(preferences, '[role="switch"]');
    expect(switches.length).to.be.greaterThan(0);
    for (const control of switches) {
      const style = getComputedStyle(control);
      expect(style.borderTopStyle, 'switch border').to.not.equal('none');
      expect(parseFloat(style.borderTopWidth), 'switch border width').to.be.at.least(1);
    }
    await expect(preferences).to.be.accessible();
  });
});

describe('forced colors: switch states', () => {
  it('the knob of every switch stays visible, and on and off knobs differ in colour as well as position', async () => {
    await forcedColors('active');
    const preferences = await openPreferences();
    const switches = shadowAll<HTMLElement>(preferences, '[role="switch"]');
    const on = switches.find((control) => control.getAttribute('aria-checked') === 'true' && !control.hasAttribute('disabled'));
    const off = switches.find((control) => control.getAttribute('aria-checked') === 'false');
    expect(on, 'an enabled switch that is on').to.not.equal(undefined);
    expect(off, 'a switch that is off').to.not.equal(undefined);
    for (const control of [on!, off!]) {
      // Forced colours repaint backgrounds as Canvas: a knob painted only by its background vanished.
      const track = getComputedStyle(control).backgroundColor;
      const knob = getComputedStyle(control, '::after').backgroundColor;
      expect(knob, `${control.getAttribute('aria-checked')}: knob differs from its track`).to.not.equal(track);
    }
    expect(getComputedStyle(on!, '::after').backgroundColor, 'on and off knobs differ').to.not.equal(getComputedStyle(off!, '::after').backgroundColor);
  });
});

describe('reduced motion', () => {
  it('the preference centre\'s switches do not animate', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const preferences = await openPreferences();
    const parts = shadowAll<HTMLElement>(preferences, '[role="switch"], [role="switch"] *');
    expect(parts.length).to.be.greaterThan(0);
    for (const part of parts) {
      for (const duration of getComputedStyle(part).transitionDuration.split(',')) {
        expect(parseFloat(duration), 'transition duration').to.equal(0);
      }
    }
  });
});

describe('text spacing (WCAG 1.4.12) at 320 px (1.4.10)', () => {
  it('the banner keeps every action whole and reachable', async () => {
    await setViewport({ width: 320, height: 640 });
    applyTextSpacing();
    const { banner } = await mount();
    await settle();
    assertButtonsFit(banner!, 320);
    expect(shadow(banner, 'p')!.getBoundingClientRect().right).to.be.at.most(320);
    await expect(banner).to.be.accessible();
  });

  it('the modal preference centre keeps every action whole, and scrolls rather than cuts', async () => {
    await setViewport({ width: 320, height: 640 });
    applyTextSpacing();
    const preferences = await openPreferences();
    const dialog = shadow<HTMLDialogElement>(preferences, 'dialog')!;
    expect(dialog.open).to.equal(true);
    const rect = dialog.getBoundingClientRect();
    expect(rect.left, 'dialog left').to.be.at.least(0);
    expect(rect.right, 'dialog right').to.be.at.most(320);
    assertButtonsFit(preferences, 320);
    // The last action can be scrolled into view inside the dialog.
    const buttons = shadowAll<HTMLButtonElement>(preferences, 'button');
    const last = buttons[buttons.length - 1]!;
    last.scrollIntoView({ block: 'nearest' });
    const lastRect = last.getBoundingClientRect();
    expect(lastRect.bottom, 'last action reachable').to.be.at.most(640);
    expect(lastRect.top).to.be.at.least(0);
    await expect(preferences).to.be.accessible();
  });

  it('the change notice keeps its summary and both actions whole', async () => {
    await setViewport({ width: 320, height: 640 });
    applyTextSpacing();
    const notice = await mountChangeNotice();
    expect(notice.shadowRoot!.textContent).to.contain('We now share usage statistics');
    assertButtonsFit(notice, 320);
    for (const link of shadowAll<HTMLElement>(notice, 'a')) {
      expect(link.getBoundingClientRect().right, 'link inside the viewport').to.be.at.most(320);
    }
    await expect(notice).to.be.accessible();
  });
});

describe('browsers without light-dark() (Safari before 17.5)', () => {
  /** The rules inside `@supports not (color: light-dark(…))` of the shared styles, as text. */
  async function fallbackRules(): Promise<CSSRule[]> {
    const { base } = await import('../../src/elements/styles.js');
    const sheet = base.styleSheet!;
    const supports = [...sheet.cssRules].find((rule): rule is CSSSupportsRule => rule instanceof CSSSupportsRule && /light-dark/.test(rule.conditionText));
    expect(supports, 'an @supports fallback for light-dark()').to.exist;
    return [...supports!.cssRules];
  }

  /** Applies `:host { … }` declarations of `rule` to a probe element and returns its computed colours. */
  function applied(rule: CSSStyleRule, scheme: 'light' | 'dark'): { background: string; color: string; border: string } {
    const probe = document.createElement('div');
    const style = document.createElement('style');
    style.textContent = `.light-dark-probe{${rule.style.cssText};background:var(--_bg);color:var(--_fg);border:1px solid var(--_line);color-scheme:${scheme}}`;
    probe.className = 'light-dark-probe';
    document.head.append(style);
    document.body.append(probe);
    const computed = getComputedStyle(probe);
    const result = { background: computed.backgroundColor, color: computed.color, border: computed.borderTopColor };
    probe.remove();
    style.remove();
    return result;
  }

  it('every colour token has a plain light value, and a dark one under prefers-color-scheme: dark', async () => {
    const rules = await fallbackRules();
    const light = rules.find((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule)!;
    const dark = rules.find((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /prefers-color-scheme: ?dark/.test(rule.conditionText));
    expect(light.style.cssText, 'no light-dark() in the fallback').not.to.contain('light-dark');
    for (const name of ['bg', 'fg', 'muted', 'line', 'button', 'button-fg', 'accent', 'on-accent', 'link', 'focus', 'shadow']) {
      expect(light.style.getPropertyValue(`--_${name}`), `--_${name}`).to.match(/var\(--candor-/);
    }
    expect(applied(light, 'light')).to.deep.equal({ background: 'rgb(255, 255, 255)', color: 'rgb(23, 43, 77)', border: 'rgb(133, 144, 162)' });
    const darkRule = [...dark!.cssRules][0] as CSSStyleRule;
    expect(darkRule.style.cssText).not.to.contain('light-dark');
    expect(applied(darkRule, 'dark')).to.deep.equal({ background: 'rgb(34, 39, 43)', color: 'rgb(222, 228, 234)', border: 'rgb(115, 132, 150)' });
  });
});
