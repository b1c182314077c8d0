// Test set-up: import this module FIRST in a test file. It points DATABASE_URL at a fresh SQLite
// file in a temporary folder and applies the committed migrations, before anything opens the
// database (ES modules evaluate in import order, so lib/db.ts sees the test database).
import '@/lib/testing/test-clock';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '@/scripts/lib/migrations.mjs';

const dir = mkdtempSync(join(tmpdir(), 'warden-test-'));
process.env.DATABASE_URL = `file:${join(dir, 'warden.db')}`;
process.env.WARDEN_MODE ??= 'demo';
process.env.WARDEN_SYNC_SCHEDULE ??= 'off';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
applyMigrations({ databaseUrl: process.env.DATABASE_URL, migrationsDir: join(process.cwd(), 'prisma', 'migrations') });

export const testDataDir = dir;
