import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseEnv } from '@/lib/env';
import { Prisma } from '@/lib/generated/prisma/client';
import { applyPostgresMigrations } from '@/scripts/lib/migrations-postgres.mjs';
import { applyMigrations } from '@/scripts/lib/migrations.mjs';
import { startPostgres } from '@/scripts/lib/postgres-server.mjs';

// lib/db.ts picks the store from DATABASE_URL: file: is SQLite, postgresql:// and postgres:// are
// PostgreSQL, through the same model API; anything else stops start-up with the variable named.

let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'warden-db-test-'));
before(async () => {
  server = await startPostgres({ database: 'warden_db' });
  // The one client reads DATABASE_URL when lib/db.ts is first imported (in the tests below).
  process.env.DATABASE_URL = server.url;
  process.env.WARDEN_MODE ??= 'demo';
  await applyPostgresMigrations({ databaseUrl: server.url });
});
after(async () => {
  const { db } = await import('@/lib/db');
  await db.$disconnect();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const account = (id: string) => ({ id, name: `acct-${id}`, access: 'credentials', regions: ['us-east-1', 'eu-west-1'], enabledRegions: Prisma.DbNull });

test('a postgresql:// DATABASE_URL gives the one client on PostgreSQL, with the same model API', async () => {
  const { db } = await import('@/lib/db');
  const [version] = await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  assert.match(version?.server_version ?? '', /^\d+\.\d+/);
  await db.account.create({ data: { ...account('111111111111'), snapshots: { create: { source: 'account', meta: { users: 3 } } } } });
  const read = await db.account.findUniqueOrThrow({ where: { id: '111111111111' }, include: { snapshots: true } });
  assert.deepEqual(read.regions, ['us-east-1', 'eu-west-1']);
  assert.equal(read.enabledRegions, null);
  assert.ok(read.createdAt instanceof Date);
  assert.deepEqual(read.snapshots.map((s) => [s.source, s.meta, s.missingPermissions]), [['account', { users: 3 }, []]]);
  // An interactive transaction rolls back on PostgreSQL too.
  await assert.rejects(
    db.$transaction(async (tx) => {
      await tx.account.create({ data: account('222222222222') });
      throw new Error('abandon');
    }),
    /abandon/,
  );
  assert.equal(await db.account.count({ where: { id: '222222222222' } }), 0);
  // Unique violations surface as Prisma's P2002, as on SQLite.
  await assert.rejects(db.account.create({ data: account('111111111111') }), (error: unknown) => {
    assert.equal((error as { code?: unknown }).code, 'P2002');
    return true;
  });
});

test('postgres:// selects PostgreSQL too, and file: stays SQLite', async () => {
  const { createPrismaClient } = await import('@/lib/db');
  assert.ok(server);
  const pgClient = createPrismaClient(server.url.replace(/^postgresql:/, 'postgres:'));
  try {
    assert.equal(await pgClient.account.count({ where: { id: '111111111111' } }), 1);
  } finally {
    await pgClient.$disconnect();
  }
  const file = `file:${join(scratch, 'warden.db')}`;
  applyMigrations({ databaseUrl: file });
  const sqlite = createPrismaClient(file);
  try {
    const [version] = await sqlite.$queryRaw<{ v: string }[]>`SELECT sqlite_version() AS v`;
    assert.match(version?.v ?? '', /^3\./);
    assert.equal(await sqlite.account.count(), 0);
  } finally {
    await sqlite.$disconnect();
  }
});

test('a bad DATABASE_URL stops start-up naming the variable and the problem, never its password', async () => {
  const cases: [string, RegExp][] = [
    ['mysql://warden:hunter2@db/warden', /DATABASE_URL must be a file: URL \(SQLite\) or a postgresql:\/\/ URL \(PostgreSQL\), not a mysql: URL/],
    ['postgresql://warden:hunter2@db.example.com', /DATABASE_URL names no database/],
    ['postgresql://warden:hunter2@db.example.com:99999/warden', /DATABASE_URL is not a valid postgresql:\/\/ URL/],
    ['postgresql:warden:hunter2@db/warden', /DATABASE_URL must start with postgresql:\/\//],
    ['file:', /DATABASE_URL names no file/],
    ['', /DATABASE_URL is empty/],
  ];
  for (const [url, message] of cases) {
    assert.throws(
      () => parseEnv({ NODE_ENV: 'test', DATABASE_URL: url }),
      (error: Error) => {
        assert.match(error.message, message, url);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  }
  assert.equal(parseEnv({ NODE_ENV: 'test' }).DATABASE_URL, 'file:./data/warden.db', 'SQLite stays the default');
  assert.equal(parseEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://w:pw@db:5432/warden?sslmode=require' }).DATABASE_URL, 'postgres://w:pw@db:5432/warden?sslmode=require');
});

test('PostgreSQL sessions run in UTC whatever the server or the URL says, so the server’s clock writes UTC like Prisma', async () => {
  const { createPrismaClient, postgresSessionUrl } = await import('@/lib/db');
  assert.equal(
    postgresSessionUrl('postgresql://w:p%40ss@db:5432/warden?sslmode=require&options=-c%20statement_timeout%3D5000'),
    'postgresql://w:p%40ss@db:5432/warden?sslmode=require&options=-c+statement_timeout%3D5000+-c+TimeZone%3DUTC',
  );
  assert.ok(server);
  // A URL that asks for another zone (as a server set up in Auckland would default to) still gets UTC.
  const url = new URL(server.url);
  url.searchParams.set('options', '-c TimeZone=Pacific/Auckland -c statement_timeout=5000');
  const client = createPrismaClient(url.toString());
  try {
    const [settings] = await client.$queryRaw<{ zone: string; timeout: string }[]>`SELECT current_setting('TimeZone') AS zone, current_setting('statement_timeout') AS timeout`;
    assert.deepEqual(settings, { zone: 'UTC', timeout: '5s' });
    // A row raw SQL inserts takes the column's default, CURRENT_TIMESTAMP: read back, it is the
    // server's present instant (its epoch seconds, which no time zone changes; the server's clock,
    // as the test's own may be moved by faketime).
    await client.$executeRaw`INSERT INTO "AuditEvent" ("id", "actor", "action", "details") VALUES ('utc-probe', 'test', 'probe', '{}')`;
    const row = await client.auditEvent.findUniqueOrThrow({ where: { id: 'utc-probe' } });
    const [clock] = await client.$queryRaw<{ epoch: number }[]>`SELECT extract(epoch FROM now())::float8 AS epoch`;
    assert.ok(clock && Math.abs(row.at.getTime() / 1000 - clock.epoch) < 60, `stored ${row.at.toISOString()}, the server's now ${new Date((clock?.epoch ?? 0) * 1000).toISOString()}`);
  } finally {
    await client.$disconnect();
  }
});
