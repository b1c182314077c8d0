import 'server-only';
import type { CredentialReportText } from '@/lib/aws/iam';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import { db } from '@/lib/db';
import { insertRows } from '@/lib/bulk-insert';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { SourceContext } from '@/lib/sync/types';

/** Writer of a credential report snapshot: one transaction, the rows in multi-row inserts. */
export async function writeCredentialReport(ctx: SourceContext, report: CredentialReportText, entries: CredentialEntry[], contentSha256: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const s = await createCurrentSnapshot(tx, {
        accountId: ctx.accountId,
        source: 'credential-report',
        runId: ctx.runId,
        takenAt: ctx.now,
        meta: { generatedAt: report.generatedAt.toISOString(), contentSha256, users: entries.length },
      });
    await insertRows(tx, 'CredentialReportEntry', entries.map((e) => ({ ...e, snapshotId: s.id })));
    return s;
  });
}

/**
 * AWS generated a new report with the same content as the stored one: the stored snapshot is the
 * report as of that newer time too (confirmedAt), without storing its rows again.
 */
export async function confirmCredentialReport(snapshotId: string, generatedAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const s = await tx.snapshot.findUniqueOrThrow({ where: { id: snapshotId }, select: { meta: true } });
    const meta = (s.meta ?? {}) as Record<string, unknown>;
    const confirmed = typeof meta.confirmedAt === 'string' ? new Date(meta.confirmedAt) : null;
    if (confirmed && confirmed >= generatedAt) return;
    await tx.snapshot.update({ where: { id: snapshotId }, data: { meta: { ...meta, confirmedAt: generatedAt.toISOString() } } });
  });
}
