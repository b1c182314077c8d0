// PATCH /api/admin/accounts/:id — pause or resume any account; rename or change the role, ExternalId
// or ownership of one an admin added (configured ones are changed in their configuration).
// DELETE /api/admin/accounts/:id — remove an added account that was never synced (else pause it).
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { removeAccount, updateAccount } from '@/lib/accounts/admin';
import { accountIdSchema, updateAccountSchema } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const PATCH = handle(async (request: Request, { params }: Context) => {
  const id = parseOrThrow(accountIdSchema, (await params).id);
  const input = parseOrThrow(updateAccountSchema, await readJson(request));
  return Response.json(await updateAccount(id, input, currentActor()));
});

export const DELETE = handle(async (_request: Request, { params }: Context) => {
  const id = parseOrThrow(accountIdSchema, (await params).id);
  await removeAccount(id, currentActor());
  return new Response(null, { status: 204 });
});
