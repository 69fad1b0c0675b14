/**
 * Where candor-consent-mode.min.js puts `consentMode` for candor.min.js, which pushes Consent Mode's
 * `default` itself and loads the updates only where Consent Mode is on (the script-tag build).
 */
export const CONSENT_MODE_KEY = Symbol.for('candor.consentMode');
