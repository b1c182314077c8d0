import 'server-only';
import { currentTime } from '@/lib/clock';
import { HttpError } from '@/lib/http';
import { db } from '@/lib/db';
import { loadThresholds } from '@/lib/settings/store';
import { Prisma, type CredentialReportEntry } from '@/lib/generated/prisma/client';
import { countKeyAges, daysBefore, nextReview, overLimitOn, crossesBeforeReview } from '@/lib/credentials/age';
import {
  maxCrossingKeysListed,
  type CredentialFilter,
  type CredentialReportInfo,
  type CredentialRow,
  type CredentialSortKey,
  type CredentialsPage,
  type CredentialsQuery,
  type CredentialsSummary,
  type CredentialsViewQuery,
  type CredentialThresholds,
  type CrossingKey,
  type DateCell,
  type ReviewSchedule,
  type TextCell,
} from '@/lib/credentials/schema';
import { daysSince } from '@/lib/dates';
import { isInOu } from '@/lib/organization/ou-path';
import { inOuWhere, rawDate, rawJson } from '@/lib/accounts/queries';
import { containsFilter, containsText } from '@/lib/sql-text';

// The credentials screen: the newest credential-report snapshot of each account in scope,
// filtered, sorted and paginated in the database so that 5,000 users stay fast.

type Where = Prisma.CredentialReportEntryWhereInput;
type OrderBy = Prisma.CredentialReportEntryOrderByWithRelationInput;
type Sentinel = DateCell['sentinel'];

type ScopeAccount = { id: string; name: string; snapshot: { id: string; takenAt: Date; generatedAt: Date | null; users: number } | null };

/** Everything a query needs besides its filters: the accounts, their reports, the clock. */
export type CredentialScope = {
  now: Date;
  thresholds: CredentialThresholds;
  accounts: ScopeAccount[];
  reviews: ReviewSchedule[];
  /**
   * The current credential reports of the accounts in scope, as a condition on the report's
   * snapshot: a join, never a list of snapshot ids (SQLite takes at most 999 parameters).
   */
  reports: Prisma.SnapshotWhereInput;
};

export async function credentialThresholds(): Promise<CredentialThresholds> {
  const { thresholds } = await loadThresholds();
  return {
    keyRotationDays: thresholds.keyRotationDays,
    unusedCredentialDays: thresholds.unusedCredentialDays,
    reviewIntervalDays: thresholds.reviewIntervalDays,
  };
}

