import type { Consent } from '../core/consent.js';

/** What `data-candor="…"` on any element does when clicked. */
export type TriggerAction = 'show-preferences' | 'accept-all' | 'reject-all' | 'opt-out';

/**
 * One click listener on the document: an element with `data-candor` (a footer link, a
 * button) reopens the preferences or decides in one click, on every page.
 */
export function listenForTriggers(consent: Consent, showPreferences: (opener: Element) => void): () => void {
  const onClick = (event: MouseEvent): void => {
    const trigger = event.composedPath().find((target): target is Element => target instanceof Element && target.hasAttribute('data-candor'));
    if (!trigger) return;
    const action = trigger.getAttribute('data-candor') as TriggerAction;
    const run: Record<TriggerAction, () => unknown> = {
      'show-preferences': () => showPreferences(trigger),
      'accept-all': () => consent.acceptAll(),
      'reject-all': () => consent.rejectAll(),
      'opt-out': () => consent.optOut(),
    };
    if (!(action in run)) return;
    event.preventDefault();
    void run[action]();
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
