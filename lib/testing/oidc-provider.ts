// Test set-up: a minimal OpenID Connect provider on loopback (discovery, signing keys, token
// endpoint) and the WARDEN_OIDC_* variables pointing at it. Import right after
// lib/testing/sign-in-required, before anything reads the configuration. The ID token it issues
// carries whatever claims the test set last (`provideIdentity`), signed with its key. Await
// `oidcProviderReady` before the first sign-in.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { SignJWT } from 'jose';

export const oidcClientId = 'warden-test-client';
export const oidcRoleMap = { 'sec-admins': 'admin', 'sec-team': 'triager', everyone: 'viewer' } as const;

// Everything here is synchronous: the configuration is read (and kept) as soon as any module opens
// the database, so the issuer's address must be known before this module returns.
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicJwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
const port = Number(execFileSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"]).toString());
export const oidcIssuer = `http://127.0.0.1:${port}`;
const issuer = oidcIssuer;
let claims: Record<string, unknown> = {};
let nonce = '';

/** The person the next token exchange signs in, and the nonce of the sign-in it answers. */
export function provideIdentity(next: Record<string, unknown>, forNonce: string): void {
  claims = next;
  nonce = forNonce;
}

const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  if (req.url === '/.well-known/openid-configuration') {
    res.end(
      JSON.stringify({
        issuer,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  } else if (req.url === '/jwks') {
    res.end(JSON.stringify({ keys: [publicJwk] }));
  } else if (req.url === '/token' && req.method === 'POST') {
    req.resume();
    req.on('end', () => {
      // openid-client checks iat and exp against the system clock, as it would a real provider's.
      const now = Math.floor(Date.now() / 1000);
      void new SignJWT({ nonce, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(oidcClientId)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(keys.privateKey)
        .then((idToken) => res.end(JSON.stringify({ access_token: 'test-access-token', token_type: 'Bearer', expires_in: 300, id_token: idToken })));
    });
  } else {
    res.statusCode = 404;
    res.end('{}');
  }
});
export const oidcProviderReady: Promise<void> = new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve())).then(() => void server.unref());

Object.assign(process.env, {
  WARDEN_OIDC_ISSUER: oidcIssuer,
  WARDEN_OIDC_CLIENT_ID: oidcClientId,
  WARDEN_OIDC_CLIENT_SECRET: 'a-client-secret-of-the-test',
  WARDEN_OIDC_REDIRECT_URL: 'http://warden.test/api/auth/oidc/callback',
  WARDEN_OIDC_ROLE_MAP: JSON.stringify(oidcRoleMap),
});
