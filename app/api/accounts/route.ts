// GET /api/accounts — the accounts Warden reads, with each source's freshness and last error, where
// the organization lists each one and why it is not read; ?account=, ?ou=, ?q=, ?reading=not-read
// narrow it, ?sort=problems puts accounts with problems first, ?page= & ?pageSize= page it.
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { listAccounts } from '@/lib/accounts/queries';
import { accountListQuerySchema, type AccountList } from '@/lib/accounts/schema';
import { resolveMode } from '@/lib/env';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(accountListQuerySchema, searchParamsObject(request.url));
  const { accounts, total } = await listAccounts(query);
  const body: AccountList = { accounts, mode: resolveMode(), total, page: query.page, pageSize: query.pageSize ?? null };
  return Response.json(body);
});
