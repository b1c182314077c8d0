import 'server-only';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { TrailRecord } from '@/lib/aws/cloudtrail';
import { db } from '@/lib/db';
import { cursorKey, lookupName, type Cursor, type LookupAggregate } from '@/lib/sync/diff/cloudtrail';
import type { LookupsRead, TrailsRead } from '@/lib/sync/read/cloudtrail';
import type { PartLog } from '@/lib/sync/read/partial';
import type { SourceContext } from '@/lib/sync/types';

// The store side of CloudTrail: the stored cursors (for the reader), and the writer.

const chunk = 500;

/** Every stored cursor of an account, by region and lookup (one query). */
export async function storedCursors(accountId: string): Promise<Map<string, Cursor>> {
  const rows = await db.cloudTrailCursor.findMany({ where: { accountId } });
  return new Map(rows.map((r) => [cursorKey(r.region, r.lookup), { lastEventTime: r.lastEventTime, lastEventIds: r.lastEventIds as string[] }]));
}

/** Writer: counts, notable events, cursors, the snapshot and its trails, in one transaction. */
export async function writeCloudTrail(ctx: SourceContext, trails: TrailsRead, lookups: LookupsRead, aggregate: LookupAggregate, log: PartLog) {
  return db.$transaction(
    async (tx) => {
      for (const c of aggregate.counts) {
        await tx.eventDailyCount.upsert({
          where: { accountId_region_day_eventName: { accountId: ctx.accountId, region: c.region, day: c.day, eventName: c.eventName } },
          create: { accountId: ctx.accountId, ...c },
          update: { count: { increment: c.count } },
        });
      }
      const ids = [...aggregate.notable.keys()];
      const existing = new Set<string>();
      for (let i = 0; i < ids.length; i += chunk) {
        const found = await tx.trailEvent.findMany({ where: { eventId: { in: ids.slice(i, i + chunk) } }, select: { eventId: true } });
        for (const f of found) existing.add(f.eventId);
      }
      const fresh = [...aggregate.notable.values()].filter((n) => !existing.has(n.eventId));
      for (let i = 0; i < fresh.length; i += chunk) await tx.trailEvent.createMany({ data: fresh.slice(i, i + chunk) });
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
            notableEvents: fresh.length,
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
