import 'server-only';
import { getFindingDetails, listAnalyzers, listFindings, type FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import { db } from '@/lib/db';
import { mapLimit, PartLog, readPart } from '@/lib/sync/collectors/partial';
import type { Collector } from '@/lib/sync/types';

// Access Analyzer: analyzers of every configured region and all their findings. Findings are
// current state, updated in place; details (GetFindingV2) are fetched only for findings that are
// new or whose status or update time changed since the last sync.

export const findingKey = (analyzerArn: string, id: string) => `${analyzerArn}/${id}`;

const writeChunk = 500;

export const collectAccessAnalyzer: Collector = async (ctx) => {
  const log = new PartLog();
  const missing = log.missing;
  const analyzersByRegion = await Promise.all(
    ctx.regions.map(async (region) => ({ region, read: await readPart(log, () => listAnalyzers(ctx.clients, region)) })),
  );
  log.failIfNothingRead(analyzersByRegion.some((r) => r.read.ok), `the analyzers of every configured region (${ctx.regions.join(', ')})`);
  const regionsRead = analyzersByRegion.filter((r) => r.read.ok).map((r) => r.region);
  const analyzers = analyzersByRegion.flatMap((r) => (r.read.ok ? r.read.value : []));

  // Read everything first; write only when every read succeeded, so nothing is half-updated.
  const findings: { summary: FindingSummaryRecord; details: unknown | undefined }[] = [];
  // Findings whose status and update time are what is stored: only their lastSeenAt moves.
  const unchangedKeys: string[] = [];
  for (const analyzer of analyzers) {
    const listed = await listFindings(ctx.clients, analyzer.region, analyzer.arn);
    const known = new Map(
      (
        await db.finding.findMany({
          where: { analyzerArn: analyzer.arn },
          select: { id: true, status: true, updatedAt: true, detailsFetchedAt: true },
        })
      ).map((f) => [f.id, f]),
    );
    const isUnchanged = (f: FindingSummaryRecord) => {
      const k = known.get(f.id);
      return Boolean(k?.detailsFetchedAt) && k?.status === f.status && k.updatedAt.getTime() === f.updatedAt.getTime();
    };
    const needDetails = listed.filter((f) => !isUnchanged(f));
    const fetched = new Map<string, unknown>();
    await mapLimit(needDetails, ctx.options.findingDetailConcurrency, async (f) => {
      fetched.set(f.id, await getFindingDetails(ctx.clients, analyzer.region, analyzer.arn, f.id));
    });
    for (const f of listed) {
      if (isUnchanged(f)) unchangedKeys.push(findingKey(f.analyzerArn, f.id));
      findings.push({ summary: f, details: fetched.get(f.id) });
    }
  }

  const counts = new Map<string, number>();
  for (const { summary } of findings) {
    const k = `${summary.findingType}\u0000${summary.status}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }

  const snapshot = await db.$transaction(
    async (tx) => {
      for (const a of analyzers) {
        const data = { accountId: ctx.accountId, region: a.region, name: a.name, type: a.type, status: a.status, createdAt: a.createdAt, lastSeenAt: ctx.now };
        await tx.analyzer.upsert({ where: { arn: a.arn }, create: { arn: a.arn, ...data }, update: data });
      }
      // Analyzers gone from a region that was read: keep their history, mark them.
      await tx.analyzer.updateMany({
        where: { accountId: ctx.accountId, region: { in: regionsRead }, arn: { notIn: analyzers.map((a) => a.arn) } },
        data: { status: 'NOT_FOUND' },
      });
      for (let i = 0; i < unchangedKeys.length; i += writeChunk) {
        await tx.finding.updateMany({ where: { key: { in: unchangedKeys.slice(i, i + writeChunk) } }, data: { lastSeenAt: ctx.now } });
      }
      const unchanged = new Set(unchangedKeys);
      const changed = findings.filter(({ summary: f }) => !unchanged.has(findingKey(f.analyzerArn, f.id)));
      for (let i = 0; i < changed.length; i += writeChunk) {
        for (const { summary: f, details } of changed.slice(i, i + writeChunk)) {
          const base = {
            id: f.id,
            analyzerArn: f.analyzerArn,
            accountId: ctx.accountId,
            region: f.region,
            findingType: f.findingType,
            resourceType: f.resourceType,
            resource: f.resource,
            resourceOwnerAccount: f.resourceOwnerAccount,
            status: f.status,
            createdAt: f.createdAt,
            updatedAt: f.updatedAt,
            analyzedAt: f.analyzedAt,
            error: f.error,
            lastSeenAt: ctx.now,
          };
          const withDetails = details === undefined ? {} : { details: details as object, detailsFetchedAt: ctx.now };
          await tx.finding.upsert({
            where: { key: findingKey(f.analyzerArn, f.id) },
            create: { key: findingKey(f.analyzerArn, f.id), ...base, ...withDetails },
            update: { ...base, ...withDetails },
          });
        }
      }
      const s = await tx.snapshot.create({
        data: {
          accountId: ctx.accountId,
          source: 'access-analyzer',
          runId: ctx.runId,
          takenAt: ctx.now,
          missingPermissions: missing,
          meta: { regionsRead, partErrors: log.errors, analyzers: analyzers.length, findings: findings.length },
        },
      });
      await tx.findingCount.createMany({
        data: [...counts].map(([k, count]) => {
          const [findingType = '', status = ''] = k.split('\u0000');
          return { snapshotId: s.id, findingType, status, count };
        }),
      });
      return s;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { records: findings.length, snapshotId: snapshot.id, missingPermissions: missing, partErrors: log.errors };
};
