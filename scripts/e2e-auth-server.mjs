#!/usr/bin/env node
// The app as the sign-in journeys (e2e/auth/) see it: demo data on the built-in sandbox, but with
// sign-in enforced (WARDEN_AUTH=required), single sign-on against the OpenID provider the tests
// start on WARDEN_E2E_OIDC_PORT, one local administrator created with `user:create-admin` (the
// password comes from the test run, on standard input), and an IAM user whose name is markup.
// A fresh database in a temporary folder, the production build, loopback only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, log, root, run, serveEnv } from './lib/setup.mjs';
import { applyMigrations } from './lib/migrations.mjs';

const port = process.env.PORT ?? '3001';
const oidcPort = process.env.WARDEN_E2E_OIDC_PORT;
const password = process.env.WARDEN_E2E_ADMIN_PASSWORD;
if (!oidcPort || !password) throw new Error('WARDEN_E2E_OIDC_PORT and WARDEN_E2E_ADMIN_PASSWORD are set by playwright.config.ts');

const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-auth-'));
const env = serveEnv({
  DATABASE_URL: `file:${join(dir, 'warden.db')}`,
  WARDEN_MODE: 'demo',
  WARDEN_AUTH: 'required',
  NODE_ENV: 'production',
  WARDEN_DEMO_EXTRA_USERS: JSON.stringify(['<img src=x onerror=alert(1)>']),
  WARDEN_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  WARDEN_OIDC_CLIENT_ID: 'warden-e2e',
  WARDEN_OIDC_CLIENT_SECRET: 'e2e-client-secret-not-used-elsewhere',
  WARDEN_OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
  WARDEN_OIDC_SCOPES: 'openid profile email groups',
  WARDEN_OIDC_ROLE_MAP: JSON.stringify({ 'sec-admins': 'admin', 'sec-team': 'triager', auditors: 'viewer' }),
  WARDEN_OIDC_LABEL: 'Test SSO',
});
process.env.DATABASE_URL = env.DATABASE_URL;
applyMigrations({ log });
const created = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/create-admin.ts', '--username', 'e2e-admin'], {
  cwd: root,
  env,
  input: `${password}\n`,
  encoding: 'utf8',
});
if (created.status !== 0) throw new Error(`user:create-admin failed: ${created.stderr}`);
log(`e2e sign-in database: ${env.DATABASE_URL}`);
await run(bin('next'), ['start', '--port', port, '--hostname', '127.0.0.1'], { env });
