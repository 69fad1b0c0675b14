// <candor-consent>: where the config comes from, storage, the events it fires, invalid configs,
// the @lit/context handle it provides to every Candor element in the document, and `theme`
// (DESIGN.md "Elements", "Config" (invalid config), events; issue 3 item 1).
import { expect, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import '../../src/elements/candor-consent.define.js';
import '../../src/elements/candor-banner.define.js';
import { CandorConsentElement } from '../../src/elements/candor-consent.js';
import { CandorController } from '../../src/elements/consent-controller.js';
import { memoryStorage } from '../../src/storage/index.js';
import type { CandorConfig, ConsentState, ConsentStorage, Signals } from '../../src/core/types.js';
import type { CandorErrorDetail, ChangeDetail } from '../../src/core/types.js';

const CONFIG_URL = '/test/elements/fixtures/root-config.json';
const INVALID_URL = '/test/elements/fixtures/root-invalid.json';
const NOT_JSON_URL = '/test/elements/fixtures/root-not-json.json';
const MISSING_URL = '/test/elements/fixtures/no-such-config.json';
const NO_SIGNALS: Signals = { gpc: false, dnt: false };

/** The config of fixtures/root-config.json, as an object (a fresh copy on every call). */
function config(): CandorConfig {
  return {
    policy: {
      id: 'root-test',
      title: 'Privacy at Acme',
      version: '2026-01-01',
      effective: '2026-01-01',
      summary: 'We use a few services to run this site. You decide which ones.',
      url: '/privacy',
    },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', description: 'Keeps you signed in.', basis: 'necessary' },
      { id: 'analytics', label: 'Product analytics', description: 'Counts visits.', basis: 'consent', signals: ['gpc', 'dnt'] },
      { id: 'advertising', label: 'Advertising', description: 'Shows ads that fit you.', basis: 'consent', signals: ['gpc'] },
      { id: 'sale-share', label: 'Sale or sharing', description: 'Shares data with partners.', basis: 'legitimate-interest', signals: ['gpc'] },
      { id: 'marketing-email', label: 'Promotional email', description: 'Tells you about offers.', basis: 'legitimate-interest' },
    ],
  };
}
const PURPOSE_IDS = ['necessary', 'analytics', 'advertising', 'sale-share', 'marketing-email'];

/** A tiny Candor element: consumes the handle through CandorController, like every Candor element. */
class Probe extends LitElement {
  candor = new CandorController(this);
  override render() {
    return html`<span>${this.candor.ready ? 'ready' : 'waiting'}</span>`;
  }
}

let tagCount = 0;
/** Defines a fresh probe tag (a custom element class can be registered once per page). */
function defineProbe(tag = newProbeTag()): string {
  customElements.define(tag, class extends Probe {});
  return tag;
}
function newProbeTag(): string {
  tagCount += 1;
  return `root-probe-${tagCount}`;
}

/** Defines `<candor-consent>`'s class again under a fresh tag, to test elements upgraded before the root. */
function defineLateRoot(tag: string): void {
  customElements.define(tag, class extends CandorConsentElement {});
}

// ---- fixtures and cleanup ----

const added: Element[] = [];

function add<T extends Element>(element: T, parent: Element = document.body): T {
  parent.append(element);
  added.push(element);
  return element;
}

function container(): HTMLDivElement {
  return add(document.createElement('div'));
}

interface RootOptions {
  config?: unknown;
  src?: string;
  storageKind?: string | null;
  storage?: ConsentStorage;
  children?: string;
  theme?: string;
  parent?: Element;
  signals?: Signals | null;
}

/** Creates a `<candor-consent>` (storage="memory" unless told) without connecting it. */
function createRoot(options: RootOptions = {}): CandorConsentElement {
  const root = document.createElement('candor-consent');
  const storageKind = options.storageKind === undefined ? 'memory' : options.storageKind;
  if (storageKind !== null) root.setAttribute('storage', storageKind);
  if (options.src) root.setAttribute('src', options.src);
  if (options.theme) root.setAttribute('theme', options.theme);
  if (options.children) root.innerHTML = options.children;
  if (options.config !== undefined) root.config = options.config as CandorConfig;
  if (options.storage) root.storage = options.storage;
  const signals = options.signals === undefined ? NO_SIGNALS : options.signals;
  if (signals) root.signals = signals;
  return root;
}

