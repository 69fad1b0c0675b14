// Public entry of `candor` (npm). No elements are defined as a side effect: import `candor/define`.
export * from './core/index.js';
export * from './storage/index.js';
export { registerStrings } from './i18n/registry.js';
export { builtInStrings } from './i18n/index.js';
