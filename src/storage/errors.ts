/** Small helpers for describing and classifying errors thrown by browser storage APIs. */

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
