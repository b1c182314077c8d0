// POST /api/auth/sign-out — end this browser's session and clear its cookie.
import { handle } from '@/lib/http';
import { recordAudit } from '@/lib/audit/queries';
import { clientIp, servedOverHttps } from '@/lib/auth/request-meta';
import { clearSessionCookies, deleteSession, findSession, readSessionToken } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const token = readSessionToken(request.headers, servedOverHttps(request.headers, request.url));
  if (token) {
    const session = await findSession(token);
    await deleteSession(token);
    if (session) await recordAudit(session.name, 'auth.sign-out', session.name, { ip: clientIp(request.headers) });
  }
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const cookie of clearSessionCookies(servedOverHttps(request.headers, request.url))) headers.append('Set-Cookie', cookie);
  return Response.json({ ok: true }, { headers });
});
