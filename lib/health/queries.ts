import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { db } from '@/lib/db';
import { env, resolveMode } from '@/lib/env';
import { databaseKind } from '@/scripts/lib/database-url.mjs';
import { migrationStatus } from '@/scripts/lib/migrations.mjs';
import { postgresMigrationStatus } from '@/scripts/lib/migrations-postgres.mjs';
import type { Health } from '@/lib/health/schema';

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function checkHealth(): Promise<Health> {
  let database: Health['database'];
  try {
    await db.$queryRaw`SELECT 1`;
    database = { reachable: true, error: null };
  } catch (error) {
    database = { reachable: false, error: error instanceof Error ? error.message.split('\n')[0] ?? 'unreachable' : 'unreachable' };
  }
  let migrations: Health['migrations'];
  try {
    const url = env().DATABASE_URL;
    const s =
      databaseKind(url) === 'postgresql'
        ? await postgresMigrationStatus({ databaseUrl: url, migrationsDir: join(process.cwd(), 'prisma', 'postgresql', 'migrations') })
        : migrationStatus({ databaseUrl: url, migrationsDir: join(process.cwd(), 'prisma', 'migrations'), root: process.cwd() });
    migrations = {
      upToDate: s.upToDate,
      applied: s.applied.length,
      pending: s.pending,
      failed: s.failed.map((f) => f.name),
      checksumMismatch: s.checksumMismatch,
      error: null,
    };
  } catch (error) {
    migrations = { upToDate: false, applied: 0, pending: [], failed: [], checksumMismatch: [], error: error instanceof Error ? error.message : String(error) };
  }
  const ok = database.reachable && migrations.upToDate;
  return { status: ok ? 'ok' : 'degraded', version: appVersion(), mode: resolveMode(), database, migrations };
}
