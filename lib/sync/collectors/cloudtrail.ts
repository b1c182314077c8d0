import 'server-only';
import { readLookups, readTrails } from '@/lib/sync/read/cloudtrail';
import { PartLog } from '@/lib/sync/read/partial';
import { storedCursors, writeCloudTrail } from '@/lib/sync/store/cloudtrail';
import type { Collector } from '@/lib/sync/types';

// CloudTrail: trail coverage, daily counts of the seed's key events and the notable events (root
// activity, console logins, cross-account AssumeRole). Reads are incremental: a cursor per account,
// region and lookup remembers the newest event counted, so a later sync fetches only what is new.
//   read   — trails, and each lookup's events since its stored cursor, page by page (lib/sync/read),
//            each page aggregated into counts and notable events by the pure diff (lib/sync/diff);
//   write  — one transaction (lib/sync/store).
export const collectCloudTrail: Collector = async (ctx) => {
  const log = new PartLog();
  const trails = await readTrails(ctx.clients, ctx.regions, log);
  const cursors = await storedCursors(ctx.accountId);
  const lookups = await readLookups(ctx.clients, ctx.accountId, ctx.regions, { now: ctx.now, days: ctx.options.cloudTrailDays, requestsPerSecond: ctx.options.cloudTrailRequestsPerSecond, cursors }, log);
  log.failIfNothingRead(trails.trailsRead || lookups.results.length > 0, 'trails and events');
  const { aggregate } = lookups;
  const snapshot = await writeCloudTrail(ctx, trails, lookups, aggregate, log);
  return {
    records: lookups.results.reduce((n, r) => n + r.newEvents, 0) + trails.trails.length,
    snapshotId: snapshot.id,
    missingPermissions: log.missing,
    partErrors: log.errors,
    note: aggregate.unparseable > 0 ? `${aggregate.unparseable} event document(s) could not be parsed` : undefined,
  };
};
