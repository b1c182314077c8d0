import { Cron } from 'croner';

// A sync reads every account's IAM data, credential report, Access Analyzer findings and CloudTrail:
// run every second (a cron expression allows it) it would hammer AWS's API limits and the database.
// No schedule may fire more often than this, wherever it is set.

export const minimumSyncIntervalMinutes = 15;

/** How many upcoming runs are measured: enough to see any two runs of an expression close together. */
const runsMeasured = 60;

/** Shortest gap between consecutive upcoming runs of a cron expression (UTC), in ms; null if it never runs twice or is not cron. */
export function shortestScheduleGapMs(expression: string, from: Date): number | null {
  let runs: Date[];
  try {
    runs = new Cron(expression, { paused: true, timezone: 'UTC' }).nextRuns(runsMeasured, from);
  } catch {
    return null;
  }
  let shortest: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0);
    if (shortest === null || gap < shortest) shortest = gap;
  }
  return shortest;
}

function describeGap(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} second${ms === 1000 ? '' : 's'}`;
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Null when the schedule ("off" or a cron expression) fires at most every
 * `minimumSyncIntervalMinutes`; else why not, naming where it was set. Expressions croner cannot
 * read are left to its own check (the scheduler's), which names the problem better.
 */
export function scheduleFloorProblem(expression: string, name: string, from: Date = new Date(0)): string | null {
  if (expression.trim() === 'off') return null;
  const gap = shortestScheduleGapMs(expression.trim(), from);
  if (gap === null || gap >= minimumSyncIntervalMinutes * 60_000) return null;
  return `${name} would sync every ${describeGap(gap)}; the shortest interval Warden allows is ${minimumSyncIntervalMinutes} minutes (e.g. "*/15 * * * *")`;
}
