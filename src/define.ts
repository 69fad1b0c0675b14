// `candor/define`: registers every Candor element (the only side effect in the package).
import './elements/candor-consent.define.js';
import './elements/candor-banner.define.js';
import './elements/candor-preferences.define.js';
import './elements/candor-signal-status.define.js';
import './elements/candor-gate.define.js';
import './elements/candor-change-notice.define.js';
