import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { demoPlan, registerDemoSandbox } from '@/lib/demo/runtime';
import { runSync, type RunSyncOptions, type SyncResult } from '@/lib/sync/run-sync';
import type { SyncPlan } from '@/lib/sync/types';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { stopSyncQueue } from '@/lib/sync/queue';

// A sandbox with its own seed, registered as this process's demo sandbox (so route handlers that
// sync or archive talk to it), and a sync of it into the test database.

export type DemoFixture = { sandbox: Sandbox; plan: SyncPlan; sync: (opts?: Partial<RunSyncOptions>) => Promise<SyncResult>; close: () => Promise<void> };

export async function startDemoFixture({ seed = 7, extraUserNames = [] }: { seed?: number; extraUserNames?: readonly string[] } = {}): Promise<DemoFixture> {
  const sandbox = await startSandbox({ port: 0, seed, extraUserNames });
  const plan = demoPlan(sandbox);
  registerDemoSandbox(sandbox);
  return {
    sandbox,
    plan,
    // Tests do not wait for CloudTrail's real 2 requests/s: the sandbox only limits when told to.
    // The run's clock is the sandbox's, which tests may move forward.
    sync: (opts = {}) =>
      runSync(plan, {
        trigger: 'cli',
        now: sandbox.now(),
        afterAccount: checklistEvaluator(),
        ...opts,
        options: { cloudTrailRequestsPerSecond: 1000, ...opts.options },
      }),
    // On PostgreSQL a "Sync now" or a schedule goes through this process's job queue (pg-boss),
    // which would keep it alive: stopped first, once the jobs it runs against the sandbox are done.
    close: async () => {
      await stopSyncQueue();
      await sandbox.close();
    },
  };
}
