// GET /api/accounts — the accounts Warden reads, with each source's freshness and last error.
import { handle } from '@/lib/http';
import { listAccounts } from '@/lib/accounts/queries';
import type { AccountList } from '@/lib/accounts/schema';
import { resolveMode } from '@/lib/env';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const body: AccountList = { accounts: await listAccounts(), mode: resolveMode() };
  return Response.json(body);
});
