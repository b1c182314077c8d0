import 'server-only';
import { attributeFinding, diffFindings } from '@/lib/sync/diff/access-analyzer';
import { listedDetails, readAnalyzersAndFindings } from '@/lib/sync/read/access-analyzer';
import { knownAccountIds, storedFindingStates, writeAccessAnalyzer } from '@/lib/sync/store/access-analyzer';
import type { Collector } from '@/lib/sync/types';

// Access Analyzer, in three steps:
//   read   — ListAnalyzers per region and the findings of each analyzer (lib/sync/read);
//   diff   — against what is stored, pure (lib/sync/diff): which findings changed;
//   write  — one transaction with the batched writes (lib/sync/store).
export const collectAccessAnalyzer: Collector = async (ctx) => {
  const read = await readAnalyzersAndFindings(ctx.clients, ctx.regions);
  // An organization analyzer's findings are shown under the member account that owns the resource.
  const known = await knownAccountIds();
  const accountOf = (f: (typeof read.listed)[number]) => attributeFinding(f, ctx.accountId, known);
  const diff = diffFindings(read.listed, await storedFindingStates(ctx.accountId), accountOf);
  // Details come with external access listings; no check needs the others' (unused and internal
  // access), which are read when someone opens the finding (lib/findings/details.ts).
  const details = listedDetails(diff.changed);
  const snapshot = await writeAccessAnalyzer(ctx, read, diff, details, accountOf);
  return { records: read.listed.length, snapshotId: snapshot.id, missingPermissions: read.log.missing, partErrors: read.log.errors };
};
