import 'server-only';
import { accountRecords, diffAccount } from '@/lib/sync/diff/account';
import { readAccount } from '@/lib/sync/read/account';
import { writeAccount } from '@/lib/sync/store/account';
import { newestSnapshot } from '@/lib/sync/store/snapshot';
import type { Collector } from '@/lib/sync/types';

// Account facts: read (lib/sync/read/account), compared with the newest snapshot (pure,
// lib/sync/diff/account), written as a new snapshot only when something changed.
export const collectAccount: Collector = async (ctx) => {
  const read = await readAccount(ctx.clients);
  const decision = diffAccount(read, await newestSnapshot(ctx.accountId, 'account'));
  const parts = { missingPermissions: read.log.missing, partErrors: read.log.errors };
  if (decision.kind === 'unchanged') return { records: 0, snapshotId: decision.snapshotId, ...parts, note: 'unchanged since the last read' };
  const snapshot = await writeAccount(ctx, read, decision.contentSha256);
  return { records: accountRecords(read), snapshotId: snapshot.id, ...parts };
};
