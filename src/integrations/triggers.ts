import type { Consent } from '../core/consent.js';

/** What `data-candor="…"` on any element does when clicked. */
export type TriggerAction = 'show-preferences' | 'accept-all' | 'reject-all' | 'opt-out';

const ACTIONS: readonly string[] = ['show-preferences', 'accept-all', 'reject-all', 'opt-out'];

/** Roots whose triggers are live; while a root is in the page but none is live, a trigger clicked is held for it. */
let listening = 0;
let held: Element | undefined;
/** The page's root could not start (its config failed): triggers are not held until it loads again. */
let failed = false;

/** The `data-candor` element a click is on, when it names an action. */
function triggerOf(event: Event): Element | undefined {
  const trigger = event.composedPath().find((target): target is Element => target instanceof Element && target.hasAttribute('data-candor'));
  return trigger && ACTIONS.includes(trigger.getAttribute('data-candor') ?? '') ? trigger : undefined;
}

/**
 * From the definition of `<candor-consent>` on: a trigger clicked while the page's root is not
 * ready yet (the config still on its way) is not lost and its link is not followed; the root runs
 * it once ready. With no root in the page at all, a trigger keeps its default action.
 */
export function holdTriggers(): void {
  // No document with Lit's server-side DOM shim (customElements only): nothing to hold there.
  globalThis.document?.addEventListener('click', (event) => {
    const trigger = listening || failed || !document.querySelector('candor-consent') ? undefined : triggerOf(event);
    if (!trigger) return;
    event.preventDefault();
    held = trigger;
  });
}

/**
 * The page's root could not start (a config that failed to load or is invalid): a trigger clicked
 * meanwhile does what it does without Candor (a link to the privacy page is followed), and later
 * ones are not held.
 */
export function releaseTriggers(): void {
  failed = true;
  const trigger = held as HTMLElement | undefined;
  held = undefined;
  trigger?.click();
}

/** A root loads a config (again): triggers clicked meanwhile are held for it. */
export function resumeTriggers(): void {
  failed = false;
}

/**
 * One click listener on the document: an element with `data-candor` (a footer link, a
 * button) reopens the preferences or decides in one click, on every page.
 */
export function listenForTriggers(consent: Consent, showPreferences: (opener: Element) => void): () => void {
  const act = (trigger: Element): void => {
    const run: Record<TriggerAction, () => unknown> = {
      'show-preferences': () => showPreferences(trigger),
      'accept-all': () => consent.acceptAll(),
      'reject-all': () => consent.rejectAll(),
      'opt-out': () => consent.optOut(),
    };
    void run[trigger.getAttribute('data-candor') as TriggerAction]();
  };
  const onClick = (event: MouseEvent): void => {
    const trigger = triggerOf(event);
    if (!trigger) return;
    event.preventDefault();
    act(trigger);
  };
  listening++;
  const early = held;
  held = undefined;
  if (early) void consent.ready.then(() => act(early));
  document.addEventListener('click', onClick);
  return () => {
    listening--;
    document.removeEventListener('click', onClick);
  };
}
