import 'server-only';
import { runSync, type RunSyncOptions, type SyncResult } from '@/lib/sync/run-sync';
import { resolveSyncPlan } from '@/lib/sync/plan';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { seedDemoReviewHistory } from '@/lib/review/demo-seed';
import { db } from '@/lib/db';
import { currentTime } from '@/lib/clock';
import { resolveMode } from '@/lib/env';
import { enqueueRun, requeueRun, usesQueue } from '@/lib/sync/queue';

// Starting a sync from the server (schedule, start-up, "Sync now"). On SQLite (one instance) the
// run is read in this process, one at a time; the per-account locks keep it apart from a CLI sync.
// On PostgreSQL it goes through the job queue (lib/sync/queue.ts): any instance starts it, every
// instance works on it, and a run already running anywhere is the one reported.

type Running = { runId: Promise<string>; done: Promise<SyncResult> };
const holder = globalThis as unknown as { wardenRunning?: Running | null };

export function currentSync(): Running | null {
  return holder.wardenRunning ?? null;
}

/** Whether a run is going on: in this process (SQLite), or on any instance (PostgreSQL). */
export async function isSyncRunning(): Promise<boolean> {
  if (!usesQueue()) return currentSync() !== null;
  return (await db.syncRun.count({ where: { status: 'running' } })) > 0;
}

/**
 * Starts a run, or names the one already running. `scheduledFor`: the schedule's firing (or the
 * start-up) this run answers; on PostgreSQL every instance's scheduler fires and one run is made
 * (SyncRun.scheduledFor is unique), the others find it and start nothing.
 */
export async function triggerSync(trigger: RunSyncOptions['trigger'], actor?: string, scheduledFor?: Date): Promise<{ runId: string; alreadyRunning: boolean }> {
  if (usesQueue()) return triggerQueuedSync(trigger, actor, scheduledFor);
  const running = holder.wardenRunning;
  if (running) return { runId: await running.runId, alreadyRunning: true };
  let resolveRunId: (id: string) => void = () => {};
  let rejectRunId: (e: unknown) => void = () => {};
  const runId = new Promise<string>((res, rej) => {
    resolveRunId = res;
    rejectRunId = rej;
  });
  const done = (async () => {
    try {
      const plan = await resolveSyncPlan();
      const result = await runSync(plan, {
        trigger,
        actor,
        onProgress: (p) => {
          if (p.type === 'run-started') resolveRunId(p.runId);
        },
        afterAccount: checklistEvaluator(),
      });
      // Demo mode: last month's signed review, once, so the Review screen has one to compare with.
      if (plan.mode === 'demo') {
        await seedDemoReviewHistory().catch((e: unknown) => console.error('[warden] demo review history not seeded:', e instanceof Error ? e.message : e));
      }
      return result;
    } catch (error) {
      rejectRunId(error);
      throw error;
    } finally {
      holder.wardenRunning = null;
    }
  })();
  holder.wardenRunning = { runId, done };
  // A failing run is recorded in the database; the promise must not crash the server.
  done.catch((error: unknown) => console.error('[warden] sync failed:', error instanceof Error ? error.message : error));
  return { runId: await runId, alreadyRunning: false };
}

/** Any number that is Warden's alone among the database's advisory locks: "one run starts at a time". */
const startRunLock = 727_270_417;

async function triggerQueuedSync(trigger: RunSyncOptions['trigger'], actor: string | undefined, scheduledFor: Date | undefined): Promise<{ runId: string; alreadyRunning: boolean }> {
  // Looking for a running run and making one are a single step across instances (two "Sync now"
  // at the same moment on two instances make one run): PostgreSQL's transaction-scoped advisory
  // lock. A firing's run is also unique by SyncRun.scheduledFor, should one finish before another
  // instance fires.
  const found = await db.$transaction(async (tx): Promise<{ kind: 'running' | 'fired' | 'made'; id: string; startedAt: Date }> => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${startRunLock})`);
    const select = { id: true, startedAt: true } as const;
    const running = await tx.syncRun.findFirst({ where: { status: 'running' }, orderBy: { startedAt: 'desc' }, select });
    if (running) return { kind: 'running', ...running };
    const fired = scheduledFor ? await tx.syncRun.findUnique({ where: { scheduledFor }, select }) : null;
    if (fired) return { kind: 'fired', ...fired };
    const made = await tx.syncRun.create({
      data: { trigger, mode: resolveMode(), actor: actor ?? null, status: 'running', startedAt: currentTime(), scheduledFor: scheduledFor ?? null },
      select,
    });
    return { kind: 'made', ...made };
  });
  // Its jobs may be gone (the instance that made it died before queueing it; a restore without
  // the queue's schema): what it still has to do is queued again, nothing queued is doubled.
  if (found.kind === 'running' && currentTime().getTime() - found.startedAt.getTime() > 60_000) await requeueRun(found.id);
  if (found.kind !== 'made') return { runId: found.id, alreadyRunning: true };
  const runId = found.id;
  try {
    await enqueueRun(runId);
  } catch (error) {
    const message = `the run could not be queued: ${error instanceof Error ? error.message : String(error)}`;
    await db.syncRun.update({ where: { id: runId }, data: { status: 'failed', finishedAt: currentTime(), error: message } });
    throw new Error(message);
  }
  return { runId, alreadyRunning: false };
}
