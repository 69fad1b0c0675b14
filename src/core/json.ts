/** A plain JSON object (not null, not an array): what config, stored data and answers are checked against. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
