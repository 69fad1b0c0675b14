import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { Purpose } from '../core/types.js';
import { CandorController } from './consent-controller.js';
import type { CandorView } from './consent-controller.js';
import { downloadJson } from './download.js';
import { keyboardFocus } from './focus-return.js';
import { base } from './styles.js';
import { preferencesStyles } from './candor-preferences.styles.js';

/**
 * @summary The preference centre: one switch per purpose, with Save, Accept all and Reject
 * all. Inline with `inline`, otherwise a modal dialog opened by `show()`.
 *
 * @csspart dialog - The native `<dialog>` (modal only).
 * @csspart panel - The content.
 * @csspart purpose - One purpose row.
 * @csspart switch - A purpose switch.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button of the actions row (also `save`, `accept`, `reject`).
 * @csspart status - The `role="status"` message.
 *
 * @cssproperty --candor-backdrop - Backdrop behind the modal (falls back to `--ds-blanket`).
 * @cssproperty --candor-accent - Colour of a switch that is on.
 *
 * @tag candor-preferences
 */
export class CandorPreferencesElement extends LitElement {
  static override styles = [base, preferencesStyles];

  static override properties = {
    inline: { type: Boolean, reflect: true },
    draft: { state: true },
    decided: { state: true },
    records: { state: true },
  };

  /** Render in the page instead of as a modal dialog. */
  declare inline: boolean;
  /** The switches as shown, not saved yet. @internal */
  declare draft: Record<string, boolean> | undefined;
  /**
   * Whether a decision was made here: the status then says "Preferences saved" or "Not saved yet",
   * read from storage at each render, so it follows a save that lands later. @internal
   */
  declare decided: boolean;
  /** The records as JSON, shown in the page where a download may be blocked (a sandboxed iframe such as Forge's). @internal */
  declare records: string | undefined;

  #candor = new CandorController(this);
  #opener: Element | null = null;
  /** The element whose shadow root holds the opener (the banner, for its Customise button). */
  #openerHost: Element | undefined;
  /** The decision that closes the centre was made from the keyboard. */
  #keyboard = false;

  constructor() {
    super();
    this.inline = false;
    this.decided = false;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #showing = false;

  /**
   * Opens the modal preference centre (as soon as Candor is ready, if it is not yet); focus
   * returns to `opener` when it closes.
   */
  async show(opener: Element | null = document.activeElement): Promise<void> {
    this.#opener = opener;
    this.#openerHost = (opener?.getRootNode() as Partial<ShadowRoot> | undefined)?.host;
    this.#showing = true;
    this.draft = undefined;
    this.decided = false;
    this.requestUpdate();
    await this.updateComplete;
  }

  protected override updated(): void {
    const dialog = this.#dialog;
    if (this.#showing && dialog) {
      this.#showing = false;
      if (!dialog.open) dialog.showModal();
    }
  }

  /** Closes the modal without recording anything. */
  close(): void {
    this.#dialog?.close();
  }

  #closed(): void {
    this.draft = undefined;
    // Back to the opener; if a decision took it away (the banner's Customise), to the element it was
    // in, which knows where focus goes next (<candor-banner>: its reopen button, or the page).
    const opener = this.#opener?.isConnected ? this.#opener : this.#keyboard ? this.#openerHost : undefined;
    this.#keyboard = false;
    this.#opener = null;
    this.#openerHost = undefined;
    if (opener?.isConnected) (opener as HTMLElement).focus();
  }

