import 'server-only';
import { Cron } from 'croner';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { effectiveSchedule } from '@/lib/settings/store';
import { triggerSync } from '@/lib/sync/trigger';
import { startSyncQueue, usesQueue } from '@/lib/sync/queue';

// The schedule runs inside the server process (started from instrumentation.ts). Its expression is
// WARDEN_SYNC_SCHEDULE, else the one set on the Settings screen, else every 6 hours; saving a new
// one replaces the running job (lib/settings/queries.ts).

const holder = globalThis as unknown as { wardenCron?: Cron; wardenCronExpression?: string; wardenScheduleFollower?: NodeJS.Timeout };

/** How often a server looks for a schedule another instance saved (each re-schedules only itself on save). */
const followEveryMs = 60_000;

/** Null when the expression is a cron expression or "off"; else why not, naming where it was set. */
export function validateSchedule(expression: string, name = 'WARDEN_SYNC_SCHEDULE'): string | null {
  if (expression === 'off') return null;
  try {
    new Cron(expression, { paused: true }).stop();
    return null;
  } catch (error) {
    return `${name} is not a cron expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Runs the scheduled sync on this expression from now on, replacing this process's job; "off" stops it. */
export function applySchedule(expression: string, name?: string): void {
  const problem = validateSchedule(expression, name);
  if (problem) throw new Error(problem);
  holder.wardenCron?.stop();
  holder.wardenCronExpression = expression;
  holder.wardenCron =
    expression === 'off'
      ? undefined
      : new Cron(expression, { protect: true, timezone: 'UTC' }, (self: Cron) => {
          // The firing as scheduled, the same on every instance whatever the instant each fires at.
          const scheduledFor = self.previousRuns(1, new Date(Date.now() + 1000))[0];
          void triggerSync('schedule', undefined, scheduledFor).catch((e: unknown) => console.error('[warden] scheduled sync could not start:', e instanceof Error ? e.message : e));
        });
}

export async function startScheduler(): Promise<void> {
  const { WARDEN_SYNC_ON_START: onStart } = env();
  const schedule = await effectiveSchedule();
  applySchedule(schedule.expression, schedule.origin === 'env' ? 'WARDEN_SYNC_SCHEDULE' : 'the sync schedule set in Settings');
  holder.wardenScheduleFollower ??= setInterval(() => void followStoredSchedule(), followEveryMs).unref();
  if (usesQueue()) await startSyncQueue();
  if (onStart === 'true' && (await db.syncRun.count()) === 0) {
    // The first start of every instance answers one firing: the database's very first run.
    void triggerSync('startup', undefined, new Date(0)).catch((e: unknown) => console.error('[warden] start-up sync could not start:', e instanceof Error ? e.message : e));
  }
}

/** With several instances, a schedule saved on one reaches the others within a minute. */
export async function followStoredSchedule(): Promise<void> {
  try {
    const schedule = await effectiveSchedule();
    if (schedule.expression !== holder.wardenCronExpression) applySchedule(schedule.expression, 'the sync schedule set in Settings');
  } catch (error) {
    console.error('[warden] the sync schedule could not be re-read:', error instanceof Error ? error.message : error);
  }
}

export function nextScheduledSync(): Date | null {
  return holder.wardenCron?.nextRun() ?? null;
}
