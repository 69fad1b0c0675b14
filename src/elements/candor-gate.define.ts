import { CandorGateElement } from './candor-gate.js';
import { define } from './define-element.js';

define('candor-gate', CandorGateElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-gate': CandorGateElement;
  }
}
