// <candor-policy> with its optional stylesheet: at 320 CSS px (400 % zoom of 1280) nothing of the
// policy is cut off, and a control focused inside it is in view (WCAG 1.4.10 reflow, 2.4.7); the
// marks of "what changed" stay readable on a light page and on a dark one (1.4.3).
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { CandorPolicyElement } from '../../src/elements/candor-policy.js';
import { mountPolicy, policyConfig, unmountAll, waitFor } from './helpers.js';

const STYLESHEET_ID = 'candor-policy-css';

async function loadStylesheet(): Promise<void> {
  const link = document.createElement('link');
  link.id = STYLESHEET_ID;
  link.rel = 'stylesheet';
  link.href = '/src/styles/candor-policy.css';
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
}

/** Whether both ends of `element`'s first line are inside the viewport and hit-test to it (painted, not clipped). */
function reachable(element: HTMLElement): boolean {
  const rects = [...element.getClientRects()];
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) return false;
  const points: Array<[number, number]> = [[first.left + 2, first.top + first.height / 2], [last.right - 2, last.top + last.height / 2]];
  return points.every(([x, y]) => {
    if (x < 0 || x > innerWidth || y < 0 || y > innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && element.contains(hit);
  });
}

afterEach(async () => {
  unmountAll();
  document.documentElement.removeAttribute('style');
  document.getElementById(STYLESHEET_ID)?.remove();
  await setViewport({ width: 1024, height: 768 });
});

describe('<candor-policy> at 320 px with candor-policy.css', () => {
  it('the archive table is not clipped: every link, focused and scrolled to, is in view whole', async () => {
    await setViewport({ width: 320, height: 640 });
    await loadStylesheet();
    const config = policyConfig();
    // Summaries as long as real ones (the demo's): the four columns no longer fit in 320 px.
    for (const revision of config.policy.revisions ?? []) revision.summary = 'We added promotional email about new features; you can object at any time.';
    const { policy } = await mountPolicy({ config });
    const table = policy.querySelector('#candor-versions table')!;
    expect(table.scrollWidth, 'the table is wider than the screen').to.be.greaterThan(320);
    const links = [...policy.querySelectorAll<HTMLAnchorElement>('#candor-versions a')];
    expect(links.filter((link) => link.hash.startsWith('#changes-')).length, '"What changed since" links').to.be.greaterThan(1);
    for (const link of links) {
      link.focus();
      link.scrollIntoView({ block: 'center', inline: 'nearest' }); // as a reader scrolls to it
      await new Promise(requestAnimationFrame);
      expect(reachable(link), `${link.textContent} reachable`).to.equal(true);
    }
    expect(document.documentElement.scrollWidth, 'no page-wide horizontal scroll').to.be.at.most(320);
  });

  it('the controller contact wraps inside the screen rather than overflowing it', async () => {
    await setViewport({ width: 320, height: 640 });
    await loadStylesheet();
    const config = policyConfig();
    config.policy.controller = { name: 'Acme Ltd', email: 'privacyrequests@acmeholdings.example', address: '1 Example Street\nLondon' };
    const { policy } = await mountPolicy({ config });
    const section = policy.querySelector<HTMLElement>('#candor-controller')!;
    const email = section.querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(email.getBoundingClientRect().right, 'email inside the section').to.be.at.most(section.getBoundingClientRect().right);
    expect(section.scrollWidth, 'nothing to scroll sideways').to.be.at.most(section.clientWidth);
  });
});

describe('<candor-policy> "what changed" with candor-policy.css', () => {
  type Rgba = [number, number, number, number];
  const parse = (colour: string): Rgba => {
    const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
    return [r, g, b, a];
  };
  /** `colour` (maybe translucent) painted over the opaque `below`. */
  const over = ([r, g, b, a]: Rgba, below: Rgba): Rgba => [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1];
  const luminance = ([r, g, b]: Rgba): number => {
    const channel = (value: number): number => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a: Rgba, b: Rgba): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  const changesView = (policy: CandorPolicyElement, version: string): Promise<HTMLElement> =>
    waitFor(() => {
      const view = policy.querySelector<HTMLElement>(`[id="changes-${version}"]`);
      return view && view.dataset.status !== 'loading' ? view : null;
    }, `the changes view of ${version}`);

  for (const [scheme, page, text] of [['light', 'rgb(255, 255, 255)', 'rgb(23, 43, 77)'], ['dark', 'rgb(18, 18, 18)', 'rgb(255, 255, 255)']] as const) {
    it(`added and removed words keep 4.5:1 on a ${scheme} page`, async () => {
      await loadStylesheet();
      const root = document.documentElement;
      root.style.colorScheme = scheme;
      root.style.background = page;
      root.style.color = text;
      const { policy } = await mountPolicy({ attributes: { changes: '2025-06-11' } });
      const view = await changesView(policy, '2025-06-11');
      const marks = [...view.querySelectorAll('ins, del')];
      expect(marks.length).to.be.greaterThan(1);
      for (const mark of marks) {
        const style = getComputedStyle(mark);
        const ratio = contrast(parse(style.color), over(parse(style.backgroundColor), parse(page)));
        expect(ratio, `${mark.localName} "${mark.textContent}"`).to.be.at.least(4.5);
      }
    });
  }
});
