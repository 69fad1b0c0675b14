import { CandorPreferencesElement } from './candor-preferences.js';
import { define } from './define-element.js';

define('candor-preferences', CandorPreferencesElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-preferences': CandorPreferencesElement;
  }
}
