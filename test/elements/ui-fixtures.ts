// Shared fixtures of the visible-UI tests (banner, preferences, signal status): a config,
// a mount helper for `<candor-consent storage="memory">`, and small DOM helpers.
import { oneEvent } from '@open-wc/testing';
import '../../src/i18n/all.js';
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-banner.define.js';
import '../../src/elements/candor-preferences.define.js';
import '../../src/elements/candor-signal-status.define.js';
import type { CandorConfig, Signals } from '../../src/core/types.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import type { CandorBannerElement } from '../../src/elements/candor-banner.js';
import type { CandorPreferencesElement } from '../../src/elements/candor-preferences.js';
import type { CandorSignalStatusElement } from '../../src/elements/candor-signal-status.js';
import type { Consent } from '../../src/core/consent.js';

export const NO_SIGNALS: Signals = { gpc: false, dnt: false };

/**
 * A GDPR-style config: one necessary, two opt-in (analytics with a vendor, advertising),
 * one legitimate-interest purpose listing GPC (sale or sharing), one legitimate-interest
 * purpose without signals (promotional email). No revisions, so no change notice.
 */
export function uiConfig(): CandorConfig {
  return {
    policy: {
      id: 'ui-test',
      title: 'Privacy at Acme',
      version: '2026-01-01',
      effective: '2026-01-01',
      summary: 'We use a few services to run this site. You decide which ones.',
      url: '/privacy',
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', description: 'Keeps you signed in.', basis: 'necessary' },
      {
        id: 'analytics',
        label: 'Product analytics',
        description: 'Counts visits to improve the product.',
        basis: 'consent',
        signals: ['dnt'],
        vendors: [
          { name: 'Example Analytics', url: 'https://analytics.example/privacy' },
          { name: 'Offline Counter' },
        ],
      },
      { id: 'advertising', label: 'Advertising', description: 'Shows ads that fit you.', basis: 'consent', signals: ['gpc', 'dnt'] },
      {
        id: 'sale-share',
        label: 'Sale or sharing of personal information',
        description: 'Shares data with partners.',
        basis: 'legitimate-interest',
        signals: ['gpc'],
      },
      { id: 'marketing-email', label: 'Promotional email', description: 'Tells you about offers.', basis: 'legitimate-interest' },
    ],
  };
}

/** A US opt-out-only config: no `consent`-basis purpose, so the banner is a notice. */
export function noticeConfig(withGpc = true): CandorConfig {
  return {
    policy: {
      id: 'ui-notice',
      title: 'Your privacy choices',
      version: '2026-01-01',
      effective: '2026-01-01',
      summary: 'We may share data with partners. You can opt out at any time.',
      url: '/privacy',
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      {
        id: 'sale-share',
        label: 'Sale or sharing of personal information',
        basis: 'legitimate-interest',
        ...(withGpc ? { signals: ['gpc' as const] } : {}),
      },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ],
  };
}

export interface Mounted {
  root: CandorConsentElement;
  consent: Consent;
  banner: CandorBannerElement | null;
  preferences: CandorPreferencesElement | null;
  status: CandorSignalStatusElement | null;
  container: HTMLElement;
}

export interface MountOptions {
  config?: CandorConfig;
  /** Signals to use instead of the browser's; `null` means "read the browser's". */
  signals?: Signals | null;
  /** Inner HTML of `<candor-consent>` (banner, preferences, signal status…). */
  children?: string;
  theme?: 'light' | 'dark' | 'auto';
  /** HTML placed before and after the root inside the container. */
  before?: string;
  after?: string;
}

const mounted: HTMLElement[] = [];

/**
 * Mounts `<candor-consent storage="memory">` with `config` and `signals` in a fresh container
 * appended to `document.body`, waits for `candor-ready` and for its children to render.
 */
export async function mount(options: MountOptions = {}): Promise<Mounted> {
  const container = document.createElement('div');
  container.className = 'candor-ui-fixture';
  const root = document.createElement('candor-consent') as CandorConsentElement;
  root.setAttribute('storage', 'memory');
  if (options.theme) root.setAttribute('theme', options.theme);
  root.innerHTML = options.children ?? '<candor-banner></candor-banner>';
  root.config = options.config ?? uiConfig();
  const signals = options.signals === undefined ? NO_SIGNALS : options.signals;
  if (signals) root.signals = signals;
  if (options.before) container.insertAdjacentHTML('beforeend', options.before);
  container.append(root);
  if (options.after) container.insertAdjacentHTML('beforeend', options.after);
  const ready = oneEvent(root, 'candor-ready');
  document.body.append(container);
  mounted.push(container);
  await ready;
  const consent = root.consent as Consent;
  await settle(root);
  return {
    root,
    consent,
    banner: document.querySelector('candor-banner'),
    preferences: document.querySelector('candor-preferences'),
    status: document.querySelector('candor-signal-status'),
    container,
  };
}

