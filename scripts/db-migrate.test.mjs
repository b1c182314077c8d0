import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { POSTGRES_SCHEMA } from './lib/derive-postgres-schema.mjs';
import { postgresDrift, sqliteDrift } from './lib/migrations-drift.mjs';
import { PROJECT_ROOT } from './lib/migrations.mjs';
import { startPostgres } from './lib/postgres-server.mjs';

// `npm run db:migrate -- --create <name>` writes both migrations of a schema change, offline:
// SQLite's and PostgreSQL's, under one name, each in step with the schema (the drift test's checks).

const DB_MIGRATE = join(PROJECT_ROOT, 'scripts', 'db-migrate.mjs');

/** @type {Awaited<ReturnType<typeof startPostgres>>} */
let server;
let dir = '';
before(async () => {
  server = await startPostgres({ database: 'warden_create' });
  dir = mkdtempSync(join(tmpdir(), 'warden-create-'));
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The names of a migrations directory's migrations. */
const migrationsIn = (migrationsDir) => readdirSync(migrationsDir).filter((name) => statSync(join(migrationsDir, name)).isDirectory());

function create(name, prisma, ...extra) {
  // Anything that tried the network (an engine download, an update check) would fail here.
  const offline = { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9', NO_PROXY: '', no_proxy: '' };
  const result = spawnSync(process.execPath, [DB_MIGRATE, '--create', name, '--schema', join(prisma, 'schema.prisma'), '--migrations', join(prisma, 'migrations'), ...extra], {
    env: { ...process.env, ...offline },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `${result.stderr}${result.stdout}`);
  return result.stdout;
}

test('a field added to the schema gets a SQLite and a PostgreSQL migration, and both histories are in step again', { timeout: 240_000 }, async () => {
  // A copy of the project's prisma folder: schema, SQLite's history, PostgreSQL's beside it.
  const prisma = join(dir, 'prisma');
  cpSync(join(PROJECT_ROOT, 'prisma'), prisma, { recursive: true });
  const schemaFile = join(prisma, 'schema.prisma');
  const schema = readFileSync(schemaFile, 'utf8');
  const changed = schema.replace(/^model Account \{\n/m, 'model Account {\n  createProbe String?\n\n  @@index([createProbe])\n');
  assert.notEqual(changed, schema);
  writeFileSync(schemaFile, changed);
  const sqliteDir = join(prisma, 'migrations');
  const postgresDir = join(prisma, 'postgresql', 'migrations');
  const [sqliteBefore, postgresBefore] = [migrationsIn(sqliteDir), migrationsIn(postgresDir)];
  const derivedBefore = readFileSync(POSTGRES_SCHEMA, 'utf8');

  const output = create('Add create probe', prisma);

  const [sqliteNew, postgresNew] = [migrationsIn(sqliteDir).filter((n) => !sqliteBefore.includes(n)), migrationsIn(postgresDir).filter((n) => !postgresBefore.includes(n))];
  assert.equal(sqliteNew.length, 1, output);
  assert.match(sqliteNew[0] ?? '', /^\d{14}_add_create_probe$/);
  assert.deepEqual(postgresNew, sqliteNew, 'one name for both');
  const name = sqliteNew[0] ?? '';
  assert.equal(
    readFileSync(join(sqliteDir, name, 'migration.sql'), 'utf8'),
    '-- AlterTable\nALTER TABLE "Account" ADD COLUMN "createProbe" TEXT;\n\n-- CreateIndex\nCREATE INDEX "Account_createProbe_idx" ON "Account"("createProbe");\n',
  );
  assert.equal(
    readFileSync(join(postgresDir, name, 'migration.sql'), 'utf8'),
    '-- AlterTable\nALTER TABLE "Account" ADD COLUMN     "createProbe" TEXT;\n\n-- CreateIndex\nCREATE INDEX "Account_createProbe_idx" ON "Account"("createProbe");\n',
  );
  assert.match(output, new RegExp(`Created .*prisma/migrations/${name}/migration\\.sql`));
  assert.match(output, new RegExp(`Created .*prisma/postgresql/migrations/${name}/migration\\.sql`));

  // What scripts/migrations-in-step.test.mjs checks of the project's histories, on the copy.
  assert.equal(sqliteDrift({ schema: schemaFile, migrationsDir: sqliteDir }), null);
  assert.equal(await postgresDrift({ schema: schemaFile, migrationsDir: postgresDir, server }), null);

  // Nothing more to create; and the project's own files were not touched.
  assert.match(create('Nothing', prisma), /nothing created/);
  assert.deepEqual(migrationsIn(postgresDir).filter((n) => !postgresBefore.includes(n)), [name]);
  assert.equal(readFileSync(POSTGRES_SCHEMA, 'utf8'), derivedBefore);
  assert.deepEqual(migrationsIn(join(PROJECT_ROOT, 'prisma', 'postgresql', 'migrations')), postgresBefore);
});

test('--empty writes an empty migration for each database, to fill in by hand', { timeout: 240_000 }, () => {
  const prisma = join(dir, 'empty', 'prisma');
  cpSync(join(PROJECT_ROOT, 'prisma'), prisma, { recursive: true });
  const output = create('backfill', prisma, '--empty');
  for (const history of [join(prisma, 'migrations'), join(prisma, 'postgresql', 'migrations')]) {
    const [name] = migrationsIn(history).filter((n) => n.endsWith('_backfill'));
    assert.ok(name, `${history}: ${output}`);
    assert.equal(readFileSync(join(history, name, 'migration.sql'), 'utf8'), '-- This is an empty migration.\n');
  }
});
