// POST /api/admin/accounts/check — reach an account as a sync would ({ accountId } of a known one,
// or { roleArn, externalId } before adding it) and make one read per source: each step's outcome.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { checkAccountAccess } from '@/lib/accounts/check-access';
import { checkAccountSchema } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(checkAccountSchema, await readJson(request));
  return Response.json(await checkAccountAccess(input));
});
