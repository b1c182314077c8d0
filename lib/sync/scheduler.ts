import 'server-only';
import { Cron } from 'croner';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { triggerSync } from '@/lib/sync/trigger';

// The schedule runs inside the server process (started from instrumentation.ts).

const holder = globalThis as unknown as { wardenCron?: Cron };

export function validateSchedule(expression: string): string | null {
  if (expression === 'off') return null;
  try {
    new Cron(expression, { paused: true }).stop();
    return null;
  } catch (error) {
    return `WARDEN_SYNC_SCHEDULE is not a cron expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function startScheduler(): Promise<void> {
  const { WARDEN_SYNC_SCHEDULE: schedule, WARDEN_SYNC_ON_START: onStart } = env();
  const problem = validateSchedule(schedule);
  if (problem) throw new Error(problem);
  if (schedule !== 'off' && !holder.wardenCron) {
    holder.wardenCron = new Cron(schedule, { protect: true, timezone: 'UTC' }, () => {
      void triggerSync('schedule').catch((e: unknown) => console.error('[warden] scheduled sync could not start:', e instanceof Error ? e.message : e));
    });
  }
  if (onStart === 'true' && (await db.syncRun.count()) === 0) {
    void triggerSync('startup').catch((e: unknown) => console.error('[warden] start-up sync could not start:', e instanceof Error ? e.message : e));
  }
}

export function nextScheduledSync(): Date | null {
  return holder.wardenCron?.nextRun() ?? null;
}
