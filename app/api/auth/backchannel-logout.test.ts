import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

// OpenID Connect Back-Channel Logout against a provider on loopback that publishes its discovery
// document and signing keys: a logout token it signed ends every Warden session of that person; a
// token that is forged, meant for another client or issuer, stale, without the logout event, with
// a nonce, or unsigned ends nothing.

const clientId = 'warden-backchannel-test';
const event = { 'http://schemas.openid.net/event/backchannel-logout': {} };
let server: Server;
let issuer: string;
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let post: (body: string, type?: string) => Promise<Response>;

before(async () => {
  keys = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    WARDEN_OIDC_ISSUER: issuer,
    WARDEN_OIDC_CLIENT_ID: clientId,
    WARDEN_OIDC_CLIENT_SECRET: 'a-client-secret-of-the-test',
    WARDEN_OIDC_REDIRECT_URL: 'http://warden.test/api/auth/oidc/callback',
  });
  const { POST } = await import('@/app/api/auth/oidc/backchannel-logout/route');
  post = (body, type = 'application/x-www-form-urlencoded') => POST(new Request('http://warden.test/api/auth/oidc/backchannel-logout', { method: 'POST', headers: { 'content-type': type }, body }));
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Claims = Record<string, unknown>;

async function logoutToken(claims: Claims = {}, opts: { key?: CryptoKey; iat?: number; kid?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ events: event, sub: 'sub-nora', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1', typ: 'logout+jwt' })
    .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
    .setAudience(typeof claims.aud === 'string' ? claims.aud : clientId)
    .setIssuedAt(opts.iat ?? Math.floor(Date.now() / 1000))
    .setJti(crypto.randomUUID());
  return jwt.sign(opts.key ?? keys.privateKey);
}

const form = (token: string) => new URLSearchParams({ logout_token: token }).toString();

async function personWithSessions(subject: string, count: number) {
  const { db } = await import('@/lib/db');
  const { createSession, findSession } = await import('@/lib/auth/sessions');
  const user = await db.user.create({ data: { source: 'oidc', issuer, subject, name: `${subject}@example.test`, role: 'triager' } });
  const tokens = await Promise.all(Array.from({ length: count }, () => createSession(user.id, { ip: '127.0.0.1', userAgent: 'test' })));
  const alive = async () => (await Promise.all(tokens.map((t) => findSession(t.token)))).filter(Boolean).length;
  return { user, alive };
}

const descriptionOf = async (res: Response) => ((await res.json()) as { error_description?: string; error?: string });

describe('back-channel logout', () => {
  test('a logout token signed by the provider ends every session of that person, and is recorded', async () => {
    const { db } = await import('@/lib/db');
    const nora = await personWithSessions('sub-nora', 2);
    const other = await personWithSessions('sub-otto', 1);
    assert.equal(await nora.alive(), 2);
    const res = await post(form(await logoutToken()));
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(await nora.alive(), 0);
    assert.equal(await other.alive(), 1, 'nobody else is signed out');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'auth.backchannel-logout', target: nora.user.name } });
    assert.deepEqual(audit.details, { method: 'oidc', endedSessions: 2 });
  });

  test('forged, misdirected, stale or malformed tokens end nothing and say why', async () => {
    const victim = await personWithSessions('sub-vic', 1);
    const forger = await generateKeyPair('RS256');
    const refused: [string, string, RegExp][] = [
      ['another key', await logoutToken({ sub: 'sub-vic' }, { key: forger.privateKey }), /signature verification failed/],
      ['another client', await logoutToken({ sub: 'sub-vic', aud: 'someone-else' }), /"aud"/],
      ['another issuer', await logoutToken({ sub: 'sub-vic', iss: 'https://evil.example' }), /"iss"/],
      ['stale', await logoutToken({ sub: 'sub-vic' }, { iat: Math.floor(Date.now() / 1000) - 3600 }), /"iat"|too old|timestamp/],
      ['no logout event', await logoutToken({ sub: 'sub-vic', events: { 'urn:other': {} } }), /events claim lacks/],
      ['a nonce', await logoutToken({ sub: 'sub-vic', nonce: 'n-0S6_WzA2Mj' }), /must not carry a nonce/],
      ['no subject', await logoutToken({ sub: undefined, sid: 'session-1' }), /include sub/],
      ['unsigned', `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer, aud: clientId, sub: 'sub-vic', events: event, iat: Math.floor(Date.now() / 1000), jti: 'x' })).toString('base64url')}.`, /rejected/],
    ];
    for (const [what, token, reason] of refused) {
      const res = await post(form(token));
      assert.equal(res.status, 400, what);
      const body = await descriptionOf(res);
      assert.equal(body.error, 'invalid_request', what);
      assert.match(body.error_description ?? '', reason, what);
    }
    assert.equal(await victim.alive(), 1, 'no refused token ended a session');
  });

  test('bad requests name the problem; an unknown person is accepted and recorded', async () => {
    const json = await post(JSON.stringify({ logout_token: 'x' }), 'application/json');
    assert.equal(json.status, 400);
    assert.match((await descriptionOf(json)).error ?? '', /application\/x-www-form-urlencoded/);
    const empty = await post('');
    assert.equal(empty.status, 400);
    assert.match((await descriptionOf(empty)).error ?? '', /^logout_token: is required/);
    const unknown = await post(form(await logoutToken({ sub: 'sub-nobody' })));
    assert.equal(unknown.status, 200);
    const { db } = await import('@/lib/db');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'auth.backchannel-logout', target: 'sub-nobody' } });
    assert.equal((audit.details as { unknownSubject?: boolean }).unknownSubject, true);
  });
});
