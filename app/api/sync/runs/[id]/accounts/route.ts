// GET /api/sync/runs/:id/accounts — a page of one run's accounts with all their sources, problems
// first, searchable by name or id (?page=, ?pageSize=, ?q=, ?problems=first|only, ?account=).
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { listSyncRunAccounts } from '@/lib/sync/queries';
import { syncRunAccountsQuerySchema, syncRunIdSchema, type SyncRunAccounts } from '@/lib/sync/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (request: Request, { params }: Context) => {
  const runId = parseOrThrow(syncRunIdSchema, (await params).id);
  const query = parseOrThrow(syncRunAccountsQuerySchema, searchParamsObject(request.url));
  const page = await listSyncRunAccounts(runId, query);
  if (!page) throw new HttpError(404, `no sync run has the id ${runId}`);
  return Response.json(page satisfies SyncRunAccounts);
});
