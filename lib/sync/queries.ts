import 'server-only';
import { db } from '@/lib/db';
import type { SyncRunView } from '@/lib/sync/schema';

// Sync runs with their per-account, per-source outcomes, newest first.

const runsWhere = (accountId?: string) => (accountId ? { sources: { some: { accountId } } } : {});

export async function countSyncRuns({ accountId }: { accountId?: string } = {}): Promise<number> {
  return db.syncRun.count({ where: runsWhere(accountId) });
}

/** A page of runs; with an account, only runs that read it and only its sources. */
export async function listSyncRuns({ take, skip = 0, accountId }: { take: number; skip?: number; accountId?: string }): Promise<SyncRunView[]> {
  const [runs, accounts] = await Promise.all([
    db.syncRun.findMany({
      where: runsWhere(accountId),
      orderBy: { startedAt: 'desc' },
      take,
      skip,
      include: { sources: { where: accountId ? { accountId } : {}, orderBy: [{ accountId: 'asc' }, { source: 'asc' }] } },
    }),
    db.account.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
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
      accountName: names.get(s.accountId) ?? null,
      source: s.source,
      status: s.status as SyncRunView['sources'][number]['status'],
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      apiCalls: s.apiCalls,
      records: s.records,
      error: s.error,
      errorCode: s.errorCode,
      missingPermissions: Array.isArray(s.missingPermissions) ? s.missingPermissions.filter((p): p is string => typeof p === 'string') : [],
    })),
  }));
}

/**
 * When a source of an account was last read successfully: its newest ok run, or the snapshot
 * that run wrote. An unchanged read stores no new snapshot, so this can be later than the data's
 * takenAt. The freshness panels show it; the checklist refuses to pass on data older than
 * staleDataHours by it.
 */
export async function lastGoodRead(accountId: string, source: string, snapshotTakenAt: Date | null): Promise<Date | null> {
  const lastOk = await db.syncSourceRun.findFirst({ where: { accountId, source, status: 'ok' }, orderBy: { finishedAt: 'desc' }, select: { finishedAt: true } });
  const reads = [snapshotTakenAt, lastOk?.finishedAt ?? null].filter((d): d is Date => d !== null);
  return reads.length > 0 ? new Date(Math.max(...reads.map((d) => d.getTime()))) : null;
}
