import 'server-only';
import { db } from '@/lib/db';
import { sourceNames } from '@/lib/sync/types';
import type { AccountView, SourceFreshness } from '@/lib/accounts/schema';

export async function listAccounts(): Promise<AccountView[]> {
  const accounts = await db.account.findMany({ orderBy: { name: 'asc' } });
  return Promise.all(
    accounts.map(async (a) => ({
      id: a.id,
      name: a.name,
      access: a.access,
      regions: Array.isArray(a.regions) ? a.regions.filter((r): r is string => typeof r === 'string') : [],
      paused: !a.enabled,
      sources: await Promise.all(sourceNames.map((s) => sourceFreshness(a.id, s))),
    })),
  );
}

async function sourceFreshness(accountId: string, source: string): Promise<SourceFreshness> {
  // "Last read" is the last successful read, even when it stored nothing new (an unchanged
  // credential report is not stored twice, but it was read).
  const [snapshot, lastOk, attempt] = await Promise.all([
    db.snapshot.findFirst({ where: { accountId, source }, orderBy: { takenAt: 'desc' }, select: { takenAt: true, missingPermissions: true } }),
    db.syncSourceRun.findFirst({ where: { accountId, source, status: 'ok' }, orderBy: { finishedAt: 'desc' }, select: { finishedAt: true } }),
    db.syncSourceRun.findFirst({
      where: { accountId, source },
      orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }],
      select: { status: true, startedAt: true, finishedAt: true, error: true, missingPermissions: true },
    }),
  ]);
  const failed = attempt?.status === 'failed';
  return {
    source,
    lastReadAt: (lastOk?.finishedAt ?? snapshot?.takenAt)?.toISOString() ?? null,
    lastStatus: (attempt?.status as SourceFreshness['lastStatus']) ?? null,
    lastAttemptAt: (attempt?.finishedAt ?? attempt?.startedAt)?.toISOString() ?? null,
    lastError: failed ? attempt?.error ?? null : null,
    missingPermissions: ((failed ? attempt?.missingPermissions : snapshot?.missingPermissions) as string[] | undefined) ?? [],
  };
}
