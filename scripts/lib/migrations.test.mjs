// node --test scripts/lib/migrations.test.mjs
//
// The engine-free migration runner against real SQLite files, and the offline route for creating
// migrations through the real Prisma CLI and the WebAssembly schema engine shim.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  PROJECT_ROOT,
  applyMigrations,
  checksumMatches,
  migrationStatus,
  readMigrations,
  resolveDatabaseFile,
} from './migrations.mjs';

const require = createRequire(import.meta.url);
const PRISMA_CLI = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const SHIM = join(PROJECT_ROOT, 'scripts', 'prisma-schema-engine.mjs');
const DB_MIGRATE = join(PROJECT_ROOT, 'scripts', 'db-migrate.mjs');

const committed = readMigrations(DEFAULT_MIGRATIONS_DIR).map((m) => m.name);
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A scratch directory removed after the test. */
function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-migrations-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the committed migrations that a test may change. */
function copyMigrations(dir) {
  const copy = join(dir, 'migrations');
  cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
  return copy;
}

function readRows(file) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name').all();
  } finally {
    db.close();
  }
}

function tableNames(file) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  } finally {
    db.close();
  }
}

test('there is a committed migration history to test against', () => {
  assert.ok(committed.length > 0, 'prisma/migrations holds no migration');
  assert.ok(existsSync(join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml')));
});

test('resolveDatabaseFile takes relative file: URLs from the project root and creates the directory', (t) => {
  const dir = scratch(t);
  assert.equal(resolveDatabaseFile('file:./data/x.db', { root: dir }), join(dir, 'data', 'x.db'));
  assert.ok(existsSync(join(dir, 'data')));
  assert.equal(resolveDatabaseFile(`file:${dir}/abs/y.db?connection_limit=1`, { createDir: false }), join(dir, 'abs', 'y.db'));
  assert.equal(resolveDatabaseFile('file:./data/warden.db', { createDir: false }), join(PROJECT_ROOT, 'data', 'warden.db'));
  assert.throws(() => resolveDatabaseFile('postgresql://localhost/warden'), MigrationError);
});

test('applies the committed migrations to an empty database and records them as Prisma does', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'nested', 'warden.db');
  const before = Date.now();

  const result = applyMigrations({ databaseUrl: `file:${file}` });

  assert.deepEqual(result.applied, committed);
  assert.equal(result.databaseFile, file);

  // Every table the migrations create exists.
  const tables = tableNames(file);
  for (const name of committed) {
    const script = readFileSync(join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'), 'utf8');
    // A table redefinition creates "new_X" and renames it to X.
    const renamed = new Set([...script.matchAll(/ALTER TABLE "([^"]+)" RENAME TO/g)].map((m) => m[1]));
    for (const [, table] of script.matchAll(/CREATE TABLE "([^"]+)"/g)) {
      if (!renamed.has(table)) assert.ok(tables.includes(table), `table ${table} missing`);
    }
  }
  for (const model of ['Account', 'SyncRun', 'Finding', 'ReviewDecision', 'AuditEvent']) assert.ok(tables.includes(model));

  // _prisma_migrations has Prisma's exact shape.
  const db = new Database(file, { readonly: true });
  const columns = db.prepare('PRAGMA table_info("_prisma_migrations")').all();
  db.close();
  assert.deepEqual(
    columns.map((c) => [c.name, c.type, c.notnull, c.dflt_value, c.pk]),
    [
      ['id', 'TEXT', 1, null, 1],
      ['checksum', 'TEXT', 1, null, 0],
      ['finished_at', 'DATETIME', 0, null, 0],
      ['migration_name', 'TEXT', 1, null, 0],
      ['logs', 'TEXT', 0, null, 0],
      ['rolled_back_at', 'DATETIME', 0, null, 0],
      ['started_at', 'DATETIME', 1, 'current_timestamp', 0],
      ['applied_steps_count', 'INTEGER UNSIGNED', 1, '0', 0],
    ],
  );

  const rows = readRows(file);
  assert.deepEqual(rows.map((r) => r.migration_name), committed);
  for (const row of rows) {
    const script = readFileSync(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
    assert.equal(row.checksum, sha256(script));
    assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Unix epoch milliseconds, as Prisma's native engine stores them in SQLite.
    assert.equal(typeof row.started_at, 'number');
    assert.ok(row.started_at >= before && row.finished_at >= row.started_at);
    assert.equal(row.applied_steps_count, 1);
    assert.equal(row.logs, null);
    assert.equal(row.rolled_back_at, null);
  }

  const status = migrationStatus({ databaseUrl: `file:${file}` });
  assert.equal(status.upToDate, true);
  assert.deepEqual(status.applied, committed);
  assert.deepEqual(status.pending, []);
});

test('a second apply changes nothing', (t) => {
  const dir = scratch(t);
  const databaseUrl = `file:${join(dir, 'warden.db')}`;
  applyMigrations({ databaseUrl });
  const rowsBefore = readRows(join(dir, 'warden.db'));

  const again = applyMigrations({ databaseUrl });

  assert.deepEqual(again.applied, []);
  assert.deepEqual(again.alreadyApplied, committed);
  assert.deepEqual(readRows(join(dir, 'warden.db')), rowsBefore);
});

test('instances starting together apply each migration once', async (t) => {
  const dir = scratch(t);
  const file = join(dir, 'warden.db');
  const run = () =>
    new Promise((resolveRun) => {
      const child = spawn(process.execPath, [DB_MIGRATE], { env: { ...process.env, DATABASE_URL: `file:${file}` } });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => resolveRun({ code, output }));
    });

  const results = await Promise.all([run(), run(), run(), run()]);

  for (const { code, output } of results) assert.equal(code, 0, output);
  assert.deepEqual(readRows(file).map((r) => r.migration_name), committed);
  const appliedCounts = results.map((r) => Number(/Applied (\d+) migration/.exec(r.output)?.[1] ?? 0));
  assert.equal(appliedCounts.reduce((a, b) => a + b, 0), committed.length);
});

test('status of a database that does not exist yet: everything pending, and the file is not created', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'missing', 'warden.db');
  const status = migrationStatus({ databaseUrl: `file:${file}` });
  assert.deepEqual(status.pending, committed);
  assert.equal(status.upToDate, false);
  assert.equal(existsSync(file), false);
});

