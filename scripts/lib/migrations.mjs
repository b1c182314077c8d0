// Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) to the SQLite
// database without any Prisma engine, and reports where the database stands.
//
// Plain ESM JavaScript on purpose: it runs with bare `node` on a fresh clone, before anything is
// built, and on every start of the app. It writes `_prisma_migrations` exactly as Prisma's schema
// engine does for SQLite (same table, same columns, sha256 checksums, timestamps as Unix epoch
// milliseconds), so `prisma migrate status` / `migrate deploy` / `migrate dev` treat what it
// applied as their own.
//
// Where it deliberately differs from `prisma migrate deploy`: each migration runs inside a
// transaction, so a failing migration leaves no half-applied schema behind (Prisma's engine runs
// SQLite scripts without one); and a migration edited after it was applied stops the run
// (`migrate deploy` silently ignores the edit; only `migrate dev` notices, and asks for a reset).

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DATABASE_URL = 'file:./data/warden.db';
export const DEFAULT_MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');

const MIGRATIONS_TABLE = '_prisma_migrations';

// Verbatim the statement Prisma's schema engine runs for SQLite (sql-schema-connector,
// SqliteFlavour::create_migrations_table), so the table is indistinguishable from one it made.
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`;

/** A migration run that was refused or failed. `migration` names the migration at fault, if one is. */
export class MigrationError extends Error {
  name = 'MigrationError';

  /**
   * @param {string} message
   * @param {{ migration?: string, cause?: unknown }} [details]
   */
  constructor(message, details = {}) {
    super(message, { cause: details.cause });
    this.migration = details.migration;
  }
}

/**
 * Turns a `file:` DATABASE_URL into an absolute path, a relative one taken from the project root
 * (the same rule as lib/db.ts and prisma.config.ts), and by default creates the parent directory
 * so that SQLite can create the file.
 *
 * @param {string} [databaseUrl] defaults to $DATABASE_URL, then file:./data/warden.db
 * @param {{ root?: string, createDir?: boolean }} [options]
 * @returns {string}
 */
export function resolveDatabaseFile(databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, options = {}) {
  const { root = PROJECT_ROOT, createDir = true } = options;
  if (!databaseUrl.startsWith('file:')) {
    throw new MigrationError(`DATABASE_URL must be a file: URL (SQLite), got "${databaseUrl}"`);
  }
  const raw = databaseUrl.slice('file:'.length).split('?')[0] ?? '';
  if (raw.length === 0) throw new MigrationError('DATABASE_URL names no file');
  const file = isAbsolute(raw) ? raw : resolve(root, raw);
  if (createDir) mkdirSync(dirname(file), { recursive: true });
  return file;
}

/**
 * SHA-256 of the script as lowercase hex: the value Prisma stores in `_prisma_migrations.checksum`.
 * @param {string} script
 */
export function migrationChecksum(script) {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether `script` matches a stored checksum, by Prisma's rule (schema engine,
 * checksum::script_matches_checksum): line endings may differ (git may rewrite them on checkout),
 * and checksums written by old engines lack zero padding.
 * @param {string} script
 * @param {string} checksum
 */
export function checksumMatches(script, checksum) {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered =
      checksum.length !== 0 && checksum.length !== 64
        ? [...digest].map((byte) => byte.toString(16)).join('')
        : digest.toString('hex');
    return rendered === checksum;
  });
}

/**
 * The migrations on disk, in the order Prisma applies them: one directory per migration holding
 * migration.sql; other entries (migration_lock.toml) are not migrations.
 *
 * @param {string} migrationsDir
 * @returns {{ name: string, file: string, script: string, checksum: string }[]}
 */
export function readMigrations(migrationsDir) {
  if (!existsSync(migrationsDir)) return [];
  return (
    readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      // Prisma's CLI sorts with localeCompare before handing the list to its engine.
      .sort((a, b) => a.localeCompare(b))
      .map((name) => {
        const file = join(migrationsDir, name, 'migration.sql');
        if (!existsSync(file)) {
          throw new MigrationError(`Migration ${name} has no migration.sql (${file})`, { migration: name });
        }
        const script = readFileSync(file, 'utf8');
        return { name, file, script, checksum: migrationChecksum(script) };
      })
  );
}

/** @param {Database.Database} db */
function hasMigrationsTable(db) {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined;
}

/**
 * Rows that still count: Prisma ignores rows marked rolled back (`migrate resolve --rolled-back`).
 * @param {Database.Database} db
 * @returns {{ id: string, checksum: string, migration_name: string, finished_at: unknown, started_at: unknown, logs: string | null }[]}
 */
function activeRows(db) {
  if (!hasMigrationsTable(db)) return [];
  return db
    .prepare(
      `SELECT id, checksum, migration_name, finished_at, started_at, logs FROM "${MIGRATIONS_TABLE}"
       WHERE rolled_back_at IS NULL ORDER BY started_at ASC`,
    )
    .all();
}

/**
 * Compares the migrations on disk with `_prisma_migrations`.
 *
 * @param {ReturnType<typeof readMigrations>} migrations
 * @param {ReturnType<typeof activeRows>} rows
 */
export function compare(migrations, rows) {
  const onDisk = new Map(migrations.map((m) => [m.name, m]));
  const applied = [];
  const pending = [];
  const checksumMismatch = [];
  const failed = [];
  for (const migration of migrations) {
    const mine = rows.filter((row) => row.migration_name === migration.name);
    const finished = mine.find((row) => row.finished_at !== null);
    if (finished) {
      applied.push(migration.name);
      if (!checksumMatches(migration.script, finished.checksum)) checksumMismatch.push(migration.name);
    } else if (mine.length === 0) {
      pending.push(migration.name);
    }
  }
  // A started row that never finished is a failed (or interrupted) attempt, whether or not the
  // migration is still on disk.
  for (const row of rows) {
    if (row.finished_at === null) failed.push({ name: row.migration_name, logs: row.logs });
  }
  const notOnDisk = [...new Set(rows.map((row) => row.migration_name))].filter((name) => !onDisk.has(name));
  return { applied, pending, failed, checksumMismatch, notOnDisk };
}

/**
 * @typedef {object} MigrationStatus
 * @property {string} databaseFile
 * @property {boolean} databaseExists
 * @property {boolean} hasMigrationsTable
 * @property {string[]} applied          on disk and recorded as finished
 * @property {string[]} pending          on disk, never attempted
 * @property {{ name: string, logs: string | null }[]} failed  attempted and not finished; blocks applying
 * @property {string[]} checksumMismatch applied, but migration.sql has changed since; blocks applying
 * @property {string[]} notOnDisk        recorded in the database, absent from the migrations directory
 * @property {boolean} upToDate          nothing pending, failed or mismatched
 */

/**
 * Where the database stands against the migrations directory. Read-only: it neither creates the
 * database file nor writes to it, so a health check can call it freely.
 *
 * @param {{ databaseUrl?: string, migrationsDir?: string, root?: string }} [options]
 * @returns {MigrationStatus}
 */
export function migrationStatus(options = {}) {
  const { databaseUrl, migrationsDir = DEFAULT_MIGRATIONS_DIR, root } = options;
  const databaseFile = resolveDatabaseFile(databaseUrl, { root, createDir: false });
  const migrations = readMigrations(migrationsDir);
  const databaseExists = existsSync(databaseFile);
  let rows = [];
  let tableExists = false;
  if (databaseExists) {
    // A short wait: a health check should answer, even while a migration holds the write lock.
    const db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 2_000 });
    try {
      tableExists = hasMigrationsTable(db);
      rows = activeRows(db);
    } finally {
      db.close();
    }
  }
  const result = compare(migrations, rows);
  return {
    databaseFile,
    databaseExists,
    hasMigrationsTable: tableExists,
    ...result,
    upToDate: result.pending.length === 0 && result.failed.length === 0 && result.checksumMismatch.length === 0,
  };
}

/**
 * Stops when the history cannot be trusted: Prisma would refuse a failed migration too, and an
 * edited one means the database no longer matches what the file says.
 * @param {ReturnType<typeof compare>} state
 */
export function refuseUnsafeHistory(state) {
  const [failed] = state.failed;
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.name} failed on an earlier attempt, so no migration is applied until it is resolved.\n` +
        `Its error: ${failed.logs ?? '(no log recorded)'}\n` +
        `Fix the cause, then mark it rolled back with \`npx prisma migrate resolve --rolled-back ${failed.name}\` ` +
        `(or --applied if you completed it by hand) and run again.`,
      { migration: failed.name },
    );
  }
  const [edited] = state.checksumMismatch;
  if (edited) {
    throw new MigrationError(
      `Migration ${edited} was modified after it was applied (its checksum no longer matches _prisma_migrations).\n` +
        `Restore prisma/migrations/${edited}/migration.sql as it was applied, and put the change in a new migration instead.`,
      { migration: edited },
    );
  }
}

