// GET /api/auth/oidc/start — begin single sign-on: remember state, nonce and PKCE verifier, bind
// the state to this browser in a short-lived cookie, and redirect to the OpenID provider (429 when
// too many sign-ins are pending).
import { handle } from '@/lib/http';
import { oidcConfigured, signInRequired } from '@/lib/auth/config';
import { oidcStateCookie, startOidcSignIn, TooManyPendingSignInsError } from '@/lib/auth/oidc';
import { safeReturnPath, servedOverHttps } from '@/lib/auth/request-meta';

export const dynamic = 'force-dynamic';

const redirect = (location: string | URL, cookie?: string) =>
  new Response(null, { status: 303, headers: { Location: String(location), 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) } });

export const GET = handle(async (request: Request) => {
  const url = new URL(request.url);
  const next = safeReturnPath(url.searchParams.get('next'));
  if (!signInRequired()) return redirect(next);
  if (!oidcConfigured()) return redirect(`/sign-in?error=sso-off`);
  try {
    const { url: target, state, maxAgeSeconds } = await startOidcSignIn(next);
    const secure = servedOverHttps(request.headers, request.url);
    return redirect(target, `${oidcStateCookie}=${state}; Path=/api/auth/oidc; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
  } catch (error) {
    if (error instanceof TooManyPendingSignInsError) return Response.json({ error: error.message }, { status: 429, headers: { 'Retry-After': '600', 'Cache-Control': 'no-store' } });
    console.error('[warden] the OpenID provider could not be reached:', error instanceof Error ? error.message : error);
    return redirect(`/sign-in?error=unreachable&next=${encodeURIComponent(next)}`);
  }
});
