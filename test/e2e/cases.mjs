// The end-to-end cases: the built dist/ in real pages with real headers. Every case asserts the
// resulting state (window.candor.getState(), what is stored, what the banner shows), not only the
// absence of errors; the harness adds the fault figures (uncaught errors, CSP violations, XSS).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { root, test, waitUntil } from './harness.mjs';
import { ALL_DENIED, ALL_GRANTED, DEFAULTS, SUMMARY, baseConfig, storedState } from './configs.mjs';

const KEY = 'candor:consent';

// ---- 1. boot ----

test('script-tag boot from data-config: banner shows, state undecided, nothing stored', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  const text = await t.waitForBanner(page);
  assert.match(text, /Your privacy choices/);
  assert.ok(text.includes(SUMMARY), `banner shows the summary: ${text}`);
  for (const name of ['Accept all', 'Reject all', 'Customise']) assert.equal(await t.bannerButton(page, name).count(), 1, name);
  const state = await t.state(page);
  assert.equal(state.policyId, 'e2e-privacy');
  assert.equal(state.policyVersion, '2026-01-01');
  assert.equal(state.acknowledgedVersion, null);
  assert.deepEqual(await t.granted(page), DEFAULTS);
  assert.deepEqual(await t.sources(page), { necessary: 'default', analytics: 'default', advertising: 'default', personalisation: 'default', 'sale-share': 'default' });
  assert.equal(await t.stored(page), null, 'nothing is stored before a decision');
  assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0, 'gated script held back');
  assert.equal(await page.locator('candor-consent').count(), 1, 'one root mounted');
  assert.deepEqual(t.errors(), []);
});

// ---- 2. persisted across reload ----

for (const [button, expected] of [
  ['Reject all', ALL_DENIED],
  ['Accept all', ALL_GRANTED],
]) {
  test(`${button} is persisted across reload: the banner does not come back, the state is the same`, async (t) => {
    t.config = baseConfig();
    const page = await t.open('basic.html');
    await t.waitForBanner(page);
    await t.bannerButton(page, button).click();
    await t.waitFor(page, () => !document.querySelector('candor-banner')?.shadowRoot?.querySelector('section'), 'the banner to hide');
    await t.expectChoices(page, expected, `after ${button}`);
    assert.equal(await t.saveStatus(page), 'saved');
    const before = await t.state(page);
    const stored = JSON.parse(await t.stored(page));
    assert.equal(stored.policyId, 'e2e-privacy');
    assert.equal(stored.acknowledgedVersion, '2026-01-01');
    assert.equal(stored.records[0].method, button === 'Accept all' ? 'accept-all' : 'reject-all');
    for (const [id, granted] of Object.entries(expected)) if (id !== 'necessary') assert.equal(stored.choices[id]?.granted, granted, `stored ${id}`);

    await t.reload(page);
    await t.expectNoBanner(page, 'the banner does not come back after reload');
    await t.expectChoices(page, expected, `after ${button} and a reload`);
    const after = await t.state(page);
    // Necessary purposes are never stored (always granted): their effective `at` is the load time.
    const optional = (choices) => Object.fromEntries(Object.entries(choices).filter(([id]) => id !== 'necessary'));
    assert.deepEqual(optional(after.choices), optional(before.choices), 'same choices, sources and times after reload');
    assert.equal(after.acknowledgedVersion, '2026-01-01');
    // A returning visitor whose choices are made loads no UI code at all.
    assert.equal(await page.evaluate(() => customElements.get('candor-banner') === undefined), true, 'candor-ui.min.js not loaded');
  });
}

// ---- 3. gated script ----

test('gated script runs exactly once after accept, and once again after reload', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  const runs = () => page.evaluate(() => window.__gatedRuns ?? 0);
  assert.equal(await runs(), 0, 'held back before a choice');
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run');
  // More changes on the page must not run it again.
  await page.evaluate(() => window.candor.set({ advertising: false }));
  await page.evaluate(() => window.candor.acceptAll());
  await waitUntil(300);
  assert.equal(await runs(), 1, 'ran exactly once after accept');
  assert.equal(await page.locator('script[src$="/gated.js"]:not([type="text/plain"])').count(), 1, 'one live script element for it');
  await t.reload(page);
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run after reload');
  await waitUntil(300);
  assert.equal(await runs(), 1, 'ran exactly once after reload');
  await t.expectChoices(page, ALL_GRANTED, 'accept all, reloaded');
});

test('gated script stays held back after Reject all, also after reload', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Reject all').click();
  await waitUntil(300);
  assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0);
  await t.reload(page);
  await waitUntil(300);
  assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0);
  assert.equal(await page.locator('script[type="text/plain"][data-candor-purpose="analytics"]').count(), 1, 'still inert');
});

// ---- 4. GPC and DNT ----

const SIGNALS = {
  gpc: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
  gpcString: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => 'true', configurable: true }),
  dnt: () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true }),
  dntZero: () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '0', configurable: true }),
};

function signalStatus(page) {
  return page.evaluate(() => document.querySelector('candor-signal-status')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

test('GPC on: purposes listing gpc denied with source gpc, recorded, status says so; the banner still asks the rest', async (t) => {
  t.config = baseConfig();
  await t.context.addInitScript(SIGNALS.gpc);
  const page = await t.open('signals.html');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  await t.waitFor(page, () => /Global Privacy Control/.test(document.querySelector('candor-signal-status')?.shadowRoot?.textContent ?? ''), 'the signal status');
  const status = await signalStatus(page);
  assert.match(status, /Global Privacy Control detected: opt-out request honoured for/);
  for (const label of ['Product analytics', 'Advertising', 'Sale or sharing']) assert.ok(status.includes(label), `status names ${label}: ${status}`);
  assert.ok(!status.includes('Personalisation'), 'personalisation lists no signal');
  const sources = await t.sources(page);
  assert.deepEqual(sources, { necessary: 'default', analytics: 'gpc', advertising: 'gpc', personalisation: 'default', 'sale-share': 'gpc' });
  assert.deepEqual(await t.granted(page), { ...DEFAULTS, 'sale-share': false });
  // Recorded once, so a later visit without the signal keeps the opt-out.
  const stored = JSON.parse(await t.stored(page));
  assert.equal(stored.choices.analytics.source, 'gpc');
  assert.equal(stored.choices['sale-share'].granted, false);
  assert.equal(stored.records.filter((r) => r.method === 'signal').length, 1);
  // Personalisation is still undecided: the banner asks for it.
  await t.waitForBanner(page);
  // Accept all does not override the honoured signal (only the purpose's own switch does).
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, { analytics: false, advertising: false, personalisation: true, 'sale-share': false }, 'accept all under GPC');
  await t.reload(page);
  assert.equal((await t.sources(page)).analytics, 'gpc');
  assert.equal(JSON.parse(await t.stored(page)).records.filter((r) => r.method === 'signal').length, 1, 'the signal is not recorded again');
});

test('DNT "1": purposes listing dnt denied with source dnt and said; others untouched', async (t) => {
  t.config = baseConfig();
  await t.context.addInitScript(SIGNALS.dnt);
  const page = await t.open('signals.html');
  await t.waitFor(page, () => /Do Not Track/.test(document.querySelector('candor-signal-status')?.shadowRoot?.textContent ?? ''), 'the DNT status');
  assert.match(await signalStatus(page), /Do Not Track detected: opt-out request honoured for Product analytics/);
  assert.deepEqual(await t.sources(page), { necessary: 'default', analytics: 'dnt', advertising: 'default', personalisation: 'default', 'sale-share': 'default' });
  assert.deepEqual(await t.granted(page), DEFAULTS);
  assert.equal(JSON.parse(await t.stored(page)).choices.analytics.source, 'dnt');
});

test('GPC as the string "true" and DNT "0" are no signal: nothing denied by a signal, no status', async (t) => {
  t.config = baseConfig();
  await t.context.addInitScript(SIGNALS.gpcString);
  await t.context.addInitScript(SIGNALS.dntZero);
  const page = await t.open('signals.html');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), 'true');
  await t.waitForBanner(page);
  assert.deepEqual(await t.sources(page), { necessary: 'default', analytics: 'default', advertising: 'default', personalisation: 'default', 'sale-share': 'default' });
  assert.deepEqual(await t.granted(page), DEFAULTS);
  assert.equal(await signalStatus(page), '', 'no signal status');
  assert.equal(await t.stored(page), null, 'nothing recorded');
  assert.deepEqual(await page.evaluate(() => window.candor.ready.then((c) => c.signals)), { gpc: false, dnt: false });
});