/** Creates, connects and waits for `candor-ready`. */
async function mountRoot(options: RootOptions = {}): Promise<{ root: CandorConsentElement; ready: CustomEvent<{ state: ConsentState }> }> {
  const root = createRoot(options);
  const ready = oneEvent(root, 'candor-ready') as Promise<CustomEvent<{ state: ConsentState }>>;
  add(root, options.parent ?? container());
  return { root, ready: await ready };
}

function probeOf(element: Element): Probe {
  return element as Probe;
}

async function handleArrives(probe: Probe, root: CandorConsentElement, where: string): Promise<void> {
  await waitUntil(
    () => root.consent !== undefined && probe.candor.handle?.consent === root.consent,
    `the probe ${where} never received the root's handle`,
  );
}

/** Replaces console.error with a recorder until `restore()`. */
function stubConsoleError(): { calls: unknown[][]; restore(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => {
    calls.push(args);
  };
  return { calls, restore: () => (console.error = original) };
}

/** Waits for an element's pending render, if it renders asynchronously (Lit); harmless otherwise. */
async function settled(element: Element): Promise<void> {
  await (element as Element & { updateComplete?: Promise<unknown> }).updateComplete;
}

async function frames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await nextFrame();
}

afterEach(() => {
  for (const element of added.splice(0).reverse()) element.remove();
  for (const element of document.querySelectorAll('candor-consent, candor-preferences, candor-banner')) element.remove();
  localStorage.clear();
  document.documentElement.removeAttribute('theme');
});

// ---- config sources ----

describe('<candor-consent>: config sources', () => {
  it('loads the config from the .config property and fires candor-ready with the state', async () => {
    const { root, ready } = await mountRoot({ config: config() });
    expect(root.consent, 'controller').to.exist;
    expect(root.consent!.config.policy.id).to.equal('root-test');
    expect(root.hasAttribute('ready'), 'ready attribute').to.equal(true);
    expect(ready.detail.state).to.equal(root.consent!.state);
    expect(Object.keys(ready.detail.state.choices).sort()).to.deep.equal([...PURPOSE_IDS].sort());
    expect(ready.detail.state.choices['analytics']).to.include({ granted: false, source: 'default' });
  });

  it('setting the same config, storage, signals or host again changes nothing (React sets every prop on every render)', async () => {
    const storage = memoryStorage();
    const signals = { gpc: false, dnt: false };
    const host = {};
    const { root } = await mountRoot({ config: config() });
    root.storage = storage;
    root.signals = signals;
    root.host = host;
    await oneEvent(root, 'candor-ready');
    const controller = root.consent!;
    await controller.set({ analytics: true });
    let readies = 0;
    root.addEventListener('candor-ready', () => (readies += 1));
    for (let i = 0; i < 3; i += 1) {
      root.config = root.config!;
      root.storage = storage;
      root.signals = signals;
      root.host = host;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readies, 'no reload').to.equal(0);
    expect(root.consent, 'the same controller').to.equal(controller);
    expect(root.consent!.granted('analytics'), 'the choice still applies').to.equal(true);
    // A different object is a new config: it reloads.
    root.config = { ...root.config! };
    await oneEvent(root, 'candor-ready');
    expect(root.consent).not.to.equal(controller);
  });

  it('loads the config from a `src` URL (JSON file)', async () => {
    const { root, ready } = await mountRoot({ src: CONFIG_URL });
    expect(root.consent!.config.policy.id).to.equal('root-test');
    expect(root.consent!.config.purposes.map((p) => p.id)).to.deep.equal(PURPOSE_IDS);
    expect(ready.detail.state.policyId).to.equal('root-test');
  });

  it('loads the config from a child <script type="application/json">', async () => {
    const json = JSON.stringify({ ...config(), policy: { ...config().policy, id: 'from-child-script' } });
    const { root } = await mountRoot({ children: `<script type="application/json">${json}</script>` });
    expect(root.consent!.config.policy.id).to.equal('from-child-script');
  });

  it('loads a child <script type="application/json"> config with no attribute or property set (plain markup)', async () => {
    const json = JSON.stringify({ ...config(), policy: { ...config().policy, id: 'bare-child-script' } });
    const root = document.createElement('candor-consent');
    root.innerHTML = `<script type="application/json">${json}</script>`;
    const ready = oneEvent(root, 'candor-ready');
    add(root, container());
    await ready;
    expect(root.consent!.config.policy.id).to.equal('bare-child-script');
  });

  it('prefers the .config property over `src` and a child script', async () => {
    const json = JSON.stringify({ ...config(), policy: { ...config().policy, id: 'from-child-script' } });
    const property = { ...config(), policy: { ...config().policy, id: 'from-property' } };
    const { root } = await mountRoot({ config: property, src: CONFIG_URL, children: `<script type="application/json">${json}</script>` });
    expect(root.consent!.config.policy.id).to.equal('from-property');
  });

  it('reloads when `.config` is replaced, and fires candor-ready for the new controller', async () => {
    const { root } = await mountRoot({ config: config() });
    const first = root.consent;
    const ready = oneEvent(root, 'candor-ready');
    root.config = { ...config(), policy: { ...config().policy, id: 'second' } };
    await ready;
    expect(root.consent).not.to.equal(first);
    expect(root.consent!.config.policy.id).to.equal('second');
  });

  it('fires candor-ready exactly once per load, and renders its children accessibly', async () => {
    const root = createRoot({ config: config(), children: '<candor-banner inline></candor-banner>' });
    const readies: Event[] = [];
    root.addEventListener('candor-ready', (event) => readies.push(event));
    const ready = oneEvent(root, 'candor-ready');
    add(root, container());
    await ready;
    await root.consent!.acceptAll();
    await root.consent!.rejectAll();
    await settled(root);
    await frames();
    expect(readies).to.have.length(1);
    await expect(root).to.be.accessible();
  });
});

