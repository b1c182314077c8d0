import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GET } from '@/app/api/health/route';
import { healthSchema } from '@/lib/health/schema';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKind } from '@/scripts/lib/database-url.mjs';
import { applyMigrations, migrationStatus, readMigrations } from '@/scripts/lib/migrations.mjs';

/** The committed migrations of the database the tests run on: SQLite's and PostgreSQL's histories differ in length. */
function committedMigrations(): number {
  const url = process.env.DATABASE_URL ?? '';
  return readMigrations(join(process.cwd(), 'prisma', ...(databaseKind(url) === 'postgresql' ? ['postgresql', 'migrations'] : ['migrations']))).length;
}

test('GET /api/health on a migrated database: ok, reachable, up to date', async () => {
  const res = await GET(new Request('http://localhost/api/health'));
  assert.equal(res.status, 200);
  const body = healthSchema.parse(await res.json());
  assert.equal(body.status, 'ok');
  assert.equal(body.database.reachable, true);
  assert.equal(body.migrations.upToDate, true);
  assert.ok(committedMigrations() >= 1);
  assert.equal(body.migrations.applied, committedMigrations());
});

// On a SQLite file of its own, whichever database the other tests use.
test('the migration state health reports: an empty database has every migration pending until applied', async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'warden-health-')), 'empty.db')}`;
  const before = migrationStatus({ databaseUrl: url });
  assert.equal(before.upToDate, false);
  assert.equal(before.pending.length, readMigrations(join(process.cwd(), 'prisma', 'migrations')).length);
  const { applied } = applyMigrations({ databaseUrl: url });
  assert.deepEqual(applied, before.pending);
  const after = migrationStatus({ databaseUrl: url });
  assert.equal(after.upToDate, true);
  assert.deepEqual(after.pending, []);
});