test('refuses to go on when an applied migration was edited, naming it', (t) => {
  const dir = scratch(t);
  const migrationsDir = copyMigrations(dir);
  const databaseUrl = `file:${join(dir, 'warden.db')}`;
  applyMigrations({ databaseUrl, migrationsDir });
  const [first] = committed;
  const script = join(migrationsDir, first, 'migration.sql');

  // Git may turn LF into CRLF on checkout: Prisma accepts that, and so does this.
  writeFileSync(script, readFileSync(script, 'utf8').replaceAll('\n', '\r\n'));
  assert.deepEqual(applyMigrations({ databaseUrl, migrationsDir }).applied, []);

  appendFileSync(script, '\r\n-- an edit after the fact\r\n');
  assert.throws(
    () => applyMigrations({ databaseUrl, migrationsDir }),
    (error) => error instanceof MigrationError && error.migration === first && /modified after it was applied/.test(error.message),
  );
  assert.deepEqual(migrationStatus({ databaseUrl, migrationsDir }).checksumMismatch, [first]);

  // The command line says so too, and fails.
  const cli = spawnSync(process.execPath, [DB_MIGRATE, '--migrations', migrationsDir], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, new RegExp(`Migration ${first} was modified`));
});

test('a failing migration is rolled back, recorded with its error, and blocks later runs', (t) => {
  const dir = scratch(t);
  const migrationsDir = copyMigrations(dir);
  const file = join(dir, 'warden.db');
  const databaseUrl = `file:${file}`;
  const broken = '20991231000000_broken';
  const brokenScript = [
    'CREATE TABLE "HalfDone" ("id" TEXT NOT NULL PRIMARY KEY);',
    'INSERT INTO "HalfDone" ("id") VALUES (\'a\');',
    'INSERT INTO "DoesNotExist" ("id") VALUES (1);',
    '',
  ].join('\n');
  cpSync(join(migrationsDir, committed[0]), join(migrationsDir, broken), { recursive: true });
  writeFileSync(join(migrationsDir, broken, 'migration.sql'), brokenScript);

  assert.throws(
    () => applyMigrations({ databaseUrl, migrationsDir }),
    (error) => error instanceof MigrationError && error.migration === broken && /no such table: DoesNotExist/.test(error.message),
  );

  // The migrations before it are applied; nothing of it is.
  const tables = tableNames(file);
  assert.ok(tables.includes('Account'));
  assert.ok(!tables.includes('HalfDone'), 'the failed migration left a table behind');

  const rows = readRows(file).filter((r) => r.migration_name === broken);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].finished_at, null);
  assert.equal(rows[0].rolled_back_at, null);
  assert.equal(rows[0].applied_steps_count, 0);
  assert.equal(rows[0].checksum, sha256(brokenScript));
  assert.match(rows[0].logs, /no such table: DoesNotExist/);

  const status = migrationStatus({ databaseUrl, migrationsDir });
  assert.deepEqual(status.failed.map((f) => f.name), [broken]);
  assert.equal(status.upToDate, false);

  // Fixing the file is not enough: the failure has to be resolved first, as with Prisma.
  writeFileSync(join(migrationsDir, broken, 'migration.sql'), 'CREATE TABLE "HalfDone" ("id" TEXT NOT NULL PRIMARY KEY);\n');
  assert.throws(
    () => applyMigrations({ databaseUrl, migrationsDir }),
    (error) => error instanceof MigrationError && error.migration === broken && /failed on an earlier attempt/.test(error.message),
  );
  assert.equal(readRows(file).filter((r) => r.migration_name === broken).length, 1);
});

