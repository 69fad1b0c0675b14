// Public entry of `candor` (npm). No elements are defined as a side effect: import `candor/define`.
export * from './core/index.js';
export * from './storage/index.js';
export { registerStrings } from './i18n/registry.js';
export { builtInStrings } from './i18n/index.js';
export {
  storageInventory,
  unlistedStorage,
  CANDOR_JUSTIFICATION,
  type StorageInventory,
  type StorageInventoryOptions,
  type StorageItem,
  type StorageArea,
  type ObservedStorage,
} from './integrations/inventory.js';
