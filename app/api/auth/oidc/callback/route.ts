// GET /api/auth/oidc/callback — the OpenID provider sends the browser back here: exchange the code,
// verify the ID token, map the groups to a role (none: refused), sign in, and go where the person
// was going.
import { handle } from '@/lib/http';
import { oidcConfigured } from '@/lib/auth/config';
import { finishOidcSignIn, oidcStateCookie } from '@/lib/auth/oidc';
import { clientIp, servedOverHttps, userAgent } from '@/lib/auth/request-meta';
import { parseCookies, sessionSetCookie } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  if (!oidcConfigured()) return new Response(null, { status: 303, headers: { Location: '/sign-in?error=sso-off', 'Cache-Control': 'no-store' } });
  const secure = servedOverHttps(request.headers, request.url);
  const stateCookie = parseCookies(request.headers.get('cookie')).get(oidcStateCookie) ?? null;
  const outcome = await finishOidcSignIn(new URL(request.url), stateCookie, { ip: clientIp(request.headers), userAgent: userAgent(request.headers) });
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', `${oidcStateCookie}=; Path=/api/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
  if (outcome.ok) {
    headers.append('Set-Cookie', sessionSetCookie(outcome.session.token, outcome.session.expiresAt, secure));
    headers.set('Location', outcome.returnTo);
  } else {
    headers.set('Location', `/sign-in?error=${outcome.code}&next=${encodeURIComponent(outcome.returnTo)}`);
  }
  return new Response(null, { status: 303, headers });
});
