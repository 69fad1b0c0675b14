// The preference centre inside Forge: purposes the host's cookie preferences decide, storage that
// refuses an anonymous viewer (this visit only), and a save that has not landed yet.
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { Consent, ConsentStorage } from '../../src/index.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import { cleanup, settle, shadowAll, uiConfig } from './ui-fixtures.js';

async function mountWith(setup: (root: CandorConsentElement) => void): Promise<{ root: CandorConsentElement; consent: Consent; preferences: HTMLElement }> {
  const root = document.createElement('candor-consent') as CandorConsentElement;
  root.innerHTML = '<candor-preferences inline></candor-preferences>';
  setup(root);
  const ready = oneEvent(root, 'candor-ready');
  const container = document.createElement('div');
  container.append(root);
  document.body.append(container);
  await ready;
  await settle(root);
  return { root, consent: root.consent as Consent, preferences: root.querySelector('candor-preferences') as HTMLElement };
}

function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

function switchNamed(host: Element, label: string): HTMLButtonElement {
  const match = shadowAll<HTMLButtonElement>(host, '[role="switch"]').find((element) => {
    const id = element.getAttribute('aria-labelledby');
    return id && host.shadowRoot?.getElementById(id)?.textContent?.trim() === label;
  });
  if (!match) throw new Error(`no switch named ${label}`);
  return match;
}

describe('<candor-preferences> in Forge', () => {
  afterEach(() => {
    cleanup();
    document.querySelectorAll('candor-consent').forEach((element) => element.parentElement?.remove());
  });

  it('purposes decided by the host cookie preferences are shown, set by the host, not switchable', async () => {
    const config = { ...uiConfig(), host: { cookieCategories: { analytics: 'analytics' } } };
    const { preferences, consent } = await mountWith((root) => {
      root.setAttribute('storage', 'memory');
      root.config = config;
      root.signals = { gpc: false, dnt: false };
      root.host = { cookiePreferences: async () => ({ analytics: true }) };
    });
    const analytics = switchNamed(preferences, 'Product analytics');
    expect(analytics.disabled).to.equal(true);
    expect(analytics.getAttribute('aria-checked')).to.equal('true');
    expect(text(preferences)).to.contain('Set in your Atlassian cookie preferences');
    // Saving the centre does not record a choice of the person over the host's.
    shadowAll<HTMLButtonElement>(preferences, 'button').find((b) => b.textContent?.trim() === 'Save choices')!.click();
    await settle();
    expect(consent.state.choices['analytics']?.source).to.equal('host');
    await expect(preferences).to.be.accessible();
  });

  it('the banner asks only for what the host does not decide, and Accept all leaves the host\'s "no" alone', async () => {
    const config = { ...uiConfig(), host: { cookieCategories: { analytics: 'analytics' } } };
    const { root, consent } = await mountWith((candor) => {
      candor.innerHTML = '<candor-banner></candor-banner>';
      candor.setAttribute('storage', 'memory');
      candor.config = config;
      candor.signals = { gpc: false, dnt: false };
      candor.host = { cookiePreferences: async () => ({ analytics: false }) };
    });
    const banner = root.querySelector('candor-banner')!;
    expect(text(banner)).to.contain('We ask before we use: Advertising.');
    shadowAll<HTMLButtonElement>(banner, 'button').find((b) => b.textContent?.trim() === 'Accept all')!.click();
    await settle();
    expect(consent.state.choices['analytics']).to.include({ granted: false, source: 'host' });
    expect(consent.granted('advertising')).to.equal(true);
  });

  it('says choices are kept for this visit only when storage refuses an anonymous viewer', async () => {
    const refusing: ConsentStorage = {
      load: () => Promise.reject(Object.assign(new Error('anonymous'), { code: 'unauthenticated' })),
      save: () => Promise.reject(Object.assign(new Error('anonymous'), { code: 'unauthenticated' })),
      clear: () => Promise.resolve(),
    };
    const { preferences, consent } = await mountWith((root) => {
      root.config = uiConfig();
      root.signals = { gpc: false, dnt: false };
      root.storage = refusing;
    });
    expect(consent.persistent).to.equal(false);
    expect(text(preferences)).to.contain('Your choices are kept for this visit only.');
    await expect(preferences).to.be.accessible();
  });

  it('shows "not saved yet" while a save has not landed, and the choice already applies', async () => {
    let release: () => void = () => undefined;
    const slow: ConsentStorage = {
      load: () => Promise.resolve(null),
      save: () => new Promise<void>((resolve) => (release = resolve)),
      clear: () => Promise.resolve(),
    };
    const { preferences, consent } = await mountWith((root) => {
      root.config = uiConfig();
      root.signals = { gpc: false, dnt: false };
      root.storage = slow;
    });
    await consent.acceptAll();
    await settle();
    expect(consent.granted('analytics')).to.equal(true);
    expect(text(preferences)).to.contain('Not saved yet');
    await expect(preferences).to.be.accessible();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    expect(text(preferences)).not.to.contain('Not saved yet');
  });
});

