import { CandorPolicyElement } from './candor-policy.js';
import { define } from './define-element.js';

define('candor-policy', CandorPolicyElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-policy': CandorPolicyElement;
  }
}
