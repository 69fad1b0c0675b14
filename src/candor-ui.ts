// Entry of dist/candor-ui.min.js: the visible elements (with Lit) for the script-tag build,
// loaded by candor.min.js the first time the page has something to show.
import './elements/candor-banner.define.js';
import './elements/candor-preferences.define.js';
import './elements/candor-gate.define.js';
import './elements/candor-signal-status.define.js';
import './elements/candor-change-notice.define.js';