test('refuses a database that has tables but no migration history', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'warden.db');
  const db = new Database(file);
  db.exec('CREATE TABLE "Something" ("id" INTEGER PRIMARY KEY)');
  db.close();
  assert.throws(() => applyMigrations({ databaseUrl: `file:${file}` }), /P3005: The database schema is not empty/);
  assert.ok(!tableNames(file).includes('_prisma_migrations'));
});

test('creates a migration offline with the real Prisma CLI and the wasm engine shim', { timeout: 180_000 }, (t) => {
  // A copy of the project's Prisma layout, with a changed schema.
  const dir = scratch(t);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  cpSync(join(PROJECT_ROOT, 'prisma.config.ts'), join(dir, 'prisma.config.ts'));
  const migrationsDir = join(dir, 'prisma', 'migrations');
  cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  // PostgreSQL's history beside it, where --create writes PostgreSQL's migration (scripts/db-migrate.test.mjs checks that one).
  cpSync(join(PROJECT_ROOT, 'prisma', 'postgresql', 'migrations'), join(dir, 'prisma', 'postgresql', 'migrations'), { recursive: true });
  const schemaFile = join(dir, 'prisma', 'schema.prisma');
  const schema = readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
  // Making a column nullable makes Prisma rebuild the table (SQLite cannot alter it in place);
  // the new model has a Json default, which Prisma itself renders invalid for SQLite.
  const changed = schema.replace(/(model Account \{[^}]*?\n\s+name\s+)String\n/, '$1String?\n');
  assert.notEqual(changed, schema);
  writeFileSync(schemaFile, `${changed}\nmodel Note {\n  id   String @id @default(uuid())\n  body String\n  tags Json   @default("[]")\n}\n`);

  const file = join(dir, 'data', 'warden.db');
  const env = {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    PRISMA_SCHEMA_ENGINE_BINARY: SHIM,
    // Anything that tried the network (an engine download, an update check) would fail here.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '',
    no_proxy: '',
    PRISMA_ENGINES_MIRROR: 'http://127.0.0.1:9',
  };

  // The committed history, with data whose child rows must survive the table rebuild.
  applyMigrations({ databaseUrl: env.DATABASE_URL, migrationsDir });
  const seed = new Database(file);
  seed.prepare('INSERT INTO "Account" (id, name, access, regions, updatedAt) VALUES (?, ?, ?, ?, ?)').run('111122223333', 'prod', 'credentials', '["us-east-1"]', Date.now());
  seed.prepare('INSERT INTO "Snapshot" (id, accountId, source) VALUES (?, ?, ?)').run('s1', '111122223333', 'account');
  seed.close();

  const create = spawnSync(
    process.execPath,
    [DB_MIGRATE, '--create', 'Make account name optional', '--schema', schemaFile, '--migrations', migrationsDir],
    { env, encoding: 'utf8' },
  );
  assert.equal(create.status, 0, create.stderr + create.stdout);
  const created = readdirSync(migrationsDir).filter((name) => !committed.includes(name) && name !== 'migration_lock.toml');
  assert.equal(created.length, 1);
  const [name] = created;
  assert.match(name, /^\d{14}_make_account_name_optional$/);
  const script = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
  assert.match(script, /CREATE TABLE "Note"/);
  assert.match(script, /"tags" JSONB NOT NULL DEFAULT '\[\]'/);
  assert.match(script, /DROP TABLE "Account"/);
  assert.ok(script.endsWith(';\n'));
  assert.equal(existsSync(join(dir, 'data', 'warden.db-journal')), false);

  // Nothing to create when the schema has no further changes.
  const again = spawnSync(process.execPath, [DB_MIGRATE, '--create', 'nothing', '--schema', schemaFile, '--migrations', migrationsDir], {
    env,
    encoding: 'utf8',
  });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /nothing created/);

  // Applied without an engine, the rebuild keeps the rows that reference the rebuilt table.
  assert.deepEqual(applyMigrations({ databaseUrl: env.DATABASE_URL, migrationsDir }).applied, [name]);
  const db = new Database(file, { readonly: true });
  assert.equal(db.prepare('SELECT count(*) AS n FROM "Snapshot"').get().n, 1);
  assert.equal(db.prepare('SELECT name FROM "Account"').get().name, 'prod');
  db.close();

  // Prisma's own view of that database, through the shim: up to date, and no drift.
  const prisma = (...args) => spawnSync(process.execPath, [PRISMA_CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
  const status = prisma('migrate', 'status');
  assert.equal(status.status, 0, status.stderr + status.stdout);
  assert.match(status.stdout, /Database schema is up to date!/);
  const drift = prisma('migrate', 'diff', '--from-config-datasource', '--to-schema', schemaFile, '--exit-code');
  assert.equal(drift.status, 0, drift.stderr + drift.stdout);
  assert.match(drift.stdout, /No difference detected/);

  // `db push` runs DDL of its own, with the same Json defaults.
  const push = spawnSync(process.execPath, [PRISMA_CLI, 'db', 'push'], {
    cwd: dir,
    env: { ...env, DATABASE_URL: `file:${join(dir, 'data', 'pushed.db')}` },
    encoding: 'utf8',
  });
  assert.equal(push.status, 0, push.stderr + push.stdout);
  assert.ok(tableNames(join(dir, 'data', 'pushed.db')).includes('Note'));
});

test('checksums follow Prisma: sha256 hex, line endings ignored, old unpadded form accepted', () => {
  const script = 'CREATE TABLE "A" ("id" TEXT);\n';
  const checksum = sha256(script);
  assert.ok(checksumMatches(script, checksum));
  assert.ok(checksumMatches(script.replace('\n', '\r\n'), checksum));
  assert.ok(!checksumMatches(`${script} `, checksum));
  // This script's digest has bytes below 0x10, which old engines wrote without their leading 0.
  const unpadded = [...createHash('sha256').update(script).digest()].map((b) => b.toString(16)).join('');
  assert.equal(unpadded.length, 62);
  assert.ok(checksumMatches(script, unpadded));
});
