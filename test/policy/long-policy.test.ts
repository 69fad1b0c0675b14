// A long policy (150 sections of real Markdown) renders without one long task: the section bodies are
// filled in slices with a yield to the browser between them, every body ends up filled, and the
// section the URL points at is filled before anything is scrolled to.
import { expect } from '@open-wc/testing';
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-policy.define.js';
import type { CandorConfig } from '../../src/core/types.js';
import { mountPolicy, policyConfig, rendered, unmountAll } from './helpers.js';

afterEach(() => {
  unmountAll();
  history.replaceState(null, '', location.pathname + location.search);
});

const PARAGRAPH = 'We keep **account data** for as long as your account exists, and [logs](https://example.com/logs) for 30 days. ';

function longConfig(sections = 150): CandorConfig {
  const config = policyConfig();
  config.policy.sections = Array.from({ length: sections }, (_, index) => ({
    id: `s${index}`,
    title: `Section ${index}`,
    body: `${PARAGRAPH.repeat(8)}\n\n- one\n- two\n- three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${PARAGRAPH.repeat(4)}`,
  }));
  return config;
}

describe('<candor-policy> with 150 sections', () => {
  it('fills the bodies in slices of about 12 ms, yielding to the browser between them, until every one is filled', async () => {
    // A clock that moves 5 ms per reading makes the slices deterministic: a few sections each.
    const realNow = performance.now.bind(performance);
    let fake = realNow();
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    const realYield = scheduler?.yield;
    let yields = 0;
    performance.now = () => (fake += 5);
    if (scheduler) scheduler.yield = () => ((yields += 1), new Promise<void>((resolve) => setTimeout(resolve, 0)));
    let busyAfterFirstSlice = 0;
    try {
      const root = document.createElement('candor-consent') as HTMLElement & { config: CandorConfig; signals: unknown; whenReady(): Promise<unknown> };
      root.setAttribute('storage', 'memory');
      root.signals = { gpc: false, dnt: false };
      root.config = longConfig();
      const policy = document.createElement('candor-policy') as HTMLElement & { rendered: boolean; updateComplete: Promise<void> };
      root.append(policy);
      document.body.append(root);
      await root.whenReady();
      while (!policy.rendered) await new Promise((resolve) => setTimeout(resolve, 0));
      busyAfterFirstSlice = policy.querySelectorAll('[aria-busy="true"]').length;
      await policy.updateComplete;
      expect(policy.querySelectorAll('.candor-policy__body').length).to.equal(150);
      expect(policy.querySelector('[aria-busy]'), 'every body filled in the end').to.equal(null);
      for (const body of policy.querySelectorAll('.candor-policy__body')) expect(body.querySelector('table')).to.not.equal(null);
      root.remove();
    } finally {
      performance.now = realNow;
      if (scheduler && realYield) scheduler.yield = realYield;
    }
    expect(busyAfterFirstSlice, 'bodies left for later slices').to.be.greaterThan(100);
    if (scheduler?.yield) expect(yields, 'yields to the browser').to.be.greaterThan(20);
  });

  it('before the first yield, fills every section up to the one the URL points at', async () => {
    history.replaceState(null, '', '#candor-s120');
    const { policy } = await mountPolicy({ config: longConfig() });
    // A second policy in the same root: its first render is what is checked, right after it runs.
    const root = policy.closest('candor-consent')!;
    const fresh = document.createElement('candor-policy');
    root.append(fresh);
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    await Promise.resolve();
    const target = fresh.querySelector('#candor-s120 .candor-policy__body');
    expect(target?.hasAttribute('aria-busy'), 'the target section is filled at once').to.equal(false);
    for (const body of [...fresh.querySelectorAll('.candor-policy__body')].slice(0, 121)) {
      expect(body.hasAttribute('aria-busy'), 'everything above it too').to.equal(false);
    }
    await rendered(fresh as never);
    expect(fresh.querySelector('[aria-busy]')).to.equal(null);
  });
});
