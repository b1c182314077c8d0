import 'server-only';
import { currentTime } from '@/lib/clock';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { recordAnonymousAudit, recordAudit } from '@/lib/audit/queries';
import { isLoopbackHost, oidcConfigured } from '@/lib/auth/config';
import { claimValues, hasClaim, roleForGroups } from '@/lib/auth/role-map';
import { oidcNameCandidates } from '@/lib/auth/reserved-names';
import { createSession, deleteSessionsOf } from '@/lib/auth/sessions';
import { enabledAdminCount } from '@/lib/auth/users';
import type { RequestMeta } from '@/lib/auth/local-sign-in';
import type { Role } from '@/lib/auth/roles';

// Single sign-on through any OpenID Connect provider (IAM Identity Center, Okta, Entra ID, Google,
// Keycloak …) with openid-client: authorization code flow with PKCE, state and nonce; the ID token
// is verified (signature, issuer, audience, expiry, nonce) by the library. The role comes from the
// groups claim at every sign-in; someone whose groups map to no role is refused.

const loginLifetimeMs = 10 * 60_000;
export const oidcStateCookie = 'warden_oidc_state';

/**
 * Anyone may start a sign-in, and each start stores a row until it is used or expires: at most
 * this many may be pending at once (10 minutes each), beyond that starting one is refused (429).
 */
export const pendingOidcSignInCap = 500;

export class TooManyPendingSignInsError extends Error {
  override name = 'TooManyPendingSignInsError';
  constructor() {
    super(`Too many single sign-ons have been started and not finished (at most ${pendingOidcSignInCap} within 10 minutes): try again in a few minutes.`);
  }
}

const holder = globalThis as unknown as { wardenOidc?: Promise<client.Configuration> };

function settings() {
  const e = env();
  if (!oidcConfigured(e) || !e.WARDEN_OIDC_ISSUER || !e.WARDEN_OIDC_CLIENT_ID || !e.WARDEN_OIDC_CLIENT_SECRET) throw new Error('single sign-on is not configured (WARDEN_OIDC_ISSUER)');
  return {
    issuer: new URL(e.WARDEN_OIDC_ISSUER),
    clientId: e.WARDEN_OIDC_CLIENT_ID,
    clientSecret: e.WARDEN_OIDC_CLIENT_SECRET,
    redirectUrl: e.WARDEN_OIDC_REDIRECT_URL ?? `${e.WARDEN_PUBLIC_URL ?? ''}/api/auth/oidc/callback`,
    scopes: e.WARDEN_OIDC_SCOPES.split(/\s+/).filter((s) => s.length > 0).join(' '),
    groupsClaim: e.WARDEN_OIDC_GROUPS_CLAIM,
    roleMap: e.WARDEN_OIDC_ROLE_MAP,
    defaultRole: e.WARDEN_OIDC_DEFAULT_ROLE === 'none' ? null : ('viewer' as Role),
  };
}

/** The provider's metadata, discovered once (again after a failure, so an outage at start heals). */
function configuration(): Promise<client.Configuration> {
  const s = settings();
  // Plain http only for a provider on this machine (tests, development); anything else needs https.
  const insecure = s.issuer.protocol === 'http:' && isLoopbackHost(s.issuer.hostname);
  holder.wardenOidc ??= client
    .discovery(s.issuer, s.clientId, s.clientSecret, client.ClientSecretBasic(s.clientSecret), { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) })
    .catch((error: unknown) => {
      holder.wardenOidc = undefined;
      throw error;
    });
  return holder.wardenOidc;
}

