// Page-wide behaviour of the root that answers for the document: `data-candor` triggers
// (DESIGN.md "Elements": triggers; issue 3 item 7) and deleting a purpose's first-party
// `cookies` when it is revoked (issue 3 item 3, last sentence).
import { expect, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import type { CandorPreferencesElement } from '../../src/elements/candor-preferences.js';
import type { CandorConfig, ChangeDetail, Signals } from '../../src/core/types.js';

const NO_SIGNALS: Signals = { gpc: false, dnt: false };

function config(id = 'triggers-test'): CandorConfig {
  return {
    policy: { id, title: 'Privacy at Acme', version: '2026-01-01', effective: '2026-01-01', summary: 'We ask before we measure.', url: '/privacy' },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', description: 'Keeps you signed in.', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', description: 'Counts visits.', basis: 'consent', signals: ['gpc', 'dnt'], cookies: ['_t1', '/^_t2_/'] },
      { id: 'advertising', label: 'Advertising', description: 'Shows ads that fit you.', basis: 'consent', signals: ['gpc'], cookies: ['_ad'] },
      { id: 'sale-share', label: 'Sale or sharing', description: 'Shares data with partners.', basis: 'legitimate-interest', signals: ['gpc'] },
      { id: 'marketing-email', label: 'Promotional email', description: 'Tells you about offers.', basis: 'legitimate-interest' },
    ],
  };
}
const ALL = ['necessary', 'analytics', 'advertising', 'sale-share', 'marketing-email'];

const added: Element[] = [];
function add<T extends Element>(element: T, parent: Element = document.body): T {
  parent.append(element);
  added.push(element);
  return element;
}

/** Adds HTML at the end of the body; returns its first element. */
function addHtml<T extends Element = HTMLElement>(markup: string): T {
  const holder = add(document.createElement('div'));
  holder.innerHTML = markup;
  return holder.firstElementChild as T;
}

async function mountRoot(id = 'triggers-test', children = ''): Promise<CandorConsentElement> {
  const root = document.createElement('candor-consent');
  root.setAttribute('storage', 'memory');
  root.innerHTML = children;
  root.config = config(id);
  root.signals = NO_SIGNALS;
  const ready = oneEvent(root, 'candor-ready');
  add(root);
  await ready;
  return root;
}

function granted(root: CandorConsentElement): string[] {
  return ALL.filter((id) => root.consent!.granted(id));
}

/** Clicks `target` and waits for the root's candor-change. */
async function clickAndChange(root: CandorConsentElement, target: HTMLElement): Promise<ChangeDetail> {
  const change = oneEvent(root, 'candor-change') as Promise<CustomEvent<ChangeDetail>>;
  target.click();
  return (await change).detail;
}

/** The modal preference centre's dialog, once open. */
async function openDialog(preferences: Element): Promise<HTMLDialogElement> {
  await waitUntil(() => preferences.shadowRoot?.querySelector('dialog')?.open === true, 'the preference centre dialog is not open', { timeout: 3000 });
  return preferences.shadowRoot!.querySelector('dialog')!;
}

const COOKIES = ['_t1', '_t2_a', '_t2_b', 'x_t2_a', '_keep', '_ad'];

function setCookie(name: string): void {
  document.cookie = `${name}=1; Path=/; SameSite=Lax`;
}
function cookieNames(): string[] {
  return document.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();
}

afterEach(async () => {
  for (const dialog of document.querySelectorAll('candor-preferences')) (dialog as CandorPreferencesElement).close?.();
  for (const element of added.splice(0).reverse()) element.remove();
  for (const element of document.querySelectorAll('candor-consent, candor-preferences, candor-banner')) element.remove();
  for (const name of COOKIES) document.cookie = `${name}=; Max-Age=0; Path=/`;
  localStorage.clear();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  await nextFrame();
});


/** A root in the page that has no config yet (an app sets it later; the script tag's is on its way). */
function rootWithoutConfig(): CandorConsentElement {
  const root = document.createElement('candor-consent');
  root.setAttribute('storage', 'memory');
  root.signals = NO_SIGNALS;
  add(root);
  return root;
}

