// Registers every built-in locale (npm: `candor/define` imports this).
import { builtInStrings } from './index.js';
import { registerStrings } from './registry.js';

for (const [locale, table] of Object.entries(builtInStrings)) registerStrings(locale, table);