// ---- 5. change notice across two config versions ----

const DAY = 86_400_000;
/** The v2 revision takes effect 5 days ago (choices expire after 182 days, so the v1 visit must be recent). */
const V2_EFFECTIVE = new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10);

function v2(material, purposes) {
  const config = baseConfig();
  config.policy.version = material ? 'v2-material' : 'v2-minor';
  config.policy.revisions = [
    {
      version: config.policy.version,
      effective: V2_EFFECTIVE,
      material,
      summary: material ? 'We now share analytics with a new processor.' : 'Typo fixes.',
      ...(purposes ? { purposes } : {}),
    },
    ...config.policy.revisions,
  ];
  return config;
}

function notice(page) {
  return page.evaluate(() => document.querySelector('candor-change-notice')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/**
 * A visitor who accepted everything under v1 ten days ago (injected clock), before v2 (effective five
 * days ago, material, listing analytics) existed, comes back today: the page shows the change notice.
 */
async function returnAfterMaterialRevision(t) {
  t.config = baseConfig();
  await t.context.clock.setFixedTime(new Date(Date.now() - 10 * DAY));
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all under v1');
  assert.equal(await notice(page), '', 'no notice on a first visit');
  t.config = v2(true, ['analytics']);
  await t.context.clock.setFixedTime(new Date()); // today, after v2's effective date
  await t.reload(page);
  await t.waitFor(page, () => /Got it/.test(document.querySelector('candor-change-notice')?.shadowRoot?.textContent ?? ''), 'the change notice');
  return page;
}

test('change notice: a material revision listing analytics shows the notice and re-asks only analytics', async (t) => {
  const page = await returnAfterMaterialRevision(t);
  const text = await notice(page);
  assert.match(text, /We updated our privacy policy/);
  assert.match(text, /We now share analytics with a new processor\./);
  const state = await t.state(page);
  assert.equal(state.policyVersion, 'v2-material');
  assert.equal(state.acknowledgedVersion, '2026-01-01');
  assert.equal(state.choices.analytics.granted, false, 'analytics re-asked: denied until chosen');
  assert.equal(state.choices.analytics.source, 'default');
  await t.expectChoices(page, { advertising: true, personalisation: true, 'sale-share': true }, 'choices the revision did not list');
  const banner = await t.waitForBanner(page, 'the banner re-asking analytics');
  assert.ok(banner.includes('Product analytics'), `the banner asks about analytics: ${banner}`);
  // (The banner's sentence lists every consent purpose; only analytics is undecided.)
  assert.deepEqual(await page.evaluate(() => window.candor.ready.then((c) => [...c.undecided])), ['analytics']);

  await page.locator('candor-change-notice').getByRole('button', { name: 'Got it' }).click();
  await t.waitFor(page, () => !/Got it/.test(document.querySelector('candor-change-notice')?.shadowRoot?.textContent ?? ''), 'the notice to close');
  assert.equal((await t.state(page)).acknowledgedVersion, 'v2-material');
  await t.bannerButton(page, 'Accept all').click();
  await t.reload(page);
  await t.expectNoBanner(page);
  assert.equal(await notice(page), '', 'acknowledged: no notice after reload');
  await t.expectChoices(page, ALL_GRANTED, 'after re-accepting under v2');
});

test('small screens: with the change notice and the re-asking banner together, every control and the page stay reachable; focus order follows the screen', async (t) => {
  const page = await returnAfterMaterialRevision(t);
  await t.waitForBanner(page, 'the banner re-asking analytics');

  // Tab order: the notice, then the banner, then the page (the root is first in <body>).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const stops = [];
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const host = el?.getRootNode()?.host?.localName ?? 'page';
      return `${host}:${el?.textContent?.trim()}`;
    }));
  }
  assert.deepEqual(stops.slice(0, 2), ['candor-change-notice:Review changes', 'candor-change-notice:Got it'], stops.join(' | '));
  assert.match(stops[2], /^candor-banner:/, stops.join(' | '));

  for (const [width, height] of [[320, 568], [320, 256], [568, 320]]) {
    await page.setViewportSize({ width, height });
    // Settled: the space reserved at the bottom is what the banner now covers (a ResizeObserver measures it).
    await t.waitFor(page, () => {
      const box = document.querySelector('candor-banner')?.shadowRoot?.querySelector('section')?.getBoundingClientRect();
      const reserved = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom) || 0;
      return box && Math.abs(reserved - (innerHeight - box.top)) <= 1;
    }, `the reserved space at ${width}×${height}`);
    // Each control, focused, is not entirely hidden (WCAG 2.4.11: some of it is on screen and
    // uncovered); scrolled to, a tap at its centre reaches it (nothing of Candor's covers it).
    const controls = [
      ['candor-change-notice', 'Review changes'], ['candor-change-notice', 'Got it'],
      ['candor-banner', 'Accept all'], ['candor-banner', 'Reject all'], ['candor-banner', 'Customise'],
      [null, 'Privacy choices'],
    ];
    for (const [host, name] of controls) {
      const result = await page.evaluate(([hostName, label]) => {
        const scope = hostName ? document.querySelector(hostName).shadowRoot : document;
        const el = [...scope.querySelectorAll('a, button')].find((node) => node.textContent.trim() === label);
        const reaches = (x, y) => {
          if (y < 0 || y >= innerHeight || x < 0 || x >= innerWidth) return false;
          let at = document.elementFromPoint(x, y);
          while (at?.shadowRoot?.elementFromPoint(x, y) && at.shadowRoot.elementFromPoint(x, y) !== at) at = at.shadowRoot.elementFromPoint(x, y);
          return at === el || el.contains(at);
        };
        el.focus();
        const box = el.getBoundingClientRect();
        const points = [];
        for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) points.push([box.left + box.width * fx, box.top + box.height * fy]);
        const seenFocused = points.some(([x, y]) => reaches(x, y));
        el.scrollIntoView({ block: 'center' });
        const after = el.getBoundingClientRect();
        const tap = reaches(after.left + after.width / 2, after.top + after.height / 2);
        const banner = document.querySelector('candor-banner').shadowRoot.querySelector('section')?.getBoundingClientRect();
        const debug = seenFocused && tap ? '' : ` [box ${Math.round(box.top)}–${Math.round(box.bottom)}, after ${Math.round(after.top)}–${Math.round(after.bottom)}, banner ${Math.round(banner?.top)}–${Math.round(banner?.bottom)}, scrollY ${scrollY}, padding ${getComputedStyle(document.documentElement).scrollPaddingBottom}]`;
        return `${seenFocused ? 'focus visible' : 'focus hidden'}, ${tap ? 'tap reaches' : 'tap covered'}${debug}`;
      }, [host, name]);
      assert.equal(result, 'focus visible, tap reaches', `${width}×${height}: ${host ?? 'page'} "${name}"`);
    }
    // Some of the page is visible beside what Candor shows.
    const covered = await page.evaluate(() => {
      const fixed = [...document.querySelectorAll('candor-banner, candor-change-notice')]
        .filter((el) => getComputedStyle(el).position === 'fixed')
        .map((el) => el.shadowRoot.querySelector('section, .shown')?.getBoundingClientRect())
        .filter(Boolean);
      return fixed.reduce((sum, box) => sum + Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0)), 0) / innerHeight;
    });
    assert.ok(covered <= 0.75, `${width}×${height}: fixed Candor UI covers ${Math.round(covered * 100)}% of the viewport's height`);
    const scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    assert.equal(scrollsSideways, false, `${width}×${height}: no horizontal scroll`);
  }
  assert.deepEqual(t.errors(), []);
});

test('change notice: a minor revision shows no notice and keeps every choice', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Reject all').click();
  await t.expectChoices(page, ALL_DENIED, 'reject all under v1');
  t.config = v2(false);
  await t.reload(page);
  await t.expectNoBanner(page, 'no banner for a minor revision');
  assert.equal(await notice(page), '', 'no notice for a minor revision');
  const state = await t.state(page);
  assert.equal(state.policyVersion, 'v2-minor');
  await t.expectChoices(page, ALL_DENIED, 'after a minor revision');
  assert.equal(await page.evaluate(() => window.candor.ready.then((c) => c.needsChangeNotice)), false);
});

// ---- 6. corrupt, foreign-policy, future-schema and tampered stored values ----

function seed(raw) {
  return [
    (value) => {
      if (location.protocol === 'http:') localStorage.setItem('candor:consent', value); // not on the first about:blank
    },
    raw,
  ];
}

