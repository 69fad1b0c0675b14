import type { MessageTable } from '../core/messages.js';

/**
 * Built-in strings by locale, shared by every copy of Candor on the page (the script-tag build
 * loads each locale's file on its own, only when the page speaks it). English is always built in.
 */
const KEY = Symbol.for('candor.strings');
/** Who wants to know when a locale's strings arrive (elements rendered before they did). */
const LISTENERS = Symbol.for('candor.strings.listeners');

type Holder = Record<symbol, unknown>;

function registry(): Record<string, MessageTable> {
  const holder = globalThis as unknown as Holder;
  return (holder[KEY] ??= {}) as Record<string, MessageTable>;
}

function listeners(): Set<(locale: string) => void> {
  const holder = globalThis as unknown as Holder;
  return (holder[LISTENERS] ??= new Set()) as Set<(locale: string) => void>;
}

/** Adds (or replaces) the built-in strings of a locale, such as `registerStrings('de', de)`. */
export function registerStrings(locale: string, table: MessageTable): void {
  const lower = locale.toLowerCase();
  registry()[lower] = table;
  for (const listener of listeners()) listener(lower);
}

/** Calls `listener` with each locale registered from now on; returns the unsubscribe. */
export function onStrings(listener: (locale: string) => void): () => void {
  const set = listeners();
  set.add(listener);
  return () => set.delete(listener);
}

/** The built-in strings of a locale or its base language (`de-AT` → `de`), if registered. */
export function stringsFor(locale: string): MessageTable | undefined {
  const tables = registry();
  const lower = locale.toLowerCase();
  return tables[lower] ?? tables[lower.split('-')[0] ?? lower];
}
