import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

// One sync per account at a time, across processes: a row per account with a lease. Each step is
// a single SQL statement, so two processes cannot both win; a crashed holder's lease runs out.

export const defaultLeaseMs = 10 * 60_000;

export async function acquireSyncLock(accountId: string, holder: string, now = currentTime(), leaseMs = defaultLeaseMs): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  try {
    await db.syncLock.create({ data: { accountId, holder, acquiredAt: now, expiresAt } });
    return true;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
  }
  const taken = await db.syncLock.updateMany({
    where: { accountId, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, acquiredAt: now, expiresAt },
  });
  return taken.count === 1;
}

export async function renewSyncLock(accountId: string, holder: string, now = currentTime(), leaseMs = defaultLeaseMs): Promise<boolean> {
  const r = await db.syncLock.updateMany({ where: { accountId, holder }, data: { expiresAt: new Date(now.getTime() + leaseMs) } });
  return r.count === 1;
}

export async function releaseSyncLock(accountId: string, holder: string): Promise<void> {
  await db.syncLock.deleteMany({ where: { accountId, holder } });
}
