// Applies the committed PostgreSQL migrations (prisma/postgresql/migrations/<name>/migration.sql)
// through the `pg` driver, without any Prisma engine, the PostgreSQL side of ./migrations.mjs.
//
// `_prisma_migrations` is the table Prisma's schema engine makes on PostgreSQL (same DDL, same
// columns, sha256 checksums, timestamptz), so `prisma migrate status` / `deploy` treat what this
// applied as their own. As on SQLite, and unlike `prisma migrate deploy`: each migration runs in a
// transaction (PostgreSQL's DDL is transactional, so a failing migration leaves nothing half done;
// a migration that cannot run in one, such as CREATE INDEX CONCURRENTLY, is refused by PostgreSQL
// with a message saying so), and a migration edited after it was applied stops the run.
//
// Several Warden instances may start together: the run holds Prisma Migrate's own advisory lock
// (the key its engine takes), so instances, and `prisma migrate`, apply one after the other.

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MigrationError, PROJECT_ROOT, compare, readMigrations, refuseUnsafeHistory } from './migrations.mjs';
import { databaseKind, redactDatabaseUrl } from './database-url.mjs';

export const POSTGRES_MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'postgresql', 'migrations');

// Verbatim the statement Prisma's schema engine runs for PostgreSQL (sql-schema-connector,
// PostgresFlavour::create_migrations_table).
export const CREATE_POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

/** The key of the session advisory lock Prisma Migrate takes on PostgreSQL (schema engine, advisory_lock). */
export const PRISMA_ADVISORY_LOCK = 72707369;

/** @param {string} databaseUrl */
async function connect(databaseUrl) {
  if (databaseKind(databaseUrl) !== 'postgresql') throw new MigrationError('DATABASE_URL must be a postgresql:// URL here');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    // The driver's message names the host and port; the URL (and its password) is not repeated.
    throw new MigrationError(`Cannot connect to the PostgreSQL database ${redactDatabaseUrl(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return client;
}

/** @param {import('pg').Client} client */
async function hasMigrationsTable(client) {
  return (await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present")).rows[0].present === true;
}

/** @param {import('pg').Client} client */
async function activeRows(client) {
  if (!(await hasMigrationsTable(client))) return [];
  return (
    await client.query(
      `SELECT id, checksum, migration_name, finished_at, started_at, logs FROM _prisma_migrations
        WHERE rolled_back_at IS NULL ORDER BY started_at ASC`,
    )
  ).rows;
}

/**
 * Where the database stands against the migrations directory; read-only (see migrationStatus in
 * ./migrations.mjs, whose shape this returns, with `database` in place of `databaseFile`).
 * @param {{ databaseUrl: string, migrationsDir?: string }} options
 */
export async function postgresMigrationStatus({ databaseUrl, migrationsDir = POSTGRES_MIGRATIONS_DIR }) {
  const migrations = readMigrations(migrationsDir);
  const client = await connect(databaseUrl);
  try {
    const tableExists = await hasMigrationsTable(client);
    const result = compare(migrations, await activeRows(client));
    return {
      database: redactDatabaseUrl(databaseUrl),
      hasMigrationsTable: tableExists,
      ...result,
      upToDate: result.pending.length === 0 && result.failed.length === 0 && result.checksumMismatch.length === 0,
    };
  } finally {
    await client.end();
  }
}

/**
 * Runs one migration in a transaction and records it as Prisma does; on failure rolls back and
 * records the failed attempt (a started row that never finished), so that this and Prisma both
 * refuse to go on until it is resolved.
 * @param {import('pg').Client} client
 * @param {{ name: string, script: string, checksum: string }} migration
 */
async function applyOne(client, migration) {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, applied_steps_count) VALUES ($1, $2, clock_timestamp(), $3, 0)`,
      [id, migration.checksum, migration.name],
    );
    // A query without parameters runs as one simple-protocol script of many statements.
    await client.query(migration.script);
    await client.query(`UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`, [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const code = error && typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
    const reason = `${error instanceof Error ? error.message : String(error)}${code}`;
    const logs = `Migration ${migration.name} failed to apply; its transaction was rolled back.\n${reason}`;
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs, applied_steps_count) VALUES ($1, $2, clock_timestamp(), $3, $4, 0)`,
      [randomUUID(), migration.checksum, migration.name, logs],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, { migration: migration.name, cause: error });
  }
}

/**
 * Applies the pending PostgreSQL migrations in name order. Idempotent; refuses (MigrationError
 * naming the migration) an edited applied migration or an earlier failed attempt, and a database
 * that has tables but no migration history (P3005, as Prisma does).
 *
 * @param {{ databaseUrl: string, migrationsDir?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ database: string, applied: string[], alreadyApplied: string[] }>}
 */
export async function applyPostgresMigrations({ databaseUrl, migrationsDir = POSTGRES_MIGRATIONS_DIR, log = () => {} }) {
  const migrations = readMigrations(migrationsDir);
  const client = await connect(databaseUrl);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      // Read under the lock: an instance that waited finds what the first one applied.
      const state = compare(migrations, await activeRows(client));
      refuseUnsafeHistory(state);
      for (const name of state.notOnDisk) log(`Note: ${name} is recorded in the database but not present in ${migrationsDir}.`);
      const pendingNames = new Set(state.pending);
      const pending = migrations.filter((m) => pendingNames.has(m.name));
      if (pending.length > 0 && !(await hasMigrationsTable(client))) {
        const tables = (
          await client.query(
            `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
              WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema = current_schema() ORDER BY 1`,
          )
        ).rows.map((row) => row.name);
        if (tables.length > 0) {
          throw new MigrationError(
            `P3005: The database schema is not empty (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) ` +
              `but has no migration history. If it already matches the migrations, baseline it with ` +
              `\`npx prisma migrate resolve --applied ${migrations[0]?.name ?? ''}\`; otherwise point DATABASE_URL at an empty database.`,
          );
        }
        await client.query(CREATE_POSTGRES_MIGRATIONS_TABLE);
      }
      const applied = [];
      for (const migration of pending) {
        const started = performance.now();
        await applyOne(client, migration);
        applied.push(migration.name);
        log(`Applied ${migration.name} (${Math.round(performance.now() - started)} ms)`);
      }
      return { database: redactDatabaseUrl(databaseUrl), applied, alreadyApplied: [...state.applied] };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}