  /** Tab and Shift+Tab cycle inside the modal (the native dialog lets focus leave for the browser). */
  #trap(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const controls = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('dialog button:not([disabled]), dialog a[href]'));
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  #backdrop(event: MouseEvent): void {
    if (event.target === event.currentTarget) this.close(); // a click outside the panel records nothing
  }

  #switches(handle: CandorView): Record<string, boolean> {
    if (this.draft) return this.draft;
    const switches: Record<string, boolean> = {};
    for (const purpose of handle.consent.config.purposes) switches[purpose.id] = handle.consent.granted(purpose.id);
    return switches;
  }

  #toggle(handle: CandorView, id: string, value?: boolean): void {
    const switches = this.#switches(handle);
    this.draft = { ...switches, [id]: value ?? !switches[id] };
    this.decided = false;
  }

  /** Objects (switch off); focus goes to that switch, as the Object button goes with the "on" state. */
  #object(handle: CandorView, id: string, event: Event): void {
    const row = (event.currentTarget as Element).closest('li');
    this.#toggle(handle, id, false);
    void this.updateComplete.then(() => row?.querySelector<HTMLElement>('[role="switch"]')?.focus());
  }

  async #decide(handle: CandorView, action: 'save' | 'acceptAll' | 'rejectAll'): Promise<void> {
    const { consent } = handle;
    // From the keyboard, focus may go on to where the opener was (see #closed); a mouse moves nothing.
    this.#keyboard = keyboardFocus((this.renderRoot as ShadowRoot).activeElement);
    if (action === 'save') {
      const switches = this.#switches(handle);
      const choices: Record<string, boolean> = {};
      for (const purpose of consent.config.purposes) {
        if (purpose.basis !== 'necessary' && !consent.hostDecides(purpose.id)) choices[purpose.id] = switches[purpose.id] === true;
      }
      await consent.set(choices, { method: 'save' });
    } else {
      await consent[action]();
    }
    this.draft = undefined;
    this.decided = true;
    if (!this.inline) this.close();
  }

  #download(handle: CandorView): void {
    const { consent } = handle;
    const data = {
      policy: { id: consent.config.policy.id, version: consent.policyVersion },
      exportedAt: new Date().toISOString(),
      records: consent.records(),
    };
    downloadJson(`${consent.config.policy.id}-consent-records.json`, data);
    // In a frame (Forge Custom UI) the sandbox may block downloads: show the JSON to copy as well.
    if (window.self !== window.top) this.records = JSON.stringify(data, null, 2);
  }

  async #copy(handle: CandorView, event: Event): Promise<void> {
    const button = event.currentTarget as HTMLButtonElement;
    try {
      await navigator.clipboard.writeText(this.records ?? '');
      button.textContent = handle.t('prefs.copied');
    } catch {
      // Clipboard refused (permissions policy): the text area stays selectable.
      this.renderRoot.querySelector('textarea')?.select();
    }
  }

  #purpose(handle: CandorView, purpose: Purpose, on: boolean): TemplateResult {
    const { t, text, lang, consent } = handle;
    const id = `p-${purpose.id}`;
    const host = consent.hostDecides(purpose.id);
    const necessary = purpose.basis === 'necessary';
    const source = consent.state.choices[purpose.id]?.source;
    const honoured = !this.draft && (source === 'gpc' || source === 'dnt');
    return html`
      <li part="purpose" class="purpose">
        <div class="row">
          <span class="name" id=${`${id}-label`} lang=${lang(purpose.label) ?? nothing}>${text(purpose.label) || purpose.id}</span>
          <button
            part="switch"
            role="switch"
            aria-checked=${on ? 'true' : 'false'}
            aria-labelledby=${`${id}-label`}
            aria-describedby=${`${id}-desc`}
            ?disabled=${necessary || host}
            @click=${() => this.#toggle(handle, purpose.id)}
          ></button>
        </div>
        <div id=${`${id}-desc`}>
          ${necessary ? html`<p class="badge">${t('prefs.alwaysActive')}</p>` : nothing}
          ${host ? html`<p class="badge">${t('prefs.host')}</p>` : nothing}
          ${honoured ? html`<p class="badge">${t('signal.honoured')}</p>` : nothing}
          ${purpose.description ? html`<p class="desc" lang=${lang(purpose.description) ?? nothing}>${text(purpose.description)}</p>` : nothing}
          ${purpose.justification ? html`<p class="desc" lang=${lang(purpose.justification) ?? nothing}>${text(purpose.justification)}</p>` : nothing}
          ${purpose.basis === 'legitimate-interest' ? html`<p class="desc">${t('prefs.objection')}</p>` : nothing}
        </div>
        ${purpose.basis === 'legitimate-interest' && on
          ? html`<button class="link" @click=${(event: Event) => this.#object(handle, purpose.id, event)}>${t('prefs.object', { purpose: text(purpose.label) || purpose.id })}</button>`
          : nothing}
        ${purpose.vendors?.length
          ? html`<div class="vendors">
              ${t('prefs.vendors')}:
              <ul>
                ${purpose.vendors.map((vendor) =>
                  vendor.url
                    ? html`<li><a href=${vendor.url} rel="noopener noreferrer" target="_blank" @click=${(event: Event) => handle.navigate(vendor.url ?? '', event)}>${vendor.name}</a></li>`
                    : html`<li>${vendor.name}</li>`,
                )}
              </ul>
            </div>`
          : nothing}
      </li>
    `;
  }

  // The title row is no <header>: outside main (the modal) that is a banner landmark, a second one on the page.
  #panel(handle: CandorView): TemplateResult {
    const { consent, t } = handle;
    const switches = this.#switches(handle);
    return html`
      <div part="panel" class="panel">
        <div class="head">
          <h2 id="title">${t('prefs.title')}</h2>
          ${this.inline ? nothing : html`<button class="close" aria-label=${t('prefs.close')} @click=${this.close}>×</button>`}
        </div>
        <div role="group" aria-labelledby="title">
          <ul>
            ${consent.config.purposes.map((purpose) => this.#purpose(handle, purpose, switches[purpose.id] === true))}
          </ul>
        </div>
        <div part="actions" class="actions">
          <button part="button save" @click=${() => this.#decide(handle, 'save')}>${t('prefs.save')}</button>
          <button part="button accept" @click=${() => this.#decide(handle, 'acceptAll')}>${t('banner.acceptAll')}</button>
          <button part="button reject" @click=${() => this.#decide(handle, 'rejectAll')}>${t('banner.rejectAll')}</button>
        </div>
        ${consent.persistent ? nothing : html`<p class="badge">${t('prefs.sessionOnly')}</p>`}
        ${consent.saveStatus === 'saved' ? nothing : html`<p class="badge">${t('prefs.notSaved')}</p>`}
        <button class="link" @click=${() => this.#download(handle)}>${t('prefs.download')}</button>
        ${this.records === undefined
          ? nothing
          : html`<label class="records">${t('prefs.recordsLabel')}
              <textarea readonly rows="8" .value=${this.records}></textarea></label>
              <button @click=${(event: Event) => this.#copy(handle, event)}>${t('prefs.copy')}</button>`}
      </div>
    `;
  }

  protected override render(): TemplateResult | typeof nothing {
    const handle = this.#candor.handle;
    if (!handle || !this.#candor.ready) return nothing;
    const saved = handle.consent.saveStatus === 'saved';
    const status = html`<p part="status" class="status" role="status">${this.decided ? handle.t(saved ? 'prefs.saved' : 'prefs.notSaved') : ''}</p>`;
    if (this.inline) return html`${this.#panel(handle)}${status}`;
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.#closed} @click=${this.#backdrop} @keydown=${this.#trap}>
        ${this.#panel(handle)}
      </dialog>
      ${status}
    `;
  }
}
