// POST /api/auth/password — the signed-in person changes their own password (local accounts):
// { currentPassword, newPassword }. Their other sessions end; this one stays.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { changeOwnPassword } from '@/lib/auth/local-sign-in';
import { clientIp, userAgent } from '@/lib/auth/request-meta';
import { requestIdentity } from '@/lib/auth/request-context';
import { changePasswordSchema } from '@/lib/auth/schema';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(changePasswordSchema, await readJson(request));
  const { endedSessions } = await changeOwnPassword(requestIdentity(), input, { ip: clientIp(request.headers), userAgent: userAgent(request.headers) });
  return Response.json({ ok: true, endedSessions }, { headers: { 'Cache-Control': 'no-store' } });
});