const BAD_VALUES = [
  { name: 'corrupt (not JSON)', raw: () => '{"schema":1,"policyId":"e2e-pri', problem: /not valid JSON/, expect: DEFAULTS },
  {
    name: 'for another policy',
    raw: () => JSON.stringify(storedState({ analytics: true, advertising: true, personalisation: true }, { policyId: 'someone-elses-policy' })),
    problem: /for policy "someone-elses-policy", not "e2e-privacy"/,
    expect: DEFAULTS,
  },
  {
    name: 'from a future schema',
    raw: () => JSON.stringify(storedState({ analytics: true, advertising: true, personalisation: true }, { schema: 2 })),
    problem: /newer schema 2/,
    expect: DEFAULTS,
  },
  {
    name: 'tampered (granted "yes", a gpc grant, a future time, an unknown purpose)',
    raw: () => {
      const state = storedState({ personalisation: true });
      const now = Date.now();
      state.choices.analytics = { granted: 'yes', source: 'user', at: state.updatedAt, signals: { gpc: false, dnt: false } };
      state.choices.advertising = { granted: true, source: 'gpc', at: state.updatedAt, signals: { gpc: true, dnt: false } };
      state.choices['sale-share'] = { granted: false, source: 'user', at: new Date(now + 30 * 86_400_000).toISOString(), signals: { gpc: false, dnt: false } };
      state.choices.spying = { granted: true, source: 'user', at: state.updatedAt, signals: { gpc: false, dnt: false } };
      return JSON.stringify(state);
    },
    problem: /analytics\.granted: expected true or false, got "yes"/,
    problems: [/advertising\.granted: a "gpc" choice cannot grant/, /sale-share\.at: expected an ISO 8601 time not in the future/, /unknown purpose "spying"/],
    // The valid choice is kept; nothing it cannot vouch for is granted.
    expect: { ...DEFAULTS, personalisation: true },
  },
];

for (const bad of BAD_VALUES) {
  test(`stored value ${bad.name}: reported (stored-data), nothing granted from it, kept until the person decides`, async (t) => {
    t.config = baseConfig();
    const raw = bad.raw();
    await t.context.addInitScript(...seed(raw));
    const page = await t.open('basic.html');
    const [error] = await t.waitForError('stored-data');
    assert.match(error.message, bad.problem);
    for (const problem of bad.problems ?? []) assert.ok(error.problems.some((p) => problem.test(p)), `problems name ${problem}: ${JSON.stringify(error.problems)}`);
    assert.equal(t.errors().length, 1, `one error: ${JSON.stringify(t.errors().map((e) => e.message))}`);
    assert.deepEqual(await t.granted(page), bad.expect);
    const text = await t.waitForBanner(page, 'the banner asking again');
    assert.ok(text.includes(SUMMARY));
    assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0, 'nothing gated runs');
    // src/core/consent.ts writes only on a decision (or a signal/expiry): the bad value is not silently destroyed.
    assert.equal(await t.stored(page), raw, 'the stored value is untouched until a decision');
    // The person's decision replaces it with a valid state.
    await t.bannerButton(page, 'Reject all').click();
    await t.expectChoices(page, ALL_DENIED, 'reject all over a bad stored value');
    const stored = JSON.parse(await t.stored(page));
    assert.equal(stored.schema, 1);
    assert.equal(stored.policyId, 'e2e-privacy');
    assert.ok(!('spying' in stored.choices));
  });
}

// ---- 7. localStorage throwing ----

const THROWING_STORAGE = {
  'every Storage method throws a SecurityError': () => {
    for (const method of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
      Storage.prototype[method] = function () {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    }
  },
  'reading window.localStorage throws (as in a sandboxed frame)': () => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
  },
};

for (const [variant, inject] of Object.entries(THROWING_STORAGE)) test(`localStorage throwing (${variant}): works for the visit in memory, says so once`, async (t) => {
  t.config = baseConfig();
  await t.context.addInitScript(inject);
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all with localStorage throwing');
  assert.equal(await t.saveStatus(page), 'saved', 'kept in memory for this page');
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run');
  await t.expectNoBanner(page, 'the banner hides after the choice');
  // docs/storage.md: "falls back to memory for the page with one warning", naming the cause.
  const warnings = t.consoleMessages('warning').filter((text) => /localStorage is not usable/.test(text));
  assert.equal(warnings.length, 1, `one warning: ${JSON.stringify(t.consoleMessages())}`);
  assert.match(warnings[0], /SecurityError|insecure|denied/);
  assert.match(warnings[0], /kept in memory for this page only/);
  // Nothing else goes wrong on the way.
  assert.deepEqual(t.errors().filter((e) => e.code !== 'storage'), []);
  // The next visit has nothing stored: it asks again (memory only), and still works.
  await t.reload(page);
  assert.deepEqual(await t.granted(page), DEFAULTS);
  await t.waitForBanner(page);
});

// ---- 8. quota exceeded on save ----

test('quota exceeded on save: reported, the UI says "Not saved yet", the choice applies for the visit', async (t) => {
  t.config = baseConfig();
  await t.context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'candor:consent') throw new DOMException("Failed to execute 'setItem' on 'Storage': exceeded the quota.", 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  const [error] = await t.waitForError('storage');
  assert.match(error.message, /Saving consent failed; the choice is kept on this page and retried/);
  assert.match(error.message, /quota/i);
  await t.expectChoices(page, ALL_GRANTED, 'accept all over quota (for the visit)');
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run (the choice applies)');
  assert.equal(await t.saveStatus(page), 'failed');
  await t.waitFor(
    page,
    () => /Not saved yet/.test(document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="pending"]')?.textContent ?? ''),
    'the banner to say "Not saved yet"',
  );
  assert.equal(await t.stored(page), null, 'nothing half-written');
  // The preference centre says it too.
  await page.getByRole('link', { name: 'Privacy choices' }).click();
  await t.waitFor(page, () => /Not saved yet/.test(document.querySelector('candor-preferences')?.shadowRoot?.textContent ?? ''), 'the preference centre to say "Not saved yet"');
});

// ---- 9. cookie storage ----

test('cookie storage: one first-party cookie, Path=/, SameSite=Lax, not Secure on http, Max-Age 395 days; persists', async (t) => {
  t.config = baseConfig({ storage: 'cookie' });
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  const before = Date.now() / 1000;
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all in a cookie');
  assert.equal(await t.saveStatus(page), 'saved');
  const documentCookie = await page.evaluate(() => document.cookie);
  const match = /(?:^|; )candor_consent=([^;]*)/.exec(documentCookie);
  assert.ok(match, `document.cookie has candor_consent: ${documentCookie}`);
  const value = JSON.parse(decodeURIComponent(match[1]));
  assert.equal(value.policyId, 'e2e-privacy');
  assert.equal(value.choices.analytics.granted, true);
  assert.equal(value.records[0].method, 'accept-all');
  const cookies = await t.context.cookies();
  assert.equal(cookies.length, 1, JSON.stringify(cookies));
  const [cookie] = cookies;
  assert.equal(cookie.name, 'candor_consent');
  assert.equal(cookie.domain, '127.0.0.1', 'host-only (no Domain given)');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.secure, false, 'http page: not Secure');
  assert.equal(cookie.httpOnly, false);
  const days = (cookie.expires - before) / 86_400;
  assert.ok(days > 394.9 && days < 395.1, `expires in 395 days, got ${days}`);
  assert.equal(await t.stored(page), null, 'nothing in localStorage');
  await t.reload(page);
  await t.expectNoBanner(page);
  await t.expectChoices(page, ALL_GRANTED, 'cookie, reloaded');
});

test('cookie storage on an https page: the cookie is Secure, and still Path=/, SameSite=Lax, host-only', async (t) => {
  t.config = baseConfig({ storage: 'cookie' });
  const page = await t.open('basic.html', { secure: true });
  assert.equal(await page.evaluate(() => location.protocol), 'https:');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Reject all').click();
  await t.expectChoices(page, ALL_DENIED, 'reject all in a cookie, https');
  const cookies = await t.context.cookies();
  assert.equal(cookies.length, 1, JSON.stringify(cookies));
  const [cookie] = cookies;
  assert.equal(cookie.name, 'candor_consent');
  assert.equal(cookie.secure, true, 'https page: Secure');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.domain, '127.0.0.1');
  await t.reload(page);
  await t.expectNoBanner(page);
  await t.expectChoices(page, ALL_DENIED, 'cookie, https, reloaded');
});