/**
 * Prisma's engine creates `_prisma_migrations` only in an empty database; a database that already
 * has tables but no history was not made by these migrations, and applying them on top would fail
 * half-way or worse. Same rule (and error code) as the engine's `initialize`.
 * @param {Database.Database} db
 * @param {string} firstMigration
 */
function ensureMigrationsTable(db, firstMigration) {
  // Under the write lock, so that two processes starting together do not both create it.
  db.exec('BEGIN IMMEDIATE');
  try {
    if (!hasMigrationsTable(db)) {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all()
        .map((row) => row.name);
      if (tables.length > 0) {
        throw new MigrationError(
          `P3005: The database schema is not empty (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) ` +
            `but has no migration history. If it already matches the migrations, baseline it with ` +
            `\`npx prisma migrate resolve --applied ${firstMigration}\`; otherwise point DATABASE_URL at a new file.`,
        );
      }
      db.exec(CREATE_MIGRATIONS_TABLE);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Prisma's SQLite migrations that rebuild a table wrap the rebuild in `PRAGMA foreign_keys=OFF` …
 * `PRAGMA foreign_keys=ON`, so that dropping the old table does not cascade-delete child rows.
 * Inside a transaction that pragma is silently ignored, so it has to be honoured before BEGIN.
 * @param {string} script
 */
function disablesForeignKeys(script) {
  return /PRAGMA\s+foreign_keys\s*=\s*(OFF|0|FALSE|NO)\b/i.test(script);
}

/**
 * Runs one migration in a transaction and records it as Prisma does. On failure the transaction
 * is rolled back (no half-applied schema) and the attempt is recorded as failed, with the error
 * in `logs`, so that this and `prisma migrate status` both refuse to go on until it is resolved.
 *
 * @param {Database.Database} db
 * @param {{ name: string, script: string, checksum: string }} migration
 * @returns {boolean} false when another process applied it first
 */
function applyOne(db, migration) {
  const turnOffForeignKeys = disablesForeignKeys(migration.script);
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (turnOffForeignKeys) db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE takes the write lock up front: two app instances starting together serialise
    // here, and the second one finds the first one's row.
    db.exec('BEGIN IMMEDIATE');
    const earlier = db
      .prepare(`SELECT finished_at, logs FROM "${MIGRATIONS_TABLE}" WHERE migration_name = ? AND rolled_back_at IS NULL`)
      .all(migration.name);
    if (earlier.length > 0) {
      db.exec('ROLLBACK');
      const failed = earlier.find((row) => row.finished_at === null);
      if (failed) refuseUnsafeHistory({ failed: [{ name: migration.name, logs: failed.logs }], checksumMismatch: [] });
      return false;
    }

    const startedAt = Date.now();
    try {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, started_at, migration_name, applied_steps_count)
         VALUES (?, ?, ?, ?, 0)`,
      ).run(id, migration.checksum, startedAt, migration.name);
      // exec, not prepare: a migration is a script of many statements.
      db.exec(migration.script);
      if (turnOffForeignKeys) assertForeignKeysHold(db);
      db.prepare(
        `UPDATE "${MIGRATIONS_TABLE}" SET applied_steps_count = applied_steps_count + 1, finished_at = ? WHERE id = ?`,
      ).run(Date.now(), id);
      db.exec('COMMIT');
      return true;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      const code = error && typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
      const reason = `${error instanceof Error ? error.message : String(error)}${code}`;
      const logs = `Migration ${migration.name} failed to apply; its transaction was rolled back.\n${reason}`;
      // Recorded after the rollback, like the engine's record_failed_step: a started row that
      // never finished is what Prisma reads as a failed migration.
      db.prepare(
        `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, started_at, migration_name, logs, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 0)`,
      ).run(randomUUID(), migration.checksum, startedAt, migration.name, logs);
      throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
        migration: migration.name,
        cause: error,
      });
    }
  } finally {
    if (turnOffForeignKeys && foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
}

/**
 * With foreign keys off nothing stopped the script from leaving dangling references; refuse to
 * commit if it did, as SQLite would have with them on.
 * @param {Database.Database} db
 */
function assertForeignKeysHold(db) {
  const violations = db.pragma('foreign_key_check');
  if (violations.length === 0) return;
  const sample = violations
    .slice(0, 5)
    .map((v) => `${v.table} rowid ${v.rowid} references a missing ${v.parent} row`)
    .join('; ');
  throw new Error(`foreign key check failed: ${sample}`);
}

/**
 * Applies the pending migrations in name order. Idempotent: with nothing pending it only reads.
 * Refuses (throws MigrationError naming the migration) when an applied migration was edited or an
 * earlier attempt failed, and stops at the first migration that fails.
 *
 * @param {{ databaseUrl?: string, migrationsDir?: string, root?: string, log?: (line: string) => void }} [options]
 * @returns {{ databaseFile: string, applied: string[], alreadyApplied: string[] }}
 */
export function applyMigrations(options = {}) {
  const { databaseUrl, migrationsDir = DEFAULT_MIGRATIONS_DIR, root, log = () => {} } = options;
  const databaseFile = resolveDatabaseFile(databaseUrl, { root, createDir: true });
  const migrations = readMigrations(migrationsDir);
  const db = new Database(databaseFile, { timeout: 10_000 });
  try {
    const state = compare(migrations, activeRows(db));
    refuseUnsafeHistory(state);
    const applied = [];
    const alreadyApplied = [...state.applied];
    const pendingNames = new Set(state.pending);
    const pending = migrations.filter((m) => pendingNames.has(m.name));
    if (pending.length > 0) ensureMigrationsTable(db, migrations[0]?.name ?? '');
    for (const name of state.notOnDisk) {
      log(`Note: ${name} is recorded in the database but not present in ${migrationsDir}.`);
    }
    for (const migration of pending) {
      const started = performance.now();
      if (applyOne(db, migration)) {
        applied.push(migration.name);
        log(`Applied ${migration.name} (${Math.round(performance.now() - started)} ms)`);
      } else {
        // Another process (a second app instance starting) applied it meanwhile.
        alreadyApplied.push(migration.name);
      }
    }
    return { databaseFile, applied, alreadyApplied };
  } finally {
    db.close();
  }
}