/** Waits until every Candor element inside `root` (and the document) finished rendering. */
export async function settle(_root?: Element): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const elements = [...document.querySelectorAll('candor-banner, candor-preferences, candor-signal-status, candor-consent')];
    await Promise.all(elements.map((element) => (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  }
}

/** Removes every mounted fixture and clears localStorage (call in afterEach). */
export function cleanup(): void {
  for (const container of mounted.splice(0)) container.remove();
  for (const element of document.querySelectorAll('candor-consent, candor-preferences, candor-banner, candor-signal-status')) element.remove();
  localStorage.clear();
}

/** Elements of `host`'s shadow root matching `selector`. */
export function shadowAll<T extends Element = HTMLElement>(host: Element | null, selector: string): T[] {
  if (!host?.shadowRoot) throw new Error(`no shadow root on ${host?.tagName}`);
  return [...host.shadowRoot.querySelectorAll<T>(selector)];
}

export function shadow<T extends Element = HTMLElement>(host: Element | null, selector: string): T | null {
  return host?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** The button in `host`'s shadow root whose text (trimmed) is `name`. */
export function buttonNamed(host: Element | null, name: string): HTMLButtonElement {
  const found = shadowAll<HTMLButtonElement>(host, 'button').find((button) => (button.textContent ?? '').trim() === name);
  if (!found) throw new Error(`no button "${name}" in <${host?.tagName.toLowerCase()}>`);
  return found;
}

/** The innermost focused element, through open shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element of the focus chain from the document down through shadow roots. */
export function activeChain(): Element[] {
  const chain: Element[] = [];
  let active: Element | null = document.activeElement;
  while (active) {
    chain.push(active);
    active = active.shadowRoot?.activeElement ?? null;
  }
  return chain;
}

/** Text content of the shadow root with whitespace collapsed. */
export function visibleText(host: Element | null): string {
  return (host?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Parses a computed `rgb()`/`rgba()`/`color(srgb …)` colour into 0–255 channels and alpha. */
export function parseColor(value: string): { r: number; g: number; b: number; a: number } {
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)/.exec(value);
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) };
  const srgb = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\)/.exec(value);
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: srgb[4] === undefined ? 1 : Number(srgb[4]) };
  throw new Error(`cannot parse colour ${value}`);
}

function luminance(color: { r: number; g: number; b: number }): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

/** WCAG contrast ratio of two computed colours (both must be opaque). */
export function contrast(foreground: string, background: string): number {
  const fg = parseColor(foreground);
  const bg = parseColor(background);
  if (fg.a < 1 || bg.a < 1) throw new Error(`translucent colour in contrast check: ${foreground} on ${background}`);
  const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** The focus chain as text, e.g. `CANDOR-PREFERENCES > BUTTON "Save choices"` (for messages). */
export function focusPath(): string {
  return activeChain()
    .map((element) => {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const id = element.id ? `#${element.id}` : '';
      return element.shadowRoot || element === document.body ? `${element.tagName}${id}` : `${element.tagName}${id} "${text}"`;
    })
    .join(' > ');
}

// Focus assertions compare booleans and describe the focus as text: a failing chai assertion
// that has to print DOM elements (custom elements with shadow roots) has crashed the test page.

/** Asserts that `element` is the innermost focused element. */
export function assertFocusOn(element: Element | null | undefined, message = 'focus'): void {
  if (deepActive() !== element) throw new Error(`${message}: expected focus on ${element?.tagName ?? 'nothing'} "${element?.textContent?.trim() ?? ''}", focus is on ${focusPath() || 'nothing'}`);
}

/** Asserts that the focus chain goes through `host` (focus is inside it or its shadow root). */
export function assertFocusWithin(host: Element | null | undefined, message = 'focus'): void {
  const chain = activeChain();
  const inside = chain.some((element) => element === host || (host !== null && host !== undefined && host.contains(element)));
  if (!inside) throw new Error(`${message}: expected focus within ${host?.tagName ?? 'nothing'}, focus is on ${focusPath() || 'nothing'}`);
}

/** Every open `<dialog>` in the document, shadow roots included, and anything with aria-modal. */
export function openDialogs(): Element[] {
  const found: Element[] = [];
  const walk = (root: Document | ShadowRoot): void => {
    for (const element of root.querySelectorAll('*')) {
      if ((element instanceof HTMLDialogElement && element.open) || element.getAttribute('aria-modal') === 'true') found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  return found;
}

/** The nearest opaque background colour behind `element`, through slots and shadow hosts (white canvas last). */
export function opaqueBackground(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    if (parseColor(colour).a === 1) return colour;
    node = node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return 'rgb(255, 255, 255)';
}
