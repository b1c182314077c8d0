// DELETE /api/admin/tokens/:id — revoke an API token: it stops working at once and stays listed.
import { currentActor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit/queries';
import { HttpError, handle } from '@/lib/http';
import { revokeApiToken } from '@/lib/auth/api-tokens';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const DELETE = handle(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  const actor = currentActor();
  const revoked = await revokeApiToken(id, actor);
  if (!revoked) throw new HttpError(404, `token ${id} is not known`);
  if (revoked.changed) await recordAudit(actor, 'token.revoke', revoked.record.name, { tokenId: id, prefix: revoked.record.prefix, role: revoked.record.role });
  return Response.json({ record: revoked.record });
});
