import { ContextRoot, createContext } from '@lit/context';
import type { Consent } from '../core/consent.js';

/** What `<candor-consent>` provides to every Candor element on the page. */
export interface CandorHandle {
  consent: Consent;
  /** The locale Candor speaks on this page. */
  locale: string;
  /** Opens the preference centre (creating a modal one when the page has none). */
  showPreferences(opener?: Element | null): void;
  /** Opens a link: through the configured `navigate` hook (Forge) or the browser. */
  navigate(url: string, event?: Event): void;
}

export const candorContext = createContext<CandorHandle | undefined>(Symbol.for('candor.handle'));

const ROOT = Symbol.for('candor.contextRoot');

/** One ContextRoot per document, so elements upgraded before `<candor-consent>` still find it. */
export function ensureContextRoot(): void {
  const holder = document as unknown as Record<symbol, unknown>;
  if (holder[ROOT]) return;
  holder[ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}