// ---- storage ----

describe('<candor-consent>: storage', () => {
  it('storage="memory" writes nothing to localStorage', async () => {
    const { root } = await mountRoot({ config: config(), storageKind: 'memory' });
    await root.consent!.acceptAll();
    expect(localStorage.length, 'localStorage entries').to.equal(0);
    expect(root.consent!.granted('analytics')).to.equal(true);
  });

  it('stores in localStorage by default (config without `storage`, no attribute)', async () => {
    const { root } = await mountRoot({ config: config(), storageKind: null });
    await root.consent!.acceptAll();
    const stored = JSON.parse(localStorage.getItem('candor:consent') ?? 'null') as ConsentState | null;
    expect(stored?.policyId).to.equal('root-test');
    expect(stored?.choices['analytics']?.granted).to.equal(true);
  });

  it('the `storage` attribute overrides the config\'s `storage`', async () => {
    const { root } = await mountRoot({ config: { ...config(), storage: 'local' }, storageKind: 'memory' });
    await root.consent!.acceptAll();
    expect(localStorage.length).to.equal(0);
  });

  it('an unknown `storage` attribute is a config error naming it: nothing is stored anywhere (not localStorage instead)', async () => {
    const consoleError = stubConsoleError();
    try {
      const root = createRoot({ config: config(), storageKind: 'memroy' });
      const error = oneEvent(root, 'candor-error') as Promise<CustomEvent<CandorErrorDetail>>;
      add(root, container());
      const { detail } = await error;
      expect(detail.code).to.equal('config');
      expect(detail.problems).to.deep.equal(['<candor-consent storage>: expected "local" | "memory" | "cookie", got "memroy"']);
      expect(root.consent).to.equal(undefined);
      expect(localStorage.length).to.equal(0);
    } finally {
      consoleError.restore();
    }
  });

  it('uses an adapter passed as the `storage` property (over the attribute)', async () => {
    const inner = memoryStorage();
    const calls: string[] = [];
    const saved: ConsentState[] = [];
    const adapter: ConsentStorage = {
      load: () => (calls.push('load'), inner.load()),
      save: (state) => (calls.push('save'), saved.push(state), inner.save(state)),
      clear: () => (calls.push('clear'), inner.clear()),
    };
    const { root } = await mountRoot({ config: config(), storageKind: 'local', storage: adapter });
    expect(calls).to.include('load');
    await root.consent!.acceptAll();
    expect(calls).to.include('save');
    expect(saved.at(-1)?.choices['analytics']?.granted).to.equal(true);
    expect(localStorage.length, 'nothing went to localStorage').to.equal(0);
  });

  it('an adapter that is no adapter is reported as a storage error (no exception escapes), and choices still apply on the page', async () => {
    const errors: CandorErrorDetail[] = [];
    const onError = (event: Event): void => void errors.push((event as CustomEvent<CandorErrorDetail>).detail);
    window.addEventListener('candor-error', onError);
    try {
      const { root } = await mountRoot({ config: config(), storage: {} as ConsentStorage });
      expect(root.consent, 'a controller').to.exist;
      expect(errors.map((error) => error.code)).to.include('storage');
      await root.consent!.acceptAll();
      expect(root.consent!.granted('analytics')).to.equal(true);
    } finally {
      window.removeEventListener('candor-error', onError);
    }
  });

  it('reads choices the custom adapter already holds', async () => {
    const inner = memoryStorage();
    const first = await mountRoot({ config: config(), storage: inner });
    await first.root.consent!.acceptAll();
    first.root.remove();
    const second = await mountRoot({ config: config(), storage: inner });
    expect(second.root.consent!.granted('analytics')).to.equal(true);
    expect(second.ready.detail.state.choices['analytics']?.source).to.equal('user');
  });
});

