import { ContextEvent as ContextRequestEvent } from '@lit/context';
import { list, localize, tableTranslator } from '../core/messages.js';
import type { CandorConfig, CandorErrorDetail, Localized, PolicySection, Revision } from '../core/types.js';
import { compareSections, loadRevision, RevisionLoadError, type DiffPart, type SectionChange } from '../policy/changes.js';
import { formatDate } from '../policy/dates.js';
import { h, type Child } from '../policy/dom.js';
import { urlScheme } from '../policy/allow.js';
import { policyEn, policyStrings, type PolicyMessageKey } from '../policy/messages.js';
import { renderMarkdown, sanitizer, type Sanitize } from '../policy/sanitizer.js';
import { signalStatements } from '../policy/signals.js';
import { candorContext, ensureContextRoot, type CandorHandle } from './context.js';
import { HTMLElementBase } from './define-element.js';

/** Prefix of every id the element writes, so section ids never clash with the page's. */
export const ID_PREFIX = 'candor-';
/** Id of the generated section on browser signals (standards.md P6). */
export const SIGNALS_SECTION_ID = `${ID_PREFIX}browser-signals`;
/** URL fragment (and element id) of the comparison with `version`: `#changes-2025-06-11`. */
export const changesId = (version: string): string => `changes-${version}`;

type Comparison =
  | { version: string; status: 'loading' }
  | { version: string; status: 'error'; message: string }
  | { version: string; status: 'unknown' }
  | { version: string; status: 'ready'; changes: SectionChange[] };

type T = (key: PolicyMessageKey, vars?: Record<string, string>) => string;


/**
 * @summary The privacy policy, rendered into the page itself (light DOM, no shadow root, no
 * inline styles): title, version and "Effective starting" date, summary, table of contents,
 * every section (Markdown, sanitised), a generated section on GPC/DNT, the controller, the
 * archive of revisions, and what changed between an archived version and the current one
 * (`#changes-<version>` in the URL, or `changes="<version>"`).
 *
 * It takes the site's typography; the optional stylesheet `candor-policy.css` adds a little
 * layout and marks what changed. Class names all start with `candor-policy`. Section ids are
 * `candor-<section id>`. It uses no Lit, to keep `candor-policy.min.js` small.
 *
 * @attr {string} changes - Version to compare with the current one.
 * @attr {boolean} no-hash - Ignore the URL fragment.
 * @attr {"auto" | "dompurify"} sanitizer - `auto` (default: `Element.setHTML` where present, else DOMPurify) or `dompurify`.
 * @fires {CustomEvent<CandorErrorDetail>} candor-error - An archived version could not be loaded or is invalid, or the sanitiser failed to load (`detail: { code, message, problems? }`).
 *
 * @tag candor-policy
 */
export class CandorPolicyElement extends HTMLElementBase {
  static observedAttributes = ['changes', 'sanitizer'];

  #handle: CandorHandle | undefined;
  #unsubscribe: (() => void) | undefined;
  #comparison: Comparison | undefined;
  #loads = new Map<string, Promise<CandorConfig>>();
  #scrollTo: string | undefined;
  #queued = false;
  #rendered = false;
  /** Resolves after the next render, every section body filled (tests, and scripts that read the rendered policy). */
  updateComplete: Promise<void> = Promise.resolve();
  /** Section bodies of the current render still to fill, in document order (Markdown, then the sanitiser). */
  #fills: Array<{ id: string; fill: (sanitize: Sanitize) => void }> = [];
  /** Bumped by every render: the fills of an older one stop. */
  #generation = 0;
  #done: (() => void) | undefined;

  /** Version to compare with the current one; also set from a `#changes-<version>` fragment. */
  get changes(): string | null {
    return this.getAttribute('changes');
  }
  set changes(value: string | null) {
    if (value) this.setAttribute('changes', value);
    else this.removeAttribute('changes');
  }

