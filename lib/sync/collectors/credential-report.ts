import 'server-only';
import { readCredentialReport } from '@/lib/aws/iam';
import { parseCredentialReport } from '@/lib/credential-report/parse';
import { credentialReportDue, diffCredentialReport } from '@/lib/sync/diff/credential-report';
import { confirmCredentialReport, writeCredentialReport } from '@/lib/sync/store/credential-report';
import { newestSnapshot } from '@/lib/sync/store/snapshot';
import type { Collector } from '@/lib/sync/types';

// The credential report. AWS serves the same report for 4 hours: while the stored one is younger
// the report is not asked for at all, and a report whose content has not changed since the last
// stored one is not stored again.
export const collectCredentialReport: Collector = async (ctx) => {
  const previous = await newestSnapshot(ctx.accountId, 'credential-report');
  if (previous && !credentialReportDue(previous, ctx.now)) {
    return { records: 0, snapshotId: previous.id, missingPermissions: [], note: `AWS serves the report of ${previous.generatedAt?.toISOString()} until it is 4 hours old` };
  }
  const report = await readCredentialReport(ctx.clients, { maxWaitMs: ctx.options.credentialReportMaxWaitMs });
  const decision = diffCredentialReport(report, previous);
  if (decision.kind === 'unchanged') {
    await confirmCredentialReport(decision.snapshotId, report.generatedAt);
    return { records: 0, snapshotId: decision.snapshotId, missingPermissions: [], note: `unchanged report of ${report.generatedAt.toISOString()}` };
  }
  // Parse before writing: a malformed report fails the source and leaves the last good one.
  const entries = parseCredentialReport(report.csv);
  const snapshot = await writeCredentialReport(ctx, report, entries, decision.contentSha256);
  return { records: entries.length, snapshotId: snapshot.id, missingPermissions: [] };
};
