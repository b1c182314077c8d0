import 'server-only';
import { describeTrails, lookupEvents, RateLimiter, readEventSelectors, readTrailStatus, type LookupEventRecord, type TrailRecord } from '@/lib/aws/cloudtrail';
import { db } from '@/lib/db';
import { globalIamEventNames, regionalEventNames } from '@/lib/cloudtrail/parse-event';
import { DAY_MS } from '@/lib/dates';
import { PartLog, readPart } from '@/lib/sync/collectors/partial';
import { aggregateLookups, newSinceCursor, type Cursor, type Lookup, type LookupResult } from '@/lib/sync/diff/cloudtrail';
import type { Collector, SourceContext } from '@/lib/sync/types';

// CloudTrail: trail coverage, daily counts of the seed's key events and the notable events (root
// activity, console logins, cross-account AssumeRole). Reads are incremental: a cursor per account,
// region and lookup remembers the newest event counted, so a later sync fetches only what is new.

/** IAM's events are recorded in us-east-1 whatever region the caller used. */
const iamEventRegion = 'us-east-1';


/**
 * Global services' events (IAM, STS's global endpoint, console sign-in) are recorded in us-east-1
 * whatever regions are configured: the IAM and root lookups always include it.
 */
function plannedLookups(regions: string[]): Lookup[] {
  const lookups: Lookup[] = globalIamEventNames.map((value) => ({ region: iamEventRegion, key: 'EventName', value }));
  // Sign-ins (ConsoleLogin) and STS's global endpoint are recorded in us-east-1 too: always read it.
  const withHome = [...new Set([iamEventRegion, ...regions])];
  for (const region of withHome) {
    for (const value of regionalEventNames) lookups.push({ region, key: 'EventName', value });
    lookups.push({ region, key: 'Username', value: 'root' });
  }
  return lookups;
}

const lookupName = (l: Lookup) => `${l.key}=${l.value}`;

async function readLookup(ctx: SourceContext, lookup: Lookup, limiter: RateLimiter): Promise<LookupResult> {
  const stored = await db.cloudTrailCursor.findUnique({
    where: { accountId_region_lookup: { accountId: ctx.accountId, region: lookup.region, lookup: lookupName(lookup) } },
  });
  const floor = new Date(ctx.now.getTime() - ctx.options.cloudTrailDays * DAY_MS);
  const previous: Cursor | null = stored ? { lastEventTime: stored.lastEventTime, lastEventIds: stored.lastEventIds as string[] } : null;
  const start = previous && previous.lastEventTime > floor ? previous.lastEventTime : floor;
  const listed: LookupEventRecord[] = [];
  await lookupEvents(ctx.clients, lookup.region, { key: lookup.key, value: lookup.value }, { start, end: ctx.now }, limiter, (page) => {
    listed.push(...page);
  });
  return { lookup, ...newSinceCursor(previous, listed) };
}

