import 'server-only';
import { insertRows } from '@/lib/bulk-insert';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import { db } from '@/lib/db';
import { countFindings, duplicateChanges, findingKey, type FindingsDiff, type StoredFindingState } from '@/lib/sync/diff/access-analyzer';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AnalyzerRead } from '@/lib/sync/read/access-analyzer';
import type { SourceContext } from '@/lib/sync/types';

// The store side of Access Analyzer: what is stored of each finding (for the diff), and the writer.
// Findings are current state, updated in place.

const writeChunk = 500;

/** The stored findings of the analyzers in this account (an organization analyzer's too, whatever account they are shown under). */
export async function storedFindingStates(accountId: string): Promise<StoredFindingState[]> {
  return db.finding.findMany({ where: { analyzer: { accountId } }, select: { analyzerArn: true, id: true, status: true, updatedAt: true, detailsFetchedAt: true, accountId: true } });
}

/** The accounts Warden knows: an organization analyzer's finding is shown under its resource's owner when it is one of them. */
export async function knownAccountIds(): Promise<Set<string>> {
  return new Set((await db.account.findMany({ select: { id: true } })).map((a) => a.id));
}

/** Re-decides which findings of these resources duplicate an organization analyzer's (pure rule in lib/sync/diff). */
async function updateDuplicates(tx: Prisma.TransactionClient, resources: string[]): Promise<void> {
  for (let i = 0; i < resources.length; i += writeChunk) {
    const rows = await tx.finding.findMany({
      where: { resource: { in: resources.slice(i, i + writeChunk) } },
      select: { key: true, resource: true, resourceOwnerAccount: true, findingType: true, duplicateOf: true, analyzer: { select: { type: true } } },
    });
    const changes = duplicateChanges(rows.map((r) => ({ ...r, analyzerType: r.analyzer.type })));
    for (const [key, duplicateOf] of changes) await tx.finding.update({ where: { key }, data: { duplicateOf } });
  }
}

/** Writer: one transaction; new findings in multi-row inserts, unchanged ones only move their lastSeenAt, in chunks. */
export async function writeAccessAnalyzer(ctx: SourceContext, read: AnalyzerRead, diff: FindingsDiff, details: Map<string, unknown>, accountOf: (f: AnalyzerRead['listed'][number]) => string) {
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
        // A changed finding listed without details loses the ones read before: they described the old state.
        const withDetails = fetched === undefined ? { details: Prisma.DbNull, detailsFetchedAt: null } : { details: fetched as object, detailsFetchedAt: ctx.now };
        const { details: _listedDetails, ...record } = f;
        return { key, ...record, accountId: accountOf(f), lastSeenAt: ctx.now, ...withDetails };
      });
      const created = rows.filter((row) => diff.created.has(row.key));
      await insertRows(tx, 'Finding', created);
      for (const { key, ...row } of rows.filter((r) => !diff.created.has(r.key))) await tx.finding.update({ where: { key }, data: row });
      await updateDuplicates(tx, [...new Set(diff.changed.map((f) => f.resource).filter((r) => r !== ''))]);
      const s = await createCurrentSnapshot(tx, {
          accountId: ctx.accountId,
          source: 'access-analyzer',
          runId: ctx.runId,
          takenAt: ctx.now,
          missingPermissions: read.log.missing,
          meta: { regionsRead: read.regionsRead, partErrors: read.log.errors, analyzers: read.analyzers.length, findings: read.listed.length },
        });
      await tx.findingCount.createMany({ data: countFindings(read.listed).map((c) => ({ snapshotId: s.id, ...c })) });
      return s;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
