// Entry of dist/candor-i18n-ja.min.js: the ja strings for the script-tag build, loaded only for pages in ja.
import { registerStrings } from './registry.js';
import strings from './ja.js';

registerStrings('ja', strings);
