import { CandorConsentElement } from './candor-consent.js';
import { define } from './define-element.js';
import { holdTriggers } from '../integrations/triggers.js';

// The first definition (not a second copy of Candor, nor Node) also keeps a trigger clicked before the config is in.
if (define('candor-consent', CandorConsentElement)) holdTriggers();

declare global {
  interface HTMLElementTagNameMap {
    'candor-consent': CandorConsentElement;
  }
  interface HTMLElementEventMap {
    'candor-ready': import('./candor-consent.js').CandorReadyEvent;
    'candor-change': import('./candor-consent.js').CandorChangeEvent;
    'candor-error': import('./candor-consent.js').CandorErrorEvent;
    'candor-acknowledge': import('./candor-consent.js').CandorAcknowledgeEvent;
  }
  interface WindowEventMap {
    'candor-ready': import('./candor-consent.js').CandorReadyEvent;
    'candor-change': import('./candor-consent.js').CandorChangeEvent;
    'candor-error': import('./candor-consent.js').CandorErrorEvent;
    'candor-acknowledge': import('./candor-consent.js').CandorAcknowledgeEvent;
  }
}