function metaDate(meta: unknown, key: string): Date | null {
  if (typeof meta !== 'object' || meta === null || !(key in meta)) return null;
  const v = (meta as Record<string, unknown>)[key];
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

function metaNumber(meta: unknown, key: string): number | null {
  if (typeof meta !== 'object' || meta === null || !(key in meta)) return null;
  const v = (meta as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}

/**
 * The accounts in scope (one, those of an OU and below it, or all) with their newest credential
 * report and their last signed review, in four queries whatever the number of accounts (the
 * newest report of each account is found by a join in SQL, not by a list of ids).
 */
export async function loadCredentialScope({ accountId, ou, now = currentTime() }: { accountId?: string; ou?: string; now?: Date }): Promise<CredentialScope> {
  const only = accountId ? Prisma.sql`AND "accountId" = ${accountId}` : Prisma.empty;
  const [thresholds, listed, newest, signed] = await Promise.all([
    credentialThresholds(),
    db.account.findMany({ where: accountId ? { id: accountId } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true, ouPath: true } }),
    db.$queryRaw<{ id: string; accountId: string; takenAt: unknown; meta: unknown }[]>`
      SELECT s."id", s."accountId", s."takenAt", s."meta"
      FROM "Snapshot" s
      JOIN (SELECT "accountId", MAX("takenAt") AS "newest" FROM "Snapshot" WHERE "source" = 'credential-report' ${only} GROUP BY "accountId") n
        ON n."accountId" = s."accountId" AND n."newest" = s."takenAt"
      WHERE s."source" = 'credential-report'`,
    db.reviewAccount.findMany({
      where: { ...(accountId ? { accountId } : {}), review: { status: 'signed', signedAt: { not: null } } },
      select: { accountId: true, review: { select: { signedAt: true, title: true } } },
    }),
  ]);
  const accounts = ou ? listed.filter((a) => isInOu(a.ouPath, ou)) : listed;
  const reports: Prisma.SnapshotWhereInput = { source: 'credential-report', current: true, ...(accountId ? { accountId } : {}), ...(ou ? { account: await inOuWhere(ou) } : {}) };
  const snapshotOf = new Map<string, { id: string; takenAt: Date; meta: unknown }>();
  for (const s of newest) {
    const takenAt = rawDate(s.takenAt);
    if (takenAt && !snapshotOf.has(s.accountId)) snapshotOf.set(s.accountId, { id: s.id, takenAt, meta: rawJson(s.meta) });
  }
  const lastSigned = new Map<string, { signedAt: Date; title: string }>();
  for (const { accountId: id, review } of signed) {
    const known = lastSigned.get(id);
    if (review.signedAt && (!known || review.signedAt > known.signedAt)) lastSigned.set(id, { signedAt: review.signedAt, title: review.title });
  }
  const scoped = accounts.map((a): { account: ScopeAccount; review: ReviewSchedule } => {
    const snapshot = snapshotOf.get(a.id);
    const review = lastSigned.get(a.id);
    const next = nextReview(review?.signedAt ?? null, now, thresholds.reviewIntervalDays);
    return {
      account: {
        id: a.id,
        name: a.name,
        snapshot: snapshot
          ? { id: snapshot.id, takenAt: snapshot.takenAt, generatedAt: metaDate(snapshot.meta, 'generatedAt'), users: metaNumber(snapshot.meta, 'users') ?? 0 }
          : null,
      },
      review: {
        accountId: a.id,
        accountName: a.name,
        lastSignedAt: review?.signedAt.toISOString() ?? null,
        lastReviewTitle: review?.title ?? null,
        nextReviewAt: next.at.toISOString(),
        overdue: next.overdue,
      },
    };
  });
  return { now, thresholds, accounts: scoped.map((s) => s.account), reviews: scoped.map((s) => s.review), reports };
}

function reportInfos(scope: CredentialScope): CredentialReportInfo[] {
  return scope.accounts.flatMap((a) =>
    a.snapshot
      ? [{ accountId: a.id, accountName: a.name, generatedAt: a.snapshot.generatedAt?.toISOString() ?? null, takenAt: a.snapshot.takenAt.toISOString(), users: a.snapshot.users }]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------
// Filters and sorting in SQL (the same meaning as lib/credentials/filters.ts)
// ---------------------------------------------------------------------------------------------

const keySlots = [1, 2] as const;

function keyActive(slot: 1 | 2): Where {
  return slot === 1 ? { accessKey1Active: true } : { accessKey2Active: true };
}

function keyRotated(slot: 1 | 2, range: Prisma.DateTimeNullableFilter): Where {
  return slot === 1 ? { accessKey1Active: true, accessKey1LastRotated: range } : { accessKey2Active: true, accessKey2LastRotated: range };
}

/** A credential's last use, or (never used) when it was set, or the user's creation, at or before `cutoff`. */
function keyUnusedSince(slot: 1 | 2, cutoff: Date): Where {
  const before = { lte: cutoff };
  return slot === 1
    ? {
        accessKey1Active: true,
        OR: [
          { accessKey1LastUsedDate: before },
          { accessKey1LastUsedDate: null, accessKey1LastRotated: before },
          { accessKey1LastUsedDate: null, accessKey1LastRotated: null, userCreationTime: before },
        ],
      }
    : {
        accessKey2Active: true,
        OR: [
          { accessKey2LastUsedDate: before },
          { accessKey2LastUsedDate: null, accessKey2LastRotated: before },
          { accessKey2LastUsedDate: null, accessKey2LastRotated: null, userCreationTime: before },
        ],
      };
}

/**
 * The crossing filter compares each key with its own account's next review: the last signed
 * review's sign-off + the interval, or now + the interval when none was signed. Accounts are
 * grouped by that sign-off (a condition on the account's reviews each, never a list of accounts):
 * one group for the accounts never reviewed, one per sign-off still ahead of its next review (an
 * overdue review is due now, so nothing crosses before it). Each group costs about 10 parameters,
 * so that with a search's ids (maxSearchIds) and the other filters a query stays within SQLite's 999.
 */
const maxCrossingGroups = 50;

const signedReview: Prisma.ReviewWhereInput = { status: 'signed', signedAt: { not: null } };

function crossingWhere(scope: CredentialScope): Where {
  const { now, thresholds } = scope;
  const withReport = new Set(scope.accounts.filter((a) => a.snapshot !== null).map((a) => a.id));
  const interval = thresholds.reviewIntervalDays;
  const within = daysBefore(now, thresholds.keyRotationDays + 1);
  // Within the limit today (rotated after now − (limit+1) days), over it at the review.
  const keysCrossingBy = (reviewAt: Date): Where => {
    const range = { gt: within, lte: daysBefore(reviewAt, thresholds.keyRotationDays + 1) };
    return { OR: keySlots.map((s) => keyRotated(s, range)) };
  };
  const signOffs = [...new Set(scope.reviews.filter((r) => withReport.has(r.accountId) && r.lastSignedAt !== null && !r.overdue).map((r) => r.lastSignedAt as string))];
  if (signOffs.length > maxCrossingGroups) {
    throw new HttpError(
      400,
      `filter: “crossing before the next review” compares each account with its own review; the accounts in this scope were last reviewed in ${signOffs.length} different sign-offs still ahead of their next review, more than ${maxCrossingGroups} at once: choose an OU or an account`,
      'filter',
    );
  }
  const groups: Where[] = [];
  const neverReviewed = nextReview(null, now, interval).at;
  if (scope.reviews.some((r) => withReport.has(r.accountId) && r.lastSignedAt === null)) {
    groups.push({ AND: [{ snapshot: { account: { reviewAccounts: { none: { review: signedReview } } } } }, keysCrossingBy(neverReviewed)] });
  }
  for (const at of signOffs) {
    const signedAt = new Date(at);
    const reviewAt = nextReview(signedAt, now, interval).at;
    if (reviewAt.getTime() <= now.getTime()) continue;
    // The account's newest sign-off is this one: it has one at this time and none later.
    const lastSignedHere: Prisma.AccountWhereInput = {
      reviewAccounts: { some: { review: { status: 'signed', signedAt: { gte: signedAt } } }, none: { review: { status: 'signed', signedAt: { gt: signedAt } } } },
    };
    groups.push({ AND: [{ snapshot: { account: lastSignedHere } }, keysCrossingBy(reviewAt)] });
  }
  return groups.length > 0 ? { OR: groups } : { id: { in: [] } };
}

function filterWhere(filter: CredentialFilter, scope: CredentialScope): Where {
  const { now, thresholds } = scope;
  switch (filter) {
    case 'no-mfa':
      return { mfaActive: false, OR: [{ isRoot: true }, { passwordEnabled: true }] };
    case 'old-keys': {
      const cutoff = daysBefore(now, thresholds.keyRotationDays + 1);
      return { OR: keySlots.map((s) => keyRotated(s, { lte: cutoff })) };
    }
    case 'unused': {
      const cutoff = daysBefore(now, thresholds.unusedCredentialDays);
      const before = { lte: cutoff };
      return {
        OR: [
          {
            passwordEnabled: true,
            OR: [
              { passwordLastUsed: before },
              { passwordLastUsed: null, passwordLastChanged: before },
              { passwordLastUsed: null, passwordLastChanged: null, userCreationTime: before },
            ],
          },
          ...keySlots.map((s) => keyUnusedSince(s, cutoff)),
        ],
      };
    }
    case 'programmatic-only':
      return { isRoot: false, passwordEnabled: false, OR: keySlots.map(keyActive) };
    case 'root':
      return { isRoot: true };
    case 'crossing':
      return crossingWhere(scope);
  }
}

/** How many entry ids a search may name in one statement, beside the other conditions (SQLite takes 999 parameters). */
const maxSearchIds = 300;

/**
 * The user-name search, ASCII letters in either case, the same on SQLite and PostgreSQL
 * (lib/sql-text.ts containsFilter). Prisma's `contains` is a LIKE without an escape character on
 * both: % and _ would be wildcards. IAM user names never hold % (nor \, which PostgreSQL's LIKE
 * would take as its escape), so such a search finds nobody. With _, LIKE takes in every name with
 * any character there: what it takes in wrongly (the names that do not hold the text itself) is
 * left out by id, or else what truly matches is named; a search that has both more than a few
 * hundred of each is refused, saying so, rather than cut short.
 */
async function searchWhere(q: string): Promise<Where> {
  if (q.includes('%') || q.includes('\\')) return { id: { in: [] } };
  const like = { user: containsFilter(q) };
  if (!q.includes('_')) return like;
  const current = Prisma.sql`FROM "CredentialReportEntry" e JOIN "Snapshot" s ON s."id" = e."snapshotId" WHERE s."source" = 'credential-report' AND s."current"`;
  const holdsQ = containsText(Prisma.sql`e."user"`, q);
  // What the filter's LIKE takes in: lower() on both sides is ILIKE (PostgreSQL) and SQLite's LIKE for ASCII.
  const wrong = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT e."id" ${current} AND lower(e."user") LIKE lower(${`%${q}%`}) AND NOT ${holdsQ} LIMIT ${maxSearchIds + 1}`,
  );
  if (wrong.length <= maxSearchIds) return wrong.length === 0 ? like : { ...like, id: { notIn: wrong.map((r) => r.id) } };
  const right = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT e."id" ${current} AND ${holdsQ} LIMIT ${maxSearchIds + 1}`);
  if (right.length <= maxSearchIds) return { id: { in: right.map((r) => r.id) } };
  throw new HttpError(
    400,
    `q: “${q}” holds _, which the database reads as any character, and matches more than ${maxSearchIds} users both with and without it there: add more of the name`,
    'q',
  );
}

async function viewWhere(query: CredentialsViewQuery, scope: CredentialScope): Promise<Where> {
  const and: Where[] = [{ snapshot: scope.reports }];
  if (query.q) and.push(await searchWhere(query.q));
  for (const f of query.filter) and.push(filterWhere(f, scope));
  return { AND: and };
}

type Order = 'asc' | 'desc';
const flip = (o: Order): Order => (o === 'asc' ? 'desc' : 'asc');
const lastNulls = (sort: Order) => ({ sort, nulls: 'last' as const });

export function credentialOrderBy(sort: CredentialSortKey, order: Order): OrderBy[] {
  const primary: OrderBy[] = (() => {
    switch (sort) {
      case 'user':
        return [{ user: order }];
      case 'account':
        return [{ snapshot: { account: { name: order } } }];
      case 'console':
        return [{ passwordEnabled: lastNulls(order) }];
      case 'passwordLastUsed':
        return [{ passwordLastUsed: lastNulls(order) }];
      case 'mfa':
        return [{ mfaActive: order }];
      // A slot's status: active, then created but inactive, then never created.
      case 'key1Status':
        return [{ accessKey1Active: order }, { accessKey1LastRotated: lastNulls(order) }];
      case 'key2Status':
        return [{ accessKey2Active: order }, { accessKey2LastRotated: lastNulls(order) }];
      // Age: active keys first (the ones that matter), ordered by days since rotation.
      case 'key1Age':
        return [{ accessKey1Active: 'desc' }, { accessKey1LastRotated: lastNulls(flip(order)) }];
      case 'key2Age':
        return [{ accessKey2Active: 'desc' }, { accessKey2LastRotated: lastNulls(flip(order)) }];
      case 'key1LastUsed':
        return [{ accessKey1LastUsedDate: lastNulls(order) }];
      case 'key2LastUsed':
        return [{ accessKey2LastUsedDate: lastNulls(order) }];
    }
  })();
  // A stable order, so that pages neither repeat nor skip rows.
  return [...primary, { user: 'asc' }, { snapshotId: 'asc' }, { id: 'asc' }];
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

function dateCell(at: Date | null, sentinel: string | null, now: Date): DateCell {
  return { at: at?.toISOString() ?? null, sentinel: sentinel as Sentinel, days: at ? daysSince(now, at) : null };
}

function textCell(value: string | null, sentinel: string | null): TextCell {
  return { value, sentinel: sentinel as TextCell['sentinel'] };
}

function toRow(e: CredentialReportEntry, account: { id: string; name: string }, now: Date): CredentialRow {
  return {
    accountId: account.id,
    accountName: account.name,
    user: e.user,
    arn: e.arn,
    isRoot: e.isRoot,
    userCreationTime: e.userCreationTime.toISOString(),
    console: { enabled: e.passwordEnabled, sentinel: e.passwordEnabledSentinel as Sentinel },
    passwordLastUsed: dateCell(e.passwordLastUsed, e.passwordLastUsedSentinel, now),
    passwordLastChanged: dateCell(e.passwordLastChanged, e.passwordLastChangedSentinel, now),
    mfaActive: e.mfaActive,
    keys: [
      {
        slot: 1,
        active: e.accessKey1Active,
        lastRotated: dateCell(e.accessKey1LastRotated, e.accessKey1LastRotatedSentinel, now),
        lastUsed: dateCell(e.accessKey1LastUsedDate, e.accessKey1LastUsedDateSentinel, now),
        lastUsedService: textCell(e.accessKey1LastUsedService, e.accessKey1LastUsedServiceSentinel),
        lastUsedRegion: textCell(e.accessKey1LastUsedRegion, e.accessKey1LastUsedRegionSentinel),
      },
      {
        slot: 2,
        active: e.accessKey2Active,
        lastRotated: dateCell(e.accessKey2LastRotated, e.accessKey2LastRotatedSentinel, now),
        lastUsed: dateCell(e.accessKey2LastUsedDate, e.accessKey2LastUsedDateSentinel, now),
        lastUsedService: textCell(e.accessKey2LastUsedService, e.accessKey2LastUsedServiceSentinel),
        lastUsedRegion: textCell(e.accessKey2LastUsedRegion, e.accessKey2LastUsedRegionSentinel),
      },
    ],
  };
}

function rowMapper(scope: CredentialScope) {
  const bySnapshot = new Map(scope.accounts.flatMap((a) => (a.snapshot ? [[a.snapshot.id, a] as const] : [])));
  return (e: CredentialReportEntry): CredentialRow => {
    const account = bySnapshot.get(e.snapshotId) ?? { id: 'unknown', name: 'unknown' };
    return toRow(e, account, scope.now);
  };
}

export async function listCredentials(query: CredentialsQuery, scope: CredentialScope): Promise<CredentialsPage> {
  const where = await viewWhere(query, scope);
  const [total, entries] = await Promise.all([
    db.credentialReportEntry.count({ where }),
    db.credentialReportEntry.findMany({
      where,
      orderBy: credentialOrderBy(query.sort, query.order),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return {
    rows: entries.map(rowMapper(scope)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    asOf: scope.now.toISOString(),
    reports: reportInfos(scope),
    accountsWithoutReport: scope.accounts.filter((a) => !a.snapshot).map((a) => ({ id: a.id, name: a.name })),
    thresholds: scope.thresholds,
  };
}

/** Every row of the view (all pages), in the view's order: what the CSV export writes. */
export async function listAllCredentials(query: CredentialsViewQuery, scope: CredentialScope): Promise<{ rows: CredentialRow[]; reports: CredentialReportInfo[] }> {
  const entries = await db.credentialReportEntry.findMany({ where: await viewWhere(query, scope), orderBy: credentialOrderBy(query.sort, query.order) });
  return { rows: entries.map(rowMapper(scope)), reports: reportInfos(scope) };
}

// ---------------------------------------------------------------------------------------------
// Key ages and the keys that cross the rotation limit before the next review
// ---------------------------------------------------------------------------------------------

export async function summarizeCredentials(scope: CredentialScope): Promise<CredentialsSummary> {
  const { now, thresholds } = scope;
  const entries = await db.credentialReportEntry.findMany({
    where: { snapshot: scope.reports, OR: [{ accessKey1Active: true }, { accessKey2Active: true }] },
    select: { snapshotId: true, user: true, arn: true, accessKey1Active: true, accessKey1LastRotated: true, accessKey2Active: true, accessKey2LastRotated: true },
  });
  const accountOf = new Map(scope.accounts.flatMap((a) => (a.snapshot ? [[a.snapshot.id, a] as const] : [])));
  const reviewOf = new Map(scope.reviews.map((r) => [r.accountId, r]));
  const ages: number[] = [];
  let unknownAge = 0;
  const crossing: CrossingKey[] = [];
  for (const e of entries) {
    const account = accountOf.get(e.snapshotId);
    const review = account ? reviewOf.get(account.id) : undefined;
    const keys = [
      { slot: 1 as const, active: e.accessKey1Active, rotated: e.accessKey1LastRotated },
      { slot: 2 as const, active: e.accessKey2Active, rotated: e.accessKey2LastRotated },
    ];
    for (const k of keys) {
      if (!k.active) continue;
      if (k.rotated === null) {
        unknownAge += 1;
        continue;
      }
      const age = daysSince(now, k.rotated);
      ages.push(age);
      if (account && review && crossesBeforeReview(k.rotated, now, new Date(review.nextReviewAt), thresholds.keyRotationDays)) {
        crossing.push({
          accountId: account.id,
          accountName: account.name,
          user: e.user,
          arn: e.arn,
          slot: k.slot,
          lastRotated: k.rotated.toISOString(),
          ageDays: age,
          overLimitOn: overLimitOn(k.rotated, thresholds.keyRotationDays).toISOString(),
          nextReviewAt: review.nextReviewAt,
        });
      }
    }
  }
  crossing.sort((a, b) => a.overLimitOn.localeCompare(b.overLimitOn) || a.user.localeCompare(b.user) || a.slot - b.slot);
  return {
    asOf: now.toISOString(),
    thresholds,
    activeKeys: ages.length + unknownAge,
    unknownAge,
    buckets: countKeyAges(ages),
    reviews: scope.reviews,
    crossing: crossing.slice(0, maxCrossingKeysListed),
    crossingTotal: crossing.length,
  };
}
