// POST /api/auth/setup — create the first administrator with the one-time setup token from the
// server log (only while Warden has no enabled administrator), and sign them in.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { clientIp, servedOverHttps, userAgent } from '@/lib/auth/request-meta';
import { setupSchema } from '@/lib/auth/schema';
import { createSession, sessionSetCookie } from '@/lib/auth/sessions';
import { createFirstAdmin } from '@/lib/auth/setup';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(setupSchema, await readJson(request));
  const ip = clientIp(request.headers);
  const outcome = await createFirstAdmin(input, { ip });
  if (!outcome.ok) return Response.json({ error: outcome.message }, { status: outcome.status });
  const session = await createSession(outcome.userId, { ip, userAgent: userAgent(request.headers) });
  const secure = servedOverHttps(request.headers, request.url);
  return Response.json({ ok: true, name: outcome.name }, { status: 201, headers: { 'Set-Cookie': sessionSetCookie(session.token, session.expiresAt, secure), 'Cache-Control': 'no-store' } });
});
