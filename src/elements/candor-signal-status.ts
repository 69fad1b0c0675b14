import { LitElement, css, html, type TemplateResult } from 'lit';
import { CandorController } from './consent-controller.js';
import { list } from '../core/messages.js';
import { activeSignals } from '../core/resolve.js';
import { base } from './styles.js';

/**
 * @summary Says which browser privacy signal was detected and what Candor did about it:
 * "Global Privacy Control detected: opt-out request honoured for Advertising and Sale or
 * sharing of personal information". Shows nothing when no signal applies (its status region is
 * there, empty, so that screen readers announce the text when it comes).
 *
 * @csspart base - The status region (empty, with no padding or border, when no signal applies).
 *
 * @tag candor-signal-status
 */
export class CandorSignalStatusElement extends LitElement {
  static override styles = [base, css`
      :host {
        display: block;
      }
      div {
        padding: 0.5rem 0.75rem;
        background: var(--_bg);
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
      }
      div:empty {
        padding: 0;
        border: 0;
      }
      p {
        margin: 0;
      }
    `];

  #candor = new CandorController(this);

  protected override render(): TemplateResult {
    const handle = this.#candor.handle;
    // The status region is there, empty, from the start: a screen reader announces what a live
    // region gains, not one that appears together with its text (WCAG 4.1.3, standards A7).
    if (!handle || !this.#candor.ready) return this.#region([]);
    const { consent, t, text } = handle;
    // A purpose is named under the signal that covers it (GPC before DNT) while it stays refused,
    // whether the signal refused it or the person did too (Reject all with GPC on): the opt-out is
    // still honoured (G5). One the person opted into knowingly while the signal was on is not named.
    const lines = (['gpc', 'dnt'] as const).flatMap((signal) => {
      if (!consent.signals[signal]) return [];
      const denied = consent.config.purposes
        .filter((purpose) => {
          const active = activeSignals(consent.config, purpose, consent.signals);
          const by = active.includes('gpc') ? 'gpc' : active[0];
          return by === signal && consent.state.choices[purpose.id]?.granted === false;
        })
        .map((purpose) => text(purpose.label) || purpose.id);
      return denied.length ? [t(signal === 'gpc' ? 'signal.gpc' : 'signal.dnt', { purposes: list(denied, t('list.and'), t('list.comma')) })] : [];
    });
    return this.#region(lines);
  }

  #region(lines: string[]): TemplateResult {
    return html`<div part="base" role="status">${lines.map((line) => html`<p>${line}</p>`)}</div>`;
  }
}
