import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { containsText } from '@/lib/sql-text';
import {
  tallySources,
  type RunTally,
  type SourceGroup,
  type SyncRunAccount,
  type SyncRunAccounts,
  type SyncRunAccountsQuery,
  type SyncRunView,
  type SyncSourceRunView,
} from '@/lib/sync/schema';

// The Sync screen's reads. A run of an organization holds a row per account and source (5,000 at
// 1,000 accounts): a list of runs carries what they add up to, counted in the database, and a run's
// accounts are read a page at a time. No query names every account (SQLite takes 999 parameters).
// The raw SQL reads the same on SQLite and PostgreSQL.

const runsWhere = (accountId?: string): Prisma.SyncRunWhereInput => (accountId ? { sources: { some: { accountId } } } : {});

/** Missing permissions were recorded (the column is the JSON text of a list, [] when none). */
const someMissing = Prisma.sql`s."missingPermissions" <> '[]'`;
/** One definition of a source with a problem: failed, skipped, or stored with an error or a denied part. */
const sourceProblem = Prisma.sql`(s."status" IN ('failed', 'skipped') OR s."error" IS NOT NULL OR ${someMissing})`;
/** An ok source that did not read everything: a part failed (its error) or was denied (missing permissions). */
const sourceIncomplete = Prisma.sql`(s."status" = 'ok' AND (s."error" IS NOT NULL OR ${someMissing}))`;
const problemFlag = Prisma.sql`MAX(CASE WHEN ${sourceProblem} THEN 1 ELSE 0 END)`;

/** COUNT and SUM come back from $queryRaw as bigint (or null over no row). */
const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export async function countSyncRuns({ accountId }: { accountId?: string } = {}): Promise<number> {
  return db.syncRun.count({ where: runsWhere(accountId) });
}

const emptyTally: RunTally = { total: 0, done: 0, ok: 0, incomplete: 0, failed: 0, skipped: 0, records: 0, apiCalls: 0, accounts: 0, problemAccounts: 0 };

/**
 * What each run's sources add up to (with an account, only its sources), in two grouped queries:
 * the sources by run and outcome, and the accounts by run. The runs are one page of them.
 */
export async function runTallies(runIds: readonly string[], accountId?: string): Promise<Map<string, RunTally>> {
  const out = new Map<string, RunTally>();
  if (runIds.length === 0) return out;
  const scope = Prisma.sql`s."runId" IN (${Prisma.join(runIds)})${accountId ? Prisma.sql` AND s."accountId" = ${accountId}` : Prisma.empty}`;
  const [groups, accounts] = await Promise.all([
    db.$queryRaw<{ runId: string; status: string; partly: unknown; count: unknown; records: unknown; apiCalls: unknown }[]>`
      SELECT s."runId", s."status", ${sourceIncomplete} AS "partly", COUNT(*) AS "count", SUM(s."records") AS "records", SUM(s."apiCalls") AS "apiCalls"
      FROM "SyncSourceRun" s
      WHERE ${scope}
      GROUP BY s."runId", s."status", "partly"`,
    db.$queryRaw<{ runId: string; accounts: unknown; problemAccounts: unknown }[]>`
      SELECT s."runId", COUNT(DISTINCT s."accountId") AS "accounts", COUNT(DISTINCT CASE WHEN ${sourceProblem} THEN s."accountId" END) AS "problemAccounts"
      FROM "SyncSourceRun" s
      WHERE ${scope}
      GROUP BY s."runId"`,
  ]);
  const byRun = new Map<string, SourceGroup[]>();
  for (const g of groups) {
    const list = byRun.get(g.runId) ?? [];
    // The flag comes back as 1 or 1n (SQLite) or true (PostgreSQL).
    list.push({ status: g.status as SourceGroup['status'], incomplete: count(g.partly) === 1, count: count(g.count), records: count(g.records), apiCalls: count(g.apiCalls) });
    byRun.set(g.runId, list);
  }
  const accountsOf = new Map(accounts.map((a) => [a.runId, { accounts: count(a.accounts), problemAccounts: count(a.problemAccounts) }]));
  for (const id of runIds) {
    out.set(id, { ...emptyTally, ...tallySources(byRun.get(id) ?? []), ...accountsOf.get(id) });
  }
  return out;
}

