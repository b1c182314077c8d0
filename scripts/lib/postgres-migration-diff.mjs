// The PostgreSQL migration for a schema change, written offline: what prisma/postgresql/migrations
// lacks to build the PostgreSQL schema derived from prisma/schema.prisma (./derive-postgres-schema.mjs).
// `npm run db:migrate -- --create <name>` writes it beside SQLite's migration.
//
// How: Prisma's own diff, `migrate diff --from-migrations <dir> --to-schema <schema> --script`, run
// by the WebAssembly schema engine (the one scripts/prisma-schema-engine.mjs runs for SQLite) in
// this process, with the `pg` driver adapter. For PostgreSQL that diff needs a shadow database: the
// engine replays the committed migrations there and compares what they built with the schema. The
// shadow database is a throwaway PostgreSQL started for the purpose (./postgres-server.mjs:
// Debian's postgresql, the same one the tests run on), so nothing is downloaded and no one's
// database is touched. Two other ways were weighed and left: a diff between schema files (the
// committed prisma/postgresql/schema.prisma before and after) needs no database, but that file is
// re-derived whenever the client is generated (npm start, npm test, db:generate), so by the time a
// migration is created it may already hold the change and the diff would be empty; and the
// migrations, not a schema file, are what a database actually went through.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readMigrations } from './migrations.mjs';
import { startPostgres } from './postgres-server.mjs';
import { loadWasmGlue } from './schema-engine-wasm.mjs';

const require = createRequire(import.meta.url);

/**
 * Gap: describing a PostgreSQL schema, the engine reads catalog columns of PostgreSQL's one-byte
 * "char" type (pg_class.relkind, pg_constraint.contype, …), which @prisma/adapter-pg refuses
 * ("Column type 'char' could not be deserialized"). They are single characters: read as text
 * here, which is what the native engine does. Only in the process that creates a migration.
 */
function readCharColumnsAsText() {
  const Result = require('pg/lib/result.js');
  if (Result.prototype.wardenCharAsText) return;
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields) {
    for (const field of fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  Result.prototype.wardenCharAsText = true;
}

/** The migrations directory as the CLI hands it to the engine (prisma/build/cli.js, for --from-migrations). */
function migrationsSource(migrationsDir) {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  let lock = null;
  try {
    lock = readFileSync(lockPath, 'utf8');
  } catch {
    // A history without a lock file: the engine does not need one to replay it.
  }
  return {
    tag: 'migrations',
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    migrationDirectories: readMigrations(migrationsDir).map((m) => ({ path: m.name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.script } } })),
    shadowDbInitScript: '',
  };
}

/**
 * What `migrationsDir` (PostgreSQL migrations) lacks to build `schema` (a PostgreSQL Prisma
 * schema's text), as a migration script; null when nothing.
 *
 * @param {{ schema: string, schemaPath?: string, migrationsDir: string, env?: NodeJS.ProcessEnv }} options
 *   schemaPath names the schema in the engine's messages
 * @returns {Promise<string | null>}
 */
export async function postgresMigrationScript({ schema, schemaPath = 'prisma/postgresql/schema.prisma', migrationsDir, env = process.env }) {
  readCharColumnsAsText();
  const adapterEntry = require.resolve('@prisma/adapter-pg');
  const { PrismaPg } = await import(pathToFileURL(adapterEntry).href);
  // Resolved from the adapter package so that both agree on the driver-adapter protocol version.
  const { bindMigrationAwareSqlAdapterFactory } = await import(pathToFileURL(createRequire(adapterEntry).resolve('@prisma/driver-adapter-utils')).href);

  const server = await startPostgres({ database: 'warden_migrate', env });
  try {
    const shadow = await server.createDatabase('warden_migrate_shadow');
    const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: server.url }, { shadowDatabaseUrl: shadow }));
    const glue = await loadWasmGlue();
    const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, factory);
    try {
      const { exitCode, stdout } = await engine.diff({
        from: migrationsSource(migrationsDir),
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      // As with --exit-code: 0 no difference, 2 a difference.
      if (exitCode === 0) return null;
      return `${String(stdout ?? '').trimEnd()}\n`;
    } catch (error) {
      // The adapter's own errors reach the engine as "External error id#N"; the original says what happened.
      const message = (error instanceof Error ? error.message : String(error)).replace(/External error id#(\d+)/g, (text, n) => {
        const original = factory.errorRegistry?.consumeError(Number(n))?.error;
        return original ? `${text}: ${original.message ?? original}` : text;
      });
      throw new Error(`the PostgreSQL migrations could not be compared with the schema: ${message}`);
    } finally {
      engine.free();
    }
  } finally {
    await server.stop();
  }
}
