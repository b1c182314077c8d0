// Test set-up: import this module FIRST in a test file. It points DATABASE_URL at a fresh SQLite
// file in a temporary folder and applies the committed migrations, before anything opens the
// database (ES modules evaluate in import order, so lib/db.ts sees the test database).
//
// WARDEN_TEST_DATABASE=postgresql runs the file on PostgreSQL instead: a throwaway server of its
// own (scripts/lib/postgres-server.mjs), stopped and deleted when the test process exits, with
// PostgreSQL's committed migrations applied.
import '@/lib/testing/test-clock';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '@/scripts/lib/migrations.mjs';
import { startPostgresSync } from '@/scripts/lib/postgres-server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'warden-test-'));
process.env.WARDEN_MODE ??= 'demo';
process.env.WARDEN_SYNC_SCHEDULE ??= 'off';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const store = process.env.WARDEN_TEST_DATABASE ?? 'sqlite';
if (store === 'postgresql') {
  const server = startPostgresSync({ database: 'warden_test' });
  process.env.DATABASE_URL = server.url;
  // Applied by `npm run db:migrate` in a child: this module cannot wait for the driver.
  const migrate = spawnSync(process.execPath, [join(process.cwd(), 'scripts', 'db-migrate.mjs')], { env: process.env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`applying the PostgreSQL migrations failed:\n${migrate.stderr}${migrate.stdout}`);
} else if (store === 'sqlite') {
  process.env.DATABASE_URL = `file:${join(dir, 'warden.db')}`;
  applyMigrations({ databaseUrl: process.env.DATABASE_URL, migrationsDir: join(process.cwd(), 'prisma', 'migrations') });
} else {
  throw new Error(`WARDEN_TEST_DATABASE must be sqlite (the default) or postgresql, not "${store}"`);
}

export const testDataDir = dir;
