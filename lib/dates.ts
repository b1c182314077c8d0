// Dates as people read them, and the day arithmetic every screen and rule shares. Pure: used by
// server and browser alike.

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One day in milliseconds. Ages are counted in whole 24-hour days, in UTC. */
export const DAY_MS = 24 * HOUR_MS;
const DAY_SECONDS = DAY_MS / 1000;

/** The UTC day of a moment as YYYY-MM-DD; an ISO 8601 time in UTC (…Z) gives its own day. */
export function isoDate(date: Date | string): string {
  return (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);
}

/**
 * A moment to the minute as records show it, the same everywhere: "2026-06-15 10:01 UTC". With
 * `compact`, for a chart axis or a column headed "(UTC)", without the zone: "2026-06-15 10:01".
 */
export function utcMinute(date: Date, compact = false): string {
  return utcText(date, 16, compact);
}

/** The same to the second: "2026-06-15 10:01:59 UTC", or with `compact` "2026-06-15 10:01:59". */
export function utcSecond(date: Date, compact = false): string {
  return utcText(date, 19, compact);
}

function utcText(date: Date, length: 16 | 19, compact: boolean): string {
  const text = date.toISOString().slice(0, length).replace('T', ' ');
  return compact ? text : `${text} UTC`;
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
    abs < 60 ? [abs, 'second', 's'] : abs < 3600 ? [Math.round(abs / 60), 'minute', 'min'] : abs < DAY_SECONDS ? [Math.round(abs / 3600), 'hour', 'h'] : [Math.round(abs / DAY_SECONDS), 'day', 'd'];
  const text = compact ? `${n} ${short}` : `${n} ${unit}${n === 1 ? '' : 's'}`;
  return s >= 0 ? `${text} ago` : `in ${text} (ahead of this clock)`;
}
