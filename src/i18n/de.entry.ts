// Entry of dist/candor-i18n-de.min.js: the de strings for the script-tag build, loaded only for pages in de.
import { registerStrings } from './registry.js';
import strings from './de.js';

registerStrings('de', strings);
