// Dates as people read them, and the day arithmetic every screen and rule shares. Pure: used by
// server and browser alike.

/** One day in milliseconds. Ages are counted in whole 24-hour days, in UTC. */
export const DAY_MS = 86_400_000;

/** The UTC day of a moment as YYYY-MM-DD; an ISO 8601 time in UTC (…Z) gives its own day. */
export function isoDate(date: Date | string): string {
  return (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);
}

/** A moment to the minute as records show it, the same everywhere: "2026-06-15 10:01 UTC". */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Whole days from `date` to `now`, floored (negative when `date` lies in the future). */
export function daysSince(now: Date, date: Date): number {
  return Math.floor((now.getTime() - date.getTime()) / DAY_MS);
}

/** Clocks disagree: AWS stamps times by its own clock, a few seconds off the server's or the
 * browser's. A time up to this far ahead is "just now", not "in 20 s". */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

/** "3 days ago", or with `compact` "3 d ago", for dense tables; "just now" for the last few seconds
 * and for times slightly ahead of this clock. */
export function formatAge(ms: number, compact = false): string {
  if (ms < 5_000 && ms > -CLOCK_SKEW_TOLERANCE_MS) return 'just now';
  const s = Math.round(ms / 1000);
  const abs = Math.abs(s);
  const [n, unit, short] =
    abs < 60 ? [abs, 'second', 's'] : abs < 3600 ? [Math.round(abs / 60), 'minute', 'min'] : abs < 86400 ? [Math.round(abs / 3600), 'hour', 'h'] : [Math.round(abs / 86400), 'day', 'd'];
  const text = compact ? `${n} ${short}` : `${n} ${unit}${n === 1 ? '' : 's'}`;
  return s >= 0 ? `${text} ago` : `in ${text} (ahead of this clock)`;
}
