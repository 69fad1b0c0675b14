// <candor-change-notice> in real Chromium (issue 4 item 5; standards.md P3, P4, A7): shown only for
// unacknowledged material revisions (also announced ones, from `noticeFrom`), several collapsed into
// one, "Got it" records a `change-notice` record and fires `candor-acknowledge` without changing
// any choice, the acknowledgement persists, re-asked purposes bring the banner back.
// The root exposes no clock: revision dates are chosen relative to the real one, and the person's
// earlier visit is pre-seeded through `.storage = memoryStorage({ initial })`.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-banner.define.js';
import '../../src/elements/candor-change-notice.define.js';
import type { Consent } from '../../src/core/consent.js';
import type { CandorConfig, ConsentState, ConsentStorage, Revision } from '../../src/core/types.js';
import type { CandorChangeNoticeElement } from '../../src/elements/candor-change-notice.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import { memoryStorage } from '../../src/storage/memory.js';
import { buttonNamed, contrast, opaqueBackground, shadow, shadowAll, visibleText } from './ui-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
/** An ISO date `offset` days from today (UTC). */
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
/** How the notice writes that date in English. */
const long = (iso: string, locale = 'en'): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));

const V1 = day(-60); // what the person saw and chose under
const MINOR = day(-20);
const ANALYTICS = day(-10); // material, lists analytics
const LATEST = day(-2); // material, lists nothing

function config(revisions: Revision[], extra: Partial<CandorConfig['policy']> = {}): CandorConfig {
  return {
    policy: { id: 'notice-test', version: revisions[0]?.version ?? V1, url: '/privacy', summary: 'How we use data.', revisions, ...extra },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', basis: 'consent' },
      { id: 'advertising', label: 'Advertising', basis: 'consent' },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ],
  };
}

const first: Revision = { version: V1, effective: V1, material: true, summary: 'First policy.' };
const minor: Revision = { version: MINOR, effective: MINOR, material: false, summary: 'Fixed typos.' };
const analytics: Revision = {
  version: ANALYTICS,
  effective: ANALYTICS,
  material: true,
  summary: 'We now use product analytics.',
  purposes: ['analytics'],
  href: `/privacy/${ANALYTICS}`,
};
const latest: Revision = { version: LATEST, effective: LATEST, material: true, summary: 'We changed our controller.' };

/** The state of a person who decided on `V1` 30 days ago: analytics and advertising granted. */
function seeded(acknowledged: string | null = V1): ConsentState {
  const at = new Date(Date.now() - 30 * DAY).toISOString();
  const choice = { granted: true, source: 'user' as const, at, signals: { gpc: false, dnt: false } };
  return {
    schema: 1,
    policyId: 'notice-test',
    policyVersion: V1,
    acknowledgedVersion: acknowledged,
    choices: { analytics: choice, advertising: choice, 'marketing-email': { ...choice, granted: false } },
    updatedAt: at,
    expiresAt: new Date(Date.now() + 150 * DAY).toISOString(),
    records: [],
  };
}

interface Mounted {
  root: CandorConsentElement;
  consent: Consent;
  notice: CandorChangeNoticeElement;
  banner: HTMLElement;
}

const containers: HTMLElement[] = [];

