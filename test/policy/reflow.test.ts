// <candor-policy> with its optional stylesheet at 320 CSS px (400 % zoom of 1280): nothing of the
// policy is cut off, and a control focused inside it is in view (WCAG 1.4.10 reflow, 2.4.7).
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { mountPolicy, policyConfig, unmountAll } from './helpers.js';

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
