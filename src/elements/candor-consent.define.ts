import { CandorConsentElement } from './candor-consent.js';
import { define } from './define-element.js';
import { holdTriggers } from '../integrations/triggers.js';

if (!customElements.get('candor-consent')) holdTriggers(); // a trigger clicked before the config is in is kept
define('candor-consent', CandorConsentElement);

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
