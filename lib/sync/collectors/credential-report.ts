import 'server-only';
import { createHash } from 'node:crypto';
import { readCredentialReport } from '@/lib/aws/iam';
import { parseCredentialReport } from '@/lib/credential-report/parse';
import { db } from '@/lib/db';
import type { Collector } from '@/lib/sync/types';

// The credential report. AWS serves the same report for 4 hours; a report whose content has not
// changed since the last stored one is not stored again.
export const collectCredentialReport: Collector = async (ctx) => {
  const report = await readCredentialReport(ctx.clients, { maxWaitMs: ctx.options.credentialReportMaxWaitMs });
  const contentSha256 = createHash('sha256').update(report.csv).digest('hex');
  const previous = await db.snapshot.findFirst({
    where: { accountId: ctx.accountId, source: 'credential-report' },
    orderBy: { takenAt: 'desc' },
    select: { id: true, meta: true },
  });
  const previousHash = (previous?.meta as { contentSha256?: string } | null)?.contentSha256;
  if (previous && previousHash === contentSha256) {
    return { records: 0, snapshotId: previous.id, missingPermissions: [], note: `unchanged report of ${report.generatedAt.toISOString()}` };
  }
  // Parse before writing: a malformed report fails the source and leaves the last good one.
  const entries = parseCredentialReport(report.csv);
  const snapshot = await db.$transaction(async (tx) => {
    const s = await tx.snapshot.create({
      data: {
        accountId: ctx.accountId,
        source: 'credential-report',
        runId: ctx.runId,
        takenAt: ctx.now,
        meta: { generatedAt: report.generatedAt.toISOString(), contentSha256, users: entries.length },
      },
    });
    await tx.credentialReportEntry.createMany({ data: entries.map((e) => ({ ...e, snapshotId: s.id })) });
    return s;
  });
  return { records: entries.length, snapshotId: snapshot.id, missingPermissions: [] };
};
