import { CandorBannerElement } from './candor-banner.js';
import { define } from './define-element.js';

define('candor-banner', CandorBannerElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-banner': CandorBannerElement;
  }
}
