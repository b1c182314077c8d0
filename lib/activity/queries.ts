import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { keyEventNames } from '@/lib/cloudtrail/parse-event';
import { regionCoverage } from '@/lib/activity/coverage';
import { dayWindow, fillDailySeries } from '@/lib/activity/daily';
import type { AccountCoverage, ActivityEventKind, DailyQuery, DailyResponse, EventsQuery, EventsResponse, TrailView } from '@/lib/activity/schema';

// The activity screen: CloudTrail coverage from the newest cloudtrail snapshot of each account,
// daily key-event counts, and the notable events (root, console logins, cross-account AssumeRole).

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function metaFlag(meta: unknown, key: string): boolean {
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)[key] === true;
}

async function accountsInScope(accountId: string | undefined) {
  return db.account.findMany({ where: accountId ? { id: accountId } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true, regions: true } });
}

export async function getTrailCoverage({ accountId }: { accountId?: string }): Promise<AccountCoverage[]> {
  const accounts = await accountsInScope(accountId);
  return Promise.all(
    accounts.map(async (a): Promise<AccountCoverage> => {
      const snapshot = await db.snapshot.findFirst({
        where: { accountId: a.id, source: 'cloudtrail' },
        orderBy: { takenAt: 'desc' },
        select: { takenAt: true, meta: true, missingPermissions: true, trails: { orderBy: { name: 'asc' } } },
      });
      const trailsRead = snapshot ? metaFlag(snapshot.meta, 'trailsRead') : false;
      const trails: TrailView[] = (snapshot?.trails ?? []).map((t) => ({
        name: t.name,
        arn: t.arn,
        homeRegion: t.homeRegion,
        isMultiRegion: t.isMultiRegion,
        isOrganizationTrail: t.isOrganizationTrail,
        logFileValidation: t.logFileValidation,
        isLogging: t.isLogging,
        latestDeliveryTime: t.latestDeliveryTime?.toISOString() ?? null,
        latestDeliveryError: t.latestDeliveryError,
        s3BucketName: t.s3BucketName,
        statusError: t.statusError,
      }));
      const coverage = trailsRead ? regionCoverage(strings(a.regions), trails) : { regions: [], otherTrails: [] };
      return {
        accountId: a.id,
        accountName: a.name,
        readAt: snapshot?.takenAt.toISOString() ?? null,
        trailsRead,
        missingPermissions: strings(snapshot?.missingPermissions),
        ...coverage,
      };
    }),
  );
}

export async function getDailyEventCounts(query: DailyQuery, now: Date = currentTime()): Promise<DailyResponse> {
  const window = dayWindow(now, query.days);
  const from = window[0] ?? '';
  const to = window[window.length - 1] ?? '';
  const eventNames: string[] = query.event ? [query.event] : [...keyEventNames];
  const grouped = await db.eventDailyCount.groupBy({
    by: ['day', 'eventName'],
    where: {
      ...(query.account ? { accountId: query.account } : {}),
      day: { gte: from, lte: to },
      eventName: { in: eventNames },
    },
    _sum: { count: true },
  });
  const rows = grouped.map((g) => ({ day: g.day, eventName: g.eventName, count: g._sum.count ?? 0 }));
  return { from, to, eventNames, ...fillDailySeries(rows, window, eventNames) };
}

export function eventKindWhere(kind: ActivityEventKind): Prisma.TrailEventWhereInput {
  switch (kind) {
    case 'all':
      return {};
    case 'root':
      return { isRoot: true };
    case 'console-without-mfa':
      return { isConsoleLogin: true, mfaUsed: false };
    case 'cross-account':
      return { isCrossAccount: true };
  }
}

export async function listTrailEvents(query: EventsQuery): Promise<EventsResponse> {
  const where: Prisma.TrailEventWhereInput = {
    ...eventKindWhere(query.kind),
    ...(query.account ? { accountId: query.account } : {}),
    ...(query.user ? { userName: query.user } : {}),
  };
  const [total, events, accounts] = await Promise.all([
    db.trailEvent.count({ where }),
    db.trailEvent.findMany({ where, orderBy: [{ eventTime: 'desc' }, { eventId: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.account.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return {
    rows: events.map((e) => ({
      eventId: e.eventId,
      accountId: e.accountId,
      accountName: names.get(e.accountId) ?? e.accountId,
      region: e.region,
      eventTime: e.eventTime.toISOString(),
      eventName: e.eventName,
      eventSource: e.eventSource,
      userType: e.userType,
      userName: e.userName,
      userArn: e.userArn,
      sourceIp: e.sourceIp,
      userAgent: e.userAgent,
      mfaUsed: e.mfaUsed,
      errorCode: e.errorCode,
      isRoot: e.isRoot,
      isConsoleLogin: e.isConsoleLogin,
      isCrossAccount: e.isCrossAccount,
      recipientAccountId: e.recipientAccountId,
      callerAccountId: e.userAccountId,
      callerAccountName: e.userAccountId ? (names.get(e.userAccountId) ?? null) : null,
      targetRoleArn: e.targetRoleArn,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}