async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const elements = [...document.querySelectorAll('candor-banner, candor-change-notice')];
    await Promise.all(elements.map((element) => (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  }
}

async function mount(
  cfg: CandorConfig,
  storage: ConsentStorage = memoryStorage({ initial: seeded() }),
  options: { theme?: string; before?: string } = {},
): Promise<Mounted> {
  const container = document.createElement('div');
  if (options.before) container.innerHTML = options.before;
  const root = document.createElement('candor-consent') as CandorConsentElement;
  if (options.theme) root.setAttribute('theme', options.theme);
  root.innerHTML = '<candor-change-notice></candor-change-notice><candor-banner></candor-banner>';
  root.config = cfg;
  root.storage = storage;
  root.signals = { gpc: false, dnt: false };
  container.append(root);
  const ready = oneEvent(root, 'candor-ready');
  document.body.append(container);
  containers.push(container);
  await ready;
  await settle();
  return {
    root,
    consent: root.consent as Consent,
    notice: root.querySelector('candor-change-notice')!,
    banner: root.querySelector('candor-banner')!,
  };
}

afterEach(() => {
  for (const container of containers.splice(0)) container.remove();
});

/** The focused element, through open shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<candor-change-notice>: focus after Got it (WCAG 2.4.3)', () => {
  it('from the keyboard: back to the page element focus came from', async () => {
    const { notice } = await mount(config([latest, first]), undefined, { before: '<button id="before">Before</button>' });
    (document.getElementById('before') as HTMLButtonElement).focus();
    for (let i = 0; i < 6 && focused()?.textContent?.trim() !== 'Got it'; i++) await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Got it');
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(notice.shadowRoot!.querySelector('button'), 'the notice has gone').to.equal(null);
    expect(document.activeElement?.id).to.equal('before');
  });

  it('from the keyboard, with no page element before it: on to the banner that asks again', async () => {
    const { notice } = await mount(config([analytics, minor, first]));
    const gotIt = [...notice.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Got it')!;
    await sendKeys({ press: 'Shift' }); // keyboard modality, as if tabbed to
    gotIt.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(focused()?.textContent?.trim()).to.equal('Accept all');
  });
});

const region = (notice: Element): HTMLElement | null => shadow<HTMLElement>(notice, '.shown');
const shown = (notice: Element): boolean => region(notice) !== null;
const bannerShown = (banner: Element): boolean => shadow(banner, 'section') !== null;

describe('<candor-change-notice>: when it shows', () => {
  it('shows nothing on a first visit (the first decision acknowledges the current version)', async () => {
    const { notice, banner, consent } = await mount(config([latest, analytics, minor, first]), memoryStorage());
    expect(consent.needsChangeNotice).to.equal(false);
    expect(shown(notice)).to.equal(false);
    expect(visibleText(notice)).to.equal('');
    expect(bannerShown(banner), 'the banner asks instead').to.equal(true);
    await consent.acceptAll();
    await settle();
    expect(shown(notice), 'deciding acknowledged the current version').to.equal(false);
  });

  it('shows nothing for a minor revision', async () => {
    const { notice, consent } = await mount(config([minor, first]));
    expect(consent.needsChangeNotice).to.equal(false);
    expect(shown(notice)).to.equal(false);
  });

  it('shows nothing once the latest material revision is acknowledged', async () => {
    const typo: Revision = { version: day(-1), effective: day(-1), material: false, summary: 'Typo.' };
    const { notice, consent } = await mount(config([typo, latest, minor, first]), memoryStorage({ initial: seeded(LATEST) }));
    expect(consent.policyVersion).to.equal(day(-1));
    expect(shown(notice)).to.equal(false);
  });

  it('shows a material revision: title, summary, effective date in the locale (UTC), Review changes and Got it', async () => {
    const { notice } = await mount(config([latest, minor, first]));
    expect(shown(notice)).to.equal(true);
    const text = visibleText(notice);
    expect(text).to.contain('We updated our privacy policy');
    expect(text).to.contain('We changed our controller.');
    expect(text).to.contain(`Effective starting ${long(LATEST)}`);
    expect(text, 'a minor revision is not listed').to.not.contain('Fixed typos.');
    expect(shadowAll(notice, 'li')).to.have.length(0);
    expect(shadow(notice, 'a[part~="review"]')?.textContent?.trim()).to.equal('Review changes');
    expect(buttonNamed(notice, 'Got it')).to.exist;
  });

  it('formats the date for the page locale (de, ja)', async () => {
    for (const locale of ['de', 'ja']) {
      const cfg = { ...config([latest, first]), locale };
      const { notice } = await mount(cfg);
      const text = visibleText(notice);
      expect(text, locale).to.contain(long(LATEST, locale));
      expect(text, locale).to.contain(locale === 'de' ? 'Verstanden' : '了解しました');
      for (const container of containers.splice(0)) container.remove();
    }
  });

  it('collapses several unseen material revisions into one notice listing each (newest first, with dates)', async () => {
    const { notice, consent } = await mount(config([latest, analytics, minor, first]));
    expect(consent.changeNotices.map((revision) => revision.version)).to.deep.equal([LATEST, ANALYTICS]);
    expect(document.querySelectorAll('candor-change-notice')).to.have.length(1);
    expect(shadowAll(notice, '[role="status"]')).to.have.length(1);
    const items = shadowAll(notice, 'li').map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).to.deep.equal([
      `We changed our controller. Effective starting ${long(LATEST)}`,
      `We now use product analytics. Effective starting ${long(ANALYTICS)}`,
    ]);
    expect(shadowAll(notice, 'button'), 'one Got it for all').to.have.length(1);
  });

  it('shows an announced revision from its noticeFrom date: "changes on <date>"', async () => {
    const upcoming: Revision = { version: day(10), effective: day(10), noticeFrom: day(-1), material: true, summary: 'We will share data with a new processor.' };
    const { notice, consent } = await mount(config([upcoming, first], { version: V1 }));
    expect(consent.policyVersion, 'not in effect yet').to.equal(V1);
    expect(shown(notice)).to.equal(true);
    const text = visibleText(notice);
    expect(text).to.contain(`Our privacy policy changes on ${long(day(10))}`);
    expect(text).to.contain('We will share data with a new processor.');
  });

  it('does not show an announced revision before its noticeFrom date', async () => {
    const later: Revision = { version: day(10), effective: day(10), noticeFrom: day(1), material: true, summary: 'Later.' };
    const { notice } = await mount(config([later, first], { version: V1 }));
    expect(shown(notice)).to.equal(false);
  });

  it('lists an announced revision beside one in effect, each with its date', async () => {
    const upcoming: Revision = { version: day(10), effective: day(10), noticeFrom: day(-1), material: true, summary: 'Soon.' };
    const { notice } = await mount(config([upcoming, latest, first], { version: LATEST }));
    const text = visibleText(notice);
    expect(text).to.contain('We updated our privacy policy');
    expect(text).to.contain(`Soon. Effective starting ${long(day(10))}`);
    expect(text).to.contain(`Effective starting ${long(LATEST)}`);
  });
});

describe('<candor-change-notice>: Got it', () => {
  it('hides it, records a change-notice record, fires candor-acknowledge once (also on window), changes no choice', async () => {
    const storage = memoryStorage({ initial: seeded() });
    const { root, notice, consent } = await mount(config([latest, minor, first]), storage);
    const before = JSON.stringify(consent.state.choices);
    const seen: Array<{ version: string; recordId: string }> = [];
    const onWindow: Array<WindowEventMap['candor-acknowledge']> = [];
    // docs/events.md: typed in HTMLElementEventMap and WindowEventMap (no cast needed: `npm run typecheck`).
    const listener = (event: WindowEventMap['candor-acknowledge']): void => void onWindow.push(event);
    root.addEventListener('candor-acknowledge', (event) => seen.push(event.detail));
    window.addEventListener('candor-acknowledge', listener);
    const changes: Event[] = [];
    root.addEventListener('candor-change', (event) => changes.push(event));
    try {
      const button = buttonNamed(notice, 'Got it');
      button.click();
      button.click(); // a double click acknowledges once
      await oneEvent(root, 'candor-acknowledge');
      await new Promise((resolve) => setTimeout(resolve, 400));
      await settle();
    } finally {
      window.removeEventListener('candor-acknowledge', listener);
    }
    expect(shown(notice), 'hidden').to.equal(false);
    expect(seen).to.have.length(1);
    expect(onWindow).to.have.length(1);
    expect(onWindow[0]!.bubbles && onWindow[0]!.composed).to.equal(true);
    const records = consent.records();
    expect(records.filter((record) => record.method === 'change-notice')).to.have.length(1);
    expect(records[0]!.method).to.equal('change-notice');
    expect(seen[0]).to.deep.equal({ version: LATEST, recordId: records[0]!.recordId });
    expect(consent.state.acknowledgedVersion).to.equal(LATEST);
    expect(JSON.stringify(consent.state.choices), 'no choice changed').to.equal(before);
    expect(changes, 'no candor-change: nothing granted changed').to.have.length(0);
  });

  it('persists the acknowledgement across a reload (same storage)', async () => {
    const storage = memoryStorage({ initial: seeded() });
    const cfg = config([latest, analytics, minor, first]);
    const { root, notice } = await mount(cfg, storage);
    const acknowledged = oneEvent(root, 'candor-acknowledge');
    buttonNamed(notice, 'Got it').click();
    await acknowledged;
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const container of containers.splice(0)) container.remove();

    const again = await mount(cfg, storage);
    expect(again.consent.state.acknowledgedVersion).to.equal(LATEST);
    expect(again.consent.records()[0]!.method).to.equal('change-notice');
    expect(shown(again.notice), 'no notice after reload').to.equal(false);
  });

  it('is never dismissed by a timer', async () => {
    const { notice, consent } = await mount(config([latest, first]));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await settle();
    expect(shown(notice)).to.equal(true);
    expect(consent.records()).to.have.length(0);
  });
});

describe('<candor-change-notice>: re-asked purposes', () => {
  it('after a material revision listing analytics the banner asks again and analytics is not granted; other choices stay', async () => {
    const { notice, banner, consent } = await mount(config([analytics, minor, first]));
    expect(shown(notice)).to.equal(true);
    expect(consent.granted('analytics')).to.equal(false);
    expect(consent.undecided).to.include('analytics');
    expect(consent.granted('advertising'), 'a choice the revision did not touch stays').to.equal(true);
    expect(bannerShown(banner), 'the banner asks again').to.equal(true);

    buttonNamed(notice, 'Got it').click();
    await oneEvent(document.querySelector('candor-consent')!, 'candor-acknowledge');
    await settle();
    expect(shown(notice)).to.equal(false);
    expect(consent.granted('analytics'), 'acknowledging is not consent').to.equal(false);
    expect(bannerShown(banner), 'the banner still asks').to.equal(true);
  });
});

describe('<candor-change-notice>: Review changes', () => {
  it('links to the changes view on the configured policy page, since the acknowledged version', async () => {
    const { notice } = await mount(config([latest, first], { url: '/privacy#top' }));
    expect(shadow(notice, 'a[part~="review"]')!.getAttribute('href')).to.equal(`/privacy#changes-${V1}`);
  });

  it('links to the changes view on this page when it has a <candor-policy>', async () => {
    const { notice } = await mount(config([latest, first]), undefined, { before: '<candor-policy></candor-policy>' });
    expect(shadow(notice, 'a[part~="review"]')!.getAttribute('href')).to.equal(`#changes-${V1}`);
  });

  it("falls back to the revision's own page when no policy URL is configured", async () => {
    const cfg = config([analytics, first]);
    delete cfg.policy.url;
    const { notice } = await mount(cfg);
    expect(shadow(notice, 'a[part~="review"]')!.getAttribute('href')).to.equal(analytics.href);
  });

  it('goes through the root navigate hook (Forge)', async () => {
    const { root, notice } = await mount(config([latest, first]));
    const opened: string[] = [];
    root.navigate = (url) => opened.push(url);
    const link = shadow<HTMLAnchorElement>(notice, 'a[part~="review"]')!;
    link.click();
    expect(opened).to.deep.equal([new URL(`/privacy#changes-${V1}`, location.href).href]);
  });
});

describe('<candor-change-notice>: accessibility', () => {
  const states: Array<[string, () => Revision[], Partial<CandorConfig['policy']>]> = [
    ['single', () => [latest, first], {}],
    ['collapsed', () => [latest, analytics, minor, first], {}],
    ['upcoming', () => [{ version: day(10), effective: day(10), noticeFrom: day(-1), material: true, summary: 'Soon.' }, first], { version: V1 }],
  ];
  for (const theme of ['light', 'dark']) {
    for (const [name, revisions, policy] of states) {
      it(`is axe-clean: ${name}, ${theme} theme`, async () => {
        const { notice } = await mount(config(revisions(), policy), undefined, { theme });
        expect(shown(notice)).to.equal(true);
        await expect(notice).to.be.accessible();
      });
    }
  }

  it('is a labelled polite live region, not a dialog', async () => {
    const { notice } = await mount(config([latest, first]));
    const base = region(notice)!;
    expect(base.getAttribute('role')).to.equal('status');
    const label = notice.shadowRoot!.getElementById(base.getAttribute('aria-labelledby')!);
    expect(label?.textContent?.trim()).to.equal('We updated our privacy policy');
    expect(shadowAll(notice, 'dialog, [role="dialog"], [aria-modal]')).to.have.length(0);
  });

  it('keeps the live region in place while empty, so a notice that appears is announced', async () => {
    const { notice } = await mount(config([minor, first]));
    expect(shadowAll(notice, '[role="status"]')).to.have.length(1);
    expect(notice.getBoundingClientRect().height).to.equal(0);
  });

  for (const theme of ['light', 'dark']) {
    it(`gives Review changes and Got it equal weight, 24×24 targets and contrast (${theme})`, async () => {
      const { notice } = await mount(config([latest, first]), undefined, { theme });
      const link = shadow<HTMLElement>(notice, 'a[part~="review"]')!;
      const button = buttonNamed(notice, 'Got it');
      const props = ['font-size', 'font-weight', 'background-color', 'color', 'border-top-width', 'border-top-color', 'border-radius', 'padding-top', 'text-decoration-line'];
      const style = (element: Element): string[] => props.map((prop) => getComputedStyle(element).getPropertyValue(prop));
      expect(style(link)).to.deep.equal(style(button));
      for (const target of [link, button]) {
        const box = target.getBoundingClientRect();
        expect(box.width).to.be.at.least(24);
        expect(box.height).to.be.at.least(24);
        const computed = getComputedStyle(target);
        expect(contrast(computed.color, opaqueBackground(target))).to.be.at.least(4.5);
      }
      expect(Math.abs(link.getBoundingClientRect().height - button.getBoundingClientRect().height)).to.be.below(1);
      const base = region(notice)!;
      expect(contrast(getComputedStyle(base).color, opaqueBackground(base))).to.be.at.least(4.5);
      // The keyboard focus indicator (WCAG 1.4.11, 2.4.7): 2px, 3:1 on the notice. A key press first:
      // focus shows for keyboard users (after a mouse click, Chrome would not show it).
      await sendKeys({ press: 'Shift' });
      for (const target of [link, button]) {
        target.focus({ focusVisible: true } as FocusOptions);
        expect(target.matches(':focus-visible')).to.equal(true);
        const computed = getComputedStyle(target);
        expect(computed.outlineStyle).to.equal('solid');
        expect(parseFloat(computed.outlineWidth)).to.be.at.least(2);
        expect(contrast(computed.outlineColor, opaqueBackground(base)), `${theme} focus ring`).to.be.at.least(3);
      }
    });
  }

  it('keeps page content clear of the fixed notice (scroll padding at the top), and releases it when gone', async () => {
    const { notice } = await mount(config([latest, first]));
    const height = region(notice)!.getBoundingClientRect().height;
    expect(height).to.be.greaterThan(0);
    expect(parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop)).to.be.closeTo(Math.ceil(height), 1);
    buttonNamed(notice, 'Got it').click();
    await oneEvent(document.querySelector('candor-consent')!, 'candor-acknowledge');
    await settle();
    expect(getComputedStyle(document.documentElement).scrollPaddingTop).to.equal('auto');
  });
});