// ---- 10. invalid config ----

test('invalid config: one candor-error naming each bad field, no banner, nothing granted, nothing thrown', async (t) => {
  const config = baseConfig();
  config.purposes[1].basis = 'maybe';
  delete config.policy.id;
  config.policy.url = 'javascript:alert(1)';
  t.config = config;
  const page = await t.open('basic.html', { ready: false });
  const [error] = await t.waitForError('config');
  assert.match(error.message, /Invalid Candor config/);
  const problems = error.problems.join('\n');
  assert.match(problems, /purposes\[1\]\.basis: expected "necessary" \| "consent" \| "legitimate-interest", got "maybe"/);
  assert.match(problems, /policy\.id/);
  assert.match(problems, /policy\.url/);
  await waitUntil(300);
  assert.equal(await t.banner(page), null, 'no banner with wrong data');
  assert.equal(await page.evaluate(() => window.candor.getState()), null);
  assert.equal(await page.evaluate(() => window.candor.granted('analytics')), false);
  assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0);
  assert.equal(t.errors().length, 1, 'reported once');
  assert.ok(t.consoleMessages('error').some((text) => /Invalid Candor config/.test(text)), 'and on the console');
});

test('config that is not JSON, and a missing config: a clear candor-error each, no banner', async (t) => {
  t.config = '{"policy": {"id": "e2e-privacy",';
  const page = await t.open('basic.html', { ready: false });
  const [error] = await t.waitForError('config');
  assert.match(error.message, /The config \/e2e\/config\.json is not valid JSON/);
  t.config = undefined; // 404
  t.log.errors.length = 0;
  await page.reload();
  const [missing] = await t.waitForError('config');
  assert.match(missing.message, /Fetching the config \/e2e\/config\.json failed: HTTP 404/);
  await waitUntil(200);
  assert.equal(await t.banner(page), null);
  assert.equal(await page.evaluate(() => window.candor.getState()), null);
});

// ---- 11. strict CSP + Trusted Types ----

test('strict CSP + Trusted Types (docs/csp.md policy, header): banner, policy, preferences, gated script; zero violations', async (t) => {
  t.config = baseConfig();
  const page = await t.open('strict.html');
  const response = await page.request.get(t.url('strict.html'));
  assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html/);
  await t.waitForBanner(page);
  await t.waitFor(page, () => document.querySelectorAll('candor-policy section[id^="candor-"]').length >= 2, 'the policy sections');
  assert.equal(await page.locator('#candor-what-we-collect strong').textContent(), 'email');
  assert.equal(await page.locator('#candor-your-rights li').count(), 3);
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run under Trusted Types');
  await t.expectChoices(page, ALL_GRANTED, 'accept all under strict CSP');
  await page.getByRole('button', { name: 'Privacy choices' }).click();
  const analytics = page.locator('candor-preferences').getByRole('switch', { name: 'Product analytics' });
  await analytics.waitFor();
  assert.equal(await analytics.getAttribute('aria-checked'), 'true');
  await analytics.click();
  await page.locator('candor-preferences').getByRole('button', { name: 'Save choices' }).click();
  await t.expectChoices(page, { ...ALL_GRANTED, analytics: false }, 'saved in the preference centre under strict CSP');
  assert.equal(await page.evaluate(() => window.__gatedRuns), 1, 'revoking does not run it again');
  assert.equal(await page.evaluate(() => typeof window.trustedTypes?.createPolicy), 'function');
});

// ---- 12. Forge CSP ----

test('only first-party requests, before and after a choice (standards S8); no IAB TCF/GPP API or string (T1)', async (t) => {
  t.config = baseConfig();
  const requests = [];
  t.context.on('request', (request) => requests.push(request.url()));
  const page = await t.open('strict.html');
  await t.waitForBanner(page);
  await t.waitFor(page, () => document.querySelectorAll('candor-policy section[id^="candor-"]').length >= 2, 'the policy sections');
  const beforeChoice = requests.length;
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(page, () => window.__gatedRuns === 1, 'the gated script to run');
  await page.getByRole('button', { name: 'Privacy choices' }).click();
  await page.locator('candor-preferences').getByRole('switch', { name: 'Product analytics' }).waitFor();
  const origin = new URL(t.url('strict.html')).origin;
  assert.ok(beforeChoice >= 3, `the page, candor.min.js and the config at least: ${requests.join(', ')}`);
  assert.deepEqual(requests.filter((url) => new URL(url).origin !== origin), [], 'every request goes to the page\'s own origin');
  const iab = await page.evaluate(() => ({
    apis: ['__tcfapi', '__gpp', '__uspapi', '__cmp'].filter((name) => name in window),
    frames: [...document.querySelectorAll('iframe')].map((frame) => frame.name).filter((name) => /^__(tcfapi|gpp|usapi|cmp)Locator$/.test(name)),
    stored: [...Object.keys(localStorage), ...document.cookie.split('; ').map((pair) => pair.split('=')[0])].filter((name) => /euconsent|__gpp|usprivacy|addtl_consent/i.test(name)),
  }));
  assert.deepEqual(iab, { apis: [], frames: [], stored: [] }, 'no TCF/GPP/USP API, locator frame or string');
});

test("Forge Custom UI default CSP (header, sandbox): banner works, preferences open; zero violations", async (t) => {
  t.config = baseConfig();
  const page = await t.open('forge-csp.html');
  const response = await page.request.get(t.url('forge-csp.html'));
  assert.match(response.headers()['content-security-policy'], /sandbox allow-same-origin allow-scripts/);
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Reject all').click();
  await t.expectChoices(page, ALL_DENIED, 'reject all under the Forge CSP');
  await page.getByRole('button', { name: 'Privacy choices' }).click();
  const sw = page.locator('candor-preferences').getByRole('switch', { name: 'Personalisation' });
  await sw.waitFor();
  assert.equal(await sw.getAttribute('aria-checked'), 'false');
  await sw.click();
  await page.locator('candor-preferences').getByRole('button', { name: 'Save choices' }).click();
  await t.expectChoices(page, { ...ALL_DENIED, personalisation: true }, 'saved under the Forge CSP');
  await t.reload(page);
  await t.expectChoices(page, { ...ALL_DENIED, personalisation: true }, 'Forge CSP, reloaded');
});

// ---- 13. XSS corpus in <candor-policy> ----

/** test/policy/xss-corpus.ts, transpiled here (reused, not copied). */
async function xssPayloads() {
  const source = readFileSync(join(root, 'test/policy/xss-corpus.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const { XSS_PAYLOADS } = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  assert.ok(XSS_PAYLOADS.length >= 50, 'the corpus loaded');
  return XSS_PAYLOADS;
}

const DANGEROUS = 'script, iframe, frame, object, embed, form, input, button, select, textarea, style, link, meta, base, svg, math, img, video, source, template, noscript, marquee, x-y';

for (const page of ['xss.html', 'xss-dompurify.html']) {
  test(`XSS corpus in <candor-policy> under strict CSP + Trusted Types (${page === 'xss.html' ? 'Element.setHTML' : 'DOMPurify'}): no payload runs`, async (t) => {
    const payloads = await xssPayloads();
    const config = baseConfig();
    config.policy.sections = payloads.map((body, i) => ({ id: `p${i + 1}`, title: `Payload ${i + 1}`, body }));
    config.policy.sections.push({ id: 'title', title: '<img src=x onerror="window.__xss(99)">', body: 'text' });
    config.policy.summary = '<script>window.__xss(98)</script>';
    t.config = config;
    const p = await t.open(page);
    await t.waitFor(p, (n) => document.querySelectorAll('candor-policy section[id^="candor-p"]').length === n, 'every payload section', payloads.length);
    if (page === 'xss-dompurify.html') {
      assert.equal(await p.evaluate(() => [...document.scripts].some((s) => s.src.endsWith('/candor-purify.min.js'))), true, 'DOMPurify loaded');
    }
    await waitUntil(600); // onerror, onload, autofocus, ontoggle, refresh: let anything fire
    await p.evaluate(() => {
      for (const element of document.querySelectorAll('candor-policy a, candor-policy [tabindex]')) {
        element.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        element.focus();
      }
    });
    await waitUntil(150);
    const dangers = await p.evaluate((selector) => {
      const found = [];
      const policy = document.querySelector('candor-policy');
      for (const element of policy.querySelectorAll(selector)) found.push(`<${element.localName}>`);
      for (const element of policy.querySelectorAll('*')) {
        for (const name of element.getAttributeNames()) {
          if (/^on/i.test(name) || name === 'style') found.push(`${element.localName}[${name}]`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
            const v = element.getAttribute(name).replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\ufeff]/g, '').toLowerCase();
            if (/^(javascript|data|vbscript):/.test(v)) found.push(`${element.localName}[${name}=${v}]`);
          }
        }
      }
      return found;
    }, DANGEROUS);
    assert.deepEqual(dangers, [], 'nothing dangerous stays in the DOM');
    assert.equal(await p.locator('#candor-title h2').textContent(), '<img src=x onerror="window.__xss(99)">', 'titles are text');
    assert.equal(await p.evaluate(() => document.getElementById('__xss')), null, 'no clobbering form');
    assert.deepEqual(t.log.xss, [], 'payloads executed'); // also counted in the XSS figure
    assert.deepEqual(t.errors(), []);
    await waitUntil(50);
    // A style attribute in a section body (payload 23) is stripped before anything parses it
    // (src/policy/strip-style.ts): parsing it would make Chromium report a style-src-attr violation.
    assert.deepEqual(t.log.csp.filter((v) => v.directive === 'style-src-attr'), [], 'no style-src-attr report');
  });
}

