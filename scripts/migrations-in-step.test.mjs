import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { POSTGRES_MIGRATIONS, SQLITE_SCHEMA } from './lib/derive-postgres-schema.mjs';
import { DEFAULT_MIGRATIONS_DIR } from './lib/migrations.mjs';
import { postgresDrift, sqliteDrift } from './lib/migrations-drift.mjs';
import { startPostgres } from './lib/postgres-server.mjs';

// Both migration histories — SQLite's prisma/migrations and PostgreSQL's
// prisma/postgresql/migrations — must build exactly the database prisma/schema.prisma describes.
// When this fails, the schema changed without a migration (or a migration was edited by hand).

/** @type {Awaited<ReturnType<typeof startPostgres>>} */
let server;
let scratch = '';
before(async () => {
  server = await startPostgres({ database: 'warden_drift' });
  scratch = mkdtempSync(join(tmpdir(), 'warden-drift-'));
});
after(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A copy of schema.prisma with one more column on Account: a change no migration makes. */
function schemaWithNewField() {
  const schema = readFileSync(SQLITE_SCHEMA, 'utf8');
  const changed = schema.replace(/^model Account \{\n/m, 'model Account {\n  driftProbe String?\n');
  assert.notEqual(changed, schema);
  const file = join(scratch, 'schema.prisma');
  writeFileSync(file, changed);
  return file;
}

test('the SQLite migrations build exactly prisma/schema.prisma', () => {
  assert.equal(sqliteDrift({ schema: SQLITE_SCHEMA, migrationsDir: DEFAULT_MIGRATIONS_DIR }), null);
});

test('the PostgreSQL migrations build exactly prisma/schema.prisma', async () => {
  assert.equal(await postgresDrift({ schema: SQLITE_SCHEMA, migrationsDir: POSTGRES_MIGRATIONS, server }), null);
});

test('a schema change without its migration is drift, on both databases', async () => {
  const schema = schemaWithNewField();
  assert.match(sqliteDrift({ schema, migrationsDir: DEFAULT_MIGRATIONS_DIR }) ?? '', /Account[\s\S]*driftProbe/);
  assert.equal(
    await postgresDrift({ schema, migrationsDir: POSTGRES_MIGRATIONS, server }),
    'schema has, migrations lack: column Account.driftProbe text',
  );
});
