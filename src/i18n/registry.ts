import type { MessageTable } from '../core/messages.js';

/**
 * Built-in strings by locale, shared by every copy of Candor on the page (the script-tag build
 * loads each locale's file on its own, only when the page speaks it). English is always built in.
 */
const KEY = Symbol.for('candor.strings');

function registry(): Record<string, MessageTable> {
  const holder = globalThis as unknown as Record<symbol, Record<string, MessageTable> | undefined>;
  return (holder[KEY] ??= {});
}

/** Adds (or replaces) the built-in strings of a locale, such as `registerStrings('de', de)`. */
export function registerStrings(locale: string, table: MessageTable): void {
  registry()[locale.toLowerCase()] = table;
}

/** The built-in strings of a locale or its base language (`de-AT` → `de`), if registered. */
export function stringsFor(locale: string): MessageTable | undefined {
  const tables = registry();
  const lower = locale.toLowerCase();
  return tables[lower] ?? tables[lower.split('-')[0] ?? lower];
}
