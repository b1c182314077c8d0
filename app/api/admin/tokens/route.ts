// GET /api/admin/tokens — every API token (never the token itself: only its first characters).
// POST /api/admin/tokens — create a token with a role and an expiry; the answer is the only time
// the token is shown.
import { currentActor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit/queries';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { createApiToken, listApiTokens, tokenRow } from '@/lib/auth/api-tokens';
import { createTokenSchema } from '@/lib/auth/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json({ tokens: await listApiTokens() }));

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(createTokenSchema, await readJson(request));
  const actor = currentActor();
  const { token, record } = await createApiToken({ ...input, createdBy: actor });
  await recordAudit(actor, 'token.create', record.name, { tokenId: record.id, role: record.role, prefix: record.prefix, expiresAt: record.expiresAt?.toISOString() ?? null });
  return Response.json({ token, record: tokenRow(record) }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
