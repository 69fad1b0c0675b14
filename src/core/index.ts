export * from './types.js';
export { validateConfig, type ConfigValidation } from './validate.js';
export { createConsent, CandorConfigError, type Consent, type ConsentOptions, type HostCookiePreferences, type SetOptions, type SubscribeOptions } from './consent.js';
export { detectSignals, type SignalSource } from './signals.js';
export { decodeState, type Decoded } from './decode.js';
export type { Clock } from './time.js';
