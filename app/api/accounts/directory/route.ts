// GET /api/accounts/directory — the account picker's search on the server: the first matches of
// ?q= (name, id or OU path; by OU, then name), how many match and how many accounts there are, and
// the ?selected= account's own entry (?take=, at most 100).
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { searchAccountEntries } from '@/lib/accounts/queries';
import { accountDirectoryQuerySchema, type AccountDirectory } from '@/lib/accounts/schema';
import { resolveMode } from '@/lib/env';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(accountDirectoryQuerySchema, searchParamsObject(request.url));
  const body: AccountDirectory = { ...(await searchAccountEntries(query)), mode: resolveMode() };
  return Response.json(body);
});