describe('<candor-preferences> status after Save, while the save has not landed', () => {
  afterEach(() => {
    cleanup();
    document.querySelectorAll('candor-consent').forEach((element) => element.parentElement?.remove());
  });

  it('says "Not saved yet", then "Preferences saved" once it lands: never a stale "Not saved yet" (A7, 4.1.3)', async () => {
    let release: () => void = () => undefined;
    const slow: ConsentStorage = {
      load: () => Promise.resolve(null),
      save: () => new Promise<void>((resolve) => (release = resolve)),
      clear: () => Promise.resolve(),
    };
    const { preferences } = await mountWith((root) => {
      root.config = uiConfig();
      root.signals = { gpc: false, dnt: false };
      root.storage = slow;
    });
    const status = (): string => preferences.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';
    shadowAll<HTMLButtonElement>(preferences, 'button').find((b) => b.textContent?.trim() === 'Save choices')!.click();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the save grace
    await settle();
    expect(status()).to.match(/^Not saved yet/);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    expect(status()).to.equal('Preferences saved');
    expect(text(preferences)).not.to.contain('Not saved yet');
  });
});

describe('<candor-banner> after a decision that storage has not confirmed', () => {
  afterEach(() => {
    cleanup();
    document.querySelectorAll('candor-consent').forEach((element) => element.parentElement?.remove());
  });

  it('says "not saved yet" until the save lands, then goes', async () => {
    let release: () => void = () => undefined;
    const slow: ConsentStorage = {
      load: () => Promise.resolve(null),
      save: () => new Promise<void>((resolve) => (release = resolve)),
      clear: () => Promise.resolve(),
    };
    const root = document.createElement('candor-consent') as CandorConsentElement;
    root.innerHTML = '<candor-banner></candor-banner>';
    root.config = uiConfig();
    root.signals = { gpc: false, dnt: false };
    root.storage = slow;
    const ready = oneEvent(root, 'candor-ready');
    const container = document.createElement('div');
    container.append(root);
    document.body.append(container);
    await ready;
    await settle();
    const banner = root.querySelector('candor-banner')!;
    shadowAll<HTMLButtonElement>(banner, 'button').find((b) => b.textContent?.trim() === 'Accept all')!.click();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the save grace
    await settle();
    expect(banner.shadowRoot!.querySelector('section')).to.equal(null); // decided: the banner itself is gone
    expect(text(banner)).to.contain('Not saved yet');
    expect(banner.shadowRoot!.querySelector('[role="status"]')).to.exist;
    await expect(banner).to.be.accessible();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    expect(text(banner)).not.to.contain('Not saved yet');
  });
});

describe('<candor-consent> with forgeStorage over an invoke that fails, then recovers', () => {
  afterEach(() => {
    cleanup();
    document.querySelectorAll('candor-consent').forEach((element) => element.parentElement?.remove());
  });

  it('reports candor-error (code "storage"), keeps the choice, and saves it once the resolver answers', async () => {
    const { forgeStorage } = await import('../../src/storage/forge.js');
    let failing = true;
    const saved: unknown[] = [];
    const invoke = async (key: string, payload?: Record<string, unknown>): Promise<unknown> => {
      if (key === 'candor.consent.get') return { state: null };
      if (failing) throw new Error('resolver unavailable');
      saved.push(payload?.['state']);
      return { ok: true, state: payload?.['state'] };
    };
    const errors: Array<{ code: string; message: string }> = [];
    const root = document.createElement('candor-consent') as CandorConsentElement;
    root.config = uiConfig();
    root.signals = { gpc: false, dnt: false };
    root.storage = forgeStorage({ invoke, timeoutMs: 200 });
    root.addEventListener('candor-error', (event) => errors.push((event as CustomEvent).detail));
    const ready = oneEvent(root, 'candor-ready');
    const container = document.createElement('div');
    container.append(root);
    document.body.append(container);
    await ready;
    const consent = root.consent as Consent;
    await consent.acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consent.granted('analytics'), 'kept on the page, never read as "no consent"').to.equal(true);
    expect(consent.saveStatus).to.equal('failed');
    expect(errors.map((error) => error.code)).to.deep.equal(['storage']);
    failing = false;
    // The core retries with backoff (1 s first): the choice lands without another action.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(consent.saveStatus).to.equal('saved');
    expect(saved).to.have.length(1);
    expect((saved[0] as { choices: Record<string, { granted: boolean }> }).choices['analytics']?.granted).to.equal(true);
  });
});
