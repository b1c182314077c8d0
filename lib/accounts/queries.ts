import 'server-only';
import { db } from '@/lib/db';
import { countOus, isInOu } from '@/lib/organization/ou-path';
import { sourceNames } from '@/lib/sync/types';
import {
  accountListQuerySchema,
  managedByOf,
  notReadReason,
  type AccountEntry,
  type AccountListQuery,
  type AccountPlacement,
  type AccountView,
  type OuList,
  type SourceFreshness,
} from '@/lib/accounts/schema';

// The accounts Warden knows, for /api/accounts and the account lists of every screen. A fixed
// number of queries whatever the number of accounts: each fact is read for all accounts at once
// (findMany / groupBy) and joined here.

const accountSelect = {
  id: true,
  name: true,
  access: true,
  regions: true,
  enabled: true,
  ouPath: true,
  orgStatus: true,
  exclusion: true,
  lastReachError: true,
  managedBy: true,
} as const;

type AccountRow = { id: string; name: string; enabled: boolean; ouPath: string | null; orgStatus: string | null; exclusion: string | null; lastReachError: string | null; managedBy: string };

export function placementOf(a: AccountRow): AccountPlacement {
  return { ouPath: a.ouPath, orgStatus: a.orgStatus, exclusion: a.exclusion, lastReachError: a.lastReachError, managedBy: managedByOf(a.managedBy) };
}