/** Where to send the browser, and the state to bind to it in a cookie. */
export async function startOidcSignIn(returnTo: string, now = currentTime()): Promise<{ url: URL; state: string; maxAgeSeconds: number }> {
  const s = settings();
  const config = await configuration();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await db.oidcLogin.deleteMany({ where: { expiresAt: { lte: now } } });
  if ((await db.oidcLogin.count()) >= pendingOidcSignInCap) throw new TooManyPendingSignInsError();
  await db.oidcLogin.create({ data: { state, codeVerifier, nonce, returnTo, createdAt: now, expiresAt: new Date(now.getTime() + loginLifetimeMs) } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUrl,
    scope: s.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, maxAgeSeconds: loginLifetimeMs / 1000 };
}

export type OidcOutcome =
  | { ok: true; name: string; role: Role; returnTo: string; session: { token: string; expiresAt: Date } }
  | { ok: false; code: 'expired' | 'provider-error' | 'no-role' | 'disabled' | 'last-admin' | 'failed'; returnTo: string };

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

/** The first of the person's possible names (lib/auth/reserved-names.ts) that no other user has, or null. */
async function freeOidcName(claims: Record<string, unknown>, issuer: string, ownId: string | null): Promise<string | null> {
  for (const candidate of oidcNameCandidates(claims, issuer)) {
    const holder = await db.user.findFirst({ where: { OR: [{ name: candidate }, { username: candidate }], ...(ownId ? { NOT: { id: ownId } } : {}) }, select: { id: true } });
    if (!holder) return candidate;
  }
  return null;
}

/** The provider redirected back: check everything, map the role, sign in. */
export async function finishOidcSignIn(callbackUrl: URL, stateCookie: string | null, meta: RequestMeta, now = currentTime()): Promise<OidcOutcome> {
  const s = settings();
  const state = callbackUrl.searchParams.get('state');
  // `who`: a Warden user the provider vouched for, else what was attempted (recorded as anonymous).
  const fail = async (code: Exclude<OidcOutcome, { ok: true }>['code'], who: { user: string } | { attempted: string } | null, reason: string, returnTo = '/'): Promise<OidcOutcome> => {
    if (who && 'user' in who) await recordAudit(who.user, 'auth.sign-in-failed', who.user, { method: 'oidc', ip: meta.ip, reason });
    else await recordAnonymousAudit('auth.sign-in-failed', { method: 'oidc', ip: meta.ip, reason, ...(who ? { attempted: who.attempted } : {}) });
    return { ok: false, code, returnTo };
  };
  // The state must come back to the browser that started the sign-in (login CSRF), once.
  if (!state || !stateCookie || state !== stateCookie) return fail('expired', null, 'state does not match this browser');
  const login = await db.oidcLogin.findUnique({ where: { state } });
  if (!login) return fail('expired', null, 'unknown or already used state');
  await db.oidcLogin.delete({ where: { state } });
  if (login.expiresAt <= now) return fail('expired', null, 'sign-in took longer than 10 minutes', login.returnTo);
  const providerError = callbackUrl.searchParams.get('error');
  if (providerError) return fail('provider-error', null, `provider answered ${providerError.slice(0, 100)}`, login.returnTo);

  let claims: Record<string, unknown>;
  try {
    const config = await configuration();
    const current = new URL(s.redirectUrl);
    current.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: login.codeVerifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true });
    const idClaims = tokens.claims();
    if (!idClaims) return fail('failed', null, 'no ID token', login.returnTo);
    claims = { ...idClaims };
    // Many providers put groups only in the userinfo response.
    if (!hasClaim(claims, s.groupsClaim) && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    }
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'token exchange failed';
    console.error('[warden] single sign-on failed:', reason);
    return fail('failed', null, reason, login.returnTo);
  }

  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const groups = claimValues(claims, s.groupsClaim);
  const role = roleForGroups(groups, s.roleMap, s.defaultRole);
  const existing = await db.user.findUnique({ where: { issuer_subject: { issuer, subject } } });
  const name = await freeOidcName(claims, issuer, existing?.id ?? null);
  if (existing?.disabled) return fail('disabled', { user: existing.name }, 'account disabled in Warden', login.returnTo);
  if (role === null) {
    // Groups are the truth: someone who lost them loses their sessions too.
    if (existing) await deleteSessionsOf(existing.id);
    const noRole = `none of the groups in claim "${s.groupsClaim}" is mapped to a role (${groups.length} group${groups.length === 1 ? '' : 's'}: ${groups.slice(0, 10).join(', ')})`;
    return fail('no-role', existing ? { user: existing.name } : { attempted: name ?? `${subject}@${issuer}` }, noRole, login.returnTo);
  }
  if (name === null) return fail('failed', { attempted: `${subject}@${issuer}` }, 'every name this person could have is taken by another Warden user or reserved', login.returnTo);
  // The same guard as the Users screen: the groups may not take the last enabled admin's role away.
  if (existing && existing.role === 'admin' && role !== 'admin' && (await enabledAdminCount()) <= 1) {
    return fail('last-admin', { user: existing.name }, `groups now map to ${role}, but this is Warden's last enabled administrator: make someone else an admin first`, login.returnTo);
  }
  const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.trim() : null;
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data: { name, email, role, lastSignInAt: now } })
    : await db.user.create({ data: { source: 'oidc', issuer, subject, name, email, role, lastSignInAt: now } });
  if (existing && existing.role !== role) await deleteSessionsOf(user.id);
  const session = await createSession(user.id, meta, now);
  await recordAudit(user.name, 'auth.sign-in', user.name, { method: 'oidc', ip: meta.ip, role, groups: groups.slice(0, 50), ...(existing && existing.role !== role ? { roleChanged: { from: existing.role, to: role } } : {}) });
  return { ok: true, name: user.name, role, returnTo: login.returnTo, session };
}

