import { DAY_MS, isoDate } from '@/lib/dates';

// Daily key-event counts as a gap-free series: every day of the window, every event name, zeros
// where nothing happened (a quiet day is data, not a missing point).

/** The `days` days ending with `now`'s UTC day, oldest first. */
export function dayWindow(now: Date, days: number): string[] {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => isoDate(new Date(end - (days - 1 - i) * DAY_MS)));
}

export type DayCount = { day: string; eventName: string; count: number };

export function fillDailySeries(rows: readonly DayCount[], window: readonly string[], eventNames: readonly string[]) {
  const byDay = new Map(window.map((day) => [day, Object.fromEntries(eventNames.map((n) => [n, 0])) as Record<string, number>]));
  const totals: Record<string, number> = Object.fromEntries(eventNames.map((n) => [n, 0]));
  for (const r of rows) {
    const counts = byDay.get(r.day);
    if (!counts || !(r.eventName in counts)) continue;
    counts[r.eventName] = (counts[r.eventName] ?? 0) + r.count;
    totals[r.eventName] = (totals[r.eventName] ?? 0) + r.count;
  }
  return { days: [...byDay].map(([day, counts]) => ({ day, counts })), totals };
}
