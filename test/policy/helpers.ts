// Helpers of the <candor-policy> tests: a config with sections, controller and three revisions,
// and a mount helper for `<candor-consent storage="memory">` with a policy inside or beside it.
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-policy.define.js';
import type { CandorConfig } from '../../src/core/types.js';
import type { CandorConsentElement } from '../../src/elements/candor-consent.js';
import type { CandorPolicyElement } from '../../src/elements/candor-policy.js';

export const FIXTURES = '/test/policy/fixtures';

/** The current policy (2026-03-01) of the fictional vendor, with two archived versions. */
export function policyConfig(): CandorConfig {
  return {
    policy: {
      id: 'acme-privacy',
      title: { en: 'Acme privacy policy', de: 'Datenschutzerklärung von Acme', ja: 'Acme プライバシーポリシー' },
      version: '2026-03-01',
      effective: '2026-03-01',
      summary: 'We collect little and ask first.',
      controller: { name: 'Acme Ltd', email: 'privacy@acme.example', address: '1 Example Street\nLondon' },
      url: '/privacy',
      sections: [
        {
          id: 'what-we-collect',
          title: 'What we collect',
          body: '# Account data\n\nWe collect your **name** and *email address* when you sign up.\n\n- Name\n- Email\n\nSee [our cookie list](/cookies) and [the regulator](https://ico.example/guide).',
        },
        {
          id: 'analytics',
          title: 'Product analytics',
          body: 'With your consent we measure which features are used.\n\n| Tool | Purpose |\n| --- | --- |\n| Example Analytics | usage |\n\nRun `candor withdraw` to stop.',
        },
        { id: 'your-rights', title: 'Your rights', body: 'You can ask for a copy of your data or its deletion at any time.' },
      ],
      revisions: [
        { version: '2026-03-01', effective: '2026-03-01', material: true, summary: 'We now use product analytics.', purposes: ['analytics'], href: '/privacy/2026-03-01' },
        { version: '2025-06-11', effective: '2025-06-11', material: false, summary: 'Typo fixes.', href: '/privacy/2025-06-11', src: `${FIXTURES}/2025-06-11.json` },
        { version: '2024-01-01', effective: '2024-01-01', material: true, summary: 'First version.', href: 'https://acme.example/privacy/2024-01-01', src: `${FIXTURES}/2024-01-01.json` },
        { version: 'missing', effective: '2023-01-01', material: false, src: `${FIXTURES}/does-not-exist.json` },
        { version: 'not-json', effective: '2022-01-01', material: false, src: `${FIXTURES}/not-json.json` },
        { version: 'invalid', effective: '2021-01-01', material: false, src: `${FIXTURES}/invalid-config.json` },
      ],
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary' },
      { id: 'analytics', label: { en: 'Product analytics', de: 'Produktanalyse', ja: 'プロダクト分析' }, basis: 'consent', signals: ['gpc', 'dnt'] },
      { id: 'advertising', label: 'Advertising', basis: 'consent', signals: ['gpc'] },
      { id: 'marketing-email', label: 'Promotional email', basis: 'legitimate-interest' },
    ],
  };
}

export interface MountedPolicy {
  root: CandorConsentElement;
  policy: CandorPolicyElement;
  container: HTMLElement;
}

const containers: HTMLElement[] = [];

/**
 * Mounts `<candor-consent storage="memory">` with a `<candor-policy>` inside it (or, with
 * `outside`, after it) and waits until the policy rendered.
 */
export async function mountPolicy(options: { config?: CandorConfig; outside?: boolean; attributes?: Record<string, string>; locale?: string } = {}): Promise<MountedPolicy> {
  const container = document.createElement('div');
  const root = document.createElement('candor-consent') as CandorConsentElement;
  root.setAttribute('storage', 'memory');
  root.signals = { gpc: false, dnt: false };
  const config = options.config ?? policyConfig();
  if (options.locale) config.locale = options.locale;
  root.config = config;
  const policy = document.createElement('candor-policy') as CandorPolicyElement;
  for (const [name, value] of Object.entries(options.attributes ?? {})) policy.setAttribute(name, value);
  if (options.outside) container.append(root, policy);
  else {
    root.append(policy);
    container.append(root);
  }
  document.body.append(container);
  containers.push(container);
  await root.whenReady();
  await rendered(policy);
  return { root, policy, container };
}

/** Waits until the policy rendered and its Markdown bodies are filled. */
export async function rendered(policy: CandorPolicyElement): Promise<void> {
  await waitFor(() => policy.rendered, 'the policy to render');
  await policy.updateComplete;
  await waitFor(() => !policy.querySelector('[aria-busy="true"]'), 'the Markdown bodies');
}

export function unmountAll(): void {
  for (const container of containers.splice(0)) container.remove();
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

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