// ---- 14. two tabs racing ----

for (const tie of [false, true]) test(
  tie
    ? 'two tabs racing within the same clock millisecond: both tabs end with what is stored, nothing mixed'
    : 'two tabs racing (injected clock): both save before either sees the other; the later choice wins everywhere, nothing mixed',
  async (t) => {
  t.config = baseConfig();
  const T0 = Date.now() - 60_000;
  // Hold storage events in both tabs until released, so both saves happen before either tab sees the other's.
  await t.context.addInitScript(() => {
    // A clock per tab (page.clock is per context): Date.now() answers window.__e2eNow when set.
    const realNow = Date.now.bind(Date);
    Date.now = () => window.__e2eNow ?? realNow();
    const held = [];
    window.__e2eHoldStorage = true;
    addEventListener(
      'storage',
      (event) => {
        if (!window.__e2eHoldStorage || event.__e2eReplay) return;
        event.stopImmediatePropagation();
        held.push({ key: event.key, oldValue: event.oldValue, newValue: event.newValue, url: event.url });
      },
      true,
    );
    window.__e2eRelease = () => {
      window.__e2eHoldStorage = false;
      for (const init of held.splice(0)) {
        const replay = new StorageEvent('storage', { ...init, storageArea: localStorage });
        replay.__e2eReplay = true;
        dispatchEvent(replay);
      }
      return true;
    };
  });
  const a = await t.context.newPage();
  const b = await t.context.newPage();
  await a.goto(t.url('basic.html'));
  await b.goto(t.url('basic.html'));
  await t.ready(a);
  await t.ready(b);
  const setClock = (page, ms) => page.evaluate((now) => (window.__e2eNow = now), ms);
  // Tab A decides first (clock T0 + 10 s): a mixed choice. Tab B decides later (T0 + 20 s): the opposite.
  const first = { analytics: true, advertising: false, personalisation: true, 'sale-share': false };
  const later = { analytics: false, advertising: true, personalisation: false, 'sale-share': true };
  await setClock(a, T0 + 10_000);
  await setClock(b, tie ? T0 + 10_000 : T0 + 20_000);
  const LATER = new Date(tie ? T0 + 10_000 : T0 + 20_000).toISOString();
  await a.evaluate((c) => window.candor.set(c).then(() => true), first);
  await b.evaluate((c) => window.candor.set(c).then(() => true), later);
  assert.equal(JSON.parse(await t.stored(a)).updatedAt, LATER, 'the later write is what is stored');
  await t.expectChoices(a, first, 'tab A before it sees B'); // both saved, neither has seen the other
  await t.expectChoices(b, later, 'tab B before it sees A');
  await a.evaluate(() => window.__e2eRelease());
  await b.evaluate(() => window.__e2eRelease());
  await waitUntil(200);
  for (const [name, page] of [['A', a], ['B', b]]) {
    if (tie) {
      // Equal timestamps: "later" is decided by who wrote last (B's state is what localStorage holds).
      // webStorage re-reads the key on a storage event, so both tabs end with what storage holds.
      const mixed = await t.granted(page);
      if (Object.entries(later).some(([id, granted]) => mixed[id] !== granted)) {
        t.log.lost.push(`tab ${name}, tie`);
        assert.fail(`tab ${name} applies ${JSON.stringify(mixed)} while storage holds ${JSON.stringify(later)}`);
      }
    }
    await t.expectChoices(page, { necessary: true, ...later }, `tab ${name} after both saw the other`);
    const state = await t.state(page);
    assert.equal(state.updatedAt, LATER, `tab ${name} holds the later state`);
  }
  const stored = JSON.parse(await t.stored(a));
  for (const [id, granted] of Object.entries(later)) assert.equal(stored.choices[id].granted, granted, `stored ${id}`);
  // And a third tab opened now agrees.
  const c = await t.open('basic.html');
  await t.expectChoices(c, { necessary: true, ...later }, 'a new tab');
});

// ---- 15. forgeStorage: rejects, hangs, recovers ----

test('forgeStorage whose invoke rejects, then hangs, then recovers: "Not saved yet" meanwhile, saved once it answers', async (t) => {
  t.config = baseConfig();
  const page = await t.open('forge-storage.html');
  await t.waitForBanner(page);
  const backend = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__backend)));
  assert.equal((await backend()).calls[0].key, 'candor.consent.get');
  await page.evaluate(() => (window.__backend.mode = 'reject'));
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all while the backend rejects (applies on the page)');
  const pending = () => page.evaluate(() => document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="pending"]')?.textContent ?? '');
  await t.waitFor(page, () => /Not saved yet/.test(document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="pending"]')?.textContent ?? ''), '"Not saved yet"');
  const [rejected] = await t.waitForError('storage');
  assert.match(rejected.message, /invoke\("candor\.consent\.set"\) failed/);
  assert.equal(await t.saveStatus(page), 'failed');
  assert.equal((await backend()).stored, null);

  // Now it hangs: the retry times out (forgeStorage timeoutMs 1000) and the UI still says so.
  await page.evaluate(() => (window.__backend.mode = 'hang'));
  await t.waitFor(page, () => window.__backend.calls.some((call) => call.mode === 'hang' && call.key === 'candor.consent.set'), 'a retry against the hanging backend', undefined, 6000);
  const hungAt = Date.now();
  await waitUntil(1300); // past forgeStorage's timeoutMs (1000): that retry has failed too
  assert.ok(Date.now() - hungAt > 1000);
  assert.equal(await t.saveStatus(page), 'failed', 'still failed while the backend hangs');
  // One error per streak of failures (src/core/save-queue.ts), not one per retry.
  assert.equal(t.errors('storage').length, 1);
  assert.match(await pending(), /Not saved yet/);
  assert.equal((await backend()).stored, null);

  // It recovers: the next retry saves, and the UI stops saying "Not saved yet".
  await page.evaluate(() => (window.__backend.mode = 'ok'));
  await t.waitFor(page, () => window.__backend.stored !== null, 'the backend to store the choice', undefined, 10_000);
  await t.waitFor(page, () => !document.querySelector('candor-banner')?.shadowRoot?.querySelector('[part~="pending"]'), 'the "Not saved yet" to go');
  assert.equal(await t.saveStatus(page), 'saved');
  const stored = (await backend()).stored;
  for (const [id, granted] of Object.entries(ALL_GRANTED)) if (id !== 'necessary') assert.equal(stored.choices[id].granted, granted, `backend holds ${id}`);
  assert.equal(stored.records[0].method, 'accept-all');
  await t.expectChoices(page, ALL_GRANTED, 'after the backend recovered');
  assert.equal((await t.state(page)).acknowledgedVersion, '2026-01-01');
  // A reload reads the choice back from the (fake) resolver: no banner, same choices.
  await t.reload(page);
  await t.expectNoBanner(page, 'no banner once the backend has the choice');
  await t.expectChoices(page, ALL_GRANTED, 'forgeStorage, reloaded');
  assert.equal((await backend()).calls[0].key, 'candor.consent.get');
}, { timeout: 40_000 });

// ---- extra: the footer trigger reopens the choices ----

