// Entry of dist/candor-i18n-fr.min.js: the fr strings for the script-tag build, loaded only for pages in fr.
import { registerStrings } from './registry.js';
import strings from './fr.js';

registerStrings('fr', strings);
