import 'server-only';
import { insertRows } from '@/lib/bulk-insert';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { TrailRecord } from '@/lib/aws/cloudtrail';
import { db } from '@/lib/db';
import { cursorKey, lookupName, type Cursor, type LookupAggregate } from '@/lib/sync/diff/cloudtrail';
import type { LookupsRead, TrailsRead } from '@/lib/sync/read/cloudtrail';
import type { PartLog } from '@/lib/sync/read/partial';
import type { SourceContext } from '@/lib/sync/types';

// The store side of CloudTrail: the stored cursors (for the reader), and the writer.

/** Every stored cursor of an account, by region and lookup (one query). */
export async function storedCursors(accountId: string): Promise<Map<string, Cursor>> {
  const rows = await db.cloudTrailCursor.findMany({ where: { accountId } });
  return new Map(rows.map((r) => [cursorKey(r.region, r.lookup), { lastEventTime: r.lastEventTime, lastEventIds: r.lastEventIds as string[] }]));
}

/** Writer: counts, notable events, cursors, the snapshot and its trails, in one transaction. */
export async function writeCloudTrail(ctx: SourceContext, trails: TrailsRead, lookups: LookupsRead, aggregate: LookupAggregate, log: PartLog) {
  return db.$transaction(
    async (tx) => {
      // A day's count already stored (an earlier run read part of the day) grows by what is new.
      const eventDailyKey = ['accountId', 'region', 'day', 'eventName'] as const;
      await insertRows(tx, 'EventDailyCount', aggregate.counts.map((c) => ({ accountId: ctx.accountId, ...c })), { columns: eventDailyKey, action: 'add', add: ['count'] });
      // An event stored before (a lookup window overlapping the last one) is kept as it is.
      const notableStored = await insertRows(tx, 'TrailEvent', [...aggregate.notable.values()], { columns: ['eventId'], action: 'ignore' });
      for (const { lookup, cursor } of lookups.results) {
        if (!cursor) continue;
        const key = { accountId: ctx.accountId, region: lookup.region, lookup: lookupName(lookup) };
        await tx.cloudTrailCursor.upsert({ where: { accountId_region_lookup: key }, create: { ...key, ...cursor }, update: cursor });
      }
      const s = await createCurrentSnapshot(tx, {
          accountId: ctx.accountId,
          source: 'cloudtrail',
          runId: ctx.runId,
          takenAt: ctx.now,
          missingPermissions: log.missing,
          meta: {
            trailsRead: trails.trailsRead,
            eventsRead: lookups.eventsRead,
            rootRegionsRead: lookups.rootRegionsRead,
            rootRegionsPlanned: lookups.rootRegionsPlanned,
            partErrors: log.errors,
            newEvents: lookups.results.reduce((n, r) => n + r.newEvents, 0),
            notableEvents: notableStored,
            unparseableEvents: aggregate.unparseable,
          },
        });
      if (trails.trailsRead) {
        await tx.trail.createMany({ data: trails.trails.map((t: TrailRecord) => ({ ...t, managementEvents: t.managementEvents ?? undefined, snapshotId: s.id })) });
      }
      return s;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