test('data-candor="show-preferences" reopens the choices after a decision; withdrawing is saved', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.reload(page);
  await t.expectNoBanner(page);
  await page.getByRole('link', { name: 'Privacy choices' }).click();
  const prefs = page.locator('candor-preferences');
  const analytics = prefs.getByRole('switch', { name: 'Product analytics' });
  await analytics.waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('candor-preferences').shadowRoot.querySelector('dialog').open), true, 'a modal dialog');
  assert.equal(await analytics.getAttribute('aria-checked'), 'true');
  assert.equal(await prefs.getByRole('switch', { name: 'Strictly necessary' }).isDisabled(), true);
  await analytics.click();
  await prefs.getByRole('button', { name: 'Save choices' }).click();
  await t.expectChoices(page, { ...ALL_GRANTED, analytics: false }, 'withdrawn in the preference centre');
  const stored = JSON.parse(await t.stored(page));
  assert.equal(stored.choices.analytics.granted, false);
  assert.equal(stored.records[0].method, 'save');
  await t.reload(page);
  await t.expectChoices(page, { ...ALL_GRANTED, analytics: false }, 'withdrawal, reloaded');
  assert.equal(await page.evaluate(() => window.__gatedRuns ?? 0), 0, 'the gated script no longer runs');
});


// ---- extra: what a demanding user also expects ----

test('Customise then Esc records nothing: the banner stays, nothing stored', async (t) => {
  t.config = baseConfig();
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Customise').click();
  const dialogOpen = () => page.evaluate(() => document.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === true);
  await t.waitFor(page, () => document.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === true, 'the preference centre');
  await page.keyboard.press('Escape');
  await t.waitFor(page, () => document.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === false, 'the dialog to close');
  assert.equal(await dialogOpen(), false);
  assert.ok(await t.banner(page), 'the banner is still there');
  assert.equal(await t.stored(page), null, 'nothing recorded');
  assert.deepEqual(await t.granted(page), DEFAULTS);
});

test('candorQueue from a script before candor.min.js, subscribe() and candor-change events see the decision', async (t) => {
  t.config = baseConfig();
  const page = await t.open('queue.html');
  await t.waitForBanner(page);
  await t.waitFor(page, () => window.__seen.queued.length === 2, 'the queued callback');
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(page, () => window.__seen.events.length > 0 && window.__seen.changes.length > 0, 'the change');
  const seen = await page.evaluate(() => window.__seen);
  assert.deepEqual(seen.queued, ['function', false]);
  assert.equal(seen.ready, 1);
  assert.deepEqual(seen.events[0], { changed: ['analytics', 'advertising', 'personalisation'], origin: 'user', saved: true, hasRecord: true });
  assert.ok(
    seen.changes.some((c) => c.origin === 'user' && c.analytics && c.changed.join() === 'analytics,advertising,personalisation'),
    `subscribe() saw the decision: ${JSON.stringify(seen.changes)}`,
  );
  await page.evaluate(() => window.candor.rejectAll());
  await t.waitFor(page, () => window.__seen.events.length === 2, 'the second change');
  const second = (await page.evaluate(() => window.__seen.events))[1];
  assert.deepEqual(second.changed, ['analytics', 'advertising', 'personalisation', 'sale-share']);
  await page.evaluate(() => window.candor.rejectAll()); // nothing effective changes: no event
  await waitUntil(200);
  assert.equal(await page.evaluate(() => window.__seen.events.length), 2, 'no event when nothing changed');
  await t.expectChoices(page, ALL_DENIED, 'reject all from code');
  // docs/events.md: subscribe() listeners "receive the same detail as candor-change, on changes only".
  const all = await page.evaluate(() => window.__seen.changes);
  assert.deepEqual(all.filter((c) => c.changed.length === 0), [], 'subscribe() listeners are called on changes only');
  assert.ok(all.every((c) => c.origin !== 'storage'), `no local decision is labelled "storage": ${JSON.stringify(all)}`);
});

test("window.candor.set(choices, { method: 'save' }) passes its options on: a decision for the person (origin user, record save)", async (t) => {
  t.config = baseConfig();
  const page = await t.open('queue.html');
  await t.waitForBanner(page);
  await page.evaluate(() => window.candor.set({ analytics: true }, { method: 'save' }));
  await t.waitFor(page, () => window.__seen.events.length === 1, 'the change');
  assert.equal((await page.evaluate(() => window.__seen.events))[0].origin, 'user', 'docs/events.md: set(…, { method: "save" }) acts for the person');
  assert.equal(JSON.parse(await t.stored(page)).records[0].method, 'save');
  await page.evaluate(() => window.candor.set({ advertising: true })); // a bare set() from code
  await t.waitFor(page, () => window.__seen.events.length === 2, 'the second change');
  assert.equal((await page.evaluate(() => window.__seen.events))[1].origin, 'api');
  assert.equal(JSON.parse(await t.stored(page)).records[0].method, 'api');
});

test('window.candor.getState() is null until Candor is ready (docs/events.md), not a default state while stored choices load', async (t) => {
  t.config = baseConfig({ storage: 'cookie' });
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all in a cookie');
  // The returning visit: the cookie adapter's file is slow, so stored choices take a while to load.
  await t.context.route('**/dist/candor-cookie.min.js', async (route) => {
    await waitUntil(800);
    await route.continue();
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  const seen = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const snapshots = [];
        const poll = () => {
          const state = window.candor.getState();
          const ready = document.querySelector('candor-consent')?.hasAttribute('ready') === true;
          snapshots.push({ ready, state: state && state.choices.analytics.granted, granted: window.candor.granted('sale-share') });
          if (ready) resolve(snapshots);
          else setTimeout(poll, 20);
        };
        poll();
      }),
  );
  const early = seen.filter((snapshot) => !snapshot.ready);
  assert.ok(early.length > 5, 'polled while stored choices were loading');
  assert.deepEqual(early.filter((snapshot) => snapshot.state !== null), [], 'getState() before ready');
  assert.deepEqual(early.filter((snapshot) => snapshot.granted !== false), [], 'granted() before ready: nothing yet');
  assert.equal(seen.at(-1).state, true, 'the stored choice once ready');
});

test('Google Consent Mode: default pushed before the next script, update after the decision', async (t) => {
  t.config = baseConfig();
  const page = await t.open('consent-mode.html');
  const early = await page.evaluate(() => window.__dataLayerAtNextScript);
  const defaults = early.find((entry) => entry[0] === 'consent' && entry[1] === 'default');
  assert.ok(defaults, `the default is in dataLayer before the next script: ${JSON.stringify(early)}`);
  assert.equal(defaults[2].ad_storage, 'denied');
  assert.equal(defaults[2].analytics_storage, 'denied');
  assert.equal(defaults[2].security_storage, 'granted');
  assert.deepEqual(defaults[2].region, ['DE', 'FR']);
  assert.equal(defaults[2].wait_for_update, 500);
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(
    page,
    () => (window.dataLayer || []).some((e) => e[0] === 'consent' && e[1] === 'update' && e[2].analytics_storage === 'granted'),
    'a granted update',
  );
  const updates = await page.evaluate(() => window.dataLayer.filter((e) => e[0] === 'consent' && e[1] === 'update').map((e) => ({ ...e[2] })));
  const last = updates.at(-1);
  assert.equal(last.analytics_storage, 'granted');
  assert.equal(last.ad_storage, 'granted');
  assert.equal(updates[0].analytics_storage, 'denied', 'the first update (stored state) still denied');
  assert.equal(await page.evaluate(() => typeof window.gtag), 'undefined', 'Candor never defines gtag');
});

test('cookies of a purpose are cleared when it is revoked; other cookies stay', async (t) => {
  const config = baseConfig();
  config.purposes[1].cookies = ['_ea', '/^_ea_/'];
  t.config = config;
  const page = await t.open('basic.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await page.evaluate(() => {
    document.cookie = '_ea=1; path=/';
    document.cookie = '_ea_id=2; path=/';
    document.cookie = 'keep=3; path=/';
    // Set for sub-paths of this page (/test/e2e/pages/basic.html), as a script there might.
    document.cookie = '_ea_dir=4; path=/test/e2e/pages';
    document.cookie = '_ea_top=5; path=/test';
    // A malformed escape in another cookie's name must not stop the clean-up.
    document.cookie = 'bad%E0name=6; path=/';
  });
  assert.match(await page.evaluate(() => document.cookie), /_ea_dir=4.*_ea_top=5|_ea_top=5.*_ea_dir=4/);
  await page.getByRole('link', { name: 'Privacy choices' }).click();
  const sw = page.locator('candor-preferences').getByRole('switch', { name: 'Product analytics' });
  await sw.click();
  await page.locator('candor-preferences').getByRole('button', { name: 'Save choices' }).click();
  await t.expectChoices(page, { ...ALL_GRANTED, analytics: false }, 'analytics withdrawn');
  await t.waitFor(page, () => !/_ea/.test(document.cookie), 'the analytics cookies to go (every path)');
  assert.deepEqual((await page.evaluate(() => document.cookie)).split('; ').sort(), ['bad%E0name=6', 'keep=3']);
});

