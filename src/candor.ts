// Entry of dist/candor.min.js: the classic script for a <script> tag. It holds what every page
// needs (core, storage, <candor-consent>, script gating, triggers, window.candor) and no Lit:
// the visible elements load from candor-ui.min.js when the page first has something to show.
import './elements/candor-consent.define.js';
import { boot } from './boot.js';
import { autoloadUi } from './elements/ui-loader.js';

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
if (!window.candor && script?.src) {
  let consent: import('./core/consent.js').Consent | undefined;
  const check = autoloadUi(script, () => consent, (error) => {
    console.error(`[candor] ${error.message}`);
    window.dispatchEvent(new CustomEvent('candor-error', { detail: { code: 'load', message: error.message } }));
  });
  (window.candorQueue ||= []).push((candor) => {
    void candor.ready.then((ready) => {
      consent = ready;
      ready.subscribe(() => check());
      check();
    });
  });
}
boot(script);
