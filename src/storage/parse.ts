import type { ConsentState } from '../core/types.js';

/**
 * A stored value as JSON, or the raw string when it is not valid JSON: like every loaded value it
 * is untrusted input that the core validates (and reports as corrupt), never trusts.
 */
export function parseStored(raw: string): ConsentState {
  try {
    return JSON.parse(raw) as ConsentState;
  } catch {
    return raw as unknown as ConsentState;
  }
}
