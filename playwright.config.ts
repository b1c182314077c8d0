import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// One port for the whole run, chosen here once and handed to workers through the environment.
function freePort(): string {
  return execFileSync(process.execPath, ['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"], {
    encoding: 'utf8',
  });
}
process.env.WARDEN_E2E_PORT ??= freePort();
const port = process.env.WARDEN_E2E_PORT;
// The sign-in journeys (e2e/auth/): a second app with sign-in enforced, the OpenID provider the
// tests start, and the local administrator's password, fresh for each run.
process.env.WARDEN_E2E_AUTH_PORT ??= freePort();
process.env.WARDEN_E2E_OIDC_PORT ??= freePort();
process.env.WARDEN_E2E_ADMIN_PASSWORD ??= randomBytes(18).toString('base64url');
const authPort = process.env.WARDEN_E2E_AUTH_PORT;
// The organization journey (e2e/organization/): a demo of 1,000 generated member accounts in OUs.
process.env.WARDEN_E2E_ORG_PORT ??= freePort();
const orgPort = process.env.WARDEN_E2E_ORG_PORT;
// The PostgreSQL journeys (project postgresql): journeys of the chromium project again, against a
// server whose store is a throwaway PostgreSQL of its own; it writes the database's URL to a file
// for e2e/postgresql/, which looks into the store.
process.env.WARDEN_E2E_PG_PORT ??= freePort();
const pgPort = process.env.WARDEN_E2E_PG_PORT;
const pgUrlFile = (process.env.WARDEN_E2E_PG_URL_FILE ??= join(tmpdir(), `warden-e2e-postgresql-${pgPort}.url`));

// The browser `npm test` found or installed (scripts/lib/provision.mjs) arrives as CHROMIUM_PATH;
// run directly, Debian's Chromium, else Playwright's own.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(chromium) ? chromium : undefined;
const launchOptions = {
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: ['auth/**', 'organization/**', 'postgresql/**', 'instances/**'],
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      name: 'sign-in',
      testDir: './e2e/auth',
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${authPort}` },
    },
    {
      // The journeys that write most of the store — triage with its audit trail, a review to its
      // sign-off, settings — and the health check, on PostgreSQL; then a look into the store that
      // they wrote there (e2e/postgresql/, after findings and health, before review by name).
      name: 'postgresql',
      testMatch: [/\/e2e\/(findings|health|review|settings)\.spec\.ts$/, /\/e2e\/postgresql\/[^/]+\.spec\.ts$/],
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${pgPort}` },
    },
    {
      // Two Warden servers of their own on one PostgreSQL and a sandbox organization (the spec
      // starts them all, kills one and starts it again); no browser page.
      name: 'instances',
      testDir: './e2e/instances',
      timeout: 600_000,
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      // Last: its sync keeps the machine busy for minutes.
      name: 'organization',
      testDir: './e2e/organization',
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${orgPort}` },
    },
  ],
  webServer: [
    {
      command: 'node scripts/e2e-server.mjs',
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { PORT: port },
    },
    {
      command: 'node scripts/e2e-auth-server.mjs',
      url: `http://127.0.0.1:${authPort}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { PORT: authPort },
    },
    {
      command: 'node scripts/e2e-server.mjs',
      url: `http://127.0.0.1:${orgPort}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      // No sync at start-up: the journey starts it, so that it does not run beside the others.
      env: { PORT: orgPort, WARDEN_DEMO_ORGANIZATION_ACCOUNTS: '1000', WARDEN_SYNC_ON_START: 'false' },
    },
    {
      command: 'node scripts/e2e-server.mjs',
      url: `http://127.0.0.1:${pgPort}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { PORT: pgPort, WARDEN_E2E_DATABASE: 'postgresql', WARDEN_E2E_PG_URL_FILE: pgUrlFile },
      // A signal, not SIGKILL: the server stops and deletes its PostgreSQL cluster on the way out.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    },
  ],
});
