import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { StoredSnapshot } from '@/lib/sync/diff/snapshot';
import type { SourceName } from '@/lib/sync/types';

/** The newest stored snapshot of an account's source, with the content hash it was stored with. */
export async function newestSnapshot(accountId: string, source: SourceName): Promise<StoredSnapshot | null> {
  const s = await db.snapshot.findFirst({ where: { accountId, source }, orderBy: { takenAt: 'desc' }, select: { id: true, meta: true } });
  if (!s) return null;
  const meta = (s.meta ?? {}) as { contentSha256?: unknown; generatedAt?: unknown; confirmedAt?: unknown };
  // A report confirmed by a newer one of the same content is as old as that newer one.
  const asOf = meta.confirmedAt ?? meta.generatedAt;
  const generatedAt = typeof asOf === 'string' ? new Date(asOf) : null;
  return {
    id: s.id,
    contentSha256: typeof meta.contentSha256 === 'string' ? meta.contentSha256 : null,
    generatedAt: generatedAt && !Number.isNaN(generatedAt.getTime()) ? generatedAt : null,
  };
}

type SnapshotData = Omit<Prisma.SnapshotUncheckedCreateInput, 'current'> & { accountId: string; source: SourceName };

/** A new snapshot, the current one of its account and source from now on (in the writer's transaction). */
export async function createCurrentSnapshot(tx: Prisma.TransactionClient, data: SnapshotData): Promise<{ id: string }> {
  await tx.snapshot.updateMany({ where: { accountId: data.accountId, source: data.source, current: true }, data: { current: false } });
  return tx.snapshot.create({ data: { ...data, current: true }, select: { id: true } });
}
