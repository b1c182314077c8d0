// POST /api/auth/sign-in — sign in with a local account (username and password); sets the session
// cookie. 401 for a wrong username or password, 429 after too many failures.
import { z } from 'zod';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { signInWithPassword } from '@/lib/auth/local-sign-in';
import { clientIp, safeReturnPath, servedOverHttps, userAgent } from '@/lib/auth/request-meta';
import { signInSchema } from '@/lib/auth/schema';
import { deleteSession, readSessionToken, sessionSetCookie } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

const bodySchema = signInSchema.extend({ next: z.string().max(2000).optional() });

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(bodySchema, await readJson(request));
  const outcome = await signInWithPassword(input, { ip: clientIp(request.headers), userAgent: userAgent(request.headers) });
  if (!outcome.ok) {
    return Response.json(
      { error: outcome.message },
      { status: outcome.status, headers: outcome.retryAfterSeconds ? { 'Retry-After': String(outcome.retryAfterSeconds) } : {} },
    );
  }
  // A session this browser held before (someone else's, perhaps) ends: one browser, one session.
  const previous = readSessionToken(request.headers, servedOverHttps(request.headers, request.url));
  if (previous) await deleteSession(previous);
  const secure = servedOverHttps(request.headers, request.url);
  return Response.json(
    { ok: true, name: outcome.name, redirect: safeReturnPath(input.next) },
    { headers: { 'Set-Cookie': sessionSetCookie(outcome.session.token, outcome.session.expiresAt, secure), 'Cache-Control': 'no-store' } },
  );
});
