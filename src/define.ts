// `candor/define`: registers every Candor element and the built-in locales (the only side effects in the package).
import './i18n/all.js';
import './elements/candor-consent.define.js';
import './elements/candor-banner.define.js';
import './elements/candor-preferences.define.js';
import './elements/candor-signal-status.define.js';
import './elements/candor-gate.define.js';
import './elements/candor-change-notice.define.js';
