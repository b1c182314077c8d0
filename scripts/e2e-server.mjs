#!/usr/bin/env node
// The app as the end-to-end journeys see it: a fresh database in a temporary folder, demo mode on
// the built-in sandbox, the production build, loopback only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, log, run, serveEnv } from './lib/setup.mjs';
import { applyMigrations } from './lib/migrations.mjs';

const dir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
const env = serveEnv({
  DATABASE_URL: `file:${join(dir, 'warden.db')}`,
  WARDEN_MODE: 'demo',
  NODE_ENV: 'production',
});
process.env.DATABASE_URL = env.DATABASE_URL;
applyMigrations({ log });
log(`e2e database: ${env.DATABASE_URL}`);
await run(bin('next'), ['start', '--port', process.env.PORT ?? '3000', '--hostname', '127.0.0.1'], { env });
