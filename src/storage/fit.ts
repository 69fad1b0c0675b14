/**
 * Shared helpers for adapters with a size limit: drop the oldest consent records until the
 * state fits, never a choice and never the newest record.
 */
import type { ConsentState } from '../core/types.js';

/**
 * Returns `state` with only its `count` newest records (records are newest first), as a new
 * object that shares everything else with `state` (`state` itself if it has no records array).
 */
export function withNewestRecords(state: ConsentState, count: number): ConsentState {
  if (!Array.isArray(state.records)) return state;
  return { ...state, records: state.records.slice(0, count) };
}

/**
 * Finds the largest version of `state` that `fits`: first the state as given, then with the
 * oldest records dropped one at a time, down to the newest record alone (or no record at all
 * when `state.records` is empty). Choices are never touched.
 *
 * `fits` may have side effects (a write that throws when over quota): it is called with
 * ever-smaller candidates and the search stops at the first candidate it accepts, so a
 * successful write is always the last call. Errors thrown by `fits` propagate.
 *
 * @returns the first candidate `fits` accepted, or `null` when even the smallest is refused.
 */
export function fitRecords(
  state: ConsentState,
  fits: (candidate: ConsentState) => boolean,
): ConsentState | null {
  const records = Array.isArray(state.records) ? state.records : [];
  const min = records.length > 0 ? 1 : 0;
  for (let count = records.length; count >= min; count--) {
    const candidate = count === records.length ? state : withNewestRecords(state, count);
    if (fits(candidate)) return candidate;
  }
  return null;
}
