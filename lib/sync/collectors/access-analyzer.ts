import 'server-only';
import { getFindingDetails, listAnalyzers, listFindings, type AnalyzerRecord, type FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import type { AwsClients } from '@/lib/aws/clients';
import { db } from '@/lib/db';
import { mapLimit, PartLog, readPart } from '@/lib/sync/collectors/partial';
import { countFindings, diffFindings, findingKey, type FindingsDiff, type StoredFindingState } from '@/lib/sync/diff/access-analyzer';
import type { Collector, SourceContext } from '@/lib/sync/types';

// Access Analyzer: analyzers of every region read and all their findings. Three steps:
//   read   — ListAnalyzers per region and ListFindingsV2 per analyzer (SDK → plain records);
//   diff   — against what is stored, pure (lib/sync/diff/access-analyzer): which findings changed;
//   write  — GetFindingV2 only for those, then one transaction with the batched writes.
// Findings are current state, updated in place.

const writeChunk = 500;

type AnalyzerRead = { log: PartLog; regionsRead: string[]; analyzers: AnalyzerRecord[]; listed: FindingSummaryRecord[] };

/** Reader: the analyzers of every region (a region AWS fails or denies is a part not read) and their findings. */
async function readAnalyzersAndFindings(clients: AwsClients, regions: string[]): Promise<AnalyzerRead> {
  const log = new PartLog();
  const byRegion = await Promise.all(regions.map(async (region) => ({ region, read: await readPart(log, () => listAnalyzers(clients, region)) })));
  log.failIfNothingRead(byRegion.some((r) => r.read.ok), `the analyzers of every configured region (${regions.join(', ')})`);
  const analyzers = byRegion.flatMap((r) => (r.read.ok ? r.read.value : []));
  const listed: FindingSummaryRecord[] = [];
  // Every analyzer's findings are read before anything is written, so nothing is half-updated.
  for (const analyzer of analyzers) listed.push(...(await listFindings(clients, analyzer.region, analyzer.arn)));
  return { log, regionsRead: byRegion.filter((r) => r.read.ok).map((r) => r.region), analyzers, listed };
}

async function storedFindingStates(accountId: string): Promise<StoredFindingState[]> {
  return db.finding.findMany({ where: { accountId }, select: { analyzerArn: true, id: true, status: true, updatedAt: true, detailsFetchedAt: true } });
}

/** Writer: one transaction; unchanged findings only move their lastSeenAt, in chunks. */
async function writeAccessAnalyzer(ctx: SourceContext, read: AnalyzerRead, diff: FindingsDiff, details: Map<string, unknown>) {
  return db.$transaction(
    async (tx) => {
      for (const a of read.analyzers) {
        const data = { accountId: ctx.accountId, region: a.region, name: a.name, type: a.type, status: a.status, createdAt: a.createdAt, lastSeenAt: ctx.now };
        await tx.analyzer.upsert({ where: { arn: a.arn }, create: { arn: a.arn, ...data }, update: data });
      }
      // Analyzers gone from a region that was read: keep their history, mark them.
      await tx.analyzer.updateMany({
        where: { accountId: ctx.accountId, region: { in: read.regionsRead }, arn: { notIn: read.analyzers.map((a) => a.arn) } },
        data: { status: 'NOT_FOUND' },
      });
      const unchangedKeys = diff.unchanged.map((f) => findingKey(f.analyzerArn, f.id));
      for (let i = 0; i < unchangedKeys.length; i += writeChunk) {
        await tx.finding.updateMany({ where: { key: { in: unchangedKeys.slice(i, i + writeChunk) } }, data: { lastSeenAt: ctx.now } });
      }
      const rows = diff.changed.map((f) => {
        const key = findingKey(f.analyzerArn, f.id);
        // The record is the row (lib/aws/records' finding plus analysis facts), with who read it and when.
        const fetched = details.get(key);
        const withDetails = fetched === undefined ? {} : { details: fetched as object, detailsFetchedAt: ctx.now };
        return { key, ...f, accountId: ctx.accountId, lastSeenAt: ctx.now, ...withDetails };
      });
      // New findings (all of them on a first sync) go in as multi-row inserts; changed ones are updated.
      const created = rows.filter((row) => diff.created.has(row.key));
      for (let i = 0; i < created.length; i += writeChunk) await tx.finding.createMany({ data: created.slice(i, i + writeChunk) });
      for (const { key, ...row } of rows.filter((r) => !diff.created.has(r.key))) await tx.finding.update({ where: { key }, data: row });
      const s = await tx.snapshot.create({
        data: {
          accountId: ctx.accountId,
          source: 'access-analyzer',
          runId: ctx.runId,
          takenAt: ctx.now,
          missingPermissions: read.log.missing,
          meta: { regionsRead: read.regionsRead, partErrors: read.log.errors, analyzers: read.analyzers.length, findings: read.listed.length },
        },
      });
      await tx.findingCount.createMany({ data: countFindings(read.listed).map((c) => ({ snapshotId: s.id, ...c })) });
      return s;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export const collectAccessAnalyzer: Collector = async (ctx) => {
  const read = await readAnalyzersAndFindings(ctx.clients, ctx.regions);
  const diff = diffFindings(read.listed, await storedFindingStates(ctx.accountId));
  // Details (GetFindingV2) only for what changed: a no-change re-sync makes no detail call.
  const details = new Map<string, unknown>();
  await mapLimit(diff.changed, ctx.options.findingDetailConcurrency, async (f) => {
    details.set(findingKey(f.analyzerArn, f.id), await getFindingDetails(ctx.clients, f.region, f.analyzerArn, f.id));
  });
  const snapshot = await writeAccessAnalyzer(ctx, read, diff, details);
  return { records: read.listed.length, snapshotId: snapshot.id, missingPermissions: read.log.missing, partErrors: read.log.errors };
};
