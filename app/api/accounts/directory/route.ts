// GET /api/accounts/directory — every account, light (name, OU path, why it is not read), with the
// OU tree and its counts: the account picker's list.
import { handle } from '@/lib/http';
import { listAccountEntries, ouListOf } from '@/lib/accounts/queries';
import type { AccountDirectory } from '@/lib/accounts/schema';
import { resolveMode } from '@/lib/env';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const accounts = await listAccountEntries();
  const body: AccountDirectory = { accounts, ...ouListOf(accounts), mode: resolveMode() };
  return Response.json(body);
});
