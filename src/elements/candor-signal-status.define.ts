import { CandorSignalStatusElement } from './candor-signal-status.js';
import { define } from './define-element.js';

define('candor-signal-status', CandorSignalStatusElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-signal-status': CandorSignalStatusElement;
  }
}
