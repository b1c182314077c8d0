import 'server-only';
import { diffFindings } from '@/lib/sync/diff/access-analyzer';
import { readAnalyzersAndFindings, readFindingDetails } from '@/lib/sync/read/access-analyzer';
import { storedFindingStates, writeAccessAnalyzer } from '@/lib/sync/store/access-analyzer';
import type { Collector } from '@/lib/sync/types';

// Access Analyzer, in three steps:
//   read   — ListAnalyzers per region and the findings of each analyzer (lib/sync/read);
//   diff   — against what is stored, pure (lib/sync/diff): which findings changed;
//   write  — details only for those, then one transaction with the batched writes (lib/sync/store).
export const collectAccessAnalyzer: Collector = async (ctx) => {
  const read = await readAnalyzersAndFindings(ctx.clients, ctx.regions);
  const diff = diffFindings(read.listed, await storedFindingStates(ctx.accountId));
  // Details (GetFindingV2) only for what changed: a no-change re-sync makes no detail call.
  const details = await readFindingDetails(ctx.clients, diff.changed, ctx.options.findingDetailConcurrency);
  const snapshot = await writeAccessAnalyzer(ctx, read, diff, details);
  return { records: read.listed.length, snapshotId: snapshot.id, missingPermissions: read.log.missing, partErrors: read.log.errors };
};