describe('data-candor triggers', () => {
  it('"accept-all" grants every purpose', async () => {
    const root = await mountRoot();
    const button = addHtml<HTMLButtonElement>('<button type="button" data-candor="accept-all">Accept all</button>');
    const detail = await clickAndChange(root, button);
    expect(detail.origin).to.equal('user');
    expect(granted(root)).to.deep.equal(ALL);
    expect(root.consent!.records()[0]?.method).to.equal('accept-all');
  });

  it('"reject-all" leaves only necessary purposes granted', async () => {
    const root = await mountRoot();
    const button = addHtml<HTMLButtonElement>('<button type="button" data-candor="reject-all">Reject all</button>');
    await clickAndChange(root, button);
    expect(granted(root)).to.deep.equal(['necessary']);
    expect(root.consent!.records()[0]?.method).to.equal('reject-all');
  });

  it('"opt-out" denies every purpose that lists a signal, and only those', async () => {
    const root = await mountRoot();
    await root.consent!.acceptAll();
    const button = addHtml<HTMLButtonElement>('<button type="button" data-candor="opt-out">Do not sell or share</button>');
    const detail = await clickAndChange(root, button);
    expect([...detail.changed].sort()).to.deep.equal(['advertising', 'analytics', 'sale-share']);
    expect(granted(root)).to.deep.equal(['necessary', 'marketing-email']);
    expect(root.consent!.records()[0]?.method).to.equal('opt-out');
  });

  it('"show-preferences" opens a modal <candor-preferences>, created when the page has none', async () => {
    await mountRoot();
    expect(document.querySelector('candor-preferences')).to.equal(null);
    const link = addHtml<HTMLButtonElement>('<button type="button" data-candor="show-preferences">Privacy choices</button>');
    link.focus();
    link.click();
    await waitUntil(() => document.querySelector('candor-preferences'), 'no <candor-preferences> was created');
    const preferences = document.querySelector('candor-preferences')!;
    const dialog = await openDialog(preferences);
    expect(dialog.matches(':modal'), 'modal').to.equal(true);
    expect(document.querySelectorAll('candor-preferences').length).to.equal(1);
    // Closing returns focus to the trigger.
    (preferences as CandorPreferencesElement).close();
    await waitUntil(() => document.activeElement === link, 'focus did not return to the trigger');
  });

  it('the preference centre a "show-preferences" trigger opens is accessible', async () => {
    await mountRoot();
    const link = addHtml<HTMLButtonElement>('<button type="button" data-candor="show-preferences">Privacy choices</button>');
    link.click();
    await waitUntil(() => document.querySelector('candor-preferences'), 'no <candor-preferences> was created');
    const preferences = document.querySelector('candor-preferences')!;
    await openDialog(preferences);
    await expect(preferences).to.be.accessible();
  });

  it('"show-preferences" opens the page\'s own modal preference centre instead of creating one', async () => {
    const root = await mountRoot('triggers-test', '<candor-preferences id="mine"></candor-preferences>');
    const mine = root.querySelector('candor-preferences')!;
    await (mine as CandorPreferencesElement).updateComplete;
    const link = addHtml<HTMLButtonElement>('<button type="button" data-candor="show-preferences">Privacy choices</button>');
    link.click();
    await openDialog(mine);
    expect(document.querySelectorAll('candor-preferences').length).to.equal(1);
  });

  it('"show-preferences" does not open an inline preference centre as a modal (it creates a modal one)', async () => {
    const root = await mountRoot('triggers-test', '<candor-preferences inline></candor-preferences>');
    const inline = root.querySelector('candor-preferences')!;
    const link = addHtml<HTMLButtonElement>('<button type="button" data-candor="show-preferences">Privacy choices</button>');
    link.click();
    await waitUntil(() => document.querySelectorAll('candor-preferences').length === 2, 'no modal preference centre was created');
    const modal = [...document.querySelectorAll('candor-preferences')].find((element) => element !== inline)!;
    await openDialog(modal);
    expect(inline.shadowRoot?.querySelector('dialog'), 'the inline centre has no dialog').to.equal(null);
  });

  it('works for a trigger inside another element\'s (open) shadow root', async () => {
    const root = await mountRoot();
    const host = add(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<footer><button type="button" data-candor="accept-all">Accept all</button></footer>';
    await clickAndChange(root, shadow.querySelector('button')!);
    expect(granted(root)).to.deep.equal(ALL);
  });

  it('"show-preferences" inside a shadow root opens the preference centre', async () => {
    await mountRoot();
    const host = add(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="#" data-candor="show-preferences">Privacy choices</a>';
    shadow.querySelector('a')!.click();
    await waitUntil(() => document.querySelector('candor-preferences'), 'no <candor-preferences> was created');
    await openDialog(document.querySelector('candor-preferences')!);
  });

  it('a click on a child of the trigger counts (a link with an icon and text)', async () => {
    const root = await mountRoot();
    const link = addHtml<HTMLAnchorElement>('<a href="#" data-candor="reject-all"><span>Reject</span> <b>all</b></a>');
    await clickAndChange(root, link.querySelector('b')!);
    expect(granted(root)).to.deep.equal(['necessary']);
  });

  for (const href of ['#', '#privacy-choices']) {
    it(`<a href="${href}" data-candor> does not navigate (default prevented)`, async () => {
      const root = await mountRoot();
      const link = addHtml<HTMLAnchorElement>(`<a href="${href}" data-candor="accept-all">Accept all</a>`);
      const before = location.href;
      let prevented: boolean | undefined;
      const seen = (event: Event) => (prevented = event.defaultPrevented);
      window.addEventListener('click', seen);
      try {
        await clickAndChange(root, link);
      } finally {
        window.removeEventListener('click', seen);
      }
      expect(prevented, 'defaultPrevented').to.equal(true);
      await nextFrame();
      expect(location.href, 'no navigation').to.equal(before);
    });
  }

  it('an unknown data-candor value does nothing and keeps the default action', async () => {
    const root = await mountRoot();
    const link = addHtml<HTMLAnchorElement>('<a href="#unknown-action" data-candor="subscribe">Subscribe</a>');
    const changes: Event[] = [];
    root.addEventListener('candor-change', (event) => changes.push(event));
    let prevented: boolean | undefined;
    const seen = (event: Event) => (prevented = event.defaultPrevented);
    window.addEventListener('click', seen);
    link.click();
    window.removeEventListener('click', seen);
    expect(prevented).to.equal(false);
    await nextFrame();
    expect(changes).to.have.length(0);
    expect(granted(root)).to.deep.equal(['necessary', 'sale-share', 'marketing-email']);
  });

  it('a trigger added after the root is ready works too', async () => {
    const root = await mountRoot();
    await nextFrame();
    const late = addHtml<HTMLButtonElement>('<p><button type="button" data-candor="accept-all">Accept all</button></p>').querySelector('button')!;
    await clickAndChange(root, late);
    expect(granted(root)).to.deep.equal(ALL);
  });

  it('after the root is replaced, triggers act on the new root', async () => {
    const first = await mountRoot('first-root');
    first.remove();
    const second = await mountRoot('second-root');
    const button = addHtml<HTMLButtonElement>('<button type="button" data-candor="accept-all">Accept all</button>');
    await clickAndChange(second, button);
    expect(granted(second)).to.deep.equal(ALL);
  });

  it('a trigger clicked while the root has no config yet is kept, not followed, and acts once the root is ready', async () => {
    // Forge: the app sets root.config after `await view.getContext()`; the script tag: a slow config.
    const root = rootWithoutConfig();
    const link = addHtml<HTMLAnchorElement>('<a href="#early-trigger" data-candor="reject-all">Reject all</a>');
    let prevented: boolean | undefined;
    const seen = (event: Event) => (prevented = event.defaultPrevented);
    window.addEventListener('click', seen);
    link.click();
    window.removeEventListener('click', seen);
    expect(prevented, 'the link is not followed').to.equal(true);
    const ready = oneEvent(root, 'candor-ready');
    root.config = config();
    await ready;
    await waitUntil(() => root.consent!.records().length === 1, 'the held click was never acted on');
    expect(root.consent!.records()[0]?.method).to.equal('reject-all');
    expect(granted(root)).to.deep.equal(['necessary']);
  });

  it('a trigger held while the config loads is followed as the link it is when the config turns out invalid; later ones are not held', async () => {
    const root = rootWithoutConfig();
    const link = addHtml<HTMLAnchorElement>('<a href="#privacy-page" data-candor="reject-all">Reject all</a>');
    const followed: boolean[] = [];
    const seen = (event: Event) => followed.push(!event.defaultPrevented);
    window.addEventListener('click', seen);
    try {
      link.click();
      expect(followed, 'held while the config loads').to.deep.equal([false]);
      const failed = oneEvent(root, 'candor-error');
      root.config = { ...config(), purposes: 'none' } as unknown as CandorConfig;
      await failed;
      expect(followed, 'then followed: the person reaches the privacy page without Candor').to.deep.equal([false, true]);
      link.click();
      expect(followed.at(-1), 'a later click is not held').to.equal(true);
      // A config that loads later holds clicks again until it is ready.
      root.config = config();
      link.click();
      expect(followed.at(-1), 'held for the new config').to.equal(false);
      await oneEvent(root, 'candor-ready');
    } finally {
      window.removeEventListener('click', seen);
    }
  });

  it('a removed root no longer acts on triggers', async () => {
    const first = await mountRoot('first-root');
    const firstConsent = first.consent!;
    first.remove();
    await nextFrame();
    const link = addHtml<HTMLAnchorElement>('<a href="#removed-root" data-candor="accept-all">Accept all</a>');
    let prevented: boolean | undefined;
    const seen = (event: Event) => (prevented = event.defaultPrevented);
    window.addEventListener('click', seen);
    link.click();
    window.removeEventListener('click', seen);
    await nextFrame();
    expect(firstConsent.granted('analytics'), 'the removed root\'s controller decided').to.equal(false);
    expect(firstConsent.records(), 'records of the removed root').to.have.length(0);
    expect(prevented, 'a trigger with no root keeps its default action').to.equal(false);
  });
});

describe('cookie cleanup on revoke', () => {
  beforeEach(() => {
    for (const name of COOKIES) setCookie(name);
    expect(cookieNames(), 'cookies set up').to.include.members(COOKIES);
  });

  it('granting keeps the purpose\'s cookies; revoking deletes them (names and /regex/), others stay', async () => {
    const root = await mountRoot();
    await root.consent!.set({ analytics: true });
    expect(cookieNames()).to.include.members(['_t1', '_t2_a', '_t2_b']);
    await root.consent!.set({ analytics: false });
    const left = cookieNames();
    expect(left, 'deleted').not.to.include.members(['_t1']);
    expect(left).not.to.include('_t2_a');
    expect(left).not.to.include('_t2_b');
    expect(left, 'kept').to.include.members(['_keep', 'x_t2_a', '_ad']);
  });

  it('revoking through a reject-all trigger deletes the cookies of every revoked purpose', async () => {
    const root = await mountRoot();
    await root.consent!.acceptAll();
    const button = addHtml<HTMLButtonElement>('<button type="button" data-candor="reject-all">Reject all</button>');
    await clickAndChange(root, button);
    const left = cookieNames();
    for (const name of ['_t1', '_t2_a', '_t2_b', '_ad']) expect(left, 'deleted').not.to.include(name);
    expect(left, 'kept').to.include.members(['_keep', 'x_t2_a']);
  });

  it('a cookie with a malformed escape in its name, anywhere on the site, does not stop the clean-up', async () => {
    document.cookie = 'bad%E0name=1; Path=/; SameSite=Lax';
    try {
      const root = await mountRoot();
      await root.consent!.acceptAll();
      await root.consent!.rejectAll();
      const left = cookieNames();
      for (const name of ['_t1', '_t2_a', '_t2_b', '_ad']) expect(left, 'deleted').not.to.include(name);
      expect(left, 'kept').to.include.members(['_keep', 'bad%E0name']);
    } finally {
      document.cookie = 'bad%E0name=; Max-Age=0; Path=/';
    }
  });

  // Cookies set for sub-paths: test/e2e (its pages live under /test/e2e/pages/; these tests run at /).

  it('revoking another purpose leaves this purpose\'s cookies alone', async () => {
    const root = await mountRoot();
    await root.consent!.acceptAll();
    await root.consent!.set({ advertising: false });
    const left = cookieNames();
    expect(left).not.to.include('_ad');
    expect(left).to.include.members(['_t1', '_t2_a', '_t2_b', '_keep', 'x_t2_a']);
  });
});
