import 'server-only';
import type { AwsClients } from '@/lib/aws/clients';
import { describeTrails, lookupEvents, RateLimiter, readEventSelectors, readTrailStatus, type TrailRecord } from '@/lib/aws/cloudtrail';
import { aggregateLookups, cursorKey, emptyAggregate, lookupName, lookupStart, mergeAggregates, newSinceCursor, plannedLookups, type Cursor, type Lookup, type LookupAggregate } from '@/lib/sync/diff/cloudtrail';
import { PartLog, readPart } from '@/lib/sync/read/partial';

// Reader of CloudTrail: the trails with their status and event selectors, and the events of each
// planned lookup since its stored cursor (SDK → plain records; no database).

export type TrailsRead = { trails: TrailRecord[]; trailsRead: boolean };

/** A lookup as read: how many new events it found and where its cursor moves. */
export type LookupOutcome = { lookup: Lookup; newEvents: number; cursor: Cursor | null };

export type LookupsRead = {
  results: LookupOutcome[];
  /** The new events' daily counts and notable events, aggregated page by page (no page is kept). */
  aggregate: LookupAggregate;
  eventsRead: boolean;
  /** The regions whose root-user lookup answered: item 15 passes only on every one of them. */
  rootRegionsRead: string[];
  rootRegionsPlanned: string[];
};

/** Trails: multi-region trails show up in every region (shadow trails); each ARN is kept once. */
export async function readTrails(clients: AwsClients, regions: string[], log: PartLog): Promise<TrailsRead> {
  const byArn = new Map<string, TrailRecord>();
  let trailsRead = false;
  for (const region of regions) {
    const read = await readPart(log, () => describeTrails(clients, region));
    if (!read.ok) continue;
    trailsRead = true;
    for (const t of read.value) if (!byArn.has(t.arn)) byArn.set(t.arn, t);
  }
  const trails: TrailRecord[] = [];
  for (const t of byArn.values()) {
    const withStatus = await readTrailStatus(clients, t);
    if (withStatus.statusError?.startsWith('cloudtrail:GetTrailStatus') && !log.missing.includes('cloudtrail:GetTrailStatus')) log.missing.push('cloudtrail:GetTrailStatus');
    const selectors = await readPart(log, () => readEventSelectors(clients, withStatus));
    trails.push(selectors.ok ? selectors.value : { ...withStatus, selectorsError: log.errors.find((e) => e.startsWith('cloudtrail:GetEventSelectors')) ?? 'cloudtrail:GetEventSelectors: AccessDenied' });
  }
  return { trails, trailsRead };
}

type LookupOptions = { now: Date; days: number; requestsPerSecond: number; cursors: Map<string, Cursor> };

/**
 * The new events of every planned lookup, each page counted as it arrives (new since the cursor,
 * aggregated by the pure diff) and dropped: memory holds the counts and notable events, not the
 * events. One rate limiter per region, shared by its lookups.
 */
export async function readLookups(clients: AwsClients, accountId: string, regions: string[], options: LookupOptions, log: PartLog): Promise<LookupsRead> {
  const lookups = plannedLookups(regions);
  const byRegion = new Map<string, Lookup[]>();
  for (const l of lookups) byRegion.set(l.region, [...(byRegion.get(l.region) ?? []), l]);
  const read: LookupsRead = {
    results: [],
    aggregate: emptyAggregate(),
    eventsRead: true,
    rootRegionsRead: [],
    rootRegionsPlanned: [...new Set(lookups.filter((l) => l.key === 'Username').map((l) => l.region))].sort(),
  };
  await Promise.all(
    [...byRegion].map(async ([region, list]) => {
      const limiter = new RateLimiter(options.requestsPerSecond);
      for (const lookup of list) {
        const previous = options.cursors.get(cursorKey(region, lookupName(lookup))) ?? null;
        const r = await readPart(log, async () => {
          const window = { start: lookupStart(previous, options.now, options.days), end: options.now };
          let cursor = previous;
          let newEvents = 0;
          let aggregate = emptyAggregate();
          await lookupEvents(clients, region, { key: lookup.key, value: lookup.value }, window, limiter, (page) => {
            // Pages come newest first: each is filtered against the stored cursor, and the cursor
            // only moves forward with what is newer (or of its second) than it already stands at.
            const fresh = newSinceCursor(previous, page).events;
            cursor = newSinceCursor(cursor, fresh).cursor ?? cursor;
            newEvents += fresh.length;
            aggregate = mergeAggregates(aggregate, aggregateLookups(accountId, [{ lookup, events: fresh, cursor: null }]));
          });
          return { outcome: { lookup, newEvents, cursor: cursor === previous ? null : cursor }, aggregate };
        });
        if (!r.ok) {
          read.eventsRead = false;
          continue;
        }
        // A lookup that failed half-way adds nothing: its cursor stays, and the next read counts its events.
        read.results.push(r.value.outcome);
        read.aggregate = mergeAggregates(read.aggregate, r.value.aggregate);
        if (lookup.key === 'Username') read.rootRegionsRead.push(region);
      }
    }),
  );
  read.rootRegionsRead.sort();
  return read;
}