  /** The config being rendered (from `<candor-consent>`), once found. */
  get config(): CandorConfig | undefined {
    return this.#handle?.consent.config;
  }

  connectedCallback(): void {
    ensureContextRoot();
    window.addEventListener('hashchange', this.#onHash);
    this.#onHash();
    this.dispatchEvent(
      new ContextRequestEvent(candorContext, this, (handle, unsubscribe) => {
        if (!this.isConnected) {
          unsubscribe?.();
          return;
        }
        this.#unsubscribe = unsubscribe;
        if (handle === this.#handle) return;
        this.#handle = handle;
        this.#comparison = undefined;
        this.#loads.clear();
        this.#update();
      }, true),
    );
  }

  disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHash);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#handle = undefined;
  }

  attributeChangedCallback(): void {
    this.#update();
  }

  #onHash = (): void => {
    if (this.hasAttribute('no-hash')) return;
    const match = /^#changes-(.+)$/.exec(location.hash);
    if (!match?.[1]) return;
    const version = decodeURIComponent(match[1]);
    this.#scrollTo = changesId(version);
    if (this.changes === version) this.#update();
    else this.changes = version;
  };

  /** Renders on the next microtask (several changes, one render). */
  #update(): void {
    if (this.#queued) return;
    this.#queued = true;
    this.updateComplete = new Promise((resolve) => (this.#done = resolve));
    queueMicrotask(() => {
      this.#queued = false;
      try {
        this.#render();
      } finally {
        this.#done?.();
      }
    });
  }

  #translate: { handle: CandorHandle | undefined; t: (key: PolicyMessageKey, vars?: Record<string, string>) => string } | undefined;

  /** The policy strings for the current handle (built once per handle). */
  #t(key: PolicyMessageKey, vars: Record<string, string> = {}): string {
    const handle = this.#handle;
    let translate = this.#translate;
    if (translate?.handle !== handle || !translate) {
      const locale = handle?.locale ?? 'en';
      const built = policyStrings[locale] ?? policyStrings[locale.split('-')[0] ?? locale];
      // Only `config.messages` is read: without a config, the built-in strings alone.
      translate = this.#translate = { handle, t: tableTranslator(handle?.consent.config ?? ({} as CandorConfig), locale, built, policyEn) };
    }
    return translate.t(key, vars);
  }


  #text(value: Localized | undefined): string {
    return localize(value, this.#handle?.locale ?? 'en');
  }

  #render(): void {
    const handle = this.#handle;
    if (!handle || !this.isConnected) return;
    const config = handle.consent.config;
    const wanted = this.changes || undefined;
    if (!wanted) this.#comparison = undefined;
    else if (this.#comparison?.version !== wanted) this.#compare(config, wanted);
    // Pre-rendered (static) content, if any, is replaced by the live policy.
    this.#fills = [];
    this.replaceChildren(this.#article(config));
    this.#rendered = true;
    const filling = this.#fillBodies(this.#fills.splice(0), ++this.#generation);
    this.updateComplete = Promise.all([this.updateComplete, filling]).then(() => undefined);
    if (this.#scrollTo && this.#comparison?.status !== 'loading') {
      const target = this.querySelector<HTMLElement>(`[id="${CSS.escape(this.#scrollTo)}"]`);
      this.#scrollTo = undefined;
      target?.scrollIntoView?.();
      // Like following a fragment link: keyboard and screen-reader users continue from the view.
      target?.focus({ preventScroll: true });
    }
  }

  /** Whether the element has rendered the policy at least once. */
  get rendered(): boolean {
    return this.#rendered;
  }

  #compare(config: CandorConfig, version: string): void {
    const revision = config.policy.revisions?.find((candidate) => candidate.version === version);
    if (!revision || version === config.policy.version) {
      this.#comparison = { version, status: 'unknown' };
      return;
    }
    this.#comparison = { version, status: 'loading' };
    let loading = this.#loads.get(version);
    if (!loading) {
      loading = loadRevision(revision);
      this.#loads.set(version, loading);
    }
    const locale = this.#handle?.locale ?? 'en';
    loading.then(
      (older) => {
        if (this.#comparison?.version !== version) return;
        this.#comparison = { version, status: 'ready', changes: compareSections(older.policy.sections ?? [], config.policy.sections ?? [], locale) };
        this.#update();
      },
      (error: unknown) => {
        this.#loads.delete(version);
        const detail: CandorErrorDetail = error instanceof RevisionLoadError
          ? error.detail
          : { code: 'load', message: `[candor] version ${version}: ${String(error)}`, cause: error };
        this.#fail(detail);
        if (this.#comparison?.version !== version) return;
        this.#comparison = { version, status: 'error', message: detail.problems?.length ? `${detail.message} (${detail.problems.join('; ')})` : detail.message };
        this.#update();
      },
    );
  }

  #fail(detail: CandorErrorDetail): void {
    console.error(detail.message, ...(detail.problems ?? []));
    this.dispatchEvent(new CustomEvent('candor-error', { bubbles: true, composed: true, detail }));
  }

  #article(config: CandorConfig): HTMLElement {
    const t: T = (key, vars) => this.#t(key, vars);
    const locale = this.#handle?.locale ?? 'en';
    const { policy } = config;
    const sections = policy.sections ?? [];
    const toc: Array<[string, string]> = [
      ...sections.map((section): [string, string] => [`${ID_PREFIX}${section.id}`, this.#text(section.title)]),
      [SIGNALS_SECTION_ID, t('policy.signalsTitle')],
    ];
    if (policy.controller) toc.push([`${ID_PREFIX}controller`, t('policy.controller')]);
    if (policy.revisions?.length) toc.push([`${ID_PREFIX}versions`, t('policy.archive')]);
    return h('article', { class: 'candor-policy', lang: locale, 'aria-labelledby': `${ID_PREFIX}policy-title` },
      h('header', { class: 'candor-policy__header' },
        h('h1', { id: `${ID_PREFIX}policy-title` }, this.#text(policy.title) || t('policy.label')),
        h('p', { class: 'candor-policy__meta' },
          h('span', { class: 'candor-policy__version' }, t('policy.version', { version: policy.version })),
          policy.effective && [' ', h('span', { class: 'candor-policy__effective' }, t('policy.effective', { date: formatDate(policy.effective, locale) }))],
        ),
        policy.summary && h('p', { class: 'candor-policy__summary' }, this.#text(policy.summary)),
      ),
      this.#changesView(config, t),
      h('nav', { class: 'candor-policy__toc', 'aria-labelledby': `${ID_PREFIX}contents` },
        h('h2', { id: `${ID_PREFIX}contents` }, t('policy.contents')),
        h('ol', {}, toc.map(([id, text]) => h('li', {}, h('a', { href: `#${id}` }, text)))),
      ),
      sections.map((section) => this.#section(section)),
      this.#signals(config, t),
      this.#controller(config, t),
      this.#archive(config, t),
    );
  }

  /**
   * Fills the section bodies (Markdown, sanitiser) without blocking the page: in slices of about
   * 12 ms with a yield to the browser between them, so a long policy (150 sections) never makes one
   * long task. The slice that runs at once goes at least to the section the URL points at, so
   * nothing above it grows after it is scrolled to. A body not filled yet is `aria-busy`.
   */
  async #fillBodies(fills: Array<{ id: string; fill: (sanitize: Sanitize) => void }>, generation: number): Promise<void> {
    if (fills.length === 0) return;
    const kind = this.getAttribute('sanitizer') === 'dompurify' ? 'dompurify' : 'auto';
    let sanitize: Sanitize;
    try {
      const ready = sanitizer(kind);
      sanitize = typeof ready === 'function' ? ready : await ready;
    } catch (error) {
      this.#fail({ code: 'load', message: `[candor] the policy's sanitiser could not be loaded: ${error instanceof Error ? error.message : String(error)}`, cause: error });
      return;
    }
    const hash = this.hasAttribute('no-hash') ? '' : decodeURIComponent(location.hash.slice(1));
    let mustReach = fills.findIndex(({ id }) => hash === id || hash === `${id}-title`);
    let deadline = performance.now() + 12;
    for (const [index, { fill }] of fills.entries()) {
      if (generation !== this.#generation) return; // a newer render replaced these bodies
      fill(sanitize);
      if (index >= mustReach && performance.now() > deadline && index < fills.length - 1) {
        mustReach = -1;
        await yieldToBrowser();
        deadline = performance.now() + 12;
      }
    }
  }

  #section(section: PolicySection): HTMLElement {
    const id = `${ID_PREFIX}${section.id}`;
    const body = h('div', { class: 'candor-policy__body', 'aria-busy': 'true' });
    this.#fills.push({
      id,
      fill: (sanitize) => {
        body.replaceChildren(renderMarkdown(section.body, sanitize));
        body.removeAttribute('aria-busy');
      },
    });
    return h('section', { class: 'candor-policy__section', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, this.#text(section.title)),
      body,
    );
  }

  #signals(config: CandorConfig, t: T): HTMLElement {
    const statements = signalStatements(config);
    const id = SIGNALS_SECTION_ID;
    return h('section', { class: 'candor-policy__section candor-policy__signals', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.signalsTitle')),
      statements.map((statement) => {
        const signal = t(statement.signal === 'gpc' ? 'policy.signalGpc' : 'policy.signalDnt');
        const honoured = statement.purposes.length > 0;
        return h('p', { 'data-signal': statement.signal, 'data-honoured': honoured ? 'true' : 'false' }, honoured
          ? t('policy.signalHonoured', { signal, purposes: list(statement.purposes.map((purpose) => this.#text(purpose.label) || purpose.id), t('policy.and'), t('policy.comma')) })
          : t('policy.signalIgnored', { signal }));
      }),
      statements.some((statement) => statement.purposes.length > 0) && h('p', { 'data-override': '' }, t('policy.signalOverride')),
    );
  }

  #controller(config: CandorConfig, t: T): Child {
    const controller = config.policy.controller;
    if (!controller) return null;
    const id = `${ID_PREFIX}controller`;
    return h('section', { class: 'candor-policy__section candor-policy__controller', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.controller')),
      h('address', {},
        h('dl', {},
          h('dt', {}, t('policy.controllerName')),
          h('dd', {}, controller.name),
          controller.address && [h('dt', {}, t('policy.address')), h('dd', { class: 'candor-policy__address' }, controller.address)],
          controller.email && [h('dt', {}, t('policy.contact')), h('dd', {}, h('a', { href: `mailto:${encodeURI(controller.email)}` }, controller.email))],
        ),
      ),
    );
  }

  #archive(config: CandorConfig, t: T): Child {
    const { policy } = config;
    const revisions = policy.revisions ?? [];
    if (revisions.length === 0) return null;
    const locale = this.#handle?.locale ?? 'en';
    const id = `${ID_PREFIX}versions`;
    const comparable = (revision: Revision) => Boolean(revision.src && policy.sections?.length && revision.version !== policy.version);
    return h('section', { class: 'candor-policy__section candor-policy__archive', id, 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, t('policy.archive')),
      h('table', {},
        h('thead', {}, h('tr', {},
          (['policy.archiveVersion', 'policy.archiveEffective', 'policy.archiveKind', 'policy.archiveSummary'] as const).map((key) => h('th', { scope: 'col' }, t(key))),
        )),
        h('tbody', {}, revisions.map((revision) =>
          h('tr', { 'data-version': revision.version, 'data-material': revision.material ? 'true' : 'false' },
            h('th', { scope: 'row' },
              revision.href && safeLink(revision.href) ? h('a', { href: revision.href }, revision.version) : revision.version,
              revision.version === policy.version && [' ', h('span', { class: 'candor-policy__current' }, `(${t('policy.current')})`)],
            ),
            h('td', {}, h('time', { datetime: revision.effective }, formatDate(revision.effective, locale))),
            h('td', {}, revision.material ? t('policy.material') : t('policy.minor')),
            h('td', {},
              this.#text(revision.summary),
              comparable(revision) && [' ', h('a', {
                class: 'candor-policy__compare',
                href: `#${changesId(revision.version)}`,
                onclick: (event) => this.#open(event, revision.version),
              }, t('policy.compare', { version: revision.version }))],
            ),
          ),
        )),
      ),
    );
  }

  #open(event: Event, version: string): void {
    if (!this.hasAttribute('no-hash')) return; // the hashchange opens it
    event.preventDefault();
    this.#scrollTo = changesId(version);
    this.changes = version;
  }

  #changesView(config: CandorConfig, t: T): Child {
    const comparison = this.#comparison;
    if (!comparison) return null;
    const { version } = comparison;
    const id = changesId(version);
    let body: Child;
    switch (comparison.status) {
      case 'loading':
        body = h('p', { role: 'status' }, t('policy.changesLoading', { version }));
        break;
      case 'unknown':
        body = h('p', { role: 'alert', class: 'candor-policy__error' }, t('policy.changesUnknown', { version }));
        break;
      case 'error':
        body = h('p', { role: 'alert', class: 'candor-policy__error' }, t('policy.changesError', { version, reason: comparison.message }));
        break;
      default: {
        const changed = comparison.changes.filter((change) => change.status !== 'unchanged');
        body = changed.length === 0 ? h('p', {}, t('policy.changesNone')) : changed.map((change) => this.#change(change, t));
      }
    }
    return h('section', { class: 'candor-policy__changes', id, tabindex: '-1', 'aria-labelledby': `${id}-title`, 'data-status': comparison.status },
      h('h2', { id: `${id}-title` }, t('policy.changesTitle', { from: version, to: config.policy.version })),
      body,
      h('p', {}, h('a', { href: `#${ID_PREFIX}policy-title`, onclick: () => (this.changes = null) }, t('policy.changesBack'))),
    );
  }

  #change(change: SectionChange, t: T): HTMLElement {
    const label = { added: 'policy.changesAdded', removed: 'policy.changesRemoved', changed: 'policy.changesChanged', unchanged: 'policy.changesUnchanged' } as const;
    const id = `${ID_PREFIX}change-${change.id}`;
    return h('section', { class: 'candor-policy__change', 'data-change': change.status, 'data-section': change.id, 'aria-labelledby': `${id}-title` },
      h('h3', { id: `${id}-title` },
        change.titleDiff ? diffNodes(change.titleDiff, t) : change.title,
        ' ',
        h('span', { class: 'candor-policy__change-status' }, `(${t(label[change.status])})`),
      ),
      h('p', { class: 'candor-policy__diff' }, diffNodes(change.body, t)),
    );
  }
}

/**
 * A word diff as text with `<ins>`/`<del>`: the Markdown source is shown as text, never parsed.
 * Each mark is bracketed in words ("[Removed: …]"), visually hidden by candor-policy.css: several
 * screen readers say nothing of `<ins>`/`<del>`, and the old and new words would run together.
 */
function diffNodes(parts: DiffPart[], t: T): Child[] {
  const mark = (text: string) => h('span', { class: 'candor-policy__mark' }, text);
  return parts.map((part) => (part.kind === 'same'
    ? part.text
    : [mark(`[${t(part.kind === 'ins' ? 'policy.changesAdded' : 'policy.changesRemoved')}: `), h(part.kind, {}, part.text), mark(']')]));
}

/** Archive links: http(s) or relative only, as config validation demands (checked again here: defence in depth). */
function safeLink(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === undefined || scheme === 'https' || scheme === 'http';
}

/** Lets the browser paint and handle input: `scheduler.yield()` where there is one, else a new task. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
