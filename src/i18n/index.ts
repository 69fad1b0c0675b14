import { en, type MessageTable } from '../core/messages.js';
import de from './de.js';
import es from './es.js';
import fr from './fr.js';
import ja from './ja.js';

/** Built-in strings per locale (the keys of `en`); config `messages` override them per key. */
export const builtInStrings: Readonly<Record<string, MessageTable>> = { en, de, fr, es, ja };
