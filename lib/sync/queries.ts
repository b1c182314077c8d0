import 'server-only';
import { db } from '@/lib/db';

export async function countSyncRuns(): Promise<number> {
  return db.syncRun.count();
}

export async function listSyncRuns({ take }: { take: number }) {
  return db.syncRun.findMany({
    orderBy: { startedAt: 'desc' },
    take,
    include: { sources: { orderBy: [{ accountId: 'asc' }, { source: 'asc' }] } },
  });
}