/** Whether an account matches a search: part of its name, id or OU path, case-insensitive. */
export function matchesSearch(a: Pick<AccountRow, 'id' | 'name' | 'ouPath'>, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return a.name.toLowerCase().includes(needle) || a.id.includes(needle) || (a.ouPath ?? '').toLowerCase().includes(needle);
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export async function listAccounts(query: AccountListQuery = accountListQuerySchema.parse({})): Promise<{ accounts: AccountView[]; total: number }> {
  const rows = await db.account.findMany({ orderBy: { name: 'asc' }, select: accountSelect });
  const scoped = rows.filter(
    (a) =>
      (!query.account || a.id === query.account) &&
      (!query.ou || isInOu(a.ouPath, query.ou)) &&
      matchesSearch(a, query.q) &&
      (query.reading === 'all' || notReadReason({ ...a, paused: !a.enabled }) !== null),
  );
  const paged = query.pageSize !== undefined;
  const pageOf = <T,>(list: T[]) => (query.pageSize === undefined ? list : list.slice((query.page - 1) * query.pageSize, query.page * query.pageSize));
  // In name order a page needs only its own accounts' freshness; "problems first" needs every one's.
  const needed = query.sort === 'name' ? pageOf(scoped) : scoped;
  const freshness = await loadFreshness(needed.length === rows.length && !paged ? null : needed.map((a) => a.id));
  let views: AccountView[] = needed.map((a) => ({
    id: a.id,
    name: a.name,
    access: a.access,
    regions: stringList(a.regions),
    paused: !a.enabled,
    ...placementOf(a),
    sources: sourceNames.map((s) => freshness(a.id, s)),
  }));
  if (query.sort === 'problems') views = pageOf([...views].sort((x, y) => problemRank(y) - problemRank(x) || x.name.localeCompare(y.name)));
  return { accounts: views, total: scoped.length };
}

/** How much is wrong with an account's reading: not read at all, then a failed source, then gaps. */
export function problemRank(a: AccountView): number {
  if (notReadReason(a) !== null) return 3;
  if (a.sources.some((s) => s.lastStatus === 'failed')) return 2;
  if (a.sources.some((s) => s.missingPermissions.length > 0 || s.lastReadAt === null)) return 1;
  return 0;
}

const pairKey = (accountId: string, source: string) => `${accountId}\u0000${source}`;

function distinctDates(dates: (Date | null)[]): Date[] {
  return [...new Map(dates.filter((d): d is Date => d !== null).map((d) => [d.getTime(), d])).values()];
}

/**
 * Each source's freshness for the given accounts (null: every account), in five queries: the
 * newest snapshot, the newest attempt and the newest successful attempt per account and source
 * (groupBy), then the rows of those newest snapshots and attempts (findMany by their times,
 * matched to their account and source here).
 */
async function loadFreshness(accountIds: string[] | null): Promise<(accountId: string, source: string) => SourceFreshness> {
  const scope = accountIds === null ? {} : { accountId: { in: accountIds } };
  const none = accountIds !== null && accountIds.length === 0;
  const [snapshotMax, attemptMax, okMax] = none
    ? [[], [], []]
    : await Promise.all([
        db.snapshot.groupBy({ by: ['accountId', 'source'], where: scope, _max: { takenAt: true } }),
        db.syncSourceRun.groupBy({ by: ['accountId', 'source'], where: scope, _max: { startedAt: true } }),
        db.syncSourceRun.groupBy({ by: ['accountId', 'source'], where: { ...scope, status: 'ok' }, _max: { finishedAt: true } }),
      ]);
  const [snapshots, attempts] = none
    ? [[], []]
    : await Promise.all([
        db.snapshot.findMany({
          where: { ...scope, takenAt: { in: distinctDates(snapshotMax.map((s) => s._max.takenAt)) } },
          select: { accountId: true, source: true, takenAt: true, missingPermissions: true },
        }),
        db.syncSourceRun.findMany({
          where: { ...scope, startedAt: { in: distinctDates(attemptMax.map((s) => s._max.startedAt)) } },
          select: { accountId: true, source: true, status: true, startedAt: true, finishedAt: true, error: true, missingPermissions: true },
        }),
      ]);
  const newestSnapshotAt = new Map(snapshotMax.map((s) => [pairKey(s.accountId, s.source), s._max.takenAt?.getTime()]));
  const newestAttemptAt = new Map(attemptMax.map((s) => [pairKey(s.accountId, s.source), s._max.startedAt?.getTime()]));
  const lastOkAt = new Map(okMax.map((s) => [pairKey(s.accountId, s.source), s._max.finishedAt]));
  // Another pair's newest time can equal this pair's older one: keep only each pair's own newest.
  const snapshotOf = new Map(snapshots.filter((s) => newestSnapshotAt.get(pairKey(s.accountId, s.source)) === s.takenAt.getTime()).map((s) => [pairKey(s.accountId, s.source), s]));
  const attemptOf = new Map(attempts.filter((a) => newestAttemptAt.get(pairKey(a.accountId, a.source)) === a.startedAt?.getTime()).map((a) => [pairKey(a.accountId, a.source), a]));

  return (accountId, source) => {
    const key = pairKey(accountId, source);
    const snapshot = snapshotOf.get(key);
    const attempt = attemptOf.get(key);
    const failed = attempt?.status === 'failed';
    // "Last read" is the last successful read, even when it stored nothing new.
    const reads = [snapshot?.takenAt ?? null, lastOkAt.get(key) ?? null].filter((d): d is Date => d !== null);
    const lastReadAt = reads.length > 0 ? new Date(Math.max(...reads.map((d) => d.getTime()))) : null;
    return {
      source,
      lastReadAt: lastReadAt?.toISOString() ?? null,
      lastStatus: (attempt?.status as SourceFreshness['lastStatus']) ?? null,
      lastAttemptAt: (attempt?.finishedAt ?? attempt?.startedAt)?.toISOString() ?? null,
      lastError: failed ? (attempt?.error ?? null) : null,
      missingPermissions: stringList(failed ? attempt?.missingPermissions : snapshot?.missingPermissions),
    };
  };
}

/** Every account, light (no freshness), in name order: the picker's list and the OU filters'. */
export async function listAccountEntries(): Promise<AccountEntry[]> {
  const [rows, reports] = await Promise.all([
    db.account.findMany({ orderBy: { name: 'asc' }, select: accountSelect }),
    db.snapshot.groupBy({ by: ['accountId'], where: { source: 'credential-report' } }),
  ]);
  const withReport = new Set(reports.map((r) => r.accountId));
  return rows.map((a) => ({ id: a.id, name: a.name, paused: !a.enabled, ...placementOf(a), hasCredentialReport: withReport.has(a.id) }));
}

/** The OUs that hold accounts, in tree order, with their counts. */
export function ouListOf(accounts: readonly { ouPath: string | null }[]): OuList {
  return { ous: countOus(accounts.map((a) => a.ouPath)), withoutOu: accounts.filter((a) => a.ouPath === null).length };
}

export async function listOus(): Promise<OuList> {
  return ouListOf(await db.account.findMany({ select: { ouPath: true } }));
}

/**
 * The ids of the accounts in an OU or below it, for the screens' ?ou= filters. Compared here,
 * not with SQL LIKE: OU names may hold % and _.
 */
export async function accountIdsInOu(ou: string): Promise<string[]> {
  const rows = await db.account.findMany({ where: { ouPath: { not: null } }, select: { id: true, ouPath: true } });
  return rows.filter((a) => isInOu(a.ouPath, ou)).map((a) => a.id);
}