export const collectCloudTrail: Collector = async (ctx) => {
  const log = new PartLog();
  const missing = log.missing;

  // Trails: multi-region trails show up in every region (shadow trails); keep each ARN once.
  const trailsByArn = new Map<string, TrailRecord>();
  let trailsRead = false;
  for (const region of ctx.regions) {
    const read = await readPart(log, () => describeTrails(ctx.clients, region));
    if (!read.ok) continue;
    trailsRead = true;
    for (const t of read.value) if (!trailsByArn.has(t.arn)) trailsByArn.set(t.arn, t);
  }
  const trails: TrailRecord[] = [];
  for (const t of trailsByArn.values()) {
    const withStatus = await readTrailStatus(ctx.clients, t);
    if (withStatus.statusError && withStatus.statusError.startsWith('cloudtrail:GetTrailStatus') && !missing.includes('cloudtrail:GetTrailStatus')) {
      missing.push('cloudtrail:GetTrailStatus');
    }
    const selectors = await readPart(log, () => readEventSelectors(ctx.clients, withStatus));
    trails.push(selectors.ok ? selectors.value : { ...withStatus, selectorsError: log.errors.find((e) => e.startsWith('cloudtrail:GetEventSelectors')) ?? 'cloudtrail:GetEventSelectors: AccessDenied' });
  }

  // Events: one rate limiter per region, shared by every lookup in it.
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (region: string) => {
    let l = limiters.get(region);
    if (!l) limiters.set(region, (l = new RateLimiter(ctx.options.cloudTrailRequestsPerSecond)));
    return l;
  };
  const lookups = plannedLookups(ctx.regions);
  const byRegion = new Map<string, Lookup[]>();
  for (const l of lookups) byRegion.set(l.region, [...(byRegion.get(l.region) ?? []), l]);
  const results: LookupResult[] = [];
  let eventsRead = true;
  // The regions whose root-user lookup answered: item 15 passes only on every one of them.
  const rootRegionsRead: string[] = [];
  await Promise.all(
    [...byRegion].map(async ([region, list]) => {
      for (const l of list) {
        const r = await readPart(log, () => readLookup(ctx, l, limiterFor(region)));
        if (r.ok) {
          results.push(r.value);
          if (l.key === 'Username') rootRegionsRead.push(region);
        } else eventsRead = false;
      }
    }),
  );
  log.failIfNothingRead(trailsRead || results.length > 0, 'trails and events');

  // Aggregate in memory (pure), then write everything (counts, notable events, cursors) in one transaction.
  const { counts, notable, unparseable } = aggregateLookups(ctx.accountId, results);

  const snapshot = await db.$transaction(
    async (tx) => {
      for (const c of counts) {
        await tx.eventDailyCount.upsert({
          where: { accountId_region_day_eventName: { accountId: ctx.accountId, region: c.region, day: c.day, eventName: c.eventName } },
          create: { accountId: ctx.accountId, ...c },
          update: { count: { increment: c.count } },
        });
      }
      const ids = [...notable.keys()];
      const existing = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const found = await tx.trailEvent.findMany({ where: { eventId: { in: ids.slice(i, i + 500) } }, select: { eventId: true } });
        for (const f of found) existing.add(f.eventId);
      }
      const fresh = [...notable.values()].filter((n) => !existing.has(n.eventId));
      for (let i = 0; i < fresh.length; i += 500) await tx.trailEvent.createMany({ data: fresh.slice(i, i + 500) });
      for (const { lookup, cursor } of results) {
        if (!cursor) continue;
        const where = { accountId_region_lookup: { accountId: ctx.accountId, region: lookup.region, lookup: lookupName(lookup) } };
        await tx.cloudTrailCursor.upsert({
          where,
          create: { accountId: ctx.accountId, region: lookup.region, lookup: lookupName(lookup), ...cursor },
          update: cursor,
        });
      }
      const s = await tx.snapshot.create({
        data: {
          accountId: ctx.accountId,
          source: 'cloudtrail',
          runId: ctx.runId,
          takenAt: ctx.now,
          missingPermissions: missing,
          meta: {
            trailsRead,
            eventsRead,
            rootRegionsRead: rootRegionsRead.sort(),
            rootRegionsPlanned: [...new Set(lookups.filter((l) => l.key === 'Username').map((l) => l.region))].sort(),
            partErrors: log.errors,
            newEvents: results.reduce((n, r) => n + r.events.length, 0),
            notableEvents: fresh.length,
            unparseableEvents: unparseable,
          },
        },
      });
      if (trailsRead) await tx.trail.createMany({ data: trails.map((t) => ({ ...t, managementEvents: t.managementEvents ?? undefined, snapshotId: s.id })) });
      return s;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return {
    records: results.reduce((n, r) => n + r.events.length, 0) + trails.length,
    snapshotId: snapshot.id,
    missingPermissions: missing,
    partErrors: log.errors,
    note: unparseable > 0 ? `${unparseable} event document(s) could not be parsed` : undefined,
  };
};
