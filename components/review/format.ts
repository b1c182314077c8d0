import { isoDate, utcMinute } from '@/lib/dates';

// Dates in the review are records: shown absolute, in UTC, so minutes read the same everywhere.

export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return utcMinute(d);
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return isoDate(iso);
}

/** Whether a YYYY-MM-DD due date lies before the given moment. */
export function isOverdue(dueDate: string | null, at: string): boolean {
  return dueDate !== null && `${dueDate}T23:59:59Z` < new Date(at).toISOString();
}
