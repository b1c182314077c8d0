// POST /api/auth/oidc/backchannel-logout — OpenID Connect Back-Channel Logout: the provider sends a
// signed logout token (form field logout_token) and every Warden session of that person ends.
// 200 when accepted, 400 naming what is wrong with the token; never cached.
import { handle, HttpError } from '@/lib/http';
import { oidcConfigured } from '@/lib/auth/config';
import { backchannelLogout } from '@/lib/auth/oidc';

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store' };

export const POST = handle(async (request: Request) => {
  if (!oidcConfigured()) throw new HttpError(404, 'single sign-on is not configured');
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new HttpError(400, 'send logout_token as application/x-www-form-urlencoded');
  const text = await request.text();
  if (text.length > 20_000) throw new HttpError(413, 'request body is larger than 20 kB');
  const token = new URLSearchParams(text).get('logout_token');
  if (!token) throw new HttpError(400, 'logout_token: is required', 'logout_token');
  const outcome = await backchannelLogout(token);
  if (!outcome.ok) return Response.json({ error: 'invalid_request', error_description: outcome.message }, { status: 400, headers: noStore });
  return Response.json({ ok: true }, { headers: noStore });
});
