import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { POSTGRES_MIGRATIONS_DIR, applyPostgresMigrations, postgresMigrationStatus } from './migrations-postgres.mjs';
import { readMigrations } from './migrations.mjs';
import { startPostgres } from './postgres-server.mjs';

// The engine-free PostgreSQL migration runner, against a real PostgreSQL.

/** @type {Awaited<ReturnType<typeof startPostgres>>} */
let server;
let scratch = '';
let databases = 0;
before(async () => {
  server = await startPostgres({ database: 'warden_migrations' });
  scratch = mkdtempSync(join(tmpdir(), 'warden-pg-migrations-'));
});
after(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const newDatabase = () => server.createDatabase(`m${++databases}`);

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A migrations folder of these scripts, named 1_a, 2_b, … */
function migrationsDir(scripts) {
  const dir = mkdtempSync(join(scratch, 'migrations-'));
  scripts.forEach((script, i) => {
    mkdirSync(join(dir, `${i + 1}_m`));
    writeFileSync(join(dir, `${i + 1}_m`, 'migration.sql'), script);
  });
  return dir;
}

const committed = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);

test('the committed migrations apply to an empty database and are recorded as Prisma records them', async () => {
  const url = await newDatabase();
  const first = await applyPostgresMigrations({ databaseUrl: url });
  assert.deepEqual(first.applied, committed);
  assert.ok(committed.length > 0);
  const rows = await query(url, 'SELECT migration_name, checksum, finished_at, started_at, applied_steps_count, logs, rolled_back_at FROM _prisma_migrations ORDER BY started_at');
  assert.deepEqual(rows.map((r) => r.migration_name), committed);
  for (const row of rows) {
    const script = readFileSync(join(POSTGRES_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
    assert.equal(row.checksum, createHash('sha256').update(script).digest('hex'));
    assert.ok(row.finished_at instanceof Date && row.finished_at >= row.started_at);
    assert.equal(row.applied_steps_count, 1);
    assert.equal(row.logs, null);
  }
  // The table is Prisma's own, column for column.
  const columns = await query(
    url,
    `SELECT column_name, data_type, character_maximum_length AS len, is_nullable FROM information_schema.columns
      WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
  assert.deepEqual(
    columns.map((c) => `${c.column_name} ${c.data_type}${c.len ? `(${c.len})` : ''}${c.is_nullable === 'NO' ? ' not null' : ''}`),
    [
      'id character varying(36) not null',
      'checksum character varying(64) not null',
      'finished_at timestamp with time zone',
      'migration_name character varying(255) not null',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone not null',
      'applied_steps_count integer not null',
    ],
  );
  assert.ok((await query(url, "SELECT to_regclass('\"Account\"') AS t"))[0].t, 'the schema is there');
  const again = await applyPostgresMigrations({ databaseUrl: url });
  assert.deepEqual(again, { database: url, applied: [], alreadyApplied: committed });
  const status = await postgresMigrationStatus({ databaseUrl: url });
  assert.equal(status.upToDate, true);
  assert.deepEqual(status.applied, committed);
});

test('instances starting together apply each migration once', async () => {
  const url = await newDatabase();
  const runs = await Promise.all([1, 2, 3].map(() => applyPostgresMigrations({ databaseUrl: url })));
  assert.deepEqual(runs.flatMap((r) => r.applied).sort(), [...committed].sort());
  assert.equal((await query(url, 'SELECT count(*)::int AS n FROM _prisma_migrations'))[0].n, committed.length);
});

test('a failing migration is rolled back, recorded as failed, and blocks further runs', async () => {
  const url = await newDatabase();
  const dir = migrationsDir(['CREATE TABLE a (id int);', 'CREATE TABLE b (id int);\nSELECT 1 / 0;', 'CREATE TABLE c (id int);']);
  await assert.rejects(applyPostgresMigrations({ databaseUrl: url, migrationsDir: dir }), /Migration 2_m failed and was rolled back: division by zero/);
  const tables = (await query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map((r) => r.table_name);
  assert.deepEqual(tables, ['_prisma_migrations', 'a'], 'b was rolled back, c never ran');
  const status = await postgresMigrationStatus({ databaseUrl: url, migrationsDir: dir });
  assert.deepEqual(status.applied, ['1_m']);
  assert.deepEqual(status.failed.map((f) => f.name), ['2_m']);
  assert.match(status.failed[0]?.logs ?? '', /division by zero \(22012\)/);
  assert.equal(status.upToDate, false);
  await assert.rejects(applyPostgresMigrations({ databaseUrl: url, migrationsDir: dir }), /Migration 2_m failed on an earlier attempt/);
});

test('a migration edited after it was applied is refused', async () => {
  const url = await newDatabase();
  const dir = join(scratch, 'edited');
  cpSync(POSTGRES_MIGRATIONS_DIR, dir, { recursive: true });
  await applyPostgresMigrations({ databaseUrl: url, migrationsDir: dir });
  const [first] = committed;
  writeFileSync(join(dir, first, 'migration.sql'), `${readFileSync(join(dir, first, 'migration.sql'), 'utf8')}\n-- edited\n`);
  await assert.rejects(applyPostgresMigrations({ databaseUrl: url, migrationsDir: dir }), new RegExp(`Migration ${first} was modified after it was applied`));
  assert.deepEqual((await postgresMigrationStatus({ databaseUrl: url, migrationsDir: dir })).checksumMismatch, [first]);
});

test('a database with tables but no migration history is refused (P3005)', async () => {
  const url = await newDatabase();
  await query(url, 'CREATE TABLE someone_elses (id int)');
  await assert.rejects(applyPostgresMigrations({ databaseUrl: url }), /P3005: The database schema is not empty \(tables: public\.someone_elses\)/);
});

test('a database that cannot be reached is named without its password', async () => {
  const url = `postgresql://warden:hunter2@127.0.0.1:${server.port}/no_such_database`;
  await assert.rejects(applyPostgresMigrations({ databaseUrl: url }), (error) => {
    assert.match(error.message, /Cannot connect to the PostgreSQL database postgresql:\/\/warden:\*\*\*@127\.0\.0\.1:\d+\/no_such_database: .*does not exist/);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
  await assert.rejects(applyPostgresMigrations({ databaseUrl: 'mysql://u:hunter2@h/db' }), /must be a file: URL \(SQLite\) or a postgresql:\/\/ URL/);
});