test('storage inventory (standards E8): after Accept all, every cookie and localStorage key the page holds is declared; an undeclared one is caught', async (t) => {
  const { storageInventory, unlistedStorage } = await import(pathToFileURL(join(root, 'dist/integrations/inventory.js')).href);
  for (const storage of ['local', 'cookie']) {
    const config = baseConfig({ storage });
    Object.assign(config.purposes[0], { cookies: ['sid'], justification: 'Keeps you signed in.' });
    config.purposes[1].cookies = ['_ea', '/^_ea_/'];
    t.config = config;
    await t.context.clearCookies();
    const page = await t.open('inventory.html');
    await t.waitForBanner(page);
    await t.bannerButton(page, 'Accept all').click();
    await t.waitFor(page, () => window.__analyticsRan === true, 'the analytics script to run');
    await t.expectChoices(page, ALL_GRANTED, `accept all (${storage})`);
    const observed = {
      cookies: (await t.context.cookies()).map((cookie) => cookie.name),
      localStorage: await page.evaluate(() => Object.keys(localStorage)),
    };
    const expected = storage === 'cookie' ? ['_ea', '_ea_id', 'candor_consent', 'sid'] : ['_ea', '_ea_id', 'sid'];
    assert.deepEqual([...observed.cookies].sort(), expected, `what the page set (${storage})`);
    assert.deepEqual(unlistedStorage(storageInventory(config), observed), { cookies: [], localStorage: [] }, `all declared (${storage})`);
    // The check counts: the same page with the analytics cookies left out of the config.
    const undeclared = baseConfig({ storage });
    assert.deepEqual(unlistedStorage(storageInventory(undeclared), observed).cookies.sort(), ['_ea', '_ea_id', 'sid'], `caught (${storage})`);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  }
});

test('an expired choice is asked again, an objection is kept (never re-granted)', async (t) => {
  t.config = baseConfig();
  const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
  const raw = JSON.stringify(storedState({ analytics: true, personalisation: true, 'sale-share': false }, { at: old }));
  await t.context.addInitScript(...seed(raw));
  const page = await t.open('basic.html');
  await t.waitForBanner(page, 'the banner asking again after 182 days');
  assert.deepEqual(await t.granted(page), { ...DEFAULTS, 'sale-share': false });
  assert.equal((await t.sources(page))['sale-share'], 'user', 'the objection stays the person’s');
  const stored = JSON.parse(await t.stored(page));
  assert.equal(stored.records[0].method, 'expire');
  assert.equal(stored.choices['sale-share'].granted, false);
  assert.ok(!stored.choices.analytics, 'the expired consent is gone');
  assert.deepEqual(t.errors(), []);
});

test('a German page loads candor-i18n-de.min.js: the banner speaks German and works', async (t) => {
  t.config = baseConfig();
  const page = await t.open('de.html');
  const text = await t.waitForBanner(page);
  assert.match(text, /Ihre Datenschutzeinstellungen/);
  assert.equal(await page.evaluate(() => [...document.scripts].some((s) => s.src.endsWith('/candor-i18n-de.min.js'))), true);
  await t.bannerButton(page, 'Alle ablehnen').click();
  await t.expectChoices(page, ALL_DENIED, 'Alle ablehnen');
  assert.equal(JSON.parse(await t.stored(page)).records[0].locale, 'de');
});

// ---- first visit: the UI loads beside the config, not after it ----

/** The URLs a page requests, in order, with when each request started and finished. */
function requestLog(page) {
  const log = [];
  page.on('request', (request) => log.push({ url: request.url(), start: Date.now(), end: undefined }));
  page.on('requestfinished', (request) => {
    const entry = log.find((e) => e.url === request.url() && e.end === undefined);
    if (entry) entry.end = Date.now();
  });
  return log;
}
const find = (log, file) => log.find((entry) => new URL(entry.url).pathname.endsWith(file));

/** Opens `page` (under test/e2e/pages) in a new tab, logging its requests; waits until Candor is ready. */
async function openLogged(t, page) {
  const tab = await t.context.newPage();
  const log = requestLog(tab);
  await tab.goto(t.url(page));
  await t.ready(tab);
  return { tab, log };
}

test('first visit: candor-ui.min.js is requested while the config is still on its way (a slow config server)', async (t) => {
  t.config = baseConfig();
  t.configDelayMs = 600;
  const { tab: page, log } = await openLogged(t, 'basic.html');
  await t.waitForBanner(page);
  const config = find(log, '/e2e/config.json');
  const ui = find(log, '/candor-ui.min.js');
  assert.ok(config?.end && ui?.start, 'both requested');
  assert.ok(ui.start < config.end, `candor-ui.min.js requested ${ui.start - config.start} ms after the config, before its answer (${config.end - config.start} ms)`);
  assert.equal(find(log, 'candor-i18n-'), undefined, 'an English page loads no strings file');
  // A returning visitor loads no UI at all, even with the same slow config.
  await t.bannerButton(page, 'Reject all').click();
  await t.expectChoices(page, ALL_DENIED, 'Reject all');
  const { tab: again, log: second } = await openLogged(t, 'basic.html');
  await t.expectNoBanner(again, 'decided');
  assert.equal(find(second, '/candor-ui.min.js'), undefined, 'no UI code for a returning visitor');
  assert.deepEqual(t.errors(), []);
});

test('first visit on a German page: the German strings load first, beside the config, and the banner speaks German', async (t) => {
  t.config = baseConfig();
  t.configDelayMs = 400;
  const { tab: page, log } = await openLogged(t, 'de.html');
  const text = await t.waitForBanner(page);
  assert.match(text, /Ihre Datenschutzeinstellungen/);
  const config = find(log, '/e2e/config.json');
  const de = find(log, '/candor-i18n-de.min.js');
  const ui = find(log, '/candor-ui.min.js');
  assert.ok(de && ui && de.start <= ui.start && ui.start < config.end, 'strings, then UI, before the config answered');
  assert.equal(log.filter((entry) => entry.url.includes('candor-i18n-')).length, 1, 'one strings file');
  assert.deepEqual(t.errors(), []);
});

test('first visit where the config names another locale than the page: the banner ends up in the config\'s locale', async (t) => {
  t.config = { ...baseConfig(), locale: 'de' };
  t.configDelayMs = 200;
  const page = await t.open('basic.html'); // <html lang="en">: English guessed and loaded early
  await t.waitFor(page, () => /Ihre Datenschutzeinstellungen/.test(document.querySelector('candor-banner')?.shadowRoot?.textContent ?? ''), 'the banner in German');
  await t.bannerButton(page, 'Alle ablehnen').click();
  await t.expectChoices(page, ALL_DENIED, 'Alle ablehnen');
  assert.equal(JSON.parse(await t.stored(page)).records[0].locale, 'de');
  assert.deepEqual(t.errors(), []);
});

test('footer triggers data-candor="opt-out" / "accept-all" / "reject-all"; candor.min.js included twice boots once', async (t) => {
  t.config = baseConfig();
  const page = await t.open('triggers.html');
  await t.waitForBanner(page);
  assert.equal(await page.locator('candor-consent').count(), 1, 'one root');
  assert.equal(await page.locator('candor-banner').count(), 1, 'one banner');
  await page.getByRole('link', { name: 'Do not sell or share my personal information' }).click();
  // Opt-out denies every purpose that lists a signal, in one click.
  await t.expectChoices(page, { analytics: false, advertising: false, 'sale-share': false }, 'opt-out link');
  assert.equal(JSON.parse(await t.stored(page)).records[0].method, 'opt-out');
  assert.ok(await t.banner(page), 'personalisation is still undecided: the banner stays');
  await page.getByRole('button', { name: 'Allow everything' }).click();
  await t.expectChoices(page, ALL_GRANTED, 'accept-all trigger');
  await page.getByRole('button', { name: 'Refuse everything' }).click();
  await t.expectChoices(page, ALL_DENIED, 'reject-all trigger');
  await t.reload(page);
  await t.expectChoices(page, ALL_DENIED, 'triggers, reloaded');
  assert.equal(await page.evaluate(() => location.hash), '', 'the # link did not navigate');
});

