import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether `element` has focus from the keyboard (`:focus-visible`). Candor moves focus after an
 * action only then: a mouse user's view is never moved.
 */
export function keyboardFocus(element: Element | null | undefined): boolean {
  return element?.matches(':focus-visible') === true;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Keeps keyboard focus from falling to `<body>` when an element's own control goes with the
 * action it ran (WCAG 2.4.3): the banner's Accept all, the change notice's Got it. It remembers the
 * page element focus came from when it entered the element.
 */
export class FocusReturn implements ReactiveController {
  #host: Host;
  #cameFrom: Element | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  #focusIn = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (from instanceof Element && !this.#host.contains(from) && !this.#host.renderRoot.contains(from)) this.#cameFrom = from;
  };

  hostConnected(): void {
    this.#host.addEventListener('focusin', this.#focusIn);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('focusin', this.#focusIn);
  }

  /** The page element focus came from, while it is still in the page. */
  get origin(): HTMLElement | null {
    return this.#cameFrom?.isConnected ? (this.#cameFrom as HTMLElement) : null;
  }

  /**
   * Runs `action`. When the control that had keyboard focus went with it, calls `next` to say where
   * focus goes. A mouse click moves nothing (the person's view stays where it is).
   */
  async keep(action: () => Promise<unknown>, next: () => void): Promise<void> {
    const root = this.#host.renderRoot as ShadowRoot;
    const keyboard = keyboardFocus(root.activeElement);
    await action();
    await this.#host.updateComplete;
    // Only when focus fell to <body>: not when the person has put it somewhere else meanwhile.
    if (keyboard && !root.activeElement && document.activeElement === document.body) next();
  }
}
