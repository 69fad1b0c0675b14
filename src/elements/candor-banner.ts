import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { list } from '../core/messages.js';
import { CandorController } from './consent-controller.js';
import { FocusReturn } from './focus-return.js';
import { reserveSpace } from './reserve-space.js';
import { base } from './styles.js';
import { bannerStyles } from './candor-banner.styles.js';

/**
 * @summary The first layer: what Candor asks and why, with Accept all, Reject all and
 * Customise as equal buttons. A notice with OK when the config asks no consent.
 *
 * @csspart base - The banner region.
 * @csspart title - The heading.
 * @csspart summary - The policy summary.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button (also `accept`, `reject`, `customise`, `ok`, `opt-out`).
 * @csspart reopen - The small button left after a decision (with `reopen`).
 * @csspart pending - "Not saved yet", shown after a decision while storage has not confirmed it.
 * @csspart vendors - "Our partners (n)": opens the preference centre, which lists the third parties per purpose.
 *
 * @cssproperty --candor-background - Surface colour (falls back to `--ds-surface-overlay`).
 * @cssproperty --candor-color - Text colour (falls back to `--ds-text`).
 * @cssproperty --candor-button-background - Background of every button, all of equal weight.
 * @cssproperty --candor-banner-max-width - Widest the banner grows.
 * @cssproperty --candor-z-index - Stacking order of the fixed banner.
 *
 * @tag candor-banner
 */
export class CandorBannerElement extends LitElement {
  static override styles = [base, bannerStyles];

  static override properties = {
    reopen: { type: Boolean, reflect: true },
    inline: { type: Boolean, reflect: true },
  };

  /** Leave a small "Privacy choices" button after a decision, to reopen the preferences. */
  declare reopen: boolean;
  /** Render in the page flow instead of fixed to the bottom of the viewport. */
  declare inline: boolean;

  #candor = new CandorController(this);
  #focus = new FocusReturn(this);
  #release: (() => void) | undefined;

  constructor() {
    super();
    this.reopen = false;
    this.inline = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#release?.();
    this.#release = undefined;
  }

  protected override updated(): void {
    const region = this.renderRoot.querySelector('section, .after');
    this.#release?.();
    this.#release = region && !this.inline ? reserveSpace(region) : undefined;
  }

  #act(action: 'acceptAll' | 'rejectAll' | 'optOut' | 'acknowledge'): void {
    const consent = this.#candor.handle?.consent;
    if (consent) void this.#focus.keep(() => consent[action](), () => this.focus());
  }

  /**
   * Moves focus to the banner's first button while it asks; once it has gone, to the small reopen
   * button, else back to the page element focus came from when it entered the banner. The
   * preference centre calls it when the Customise button that opened it has gone with a decision.
   */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('section button, [part~="reopen"]') ??
      this.#focus.origin;
    target?.focus(options);
  }

  #customise(event: Event): void {
    this.#candor.handle?.showPreferences(event.currentTarget as Element);
  }

  #follow(event: Event): void {
    const link = event.currentTarget as HTMLAnchorElement;
    this.#candor.handle?.navigate(link.href, event);
  }

  protected override render(): TemplateResult | typeof nothing {
    const handle = this.#candor.handle;
    if (!handle || !this.#candor.ready) return nothing;
    const { consent, t, text, lang } = handle;
    if (!consent.needsBanner) {
      // After a decision: a save that has not landed yet is said, never hidden (the choice already applies).
      const pending = consent.saveStatus !== 'saved';
      if (!pending && !this.reopen) return nothing;
      return html`<div class="after">
        ${pending ? html`<p part="pending" class="pending" role="status">${t('prefs.notSaved')}</p>` : nothing}
        ${this.reopen ? html`<button part="button reopen" @click=${this.#customise}>${t('banner.reopen')}</button>` : nothing}
      </div>`;
    }
    const { policy, purposes } = consent.config;
    const labels = (basis: string): string[] => purposes.filter((purpose) => purpose.basis === basis).map((purpose) => text(purpose.label));
    // Purposes the host's cookie preferences decide (Forge) are not asked for here: Accept all leaves them to the host.
    const asked = purposes.filter((purpose) => purpose.basis === 'consent' && !consent.hostDecides(purpose.id)).map((purpose) => text(purpose.label));
    // Used without consent but open to objection (Reject all objects to them): said on the first layer too (GDPR Art. 21(4)).
    const objectable = labels('legitimate-interest');
    const notice = asked.length === 0;
    const inList = (items: string[]): string => list(items, t('list.and'), t('list.comma'));
    const canOptOut = purposes.some((purpose) => purpose.signals?.includes('gpc'));
    // The third parties involved, listed per purpose in the preference centre (standards E5).
    const vendors = new Set(purposes.flatMap((purpose) => (purpose.vendors ?? []).map((vendor) => vendor.name))).size;
    return html`
      <section part="base" role="region" aria-labelledby="title">
        <h2 id="title" part="title">${t('banner.title')}</h2>
        ${policy.summary ? html`<p part="summary" lang=${lang(policy.summary) ?? nothing}>${text(policy.summary)}</p>` : nothing}
        <p>
          ${notice ? nothing : t('banner.purposes', { purposes: inList(asked) })}
          ${objectable.length > 0 ? t('banner.objectable', { purposes: inList(objectable) }) : nothing}
          ${policy.url ? html`<a href=${policy.url} @click=${this.#follow}>${t('banner.policyLink')}</a>` : nothing}
          ${vendors > 0
            ? html`<button part="vendors" class="link" @click=${this.#customise}>${t('banner.vendors', { count: String(vendors) })}</button>`
            : nothing}
        </p>
        <div part="actions" class="actions">
          ${notice
            ? html`
                ${canOptOut
                  ? html`<button part="button opt-out" @click=${() => this.#act('optOut')}>${t('optout.saleShare')}</button>`
                  : nothing}
                <button part="button ok" @click=${() => this.#act('acknowledge')}>${t('banner.ok')}</button>
              `
            : html`
                <button part="button accept" @click=${() => this.#act('acceptAll')}>${t('banner.acceptAll')}</button>
                <button part="button reject" @click=${() => this.#act('rejectAll')}>${t('banner.rejectAll')}</button>
                <button part="button customise" @click=${this.#customise}>${t('banner.customise')}</button>
              `}
        </div>
      </section>
    `;
  }
}
