// POST /api/admin/accounts/check — reach an account as a sync would ({ accountId } of a known one,
// or { roleArn, externalId } before adding it) and make one read per source: each step's outcome.
// Recorded in the audit log and limited per caller (lib/accounts/check-limit.ts).
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { currentActor } from '@/lib/actor';
import { checkAccountAccess } from '@/lib/accounts/check-access';
import { admitAccountCheck } from '@/lib/accounts/check-limit';
import { checkAccountSchema } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(checkAccountSchema, await readJson(request));
  await admitAccountCheck(input, currentActor());
  return Response.json(await checkAccountAccess(input));
});
