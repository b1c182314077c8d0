// Whether a migration history is in step with prisma/schema.prisma: applying every migration of
// the history must give exactly the schema's database. One check per database:
//
// - SQLite: `prisma migrate diff --from-migrations <dir> --to-schema <schema>` with the offline
//   WebAssembly schema engine (scripts/prisma-schema-engine.mjs replays the history on an
//   in-memory database); any difference is drift.
// - PostgreSQL: the history is replayed on a real PostgreSQL database, the schema's own script
//   (`migrate diff --from-empty --to-schema` on the derived PostgreSQL schema: no database needed)
//   on a second one, and their catalogs compared (columns, types, defaults, nullability, indexes,
//   constraints, enums). The catalogs ignore column order, as Prisma does: a column added by a
//   later migration comes last in its table.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { derivePostgresSchema } from './derive-postgres-schema.mjs';
import { PROJECT_ROOT, readMigrations } from './migrations.mjs';

const require = createRequire(import.meta.url);
const SHIM = join(PROJECT_ROOT, 'scripts', 'prisma-schema-engine.mjs');

/** Runs the project's Prisma CLI (with the offline engine); returns its exit code and output. */
function prisma(args) {
  const cli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      // prisma.config.ts names the SQLite database; diffs between files and folders never open it.
      DATABASE_URL: 'file:./data/migrations-drift-unused.db',
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? SHIM,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/**
 * What the SQLite history lacks to be `schema`, as Prisma's summary; null when in step.
 * @param {{ schema: string, migrationsDir: string }} paths
 */
export function sqliteDrift({ schema, migrationsDir }) {
  const { status, output } = prisma(['migrate', 'diff', '--from-migrations', migrationsDir, '--to-schema', schema, '--exit-code']);
  if (status === 0) return null;
  if (status === 2) return output.replace(/^Loaded Prisma config.*\n?/m, '').trim();
  throw new Error(`prisma migrate diff failed (exit ${status}):\n${output}`);
}

/**
 * The PostgreSQL script that creates `sqliteSchema`'s database from nothing, derived offline.
 * @param {string} sqliteSchema the text of a (SQLite) prisma/schema.prisma
 */
export function postgresCreateScript(sqliteSchema) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-pg-schema-'));
  try {
    const schema = join(dir, 'schema.prisma');
    const output = join(dir, 'migration.sql');
    writeFileSync(schema, derivePostgresSchema(sqliteSchema));
    const { status, output: log } = prisma(['migrate', 'diff', '--from-empty', '--to-schema', schema, '--script', '--output', output]);
    if (status !== 0) throw new Error(`prisma migrate diff failed (exit ${status}):\n${log}`);
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CATALOG = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name
         || coalesce('(' || character_maximum_length || ')', '')
         || coalesce(' precision ' || datetime_precision, '')
         || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
         || coalesce(' default ' || column_default, '') AS line
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL
  SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ': ' || pg_get_constraintdef(c.oid)
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'enum ' || t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname = 'public' GROUP BY t.typname
  ORDER BY line`;

/** @param {import('pg').Client} client */
async function catalog(client) {
  return (await client.query(CATALOG)).rows.map((row) => row.line);
}

/**
 * What the PostgreSQL history lacks to be `sqliteSchema`'s database (lines of the catalog only in
 * one of them), or null when in step. `server` is a throwaway PostgreSQL (./postgres-server.mjs);
 * two new databases are made in it.
 *
 * @param {{ schema: string, migrationsDir: string, server: { createDatabase(name: string): Promise<string> } }} options
 */
export async function postgresDrift({ schema, migrationsDir, server }) {
  const { default: pg } = await import('pg');
  const suffix = `${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const fromMigrations = new pg.Client({ connectionString: await server.createDatabase(`drift_migrations_${suffix}`) });
  const fromSchema = new pg.Client({ connectionString: await server.createDatabase(`drift_schema_${suffix}`) });
  await fromMigrations.connect();
  await fromSchema.connect();
  try {
    for (const migration of readMigrations(migrationsDir)) {
      try {
        // A query without parameters may hold many statements (the simple query protocol).
        await fromMigrations.query(migration.script);
      } catch (error) {
        return `migration ${migration.name} fails on PostgreSQL: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    await fromSchema.query(postgresCreateScript(readFileSync(schema, 'utf8')));
    const [history, wanted] = await Promise.all([catalog(fromMigrations), catalog(fromSchema)]);
    const inHistory = new Set(history);
    const inSchema = new Set(wanted);
    const differences = [
      ...wanted.filter((line) => !inHistory.has(line)).map((line) => `schema has, migrations lack: ${line}`),
      ...history.filter((line) => !inSchema.has(line)).map((line) => `migrations have, schema lacks: ${line}`),
    ];
    return differences.length === 0 ? null : differences.join('\n');
  } finally {
    await Promise.all([fromMigrations.end(), fromSchema.end()]);
  }
}
