import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeOf, localize, translator, type Translate } from '../core/messages.js';
import type { ConsentState, Localized } from '../core/types.js';
import { onStrings, stringsFor } from '../i18n/registry.js';
import { candorContext, ensureContextRoot, type CandorHandle } from './context.js';

/** A handle with the page's strings: what elements render with. */
export interface CandorView extends CandorHandle {
  /** A built-in string (config `messages` first, then the locale's, then English). */
  t: Translate;
  /** A config text (label, description, summary) in the page's locale. */
  text(value: Localized | undefined): string;
  /**
   * The language of what `text(value)` shows when it is another language than the element's (a
   * config with only English texts on a German page): for `lang=` on that text (WCAG 3.1.2).
   */
  lang(value: Localized | undefined): string | undefined;
}


/**
 * How an element reaches Candor: consumes the handle `<candor-consent>` provides (inside
 * it or anywhere in the document) and re-renders its host whenever the consent state changes.
 */
export class CandorController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #unsubscribe: (() => void) | undefined;
  handle: CandorView | undefined;
  /** True once the provided controller has loaded stored choices. */
  ready = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    ensureContextRoot();
    new ContextConsumer(host, {
      context: candorContext,
      subscribe: true,
      callback: (handle) => this.#attach(handle),
    });
    host.addController(this);
  }

  get state(): ConsentState | undefined {
    return this.handle?.consent.state;
  }

  #provided: CandorHandle | undefined;
  /** Whether the host's `lang` is the controller's (not the page's). */
  #langSet = false;

  #attach(provided: CandorHandle | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (provided !== this.#provided) {
      this.ready = false;
      this.#provided = provided;
      this.handle = provided && view(provided);
      // The element speaks Candor's locale, which may differ from the page's <html lang>
      // (WCAG 3.1.2): say so, unless the page set a lang on it itself.
      if (provided && (this.#langSet || !this.#host.hasAttribute('lang'))) {
        this.#host.setAttribute('lang', provided.locale);
        this.#langSet = true;
      }
    }
    const handle = this.handle;
    if (handle && this.#host.isConnected) {
      // Every change, the save status too ("Not saved yet").
      this.#unsubscribe = handle.consent.subscribe(() => this.#host.requestUpdate(), { all: true });
      void handle.consent.ready.then(() => {
        if (this.handle !== handle) return;
        this.ready = true;
        this.#host.requestUpdate();
      });
    }
    this.#host.requestUpdate();
  }

  #stopStrings: (() => void) | undefined;

  hostConnected(): void {
    if (this.#provided && !this.#unsubscribe) this.#attach(this.#provided);
    // A locale's strings that arrive after the first render (the script tag loads each locale's
    // file on its own): render again with them.
    this.#stopStrings ??= onStrings((locale) => {
      const provided = this.#provided;
      const wanted = provided?.locale.toLowerCase();
      if (!provided || (locale !== wanted && locale !== wanted?.split('-')[0])) return;
      this.handle = view(provided);
      this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopStrings?.();
    this.#stopStrings = undefined;
  }
}

function view(handle: CandorHandle): CandorView {
  const { config } = handle.consent;
  return {
    ...handle,
    t: translator(config, handle.locale, stringsFor(handle.locale)),
    text: (value) => localize(value, handle.locale),
    lang: (value) => {
      const shown = localeOf(value, handle.locale);
      return shown && shown.split('-')[0] !== handle.locale.split('-')[0] ? shown : undefined;
    },
  };
}
