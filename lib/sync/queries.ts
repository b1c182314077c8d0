import 'server-only';
import { db } from '@/lib/db';
import type { SyncRunView } from '@/lib/sync/schema';

export async function countSyncRuns(): Promise<number> {
  return db.syncRun.count();
}

export async function listSyncRuns({ take }: { take: number }): Promise<SyncRunView[]> {
  const runs = await db.syncRun.findMany({
    orderBy: { startedAt: 'desc' },
    take,
    include: { sources: { orderBy: [{ accountId: 'asc' }, { source: 'asc' }] } },
  });
  return runs.map((r) => ({
    id: r.id,
    trigger: r.trigger,
    mode: r.mode,
    actor: r.actor,
    status: r.status as SyncRunView['status'],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    apiCalls: r.apiCalls,
    error: r.error,
    sources: r.sources.map((s) => ({
      accountId: s.accountId,
      source: s.source,
      status: s.status as SyncRunView['sources'][number]['status'],
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      apiCalls: s.apiCalls,
      records: s.records,
      error: s.error,
      missingPermissions: s.missingPermissions as string[],
    })),
  }));
}
