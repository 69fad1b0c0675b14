/** Time helpers: every time Candor writes is ISO 8601 in UTC. */

export const DAY_MS = 86_400_000;

/** A date (`2026-03-01`) or a date-time with an explicit zone. */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO 8601 date (`2026-03-01`, taken as UTC midnight) or date-time with an explicit
 * zone. Returns milliseconds since the epoch, or `undefined` for anything else.
 */
export function parseIso(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO.test(value)) return undefined;
  const date = value.slice(0, 10);
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const ms = value.length > 10 ? Date.parse(value) : midnight;
  // Reject impossible calendar dates that Date.parse rolls over (2026-02-30), also in date-times:
  // the written date is checked on its own (its UTC midnight must read back as written), since a
  // zone offset may move the UTC date.
  if (Number.isNaN(ms) || Number.isNaN(midnight) || toIso(midnight).slice(0, 10) !== date) return undefined;
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A clock: the `now` option accepts a function returning a Date or epoch milliseconds. */
export type Clock = () => Date | number;

export function readClock(clock: Clock): number {
  const value = clock();
  const ms = typeof value === 'number' ? value : value.getTime();
  if (!Number.isFinite(ms)) throw new TypeError('now(): expected a Date or a finite number of milliseconds');
  return ms;
}

/**
 * Settles with the promise, or rejects after `ms`: with "<what> did not answer within <ms> ms",
 * or with the error `what` makes.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string | (() => Error)): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(typeof what === 'string' ? new Error(`${what} did not answer within ${ms} ms`) : what()), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