/** A page of runs, newest first, each with its tally; with an account, only runs that read it, counting only its sources. */
export async function listSyncRuns({ take, skip = 0, accountId }: { take: number; skip?: number; accountId?: string }): Promise<SyncRunView[]> {
  const runs = await db.syncRun.findMany({ where: runsWhere(accountId), orderBy: { startedAt: 'desc' }, take, skip });
  const tallies = await runTallies(
    runs.map((r) => r.id),
    accountId,
  );
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
    tally: tallies.get(r.id) ?? emptyTally,
  }));
}

/**
 * A page of a run's accounts with all their sources: accounts with a problem first, then by name
 * and id; narrowed by a search on the name or id (% and _ are plain characters),
 * to the accounts with a problem, or to one account. The account names come from a join, the
 * sources from a query naming only the page's accounts. Null when there is no such run.
 */
export async function listSyncRunAccounts(runId: string, query: SyncRunAccountsQuery): Promise<SyncRunAccounts | null> {
  const run = await db.syncRun.findUnique({ where: { id: runId }, select: { id: true, status: true } });
  if (!run) return null;
  const conditions = [Prisma.sql`s."runId" = ${runId}`];
  if (query.account) conditions.push(Prisma.sql`s."accountId" = ${query.account}`);
  if (query.q) conditions.push(Prisma.sql`(${containsText(Prisma.sql`a."name"`, query.q)} OR ${containsText(Prisma.sql`s."accountId"`, query.q)})`);
  const accounts = Prisma.sql`
    SELECT s."accountId", a."name", ${problemFlag} AS "problem"
    FROM "SyncSourceRun" s
    JOIN "Account" a ON a."id" = s."accountId"
    WHERE ${Prisma.join(conditions, ' AND ')}
    GROUP BY s."accountId", a."name"
    ${query.problems === 'only' ? Prisma.sql`HAVING ${problemFlag} = 1` : Prisma.empty}`;
  const [totals, page] = await Promise.all([
    db.$queryRaw<{ total: unknown; problems: unknown }[]>`SELECT COUNT(*) AS "total", SUM("problem") AS "problems" FROM (${accounts}) AS "matching"`,
    db.$queryRaw<{ accountId: string; name: string; problem: unknown }[]>`
      ${accounts}
      ORDER BY "problem" DESC, lower(a."name"), s."accountId"
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  ]);
  const sources =
    page.length === 0
      ? []
      : await db.syncSourceRun.findMany({ where: { runId, accountId: { in: page.map((a) => a.accountId) } }, orderBy: [{ accountId: 'asc' }, { source: 'asc' }] });
  const sourcesOf = new Map<string, SyncSourceRunView[]>();
  for (const s of sources) {
    const list = sourcesOf.get(s.accountId) ?? [];
    list.push({
      source: s.source,
      status: s.status as SyncSourceRunView['status'],
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      apiCalls: s.apiCalls,
      records: s.records,
      error: s.error,
      errorCode: s.errorCode,
      missingPermissions: Array.isArray(s.missingPermissions) ? s.missingPermissions.filter((p): p is string => typeof p === 'string') : [],
    });
    sourcesOf.set(s.accountId, list);
  }
  return {
    runId: run.id,
    runStatus: run.status as SyncRunAccounts['runStatus'],
    accounts: page.map((a): SyncRunAccount => ({ accountId: a.accountId, accountName: a.name, problem: count(a.problem) === 1, sources: sourcesOf.get(a.accountId) ?? [] })),
    total: count(totals[0]?.total),
    problemAccounts: count(totals[0]?.problems),
    page: query.page,
    pageSize: query.pageSize,
  };
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
