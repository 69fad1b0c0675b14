// Entry of dist/candor-i18n-es.min.js: the es strings for the script-tag build, loaded only for pages in es.
import { registerStrings } from './registry.js';
import strings from './es.js';

registerStrings('es', strings);
