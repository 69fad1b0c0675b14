// Helpers of the gate, script-gate, CSP and i18n tests: a config, a mount helper for
// `<candor-consent storage="memory">`, and an iframe loader for the fixture pages.
import '../../../src/define.js';
import type { Consent } from '../../../src/core/consent.js';
import type { CandorConfig, Signals } from '../../../src/core/types.js';
import type { CandorConsentElement } from '../../../src/elements/candor-consent.js';

export const OFF: Signals = { gpc: false, dnt: false };

/** Two opt-in purposes (analytics with a per-locale label, advertising) and a necessary one. */
export function gateConfig(): CandorConfig {
  return {
    policy: { id: 'gate-test', title: 'Privacy at Acme', version: '2026-01-01', effective: '2026-01-01', summary: 'We ask first.', url: '/privacy' },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: { en: 'Product analytics', de: 'Produktanalyse', fr: 'Mesure d’audience', es: 'Analítica de producto', ja: 'プロダクト分析' }, basis: 'consent' },
      { id: 'advertising', label: 'Advertising', basis: 'consent' },
    ],
  };
}

export interface Mounted {
  root: CandorConsentElement;
  consent: Consent;
  container: HTMLElement;
}

export interface MountOptions {
  config?: CandorConfig;
  /** Inner HTML of `<candor-consent>`. */
  children?: string;
  /** HTML after `<candor-consent>` in the container (outside the root). */
  after?: string;
}

const containers: HTMLElement[] = [];

/** Mounts `<candor-consent storage="memory">` in a fresh container and waits until it is ready. */
export async function mount(options: MountOptions = {}): Promise<Mounted> {
  const container = document.createElement('div');
  const root = document.createElement('candor-consent') as CandorConsentElement;
  root.setAttribute('storage', 'memory');
  root.innerHTML = options.children ?? '';
  root.signals = OFF;
  root.config = options.config ?? gateConfig();
  container.append(root);
  if (options.after) container.insertAdjacentHTML('beforeend', options.after);
  document.body.append(container);
  containers.push(container);
  const consent = await root.whenReady();
  await settle();
  return { root, consent, container };
}

/** Lets every Candor element in the document finish rendering. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const elements = [...document.querySelectorAll('candor-consent, candor-gate, candor-banner')];
    await Promise.all(elements.map((element) => (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  }
}

/**
 * Removes every mounted container (call in afterEach).
 * Workaround (see the BUG test in script-gate.test.ts): a removed `<candor-consent>` keeps its
 * page-wide script gate running with its old choices, so each root rejects all first; otherwise
 * a later test's gated scripts would be released by an earlier test's grants.
 */
export async function unmount(): Promise<void> {
  for (const container of containers.splice(0)) {
    for (const root of container.querySelectorAll<CandorConsentElement>('candor-consent')) await root.consent?.rejectAll();
    container.remove();
  }
}

/** Polls until `check` returns a truthy value; fails with `what` after `timeout` ms. */
export async function waitFor<T>(check: () => T, what: string, timeout = 4000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits `ms` milliseconds (to show that something does NOT happen). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resource timing entries whose URL contains `part`. */
export function requestsFor(part: string): PerformanceEntry[] {
  return performance.getEntriesByType('resource').filter((entry) => entry.name.includes(part));
}

/** A unique token for URLs and globals, so no test sees another's requests or counters. */
let counter = 0;
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
}

export interface FramePage {
  frame: HTMLIFrameElement;
  win: Window & Record<string, unknown>;
  doc: Document;
}

const frames: HTMLIFrameElement[] = [];

/** Loads `src` into a fresh same-origin iframe and resolves once it fired `load`. */
export async function loadFrame(src: string): Promise<FramePage> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return page(frame);
}

export function page(frame: HTMLIFrameElement): FramePage {
  return { frame, win: frame.contentWindow as Window & Record<string, unknown>, doc: frame.contentDocument as Document };
}

/** Reloads the iframe's page and resolves once the new page fired `load`. */
export async function reloadFrame(frame: HTMLIFrameElement): Promise<FramePage> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentWindow?.location.reload();
  await loaded;
  return page(frame);
}

export function removeFrames(): void {
  for (const frame of frames.splice(0)) frame.remove();
}
