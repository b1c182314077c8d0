import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { containsText, startsWithFilter } from '@/lib/sql-text';
import { compareOuPaths, countOusOf, isInOu } from '@/lib/organization/ou-path';
import { sourceNames } from '@/lib/sync/types';
import {
  accountListQuerySchema,
  managedByOf,
  type AccountDirectory,
  type AccountDirectoryQuery,
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
  const pageOf = <T,>(list: T[]) => (query.pageSize === undefined ? list : list.slice((query.page - 1) * query.pageSize, query.page * query.pageSize));
  // In name order a page needs only its own accounts' freshness; "problems first" needs every one's.
  const needed = query.sort === 'name' ? pageOf(scoped) : scoped;
  const freshness = await loadFreshness(query.account);
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

/** A DATETIME column read with $queryRaw: a Date from the driver adapter, text from elsewhere. */
export function rawDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A JSON column read with $queryRaw: parsed, or the text as it came. */
export function rawJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

type NewestSnapshot = { accountId: string; source: string; takenAt: unknown; missingPermissions: unknown };
type NewestAttempt = { accountId: string; source: string; status: string; startedAt: unknown; finishedAt: unknown; error: string | null; missingPermissions: unknown };

/**
 * Each source's freshness for every account (or one), in three queries whatever the number of
 * accounts: the current snapshot and the newest attempt per account and source (the attempt found
 * by joining its group's newest time, in SQL, on an index: no list of ids or times is sent), and
 * the newest successful attempt's end per account and source.
 */
async function loadFreshness(accountId?: string): Promise<(accountId: string, source: string) => SourceFreshness> {
  const only = accountId ? Prisma.sql`WHERE "accountId" = ${accountId}` : Prisma.empty;
  const [snapshots, attempts, okMax] = await Promise.all([
    // The newest snapshot of each account and source is the one marked current.
    db.snapshot.findMany({ where: { current: true, ...(accountId ? { accountId } : {}) }, select: { accountId: true, source: true, takenAt: true, missingPermissions: true } }),
    // Newest by start; an attempt not started yet (pending) counts only when nothing else was.
    db.$queryRaw<NewestAttempt[]>`
      SELECT a."accountId", a."source", a."status", a."startedAt", a."finishedAt", a."error", a."missingPermissions"
      FROM "SyncSourceRun" a
      JOIN (SELECT "accountId", "source", MAX("startedAt") AS "newest" FROM "SyncSourceRun" ${only} GROUP BY "accountId", "source") n
        ON n."accountId" = a."accountId" AND n."source" = a."source" AND n."newest" = a."startedAt"`,
    db.syncSourceRun.groupBy({ by: ['accountId', 'source'], where: { ...(accountId ? { accountId } : {}), status: 'ok' }, _max: { finishedAt: true } }),
  ]);
  const snapshotOf = new Map<string, NewestSnapshot>();
  for (const row of snapshots) if (!snapshotOf.has(pairKey(row.accountId, row.source))) snapshotOf.set(pairKey(row.accountId, row.source), row);
  const attemptOf = new Map<string, NewestAttempt>();
  for (const row of attempts) if (!attemptOf.has(pairKey(row.accountId, row.source))) attemptOf.set(pairKey(row.accountId, row.source), row);
  const lastOkAt = new Map(okMax.map((s) => [pairKey(s.accountId, s.source), s._max.finishedAt]));

  return (id, source) => {
    const key = pairKey(id, source);
    const snapshot = snapshotOf.get(key);
    const attempt = attemptOf.get(key);
    const failed = attempt?.status === 'failed';
    // "Last read" is the last successful read, even when it stored nothing new.
    const reads = [rawDate(snapshot?.takenAt), lastOkAt.get(key) ?? null].filter((d): d is Date => d !== null);
    const lastReadAt = reads.length > 0 ? new Date(Math.max(...reads.map((d) => d.getTime()))) : null;
    return {
      source,
      lastReadAt: lastReadAt?.toISOString() ?? null,
      lastStatus: (attempt?.status as SourceFreshness['lastStatus']) ?? null,
      lastAttemptAt: (rawDate(attempt?.finishedAt) ?? rawDate(attempt?.startedAt))?.toISOString() ?? null,
      lastError: failed ? (attempt?.error ?? null) : null,
      missingPermissions: stringList(rawJson(failed ? attempt?.missingPermissions : snapshot?.missingPermissions)),
    };
  };
}

type EntryRow = Pick<AccountRow, 'id' | 'name' | 'enabled' | 'ouPath' | 'orgStatus' | 'exclusion' | 'lastReachError' | 'managedBy'>;

/** Entries of a few accounts (a page of them: their ids are few), with whether a credential report of each was read. */
async function toEntries(rows: readonly EntryRow[]): Promise<AccountEntry[]> {
  const reports =
    rows.length === 0 ? [] : await db.snapshot.groupBy({ by: ['accountId'], where: { source: 'credential-report', accountId: { in: rows.map((r) => r.id) } } });
  const withReport = new Set(reports.map((r) => r.accountId));
  return rows.map((a) => ({ id: a.id, name: a.name, paused: !a.enabled, ...placementOf(a), hasCredentialReport: withReport.has(a.id) }));
}

/**
 * The account picker's search: the first `take` accounts whose name, id or OU path contains `q`
 * (case-insensitive; % and _ are plain characters), within an OU,
 * with or without a credential report (the review's choice of accounts), by OU in tree
 * order (accounts in no OU last), then name and id; with how many match, how many there are, and
 * the selected account's own entry. A fixed number of queries that name at most `take` OUs or
 * accounts: the matches are counted per OU, the OUs that hold the first `take` are chosen here, and
 * only their accounts are read, in that order.
 */
export async function searchAccountEntries({ q, take, selected, ou, report }: AccountDirectoryQuery): Promise<Omit<AccountDirectory, 'mode'>> {
  const conditions = [Prisma.sql`1 = 1`];
  if (q) conditions.push(Prisma.sql`(${containsText(Prisma.sql`"name"`, q)} OR ${containsText(Prisma.sql`"id"`, q)} OR ${containsText(Prisma.sql`coalesce("ouPath", '')`, q)})`);
  // The OU and below it, compared exactly as isInOu does (OU names may hold % and _): the path's
  // first characters (code points, as both databases count them) are the OU's and a slash.
  if (ou) conditions.push(Prisma.sql`("ouPath" = ${ou} OR substr("ouPath", 1, ${Prisma.raw(String([...ou].length + 1))}) = ${`${ou}/`})`);
  const withReport = Prisma.sql`EXISTS (SELECT 1 FROM "Snapshot" r WHERE r."accountId" = "Account"."id" AND r."source" = 'credential-report')`;
  if (report === 'read') conditions.push(withReport);
  if (report === 'not-read') conditions.push(Prisma.sql`NOT ${withReport}`);
  const match = Prisma.join(conditions, ' AND ');
  const [perOu, total, selectedRow] = await Promise.all([
    db.$queryRaw<{ ouPath: string | null; n: unknown }[]>`SELECT "ouPath", COUNT(*) AS "n" FROM "Account" WHERE ${match} GROUP BY "ouPath"`,
    db.account.count(),
    selected ? db.account.findUnique({ where: { id: selected }, select: accountSelect }) : null,
  ]);
  const ous = perOu
    .map((o) => ({ ouPath: o.ouPath, n: Number(o.n) }))
    .sort((a, b) => (a.ouPath === b.ouPath ? 0 : a.ouPath === null ? 1 : b.ouPath === null ? -1 : compareOuPaths(a.ouPath, b.ouPath)));
  const matches = ous.reduce((sum, o) => sum + o.n, 0);
  // The OUs, in order, that hold the first `take` matches.
  const needed: (string | null)[] = [];
  for (let covered = 0, i = 0; covered < take && i < ous.length; i += 1) {
    const ou = ous[i];
    if (!ou) break;
    needed.push(ou.ouPath);
    covered += ou.n;
  }
  const named = needed.filter((p): p is string => p !== null);
  const inNeeded = [
    ...(named.length > 0 ? [Prisma.sql`"ouPath" IN (${Prisma.join(named)})`] : []),
    ...(needed.includes(null) ? [Prisma.sql`"ouPath" IS NULL`] : []),
  ];
  // The OUs' ranks are our own whole numbers, written into the statement; the paths are parameters.
  const rank = named.length > 0 ? Prisma.sql`CASE "ouPath" ${Prisma.join(named.map((p, i) => Prisma.sql`WHEN ${p} THEN ${Prisma.raw(String(i))}`), ' ')} ELSE ${Prisma.raw(String(named.length))} END` : Prisma.sql`0`;
  const rows =
    inNeeded.length === 0
      ? []
      : await db.$queryRaw<(Omit<EntryRow, 'enabled'> & { enabled: unknown })[]>`
          SELECT "id", "name", "enabled", "ouPath", "orgStatus", "exclusion", "lastReachError", "managedBy"
          FROM "Account"
          WHERE ${match} AND (${Prisma.join(inNeeded, ' OR ')})
          ORDER BY ${rank}, lower("name"), "id"
          LIMIT ${take}`;
  const [accounts, chosen] = await Promise.all([
    // A boolean column read with $queryRaw: true, 1 or 1n.
    toEntries(rows.map((r) => ({ ...r, enabled: Number(r.enabled) === 1 }))),
    selectedRow ? toEntries([selectedRow]) : [],
  ]);
  return { accounts, matches, total, selected: chosen[0] ?? null };
}

/** The OUs that hold accounts, in tree order, with their counts: one row per OU from the database. */
export async function listOus(): Promise<OuList> {
  const perOu = await db.account.groupBy({ by: ['ouPath'], _count: { _all: true } });
  return { ous: countOusOf(perOu.map((o) => ({ path: o.ouPath, accounts: o._count._all }))), withoutOu: perOu.find((o) => o.ouPath === null)?._count._all ?? 0 };
}

/**
 * A condition on a row's account: in the OU `ou` or below it. Prisma's startsWith is a LIKE (ASCII
 * letters in either case, % and _ wildcards: lib/sql-text.ts), so it may take in more; those are
 * left out by id.
 */
export async function inOuWhere(ou: string): Promise<Prisma.AccountWhereInput> {
  const like: Prisma.AccountWhereInput = { OR: [{ ouPath: ou }, { ouPath: startsWithFilter(`${ou}/`) }] };
  const candidates = await db.account.findMany({ where: like, select: { id: true, ouPath: true } });
  const outside = candidates.filter((a) => !isInOu(a.ouPath, ou)).map((a) => a.id);
  return outside.length === 0 ? like : { AND: [like, { id: { notIn: outside } }] };
}
