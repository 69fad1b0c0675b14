// Entry of dist/candor-consent-mode.min.js: Google Consent Mode's updates for the script-tag build,
// loaded by candor.min.js only where Consent Mode is on (the tag's data-consent-mode, preloaded
// with the config, or the config's consentMode block). The `default` itself is pushed by
// candor.min.js at once, before the next script runs.
import { consentMode } from './integrations/consent-mode.js';
import { CONSENT_MODE_KEY } from './integrations/consent-mode-key.js';

(globalThis as unknown as Record<symbol, typeof consentMode>)[CONSENT_MODE_KEY] = consentMode;