// OpenID Connect Back-Channel Logout 1.0: when someone signs out at the provider, or the provider's
// admin ends their sessions (removed from the team, account locked), the provider POSTs a signed
// logout token here and every Warden session of that person ends at once — without waiting for
// the session's idle or absolute end.

const backchannelEvent = 'http://schemas.openid.net/event/backchannel-logout';
const jwksHolder = globalThis as unknown as { wardenOidcJwks?: { uri: string; keys: ReturnType<typeof createRemoteJWKSet> } };

export type BackchannelOutcome = { ok: true; name: string | null; endedSessions: number } | { ok: false; message: string };

export async function backchannelLogout(logoutToken: string): Promise<BackchannelOutcome> {
  const s = settings();
  const metadata = (await configuration()).serverMetadata();
  if (!metadata.jwks_uri) return { ok: false, message: 'the provider publishes no jwks_uri to verify logout tokens with' };
  if (jwksHolder.wardenOidcJwks?.uri !== metadata.jwks_uri) {
    jwksHolder.wardenOidcJwks = { uri: metadata.jwks_uri, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  }
  let claims: Record<string, unknown>;
  try {
    // Signature by the provider's published keys (asymmetric only), issuer, audience, and fresh.
    const { payload } = await jwtVerify(logoutToken, jwksHolder.wardenOidcJwks.keys, {
      issuer: metadata.issuer,
      audience: s.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      maxTokenAge: '10m',
      requiredClaims: ['iat', 'jti'],
    });
    claims = payload;
  } catch (error) {
    return { ok: false, message: `logout_token rejected: ${error instanceof Error ? error.message : 'invalid'}`.slice(0, 300) };
  }
  const events = claims.events;
  if (typeof events !== 'object' || events === null || typeof (events as Record<string, unknown>)[backchannelEvent] !== 'object') {
    return { ok: false, message: `logout_token rejected: its events claim lacks ${backchannelEvent}` };
  }
  if ('nonce' in claims) return { ok: false, message: 'logout_token rejected: a logout token must not carry a nonce' };
  const subject = text(claims.sub);
  if (!subject) return { ok: false, message: 'logout_token rejected: Warden ends sessions by subject; configure the provider to include sub' };

  const user = await db.user.findUnique({ where: { issuer_subject: { issuer: String(claims.iss), subject } } });
  const endedSessions = user ? await deleteSessionsOf(user.id) : 0;
  await recordAudit(user?.name ?? 'identity provider', 'auth.backchannel-logout', user?.name ?? subject, { method: 'oidc', endedSessions, ...(user ? {} : { unknownSubject: true }) });
  return { ok: true, name: user?.name ?? null, endedSessions };
}
