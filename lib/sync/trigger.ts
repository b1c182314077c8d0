import 'server-only';
import { runSync, type RunSyncOptions, type SyncResult } from '@/lib/sync/run-sync';
import { resolveSyncPlan } from '@/lib/sync/plan';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { seedDemoReviewHistory } from '@/lib/review/demo-seed';

// Starting a sync from the server (schedule, start-up, "Sync now"): one run at a time per process;
// across processes the per-account locks keep runs apart.

type Running = { runId: Promise<string>; done: Promise<SyncResult> };
const holder = globalThis as unknown as { wardenRunning?: Running | null };

export function currentSync(): Running | null {
  return holder.wardenRunning ?? null;
}

export async function triggerSync(trigger: RunSyncOptions['trigger'], actor?: string): Promise<{ runId: string; alreadyRunning: boolean }> {
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
