import 'server-only';
import type { AwsClients } from '@/lib/aws/clients';
import { describeTrails, lookupEvents, RateLimiter, readEventSelectors, readTrailStatus, type LookupEventRecord, type TrailRecord } from '@/lib/aws/cloudtrail';
import { cursorKey, lookupName, lookupStart, newSinceCursor, plannedLookups, type Cursor, type Lookup, type LookupResult } from '@/lib/sync/diff/cloudtrail';
import { PartLog, readPart } from '@/lib/sync/read/partial';

// Reader of CloudTrail: the trails with their status and event selectors, and the events of each
// planned lookup since its stored cursor (SDK → plain records; no database).

export type TrailsRead = { trails: TrailRecord[]; trailsRead: boolean };

export type LookupsRead = {
  results: LookupResult[];
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

/** The new events of every planned lookup; one rate limiter per region, shared by its lookups. */
export async function readLookups(clients: AwsClients, regions: string[], options: LookupOptions, log: PartLog): Promise<LookupsRead> {
  const lookups = plannedLookups(regions);
  const byRegion = new Map<string, Lookup[]>();
  for (const l of lookups) byRegion.set(l.region, [...(byRegion.get(l.region) ?? []), l]);
  const read: LookupsRead = {
    results: [],
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
          const listed: LookupEventRecord[] = [];
          const window = { start: lookupStart(previous, options.now, options.days), end: options.now };
          await lookupEvents(clients, region, { key: lookup.key, value: lookup.value }, window, limiter, (page) => {
            listed.push(...page);
          });
          return { lookup, ...newSinceCursor(previous, listed) };
        });
        if (!r.ok) {
          read.eventsRead = false;
          continue;
        }
        read.results.push(r.value);
        if (lookup.key === 'Username') read.rootRegionsRead.push(region);
      }
    }),
  );
  read.rootRegionsRead.sort();
  return read;
}
