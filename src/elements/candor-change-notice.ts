import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { parseIso } from '../core/time.js';
import type { Revision } from '../core/types.js';
import { CandorController, type CandorView } from './consent-controller.js';
import { FocusReturn } from './focus-return.js';
import { reserveSpace } from './reserve-space.js';
import { base } from './styles.js';
import { changeNoticeStyles } from './candor-change-notice.styles.js';

/**
 * @summary Tells the person, prominently, that the privacy policy changed materially since
 * they last saw it (or will change: a revision announced with `noticeFrom`): what changed, when
 * it takes effect, "Review changes" and "Got it". Several unseen material revisions show as one
 * notice listing each. A polite live region, never a dialog, never dismissed by a timer.
 * "Got it" records a `change-notice` record (never consent: no choice changes) and the root
 * fires `candor-acknowledge`. Minor revisions show nothing.
 *
 * @csspart base - The notice region (a polite live region).
 * @csspart title - The heading.
 * @csspart summary - The summary of a single revision.
 * @csspart date - When a revision takes effect.
 * @csspart list - The list of revisions when several are unseen.
 * @csspart item - One revision in that list.
 * @csspart actions - The row of actions.
 * @csspart button - Both actions (also `review` for the link, `ok` for Got it).
 *
 * @cssproperty --candor-background - Surface colour (falls back to `--ds-surface-overlay`).
 * @cssproperty --candor-color - Text colour (falls back to `--ds-text`).
 * @cssproperty --candor-button-background - Background of both actions, of equal weight.
 * @cssproperty --candor-notice-max-width - Widest the notice grows.
 * @cssproperty --candor-z-index - Stacking order of the fixed notice.
 *
 * @event {CandorAcknowledgeEvent} candor-acknowledge - From `<candor-consent>` (bubbling, composed, also on `window`)
 * once "Got it" is recorded. `detail: { version, recordId }`.
 *
 * @attr {boolean} inline - Render in the page flow instead of fixed to the top of the viewport.
 *
 * @tag candor-change-notice
 */
export class CandorChangeNoticeElement extends LitElement {
  static override styles = [base, changeNoticeStyles];

  #candor = new CandorController(this);
  #focus = new FocusReturn(this);
  #release: (() => void) | undefined;
  #busy = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#release?.();
    this.#release = undefined;
  }

  protected override updated(): void {
    const region = this.renderRoot.querySelector('.shown');
    this.#release?.();
    this.#release = region && !this.hasAttribute('inline') ? reserveSpace(region, 'top') : undefined;
  }

  async #acknowledge(): Promise<void> {
    const consent = this.#candor.handle?.consent;
    if (!consent || this.#busy) return;
    this.#busy = true; // a double click acknowledges once
    try {
      // Got it goes with the notice: keyboard focus goes back where it came from, else on to a banner still asking.
      await this.#focus.keep(() => consent.acknowledge(), () => (this.#focus.origin ?? document.querySelector('candor-banner'))?.focus());
    } finally {
      this.#busy = false;
    }
  }

  #follow(event: Event): void {
    const link = event.currentTarget as HTMLAnchorElement;
    // A fragment of this page (an in-page <candor-policy>) is the browser's to follow.
    if (link.getAttribute('href')?.startsWith('#')) return;
    this.#candor.handle?.navigate(link.href, event);
  }

  protected override render(): TemplateResult {
    const handle = this.#candor.handle;
    const revisions = handle && this.#candor.ready ? handle.consent.changeNotices : [];
    // The live region stays in place while empty, so a notice that appears is announced.
    if (!handle || revisions.length === 0) return html`<div part="base" role="status"></div>`;
    const { t, text, lang } = handle;
    const now = Date.now();
    const upcoming = (revision: Revision): boolean => (parseIso(revision.effective) ?? -Infinity) > now;
    const date = (revision: Revision): string => formatDate(revision.effective, handle.locale);
    const when = (revision: Revision) => html`<span part="date" class="date">${t('notice.effective', { date: date(revision) })}</span>`;
    const single = revisions.length === 1 ? revisions[0] : undefined;
    // "changes on <date>" when nothing listed is in effect yet (the earliest date first).
    const earliest = revisions[revisions.length - 1]!;
    const title = revisions.every(upcoming) ? t('notice.upcoming', { date: date(earliest) }) : t('notice.title');
    const review = reviewHref(handle);
    return html`<div part="base" class="shown" role="status" aria-labelledby="title">
<h2 id="title" part="title">${title}</h2>
${single
  ? html`${single.summary ? html`<p part="summary" lang=${lang(single.summary) ?? nothing}>${text(single.summary)}</p>` : nothing}${upcoming(single) ? nothing : html`<p>${when(single)}</p>`}`
  : html`<ul part="list">${revisions.map((revision) => html`<li part="item">${revision.summary ? html`<span lang=${lang(revision.summary) ?? nothing}>${text(revision.summary)}</span> ` : nothing}${when(revision)}</li>`)}</ul>`}
<div part="actions" class="actions">
${review ? html`<a part="button review" href=${review} @click=${this.#follow}>${t('notice.review')}</a>` : nothing}
<button part="button ok" @click=${this.#acknowledge}>${t('notice.ok')}</button>
</div>
</div>`;
  }
}

/** A date of the config (ISO, UTC) in the page's locale: "1 March 2026". */
function formatDate(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(parseIso(iso));
  } catch {
    return iso; // a locale tag Intl does not accept (from config `messages`)
  }
}

/**
 * Where "Review changes" goes: the changes view since the acknowledged version, on this page
 * when it has a `<candor-policy>`, else on the configured policy page; else the revision's page.
 */
function reviewHref(handle: CandorView): string | undefined {
  const { consent } = handle;
  const since = consent.state.acknowledgedVersion;
  const fragment = since === null ? '' : `#changes-${encodeURIComponent(since)}`;
  if (fragment && document.querySelector('candor-policy')) return fragment;
  const url = consent.config.policy.url;
  if (url) return `${url.split('#')[0]}${fragment}`;
  return consent.changeNotice?.href;
}
