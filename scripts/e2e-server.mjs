#!/usr/bin/env node
// The app as the end-to-end journeys see it: a fresh database in a temporary folder, demo mode on
// the built-in sandbox, the production build, loopback only.
//
// WARDEN_E2E_DATABASE=postgresql serves the same on PostgreSQL instead: a throwaway cluster of its
// own (scripts/lib/postgres-server.mjs) with PostgreSQL's migrations applied, stopped and deleted
// when this process ends — also on SIGTERM or SIGINT, which is how Playwright stops a web server
// (gracefulShutdown in playwright.config.ts). WARDEN_E2E_PG_URL_FILE, when set, receives the
// database's URL, for the journey that looks into the store (e2e/postgresql/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, log, run, serveEnv } from './lib/setup.mjs';
import { applyMigrations } from './lib/migrations.mjs';

const store = process.env.WARDEN_E2E_DATABASE ?? 'sqlite';
if (store !== 'sqlite' && store !== 'postgresql') throw new Error(`WARDEN_E2E_DATABASE must be sqlite (the default) or postgresql, not "${store}"`);

let databaseUrl;
if (store === 'postgresql') {
  const { startPostgres } = await import('./lib/postgres-server.mjs');
  const { applyPostgresMigrations } = await import('./lib/migrations-postgres.mjs');
  // startPostgres stops and deletes the cluster on 'exit'; a signal ends Node without that event
  // unless it is handled, so each one is turned into an exit (next start, in the same process
  // group, gets the signal too).
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.once(signal, () => process.exit(0));
  const server = await startPostgres({ database: 'warden_e2e' });
  databaseUrl = server.url;
  log(`e2e PostgreSQL: ${server.version}, cluster in ${server.dir}`);
  await applyPostgresMigrations({ databaseUrl, log });
  const urlFile = process.env.WARDEN_E2E_PG_URL_FILE;
  if (urlFile) {
    writeFileSync(urlFile, databaseUrl);
    process.once('exit', () => rmSync(urlFile, { force: true }));
  }
} else {
  const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
  databaseUrl = `file:${join(dir, 'warden.db')}`;
}
const env = serveEnv({
  DATABASE_URL: databaseUrl,
  WARDEN_MODE: 'demo',
  NODE_ENV: 'production',
});
process.env.DATABASE_URL = env.DATABASE_URL;
if (store === 'sqlite') applyMigrations({ log });
log(`e2e database: ${env.DATABASE_URL}`);
await run(bin('next'), ['start', '--port', process.env.PORT ?? '3000', '--hostname', '127.0.0.1'], { env });
