/** Small helpers for describing, classifying and reporting errors thrown by browser storage APIs. */

/** `error` itself when it is an Error, else an Error whose message is `String(error)`. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs `run` now and returns its result as a promise: resolved with what it returns, or rejected
 * with what it throws (as an Error). For adapter methods that work synchronously.
 */
export function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(asError(error));
  }
}

/** `"Name: message"` for an Error or DOMException, `String(error)` otherwise. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof name === 'string' && typeof message === 'string' && message) return `${name}: ${message}`;
    if (typeof name === 'string') return name;
  }
  return String(error);
}

/**
 * Whether `error` is a storage quota error across browsers: `QuotaExceededError` (code 22),
 * or Firefox's `NS_ERROR_DOM_QUOTA_REACHED` (code 1014).
 */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}
