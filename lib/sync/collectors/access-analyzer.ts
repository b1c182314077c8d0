import 'server-only';
import { attributeFinding, diffFindings } from '@/lib/sync/diff/access-analyzer';
import { readAnalyzersAndFindings, readFindingDetails } from '@/lib/sync/read/access-analyzer';
import { knownAccountIds, storedFindingStates, writeAccessAnalyzer } from '@/lib/sync/store/access-analyzer';
import type { Collector } from '@/lib/sync/types';

// Access Analyzer, in three steps:
//   read   — ListAnalyzers per region and the findings of each analyzer (lib/sync/read);
//   diff   — against what is stored, pure (lib/sync/diff): which findings changed;
//   write  — details only for those, then one transaction with the batched writes (lib/sync/store).
export const collectAccessAnalyzer: Collector = async (ctx) => {
  const read = await readAnalyzersAndFindings(ctx.clients, ctx.regions);
  // An organization analyzer's findings are shown under the member account that owns the resource.
  const known = await knownAccountIds();
  const accountOf = (f: (typeof read.listed)[number]) => attributeFinding(f, ctx.accountId, known);
  const diff = diffFindings(read.listed, await storedFindingStates(ctx.accountId), accountOf);
  // Details come with external access listings; GetFindingV2 only for other changed findings, so a
  // no-change re-sync makes no detail call.
  const details = await readFindingDetails(ctx.clients, diff.changed, ctx.options.findingDetailConcurrency);
  const snapshot = await writeAccessAnalyzer(ctx, read, diff, details, accountOf);
  return { records: read.listed.length, snapshotId: snapshot.id, missingPermissions: read.log.missing, partErrors: read.log.errors };
};
