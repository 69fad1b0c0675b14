import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { CandorController } from './consent-controller.js';
import { keyboardFocus } from './focus-return.js';
import { base } from './styles.js';

/**
 * @summary Holds content (an embed, a map, a video) that needs a purpose: its `<template>`
 * child is cloned into the page only once the purpose is granted, so nothing loads before.
 * Otherwise a placeholder with a button that asks for that purpose.
 *
 * @slot - The `<template>` with the gated content; once granted, its clone.
 * @slot placeholder - Replaces the built-in placeholder text.
 * @csspart placeholder - The placeholder box.
 * @csspart button - The button that allows the purpose.
 *
 * @tag candor-gate
 */
export class CandorGateElement extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .placeholder {
        padding: var(--_gap);
        border: 1px dashed var(--_line);
        border-radius: var(--_radius);
        background: var(--_bg);
      }
      p {
        margin: 0 0 0.5rem;
      }
    `,
  ];

  static override properties = { purpose: { reflect: true } };

  /** The purpose id the content needs. */
  declare purpose: string;

  #candor = new CandorController(this);
  #clones: Node[] = [];

  constructor() {
    super();
    this.purpose = '';
  }

  get #granted(): boolean {
    return this.#candor.ready && this.#candor.handle?.consent.granted(this.purpose) === true;
  }

  protected override updated(): void {
    const granted = this.#granted;
    if (granted && this.#clones.length === 0) {
      const template = this.querySelector(':scope > template');
      if (template instanceof HTMLTemplateElement) {
        const fragment = document.importNode(template.content, true);
        this.#clones = [...fragment.childNodes];
        this.append(fragment);
      }
    } else if (!granted && this.#clones.length > 0) {
      for (const node of this.#clones) node.parentNode?.removeChild(node); // revoked: stop the embed
      this.#clones = [];
    }
  }

  async #allow(event: Event): Promise<void> {
    // Keyboard focus only (a mouse click moves nothing, so the page does not jump into an embed).
    const focused = event.currentTarget === this.shadowRoot?.activeElement && keyboardFocus(this.shadowRoot.activeElement);
    await this.#candor.handle?.consent.set({ [this.purpose]: true }, { method: 'save' });
    await this.updateComplete;
    if (!focused || !this.#granted) return;
    // The button went with the placeholder: focus follows to the content it allowed, not to <body>.
    const target = this.querySelector<HTMLElement>('a[href],button,input,select,textarea,iframe,[controls],[tabindex]');
    if (target) target.focus();
    else {
      this.tabIndex = -1; // focusable from code only, and only until focus leaves it
      this.focus();
      this.addEventListener('blur', () => this.removeAttribute('tabindex'), { once: true });
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const handle = this.#candor.handle;
    if (!handle || this.#granted) return html`<slot></slot>`;
    if (!this.#candor.ready) return nothing;
    const purpose = handle.consent.config.purposes.find((candidate) => candidate.id === this.purpose);
    const name = purpose ? handle.text(purpose.label) || purpose.id : this.purpose;
    return html`
      <div part="placeholder" class="placeholder">
        <slot name="placeholder"><p>${handle.t('gate.blocked', { purpose: name })}</p></slot>
        ${purpose ? html`<button part="button" @click=${this.#allow}>${handle.t('gate.allow', { purpose: name })}</button>` : nothing}
      </div>
    `;
  }
}
