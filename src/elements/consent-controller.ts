import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentState } from '../core/types.js';
import { candorContext, type CandorHandle } from './context.js';

const ROOT = Symbol.for('candor.contextRoot');

/** One ContextRoot per document, so elements upgraded before `<candor-consent>` still find it. */
function ensureContextRoot(): void {
  const holder = document as unknown as Record<symbol, unknown>;
  if (holder[ROOT]) return;
  holder[ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}

/**
 * How an element reaches Candor: consumes the handle `<candor-consent>` provides (inside
 * it or anywhere in the document) and re-renders its host whenever the consent state changes.
 */
export class CandorController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #unsubscribe: (() => void) | undefined;
  handle: CandorHandle | undefined;
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

  #attach(handle: CandorHandle | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (handle !== this.handle) this.ready = false;
    this.handle = handle;
    if (handle && this.#host.isConnected) {
      this.#unsubscribe = handle.consent.subscribe(() => this.#host.requestUpdate());
      void handle.consent.ready.then(() => {
        if (this.handle !== handle) return;
        this.ready = true;
        this.#host.requestUpdate();
      });
    }
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (this.handle && !this.#unsubscribe) this.#attach(this.handle);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
