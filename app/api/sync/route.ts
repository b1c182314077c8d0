// GET /api/sync — recent sync runs, each with what its sources add up to (?take=, ?account=).
// POST /api/sync — start a sync now (or report the one already running), recorded in the audit log.
import { currentActor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit/queries';
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { listSyncRuns } from '@/lib/sync/queries';
import { syncListQuerySchema, type SyncRunList, type SyncStarted } from '@/lib/sync/schema';
import { isSyncRunning, triggerSync } from '@/lib/sync/trigger';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const { take, account } = parseOrThrow(syncListQuerySchema, searchParamsObject(request.url));
  const body: SyncRunList = { runs: await listSyncRuns({ take, accountId: account }), running: await isSyncRunning() };
  return Response.json(body);
});

export const POST = handle(async () => {
  const actor = currentActor();
  const started: SyncStarted = await triggerSync('manual', actor);
  await recordAudit(actor, 'sync.trigger', started.runId, { alreadyRunning: started.alreadyRunning });
  return Response.json(started, { status: 202 });
});