// ---- candor-change ----

describe('<candor-consent>: candor-change', () => {
  it('fires on acceptAll(): bubbling, composed, with { state, changed, origin: "user", recordId, saved }', async () => {
    const { root } = await mountRoot({ config: config() });
    const change = oneEvent(window, 'candor-change') as Promise<CustomEvent<ChangeDetail>>;
    const result = await root.consent!.acceptAll();
    const event = await change;
    expect(event.bubbles, 'bubbles').to.equal(true);
    expect(event.composed, 'composed').to.equal(true);
    expect(event.target).to.equal(root);
    const { state, changed, origin, recordId, saved } = event.detail;
    expect(state).to.equal(result);
    expect(state).to.equal(root.consent!.state);
    expect([...changed].sort()).to.deep.equal(['advertising', 'analytics']);
    expect(origin).to.equal('user');
    expect(recordId).to.be.a('string');
    expect(recordId).to.equal(root.consent!.records()[0]?.recordId);
    expect(saved).to.equal(true);
  });

  it('reports origin "api" for set() from code', async () => {
    const { root } = await mountRoot({ config: config() });
    const change = oneEvent(root, 'candor-change') as Promise<CustomEvent<ChangeDetail>>;
    await root.consent!.set({ analytics: true });
    const { detail } = await change;
    expect(detail.origin).to.equal('api');
    expect(detail.changed).to.deep.equal(['analytics']);
  });

  it('does not fire when nothing effectively changed (same decision again, acknowledge, same set)', async () => {
    const { root } = await mountRoot({ config: config() });
    const events: Event[] = [];
    root.addEventListener('candor-change', (event) => events.push(event));
    await root.consent!.acceptAll();
    expect(events, 'the first accept changes something').to.have.length(1);
    await root.consent!.acceptAll();
    await root.consent!.acknowledge();
    await root.consent!.set({ analytics: true, advertising: true });
    expect(events, 'no event without an effective change').to.have.length(1);
    await root.consent!.rejectAll();
    expect(events).to.have.length(2);
  });

  it('reaches the document from a root inside a shadow root (composed)', async () => {
    const host = add(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    shadow.append(wrapper);
    const { root } = await mountRoot({ config: config(), parent: wrapper });
    const change = oneEvent(document, 'candor-change') as Promise<CustomEvent<ChangeDetail>>;
    await root.consent!.acceptAll();
    const event = await change;
    expect(event.detail.origin).to.equal('user');
    expect(event.target, 'retargeted to the shadow host').to.equal(host);
  });
});

// ---- invalid config ----

describe('<candor-consent>: invalid config', () => {
  let consoleError: ReturnType<typeof stubConsoleError>;
  beforeEach(() => {
    consoleError = stubConsoleError();
  });
  afterEach(() => consoleError.restore());

  /** Connects `root`, waits for its first candor-error and a few frames, and returns every error and ready event. */
  async function errorsOf(root: CandorConsentElement): Promise<{ errors: CustomEvent<CandorErrorDetail>[]; readies: Event[] }> {
    const errors: CustomEvent<CandorErrorDetail>[] = [];
    const readies: Event[] = [];
    root.addEventListener('candor-error', (event) => errors.push(event as CustomEvent<CandorErrorDetail>));
    root.addEventListener('candor-ready', (event) => readies.push(event));
    const first = oneEvent(root, 'candor-error');
    add(root, container());
    await first;
    await settled(root);
    await frames(3);
    return { errors, readies };
  }

  function invalid(): unknown {
    const bad = config() as unknown as { policy: Record<string, unknown>; purposes: Array<Record<string, unknown>> };
    bad.policy['version'] = 5;
    bad.purposes[1]!['basis'] = 'maybe';
    return bad;
  }

  it('reports every problem with its path in one candor-error and one console.error', async () => {
    const root = createRoot({ config: invalid(), children: '<candor-banner inline></candor-banner>' });
    const { errors, readies } = await errorsOf(root);
    expect(errors, 'candor-error events').to.have.length(1);
    const event = errors[0]!;
    expect(event.bubbles && event.composed, 'bubbles and composed').to.equal(true);
    expect(event.detail.code).to.equal('config');
    expect(event.detail.message).to.be.a('string').and.not.equal('');
    const problems = event.detail.problems ?? [];
    expect(problems.some((p) => p.startsWith('policy.version:')), `policy.version in ${JSON.stringify(problems)}`).to.equal(true);
    expect(problems.some((p) => p.startsWith('purposes[1].basis:')), `purposes[1].basis in ${JSON.stringify(problems)}`).to.equal(true);
    expect(problems.find((p) => p.startsWith('purposes[1].basis:'))).to.contain('"legitimate-interest"');
    expect(consoleError.calls, 'console.error calls').to.have.length(1);
    expect(readies, 'no candor-ready').to.have.length(0);
  });

  it('renders nothing harmful: no controller, no ready state, an empty banner', async () => {
    const root = createRoot({ config: invalid(), children: '<candor-banner inline></candor-banner>' });
    await errorsOf(root);
    expect(root.consent).to.equal(undefined);
    expect(root.hasAttribute('ready')).to.equal(false);
    const banner = root.querySelector('candor-banner')!;
    await (banner as LitElement).updateComplete;
    expect(banner.shadowRoot?.querySelector('button, section, [role]'), 'banner content').to.equal(null);
    expect((banner.shadowRoot?.textContent ?? '').trim()).to.equal('');
    await expect(root).to.be.accessible();
  });

  it('reports an invalid config loaded from `src` the same way', async () => {
    const root = createRoot({ src: INVALID_URL });
    const { errors } = await errorsOf(root);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('config');
    const problems = errors[0]!.detail.problems ?? [];
    expect(problems.some((p) => p.startsWith('policy.version:'))).to.equal(true);
    expect(problems.some((p) => p.startsWith('purposes[1].basis:'))).to.equal(true);
    expect(consoleError.calls).to.have.length(1);
  });

  it('a `src` that answers 404 gives one candor-error "config" naming the URL', async () => {
    const root = createRoot({ src: MISSING_URL });
    const { errors, readies } = await errorsOf(root);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('config');
    expect(errors[0]!.detail.message).to.contain(MISSING_URL);
    expect(errors[0]!.detail.message).to.contain('404');
    expect(consoleError.calls).to.have.length(1);
    expect(readies).to.have.length(0);
    expect(root.consent).to.equal(undefined);
  });

  it('a `src` that is not JSON gives a candor-error "config" naming the URL', async () => {
    const root = createRoot({ src: NOT_JSON_URL });
    const { errors } = await errorsOf(root);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('config');
    expect(errors[0]!.detail.message).to.contain(NOT_JSON_URL);
  });

  it('invalid JSON in the child script gives one candor-error "config"', async () => {
    const root = createRoot({ children: '<script type="application/json">{ "policy": </script>' });
    const { errors, readies } = await errorsOf(root);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('config');
    expect(errors[0]!.detail.message).to.match(/json/i);
    expect(consoleError.calls).to.have.length(1);
    expect(readies).to.have.length(0);
  });

  it('a valid config set after an invalid one recovers (candor-ready, a controller)', async () => {
    const root = createRoot({ config: invalid() });
    await errorsOf(root);
    const ready = oneEvent(root, 'candor-ready');
    root.config = config();
    await ready;
    expect(root.consent?.config.policy.id).to.equal('root-test');
  });
});

// ---- context ----

describe('<candor-consent>: context for every Candor element in the document', () => {
  it('(a) reaches an element inside <candor-consent>', async () => {
    const tag = defineProbe();
    const { root } = await mountRoot({ config: config(), children: `<${tag}></${tag}>` });
    const probe = probeOf(root.querySelector(tag)!);
    await handleArrives(probe, root, 'inside');
    await waitUntil(() => probe.candor.ready, 'probe ready');
    expect(probe.shadowRoot!.textContent).to.contain('ready');
  });

  it('(b) reaches an element elsewhere in the document (a sibling subtree)', async () => {
    const tag = defineProbe();
    const elsewhere = container();
    elsewhere.innerHTML = `<section><div><${tag}></${tag}></div></section>`;
    const { root } = await mountRoot({ config: config() });
    const probe = probeOf(elsewhere.querySelector(tag)!);
    await handleArrives(probe, root, 'in a sibling subtree');
  });

  it('(b) reaches an element inside another element\'s shadow root elsewhere in the document', async () => {
    const tag = defineProbe();
    const host = container();
    const shadow = host.attachShadow({ mode: 'open' });
    const probe = probeOf(document.createElement(tag));
    shadow.append(probe);
    const { root } = await mountRoot({ config: config() });
    await handleArrives(probe, root, 'in a shadow root');
  });

  it('(c) reaches elements defined after the root is ready (upgraded inside and outside, and created later)', async () => {
    const tag = newProbeTag();
    const { root } = await mountRoot({ config: config(), children: `<${tag}></${tag}>` });
    const elsewhere = container();
    elsewhere.innerHTML = `<${tag}></${tag}>`;
    defineProbe(tag);
    const inside = probeOf(root.querySelector(tag)!);
    const outside = probeOf(elsewhere.querySelector(tag)!);
    await handleArrives(inside, root, 'inside, upgraded late');
    await handleArrives(outside, root, 'outside, upgraded late');
    const later = probeOf(add(document.createElement(tag)));
    await handleArrives(later, root, 'created after ready');
    await waitUntil(() => later.candor.ready, 'later probe ready');
  });

  it('(d) reaches elements connected before the root was created', async () => {
    const tag = defineProbe();
    const outside = probeOf(add(document.createElement(tag)));
    const holder = container();
    const inside = probeOf(document.createElement(tag));
    holder.append(inside);
    await nextFrame();
    expect(outside.candor.handle, 'no handle before any root').to.equal(undefined);
    // The root is created around the already connected probe.
    const root = createRoot({ config: config() });
    const ready = oneEvent(root, 'candor-ready');
    holder.append(root);
    root.append(inside);
    await ready;
    await handleArrives(outside, root, 'outside');
    await handleArrives(inside, root, 'moved inside');
  });

  it('(d) reaches elements connected before the root element was defined', async () => {
    const probeTag = defineProbe();
    const rootTag = `late-candor-consent-${tagCount}`;
    const holder = container();
    holder.innerHTML = `
      <${rootTag} storage="memory" src="${CONFIG_URL}"><${probeTag} id="inside"></${probeTag}></${rootTag}>
      <div><${probeTag} id="outside"></${probeTag}></div>`;
    const root = holder.querySelector(rootTag) as CandorConsentElement;
    const inside = probeOf(holder.querySelector('#inside')!);
    const outside = probeOf(holder.querySelector('#outside')!);
    await nextFrame();
    expect(inside.candor.handle, 'no handle before the root is defined').to.equal(undefined);
    const ready = oneEvent(root, 'candor-ready');
    defineLateRoot(rootTag);
    await ready;
    await handleArrives(inside, root, 'inside the late root');
    await handleArrives(outside, root, 'outside the late root');
  });

  it('hands the document-level context to a new root when the first is removed', async () => {
    const tag = defineProbe();
    const probe = probeOf(add(document.createElement(tag)));
    const first = await mountRoot({ config: config() });
    await handleArrives(probe, first.root, 'with the first root');
    first.root.remove();
    await waitUntil(() => probe.candor.handle === undefined, 'the handle of a removed root is withdrawn');
    const second = await mountRoot({ config: { ...config(), policy: { ...config().policy, id: 'second-root' } } });
    await handleArrives(probe, second.root, 'with the second root');
    expect(probe.candor.handle!.consent.config.policy.id).to.equal('second-root');
    const late = probeOf(add(document.createElement(tag)));
    await handleArrives(late, second.root, 'created after the swap');
  });

  it('with two roots on the page, removing the first hands the document (context and triggers) to the second', async () => {
    const tag = defineProbe();
    const probe = probeOf(add(document.createElement(tag)));
    const first = await mountRoot({ config: config() });
    const second = await mountRoot({ config: { ...config(), policy: { ...config().policy, id: 'second-root' } } });
    await handleArrives(probe, first.root, 'with both roots');
    first.root.remove();
    await handleArrives(probe, second.root, 'after the first root left');
    expect(probe.candor.handle!.consent.config.policy.id).to.equal('second-root');
    // Page-wide behaviour moved too: a data-candor trigger now acts on the second root.
    const trigger = add(document.createElement('button'));
    trigger.setAttribute('data-candor', 'reject-all');
    trigger.click();
    await waitUntil(() => second.root.consent!.records().some((record) => record.method === 'reject-all'), 'the trigger acted on the second root');
  });

  it('an element moved out of the root keeps a handle from the same controller', async () => {
    const tag = defineProbe();
    const { root } = await mountRoot({ config: config(), children: `<${tag}></${tag}>` });
    const probe = probeOf(root.querySelector(tag)!);
    await handleArrives(probe, root, 'inside');
    container().append(probe);
    await handleArrives(probe, root, 'after moving out');
  });
});

// ---- theme ----

describe('<candor-consent>: theme', () => {
  it('defaults to theme "auto": color-scheme "light dark" (follows prefers-color-scheme)', async () => {
    const { root } = await mountRoot({ config: config() });
    expect(root.theme).to.equal('auto');
    expect(getComputedStyle(root).colorScheme).to.equal('light dark');
  });

  it('theme="auto" as an attribute: color-scheme "light dark"', async () => {
    const { root } = await mountRoot({ config: config(), theme: 'auto' });
    expect(root.theme).to.equal('auto');
    expect(getComputedStyle(root).colorScheme).to.equal('light dark');
  });

  it('theme="dark" sets color-scheme dark, inherited by its children', async () => {
    const { root } = await mountRoot({ config: config(), theme: 'dark', children: '<candor-banner inline></candor-banner>' });
    expect(root.theme).to.equal('dark');
    expect(getComputedStyle(root).colorScheme).to.equal('dark');
    expect(getComputedStyle(root.querySelector('candor-banner')!).colorScheme).to.equal('dark');
    await expect(root).to.be.accessible();
  });

  it('the theme property reflects to the attribute and switches color-scheme', async () => {
    const { root } = await mountRoot({ config: config() });
    root.theme = 'light';
    await settled(root);
    expect(root.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(root).colorScheme).to.equal('light');
    root.theme = 'dark';
    await settled(root);
    expect(root.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(root).colorScheme).to.equal('dark');
  });
});
