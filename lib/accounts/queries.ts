import 'server-only';
import { db } from '@/lib/db';
import { lastGoodRead } from '@/lib/sync/queries';
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
  const [snapshot, attempt] = await Promise.all([
    db.snapshot.findFirst({ where: { accountId, source }, orderBy: { takenAt: 'desc' }, select: { takenAt: true, missingPermissions: true } }),
    db.syncSourceRun.findFirst({
      where: { accountId, source },
      orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }],
      select: { status: true, startedAt: true, finishedAt: true, error: true, missingPermissions: true },
    }),
  ]);
  const failed = attempt?.status === 'failed';
  // "Last read" is the last successful read, even when it stored nothing new.
  const lastReadAt = await lastGoodRead(accountId, source, snapshot?.takenAt ?? null);
  return {
    source,
    lastReadAt: lastReadAt?.toISOString() ?? null,
    lastStatus: (attempt?.status as SourceFreshness['lastStatus']) ?? null,
    lastAttemptAt: (attempt?.finishedAt ?? attempt?.startedAt)?.toISOString() ?? null,
    lastError: failed ? attempt?.error ?? null : null,
    missingPermissions: ((failed ? attempt?.missingPermissions : snapshot?.missingPermissions) as string[] | undefined) ?? [],
  };
}
