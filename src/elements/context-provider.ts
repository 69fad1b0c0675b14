import type { Context, ContextCallback } from '@lit/context';

/** The fields of a `context-request` / `context-provider` event (community context protocol). */
interface ContextEventFields {
  context?: unknown;
  contextTarget?: Element;
  callback?: ContextCallback<unknown>;
  subscribe?: boolean;
}

/**
 * The provider half of the community context protocol, as `@lit/context`'s `ContextProvider`
 * implements it, for a host that is not a Lit element: `<candor-consent>` is a plain
 * `HTMLElement` so that pages which show nothing load no Lit. It interoperates with
 * `ContextConsumer` and `ContextRoot` from `@lit/context` (used by the visible elements):
 *
 * - answers `context-request` events for its context from below the host, once or subscribed;
 * - announces itself with a `context-provider` event on `attach()`, so a `ContextRoot`
 *   replays requests made before it existed and an outer provider hands over the consumers
 *   that are now nearer to this one;
 * - does that hand-over itself when a provider of the same context appears below it.
 */
export class HandleProvider<T> {
  readonly #host: Element;
  readonly #context: Context<unknown, T>;
  #value: T | undefined;
  /**
   * Subscribed callbacks, the element that asked and the one unsubscribe function each is given
   * every time (a consumer that is handed a different one takes it as a new provider and calls the old).
   */
  #subscribers = new Map<ContextCallback<T>, { asker: Element; dispose: () => void }>();

  constructor(host: Element, context: Context<unknown, T>) {
    this.#host = host;
    this.#context = context;
  }

  get value(): T | undefined {
    return this.#value;
  }

  setValue(value: T | undefined): void {
    this.#value = value;
    for (const [callback, { dispose }] of this.#subscribers) callback(value as T, dispose);
  }

  attach(): void {
    this.#host.addEventListener('context-request', this.#onRequest);
    this.#host.addEventListener('context-provider', this.#onProvider);
    const announce = Object.assign(new Event('context-provider', { bubbles: true, composed: true }), {
      context: this.#context,
      contextTarget: this.#host,
    });
    this.#host.dispatchEvent(announce);
  }

  detach(): void {
    this.#host.removeEventListener('context-request', this.#onRequest);
    this.#host.removeEventListener('context-provider', this.#onProvider);
    this.#subscribers.clear();
  }

  #onRequest = (event: Event): void => {
    const { context, contextTarget, callback, subscribe } = event as Event & ContextEventFields;
    const asker = contextTarget ?? (event.composedPath()[0] as Element);
    if (context !== this.#context || !callback || asker === this.#host) return;
    event.stopPropagation();
    if (!subscribe) return callback(this.#value); // no unsubscribe function: answered once
    let subscriber = this.#subscribers.get(callback);
    if (!subscriber) this.#subscribers.set(callback, (subscriber = { asker, dispose: () => void this.#subscribers.delete(callback) }));
    callback(this.#value, subscriber.dispose);
  };

  /** A provider of the same context appeared below: let every consumer ask again, to find its nearest provider. */
  #onProvider = (event: Event): void => {
    const { context, contextTarget } = event as Event & ContextEventFields;
    if (context !== this.#context || (contextTarget ?? event.composedPath()[0]) === this.#host) return;
    event.stopPropagation();
    // Each asks again: a nearer provider answers with its own unsubscribe function, and the
    // consumer then calls ours; if this one is still the nearest, nothing changes.
    for (const [callback, { asker }] of [...this.#subscribers]) {
      asker.dispatchEvent(Object.assign(new Event('context-request', { bubbles: true, composed: true }), { context: this.#context, contextTarget: asker, callback, subscribe: true }));
    }
  };
}
