/** An ISO date (or date-time) as a long date in `locale`, in UTC; the input itself when it is not a date. */
export function formatDate(iso: string | undefined, locale: string): string {
  if (!iso) return '';
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(time)) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(time);
  }
}
