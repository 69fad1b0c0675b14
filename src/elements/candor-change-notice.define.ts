import { CandorChangeNoticeElement } from './candor-change-notice.js';
import { define } from './define-element.js';

define('candor-change-notice', CandorChangeNoticeElement);

declare global {
  interface HTMLElementTagNameMap {
    'candor-change-notice': CandorChangeNoticeElement;
  }
}