test('a trigger clicked while the config is still on its way is not lost: it acts once Candor is ready, the # link is not followed', async (t) => {
  t.config = baseConfig();
  t.configDelayMs = 1500;
  const page = await t.open('triggers.html', { ready: false });
  await page.getByRole('button', { name: 'Refuse everything' }).click();
  assert.equal(await page.evaluate(() => window.candor.getState()), null, 'clicked before Candor was ready');
  await t.ready(page);
  await t.waitFor(page, () => window.candor.getState()?.records.length === 1, 'the held reject-all to be recorded');
  await t.expectChoices(page, ALL_DENIED, 'reject-all clicked before the config arrived');
  assert.equal(JSON.parse(await t.stored(page)).records[0].method, 'reject-all');

  const other = await t.open('basic.html', { ready: false });
  await other.getByRole('link', { name: 'Privacy choices' }).click();
  assert.equal(await other.evaluate(() => location.hash), '', 'the # link was not followed');
  await t.waitFor(other, () => document.querySelector('candor-preferences')?.shadowRoot?.querySelector('dialog')?.open === true, 'the preference centre, once ready');
});

test('candor.min.js included first without data-config, then with it: the tag with data-config still mounts the banner', async (t) => {
  t.config = baseConfig();
  const page = await t.open('two-tags.html');
  const text = await t.waitForBanner(page);
  assert.ok(text.includes(SUMMARY), text);
  assert.equal(await page.locator('candor-consent').count(), 1, 'one root');
  assert.equal(await page.evaluate(() => window.candor.getState()?.policyId), 'e2e-privacy');
  await t.bannerButton(page, 'Reject all').click();
  await t.expectChoices(page, ALL_DENIED, 'reject all');
});

test("nonce-based strict CSP ('strict-dynamic'): Candor's files and nonce'd gated scripts load; gated scripts without the nonce never run", async (t) => {
  t.config = baseConfig();
  const page = await t.open('nonce.html');
  await t.waitForBanner(page);
  await t.waitFor(page, () => document.querySelectorAll('candor-policy section[id^="candor-"]').length >= 2, 'the policy (candor-policy.min.js)');
  await t.bannerButton(page, 'Accept all').click();
  await t.waitFor(page, () => window.__gatedRuns === 1 && window.__gatedInline === 1, 'both nonce’d gated scripts to run once');
  await waitUntil(300);
  await t.expectChoices(page, ALL_GRANTED, 'accept all under a nonce policy');
  // If the browser refuses them, that refusal is the expected violation, not a fault.
  t.ignoreCsp((v) =>
    typeof v === 'string' ? /gated-no-nonce\.js|Refused to execute inline script/.test(v) : /gated-no-nonce\.js$/.test(v.blocked) || /__noNonceInline/.test(v.sample),
  );
  const ran = await page.evaluate(() => ({ external: window.__noNonceRan === true, inline: window.__noNonceInline === true }));
  // Under 'strict-dynamic' whatever Candor inserts is trusted: it runs only gated scripts with the page's nonce.
  assert.deepEqual(ran, { external: false, inline: false }, 'gated scripts without the nonce never run');
});

test('another tab sees a decision at once (storage event): its banner goes, its state follows, its gated script runs', async (t) => {
  t.config = baseConfig();
  const a = await t.open('basic.html');
  const b = await t.open('basic.html');
  await t.waitForBanner(a);
  await t.waitForBanner(b);
  await t.bannerButton(a, 'Accept all').click();
  await t.waitFor(b, () => !document.querySelector('candor-banner')?.shadowRoot?.querySelector('section'), 'the banner in tab B to go');
  await t.expectChoices(b, ALL_GRANTED, 'tab B after tab A accepted');
  await t.waitFor(b, () => window.__gatedRuns === 1, 'the gated script in tab B');
  await b.evaluate(() => window.candor.set({ personalisation: false }));
  await t.waitFor(a, () => window.candor.getState().choices.personalisation.granted === false, 'tab A to follow tab B');
  await t.expectChoices(a, { ...ALL_GRANTED, personalisation: false }, 'tab A after tab B changed personalisation');
});

test('cookie storage in two tabs: the other tab follows through the Cookie Store API', async (t) => {
  t.config = baseConfig({ storage: 'cookie' });
  const a = await t.open('basic.html');
  const b = await t.open('basic.html');
  assert.equal(await b.evaluate(() => typeof window.cookieStore), 'object', '127.0.0.1 is a secure context with cookieStore');
  await t.waitForBanner(b);
  await t.bannerButton(a, 'Reject all').click();
  await t.waitFor(b, () => window.candor.getState().choices['sale-share'].granted === false, 'tab B to follow', undefined, 5000);
  await t.expectChoices(b, ALL_DENIED, 'tab B, cookie storage');
  await t.waitFor(b, () => !document.querySelector('candor-banner')?.shadowRoot?.querySelector('section'), 'the banner in tab B to go');
});

test('data-storage="memory" keeps nothing: no localStorage, no cookie, asked again next visit', async (t) => {
  t.config = baseConfig();
  const page = await t.open('memory.html');
  await t.waitForBanner(page);
  await t.bannerButton(page, 'Accept all').click();
  await t.expectChoices(page, ALL_GRANTED, 'accept all in memory');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(await t.context.cookies(), []);
  await t.reload(page);
  assert.deepEqual(await t.granted(page), DEFAULTS);
  await t.waitForBanner(page);
});

test('the policy\'s "what changed" view, opened from the URL, compares with an archived version under strict CSP', async (t) => {
  const older = baseConfig();
  older.policy.version = '2025-06-01';
  older.policy.effective = '2025-06-01';
  older.policy.sections = [
    { id: 'what-we-collect', title: 'What we collect', body: 'Your **email** when you register.' },
    { id: 'newsletter', title: 'Newsletter', body: 'We send a monthly newsletter.' },
  ];
  older.policy.revisions = [{ version: '2025-06-01', effective: '2025-06-01', material: true }];
  const current = baseConfig();
  current.policy.revisions = [
    { version: '2026-01-01', effective: '2026-01-01', material: true, summary: 'New rights section.' },
    { version: '2025-06-01', effective: '2025-06-01', material: true, src: '/e2e/archive/2025-06-01.json' },
  ];
  t.config = current;
  t.archive('2025-06-01', older);
  const page = await t.open('xss.html#changes-2025-06-01');
  await t.waitFor(page, () => document.querySelector('[id="changes-2025-06-01"] .candor-policy__change'), 'the changes view');
  const view = await page.evaluate(() => {
    const root = document.querySelector('[id="changes-2025-06-01"]');
    const bySection = (id) => root.querySelector(`[data-section="${id}"]`);
    return {
      heading: root.querySelector('h2')?.textContent?.trim(),
      collect: { del: [...bySection('what-we-collect').querySelectorAll('del')].map((n) => n.textContent.trim()), ins: [...bySection('what-we-collect').querySelectorAll('ins')].map((n) => n.textContent.trim()) },
      added: bySection('your-rights')?.querySelector('ins')?.textContent ?? null,
      removed: bySection('newsletter')?.querySelector('del')?.textContent ?? null,
      focused: document.activeElement?.id ?? null,
    };
  });
  assert.equal(view.heading, 'What changed from version 2025-06-01 to version 2026-01-01');
  assert.ok(view.collect.del.some((text) => /register/.test(text)), `removed words marked: ${JSON.stringify(view.collect)}`);
  assert.match(view.collect.ins.join(' '), /how .*use the product/, `added words marked: ${JSON.stringify(view.collect)}`);
  assert.match(view.added ?? '', /access/, 'a new section is shown as added');
  assert.equal(view.removed, 'We send a monthly newsletter.', 'a removed section is shown as removed');
  assert.equal(view.focused, 'changes-2025-06-01', 'the view has focus, as after following a link');
  // A version the policy does not list: the view says so in the page, nothing is thrown.
  await page.evaluate(() => { location.hash = '#changes-2024-01-01'; });
  await t.waitFor(page, () => document.querySelector('[id="changes-2024-01-01"]'), 'the view of an unknown version');
  assert.match(await page.evaluate(() => document.querySelector('[id="changes-2024-01-01"]').textContent), /2024-01-01/);
  assert.equal(await page.evaluate(() => document.querySelector('[id="changes-2025-06-01"]')), null, 'the earlier view is closed');
});
