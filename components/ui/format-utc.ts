import { isoDate, utcMinute } from '@/lib/dates';

// Recorded times (ISO 8601 text from the API) shown absolute, in UTC, so they read the same
// everywhere: a review's minutes, a finding's history.

/** "2026-06-15 10:01 UTC"; "—" when there is no time, and text that is not a time as it is. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return utcMinute(d);
}

/** "2026-06-15", the UTC day; "—" when there is no time. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return isoDate(iso);
}
