// GET /api/admin/accounts — every account Warden reads: where it is configured, paused or not, last sync.
// POST /api/admin/accounts — add an account reached with STS AssumeRole (name, roleArn, externalId, isOwn).
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { addAccount, listManagedAccounts } from '@/lib/accounts/admin';
import { createAccountSchema } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json(await listManagedAccounts()));

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(createAccountSchema, await readJson(request));
  return Response.json(await addAccount(input, currentActor()), { status: 201 });
});
