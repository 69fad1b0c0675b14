// Public entry of `candor` (npm). No elements are defined as a side effect: import `candor/define`.
export * from './core/index.js';
export * from './storage/index.js';
