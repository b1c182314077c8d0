import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnv } from '@/lib/env';
import { demoExposureProblem, isLoopbackHost, signInRequired } from '@/lib/auth/config';

// AWS credentials are never looked for here: every case names its mode.
const parse = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'test', WARDEN_MODE: 'demo', ...vars });

test('demo mode without sign-in listens on loopback only unless told otherwise', () => {
  assert.equal(demoExposureProblem(parse({})), null);
  assert.equal(demoExposureProblem(parse({ WARDEN_HOST: '127.0.0.1' })), null);
  assert.equal(demoExposureProblem(parse({ WARDEN_HOST: '::1' })), null);
  assert.equal(demoExposureProblem(parse({ WARDEN_HOST: 'localhost' })), null);
  assert.match(demoExposureProblem(parse({ WARDEN_HOST: '0.0.0.0' })) ?? '', /only listens on loopback: WARDEN_HOST=0\.0\.0\.0/);
  assert.match(demoExposureProblem(parse({ WARDEN_HOST: '10.1.2.3' })) ?? '', /WARDEN_DEMO_ALLOW_REMOTE=true/);
  assert.equal(demoExposureProblem(parse({ WARDEN_HOST: '0.0.0.0', WARDEN_DEMO_ALLOW_REMOTE: 'true' })), null);
  assert.equal(demoExposureProblem(parse({ WARDEN_HOST: '0.0.0.0', WARDEN_AUTH: 'required' })), null);
  assert.equal(demoExposureProblem(parse({ WARDEN_MODE: 'aws', WARDEN_HOST: '0.0.0.0' })), null);
});

test('sign-in: off in demo mode unless WARDEN_AUTH=required, always on in AWS mode', () => {
  assert.equal(signInRequired(parse({})), false);
  assert.equal(signInRequired(parse({ WARDEN_AUTH: 'required' })), true);
  assert.equal(signInRequired(parse({ WARDEN_MODE: 'aws' })), true);
  assert.throws(() => parse({ WARDEN_AUTH: 'off' }), /WARDEN_AUTH/);
});

test('single sign-on settings are checked at start-up', () => {
  const oidc = { WARDEN_OIDC_ISSUER: 'https://idp.example.com', WARDEN_OIDC_CLIENT_ID: 'warden', WARDEN_OIDC_CLIENT_SECRET: 's3cret', WARDEN_PUBLIC_URL: 'https://warden.example.com/' };
  const e = parse({ ...oidc, WARDEN_OIDC_ROLE_MAP: '{"sec-admins":"admin","sec-team":"triager"}' });
  assert.deepEqual(e.WARDEN_OIDC_ROLE_MAP, { 'sec-admins': 'admin', 'sec-team': 'triager' });
  assert.equal(e.WARDEN_PUBLIC_URL, 'https://warden.example.com');
  assert.equal(e.WARDEN_OIDC_DEFAULT_ROLE, 'none');
  assert.throws(() => parse({ ...oidc, WARDEN_OIDC_ROLE_MAP: '{"sec":"owner"}' }), /roles are viewer, triager or admin/);
  assert.throws(() => parse({ ...oidc, WARDEN_OIDC_ROLE_MAP: 'sec=admin' }), /not JSON/);
  assert.throws(() => parse({ ...oidc, WARDEN_OIDC_CLIENT_SECRET: '' }), /WARDEN_OIDC_CLIENT_SECRET/);
  assert.throws(() => parse({ WARDEN_OIDC_ISSUER: 'https://idp.example.com', WARDEN_OIDC_CLIENT_ID: 'w', WARDEN_OIDC_CLIENT_SECRET: 's' }), /WARDEN_OIDC_REDIRECT_URL/);
  assert.throws(() => parse({ ...oidc, WARDEN_OIDC_SCOPES: 'profile email' }), /must include openid/);
  assert.throws(() => parse({ WARDEN_OIDC_ISSUER: 'ftp://idp' }), /WARDEN_OIDC_ISSUER must be an http\(s\) URL/);
});

test('loopback hosts', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['0.0.0.0', '::', '192.168.1.2', 'warden.example.com', '127.0.0.1.evil.example']) assert.equal(isLoopbackHost(h), false, h);
});
