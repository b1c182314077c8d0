// Copies a Warden SQLite database into an empty PostgreSQL database (npm run db:copy): every table
// the SQLite database holds except Prisma's own `_prisma_migrations`, found in its catalog rather
// than listed here, so a table added by a later migration is copied without a change here.
//
// The target gets PostgreSQL's committed migrations first (./migrations-postgres.mjs); then every
// table is copied in foreign-key order (read from PostgreSQL's catalog) inside one transaction, so a
// failure leaves the target without a single row. The source is opened read-only and read inside
// one read transaction: the counts compared afterwards are those of the rows that were copied.
//
// Values are converted by the target column's type, the way Prisma's SQLite adapter stores them:
// DateTime as ISO 8601 text with an offset (or Unix milliseconds, its other format; SQLite's
// CURRENT_TIMESTAMP default as 'YYYY-MM-DD HH:MM:SS' UTC), Boolean as 0/1, Json as JSON text,
// integers as 64-bit. Rows are read with an iterator and written in multi-row INSERTs of at most
// 1,000 rows or 8 MB, so a large database never sits in memory.

import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type { Client } from 'pg';
import { databaseKind, databaseUrlProblem, redactDatabaseUrl } from './database-url.mjs';
import { migrationStatus, resolveDatabaseFile } from './migrations.mjs';
import { applyPostgresMigrations } from './migrations-postgres.mjs';

/** A refusal or failure written for the person running the copy; the target has no copied row. */
export class DatabaseCopyError extends Error {
  override name = 'DatabaseCopyError';
}

export type TableCount = { table: string; source: number; target: number };
export type SpotCheck = { table: string; checked: number; differences: string[]; skipped?: string };
export type CopyReport = {
  source: string;
  target: string;
  migrationsApplied: string[];
  tables: TableCount[];
  copyMs: number;
  spotChecks: SpotCheck[];
};

type Column = { name: string; pgType: string };
type Table = { name: string; columns: Column[]; primaryKey: string[] };

/** What goes into one INSERT: few enough parameters for PostgreSQL (65,535) and bounded memory. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;
const MAX_PARAMETERS = 65_535;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const SQLITE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The instant a SQLite DateTime value stands for, in milliseconds, as Prisma reads it: a number is
 * Unix milliseconds; text is ISO 8601 (what the better-sqlite3 adapter writes, with +00:00) or
 * SQLite's 'YYYY-MM-DD HH:MM:SS', read as UTC when it names no offset. Digits beyond
 * milliseconds are dropped (JavaScript's Date and PostgreSQL's timestamp(3) keep milliseconds).
 * Null for text that is no date.
 */
export function sqliteDateTimeToMs(value: string | number | bigint): number | null {
  if (typeof value !== 'string') return Number(value);
  const m = SQLITE_DATETIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls 2026-02-31 over into March: such text is no date.
  const check = new Date(utc);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return utc - offsetMinutes * 60_000;
}

/** Where a value sits, for messages: table, column and the row's primary key. */
export type ValuePlace = { table: string; column: string; row: string };

const placeOf = (p: ValuePlace) => `${p.table}.${p.column} of the row ${p.row}`;

/**
 * A value read from SQLite (better-sqlite3 with safe integers: integers are bigint) as the parameter
 * PostgreSQL takes for a column of `pgType` (information_schema's udt_name). Throws a
 * DatabaseCopyError naming the place for a value PostgreSQL cannot hold or that is not of the
 * column's type, rather than letting the copy store something else.
 */
export function toPostgresValue(value: unknown, pgType: string, place: ValuePlace): unknown {
  if (value === null || value === undefined) return null;
  const wrong = (what: string) => new DatabaseCopyError(`${placeOf(place)} holds ${what}, which is not a ${pgType} value`);
  const text = (s: string) => {
    // PostgreSQL's text cannot hold U+0000 at all (SQLite's can).
    if (s.includes('\u0000')) throw new DatabaseCopyError(`${placeOf(place)} contains the character U+0000, which PostgreSQL text cannot hold`);
    return s;
  };
  switch (pgType) {
    case 'timestamp':
    case 'timestamptz':
    case 'date': {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') throw wrong(typeof value);
      const ms = sqliteDateTimeToMs(value);
      if (ms === null || !Number.isFinite(ms)) throw wrong(`"${String(value).slice(0, 40)}"`);
      const date = new Date(ms);
      const year = date.getUTCFullYear();
      if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) throw wrong(`a date out of range (${String(value).slice(0, 40)})`);
      // UTC with its Z: a timestamp (without time zone) column, as Prisma keeps them, takes the
      // digits and ignores the zone; a timestamptz column takes the instant.
      return date.toISOString();
    }
    case 'bool': {
      if (value === 0n || value === 0 || value === 1n || value === 1) return Number(value) === 1;
      if (typeof value === 'boolean') return value;
      throw wrong(typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value));
    }
    case 'int2':
    case 'int4': {
      if (typeof value === 'bigint' || typeof value === 'number') {
        const n = Number(value);
        const limit = pgType === 'int2' ? 32_767 : 2_147_483_647;
        // Prisma's adapter reads a fraction in an Int column as its whole part.
        const whole = Math.trunc(n);
        if (whole > limit || whole < -limit - 1) throw wrong(`${String(value)} (out of range)`);
        return whole;
      }
      throw wrong(typeof value);
    }
    case 'int8':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      throw wrong(typeof value);
    case 'float4':
    case 'float8':
      if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
      throw wrong(typeof value);
    case 'numeric':
      if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string') return String(value);
      throw wrong(typeof value);
    case 'json':
    case 'jsonb':
      // JSON text as Prisma wrote it. PostgreSQL checks it is JSON; jsonb also refuses \u0000.
      if (typeof value === 'string') {
        if (pgType === 'jsonb' && value.includes('\\u0000')) {
          throw new DatabaseCopyError(`${placeOf(place)} is JSON holding the character U+0000 (\\u0000), which PostgreSQL's jsonb cannot hold`);
        }
        return text(value);
      }
      if (typeof value === 'bigint' || typeof value === 'number') return String(value);
      throw wrong(typeof value);
    case 'text':
    case 'varchar':
    case 'bpchar':
      if (typeof value === 'string') return text(value);
      if (typeof value === 'bigint' || typeof value === 'number') return String(value);
      throw wrong('binary data');
    case 'bytea':
      if (Buffer.isBuffer(value)) return value;
      if (typeof value === 'string') return Buffer.from(value, 'utf8');
      throw wrong(typeof value);
    default:
      throw new DatabaseCopyError(`${place.table}.${place.column} is a PostgreSQL ${pgType} column, a type db:copy does not convert`);
  }
}

/**
 * Tables ordered so that each comes after the tables it references. Throws when references form a
 * cycle (or a table references itself), which would need rows ordered within a table.
 */
export function foreignKeyOrder(tables: readonly string[], references: readonly { from: string; to: string }[]): string[] {
  const known = new Set(tables);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') {
      throw new DatabaseCopyError(`the foreign keys ${[...path, table].join(' → ')} form a cycle, which db:copy cannot order`);
    }
    state.set(table, 'visiting');
    for (const ref of references) if (ref.from === table && known.has(ref.to)) visit(ref.to, [...path, table]);
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Catalogs
// ---------------------------------------------------------------------------------------------

/** The SQLite database's tables other than SQLite's and Prisma's own, with their columns and primary key. */
function sqliteTables(source: Database.Database): { name: string; columns: string[]; primaryKey: string[] }[] {
  const names = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_prisma_migrations' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.map((name) => {
    const info = source.pragma(`table_info(${quote(name)})`) as { name: string; pk: number | bigint }[];
    const primaryKey = info
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => c.name);
    return { name, columns: info.map((c) => c.name), primaryKey };
  });
}

/** Tables of the target's current schema with their columns' types, foreign keys and sequences. */
async function postgresCatalog(client: Client) {
  const columns = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    `SELECT table_name, column_name, udt_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of columns.rows) {
    const list = tables.get(row.table_name) ?? [];
    list.push({ name: row.column_name, pgType: row.udt_name });
    tables.set(row.table_name, list);
  }
  const references = await client.query<{ from: string; to: string }>(
    `SELECT c.conrelid::regclass::text AS "from", c.confrelid::regclass::text AS "to" FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  // regclass prints a quoted name where one is needed ("Account"): back to the bare name.
  const bare = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);
  const sequences = await client.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  return {
    tables,
    references: references.rows.map((r) => ({ from: bare(r.from), to: bare(r.to) })),
    sequences: sequences.rows,
  };
}

/** The first table (of `names`) that exists in the target's current schema and holds a row. */
async function firstTableWithRows(client: Client, names: readonly string[]): Promise<string | null> {
  for (const name of names) {
    const exists = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [quote(name)]);
    if (!exists.rows[0]?.present) continue;
    const rows = await client.query(`SELECT 1 FROM ${quote(name)} LIMIT 1`);
    if (rows.rowCount !== null && rows.rowCount > 0) return name;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The copy
// ---------------------------------------------------------------------------------------------

export type CopyOptions = {
  /** The SQLite database (a file: URL), as DATABASE_URL names it. */
  sourceUrl: string;
  /** The PostgreSQL database (postgresql://), as --to names it. */
  targetUrl: string;
  log?: (line: string) => void;
  /** Compare the first and last row of each table through both Prisma clients (default true). */
  spotCheck?: boolean;
};

/** The source's file, refused unless it is an existing SQLite database whose migrations are all applied. */
export function checkSource(sourceUrl: string): string {
  const problem = databaseUrlProblem(sourceUrl);
  if (problem) throw new DatabaseCopyError(problem);
  if (databaseKind(sourceUrl) !== 'sqlite') {
    throw new DatabaseCopyError(
      `DATABASE_URL names a PostgreSQL database (${redactDatabaseUrl(sourceUrl)}); db:copy copies from SQLite: set DATABASE_URL to the SQLite database (file:./data/warden.db, for example)`,
    );
  }
  const file = resolveDatabaseFile(sourceUrl, { createDir: false });
  if (!existsSync(file)) throw new DatabaseCopyError(`there is no SQLite database at ${file} (DATABASE_URL=${sourceUrl}): nothing to copy`);
  const status = migrationStatus({ databaseUrl: sourceUrl });
  if (!status.hasMigrationsTable) throw new DatabaseCopyError(`${file} is not a Warden database (it has no _prisma_migrations table)`);
  if (!status.upToDate) {
    const behind = [...status.pending, ...status.failed.map((f) => `${f.name} (failed)`), ...status.checksumMismatch.map((n) => `${n} (edited)`)];
    throw new DatabaseCopyError(
      `the SQLite database is not up to date with prisma/migrations (${behind.join(', ')}): run \`npm run db:migrate\` with the same DATABASE_URL (or start Warden once), then copy`,
    );
  }
  return file;
}

/** The target URL, refused unless it is a usable postgresql:// URL. Messages name --to, never the password. */
export function checkTarget(targetUrl: string | undefined): string {
  if (targetUrl === undefined || targetUrl.trim() === '') {
    throw new DatabaseCopyError('--to is missing: name the PostgreSQL database to copy into, e.g. --to postgresql://warden:password@localhost:5432/warden');
  }
  const problem = databaseUrlProblem(targetUrl);
  if (problem) throw new DatabaseCopyError(problem.replaceAll('DATABASE_URL', '--to'));
  if (databaseKind(targetUrl) !== 'postgresql') throw new DatabaseCopyError('--to must be a postgresql:// URL: db:copy copies the SQLite database DATABASE_URL names into PostgreSQL');
  return targetUrl;
}

async function connect(targetUrl: string): Promise<Client> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: targetUrl, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    // The driver's message names host and port; the URL's password is not repeated.
    throw new DatabaseCopyError(`cannot connect to the PostgreSQL database ${redactDatabaseUrl(targetUrl)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return client;
}

/** Matches the source's tables to the target's (same tables, same columns) and orders them by foreign key. */
function planTables(source: ReturnType<typeof sqliteTables>, catalog: Awaited<ReturnType<typeof postgresCatalog>>): Table[] {
  const problems: string[] = [];
  const byName = new Map<string, Table>();
  for (const table of source) {
    const target = catalog.tables.get(table.name);
    if (!target) {
      problems.push(`table ${table.name} is not in PostgreSQL's schema`);
      continue;
    }
    const targetNames = new Set(target.map((c) => c.name));
    const missing = table.columns.filter((c) => !targetNames.has(c));
    const extra = target.filter((c) => !table.columns.includes(c.name)).map((c) => c.name);
    if (missing.length > 0) problems.push(`${table.name}: PostgreSQL has no column ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`${table.name}: SQLite has no column ${extra.join(', ')}`);
    byName.set(table.name, { name: table.name, columns: target, primaryKey: table.primaryKey });
  }
  const sourceNames = new Set(source.map((t) => t.name));
  for (const name of catalog.tables.keys()) if (name !== '_prisma_migrations' && !sourceNames.has(name)) problems.push(`table ${name} is in PostgreSQL's schema but not in the SQLite database`);
  if (problems.length > 0) {
    throw new DatabaseCopyError(`the two databases' schemas differ (are prisma/migrations and prisma/postgresql/migrations in step?):\n  ${problems.join('\n  ')}`);
  }
  return foreignKeyOrder([...byName.keys()], catalog.references).map((name) => byName.get(name) as Table);
}

/** Inserts one batch of already converted rows; returns how many PostgreSQL took. */
async function insertBatch(client: Client, table: Table, rows: unknown[][]): Promise<number> {
  const width = table.columns.length;
  const values = rows.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const text = `INSERT INTO ${quote(table.name)} (${table.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values}`;
  // Full batches share one prepared statement per table.
  const result = await client.query({ name: `warden_copy_${table.name}_${rows.length}`.slice(0, 63), text, values: rows.flat() });
  return result.rowCount ?? 0;
}

const approximateSize = (value: unknown) => (typeof value === 'string' ? value.length * 2 : Buffer.isBuffer(value) ? value.length : 8);

/** Copies one table's rows from the open read transaction into the open PostgreSQL transaction. */
async function copyTable(source: Database.Database, client: Client, table: Table): Promise<number> {
  const rowsPerBatch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const keyIndexes = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  const statement = source.prepare(`SELECT ${table.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(table.name)}`).raw(true);
  let batch: unknown[][] = [];
  let bytes = 0;
  let copied = 0;
  for (const raw of statement.iterate() as IterableIterator<unknown[]>) {
    const row = keyIndexes.length > 0 ? keyIndexes.map((i) => String(raw[i])).join(', ') : '(no primary key)';
    const converted = raw.map((value, i) => {
      const column = table.columns[i] as Column;
      const out = toPostgresValue(value, column.pgType, { table: table.name, column: column.name, row });
      bytes += approximateSize(out);
      return out;
    });
    batch.push(converted);
    if (batch.length >= rowsPerBatch || bytes >= BATCH_BYTES) {
      copied += await insertBatch(client, table, batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) copied += await insertBatch(client, table, batch);
  return copied;
}

/**
 * Copies the SQLite database into the PostgreSQL one and verifies the copy (row counts of every
 * table after the commit; the first and last row of each table read back through Prisma).
 * Throws DatabaseCopyError, before anything is copied, for a bad source or target, an unreachable
 * server, or a target that already holds Warden data; a copy that fails midway is rolled back.
 * Verification does not throw: the report says what differs.
 */
export async function copySqliteToPostgres({ sourceUrl, targetUrl, log = () => {}, spotCheck = true }: CopyOptions): Promise<CopyReport> {
  checkTarget(targetUrl);
  const file = checkSource(sourceUrl);
  const target = redactDatabaseUrl(targetUrl);

  const source = new Database(file, { readonly: true, fileMustExist: true });
  source.defaultSafeIntegers(true);
  let client: Client | undefined;
  try {
    const tables = sqliteTables(source);
    client = await connect(targetUrl);
    // Refused before the migrations touch it: a database with Warden data is somebody's store.
    const busy = await firstTableWithRows(client, tables.map((t) => t.name));
    if (busy) throw new DatabaseCopyError(`the target database ${target} already holds Warden data (table ${busy} has rows): db:copy copies into an empty database only; nothing was changed`);

    const migrated = await applyPostgresMigrations({ databaseUrl: targetUrl, log: (line) => log(`PostgreSQL migrations: ${line}`) });
    const catalog = await postgresCatalog(client);
    const plan = planTables(tables, catalog);

    // One read transaction on the source: the counts and the rows copied are of the same moment.
    source.exec('BEGIN');
    const counts = new Map(plan.map((t) => [t.name, Number(source.prepare(`SELECT count(*) FROM ${quote(t.name)}`).pluck().get() as bigint)]));
    const started = performance.now();
    await client.query('BEGIN');
    try {
      await client.query("SET LOCAL lock_timeout = '10s'");
      // Nobody writes into the tables while they are filled; re-checked under the lock.
      await client.query(`LOCK TABLE ${plan.map((t) => quote(t.name)).join(', ')} IN EXCLUSIVE MODE`);
      const nowBusy = await firstTableWithRows(client, plan.map((t) => t.name));
      if (nowBusy) throw new DatabaseCopyError(`the target database ${target} already holds Warden data (table ${nowBusy} has rows): db:copy copies into an empty database only`);
      log(`Copying ${plan.length} tables, each after the tables it references, in one transaction:`);
      for (const table of plan) {
        const tableStarted = performance.now();
        const copied = await copyTable(source, client, table);
        const expected = counts.get(table.name) ?? 0;
        if (copied !== expected) throw new DatabaseCopyError(`${table.name}: ${copied} rows were inserted of the ${expected} read`);
        log(`  ${table.name.padEnd(24)} ${copied.toLocaleString('en-US').padStart(10)} rows in ${Math.round(performance.now() - tableStarted)} ms`);
      }
      for (const { table_name: table, column_name: column, sequence } of catalog.sequences) {
        await client.query(`SELECT setval($1, COALESCE(MAX(${quote(column)}), 1), MAX(${quote(column)}) IS NOT NULL) FROM ${quote(table)}`, [sequence]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof DatabaseCopyError) throw new DatabaseCopyError(`${error.message}\nThe copy was rolled back: the target holds no copied row.`);
      const code = error && typeof error === 'object' && 'code' in error ? ` (${String(error.code)})` : '';
      throw new DatabaseCopyError(`the copy failed and was rolled back, the target holds no copied row: ${error instanceof Error ? error.message : String(error)}${code}`);
    } finally {
      source.exec('COMMIT');
    }
    const copyMs = performance.now() - started;

    // Verification, on what PostgreSQL holds after the commit.
    const report: TableCount[] = [];
    for (const table of [...plan].sort((a, b) => a.name.localeCompare(b.name))) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table.name)}`);
      report.push({ table: table.name, source: counts.get(table.name) ?? 0, target: Number(result.rows[0]?.n ?? -1) });
    }
    // The file's absolute path: lib/db.ts resolves a relative one from the working directory.
    const spotChecks = spotCheck ? await spotCheckTables(source, `file:${file}`, targetUrl, plan) : [];
    return { source: sourceUrl, target, migrationsApplied: migrated.applied, tables: report, copyMs, spotChecks };
  } finally {
    await client?.end().catch(() => undefined);
    source.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Spot check through Prisma
// ---------------------------------------------------------------------------------------------

type Delegate = { findUnique(args: { where: Record<string, unknown> }): Promise<Record<string, unknown> | null> };

/** A field-by-field comparison of two rows as Prisma returns them: names of the fields that differ. */
export function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => !isDeepStrictEqual(a[name], b[name])).sort();
}

/**
 * The first and last row of each table by primary key (as SQLite orders it), read through the
 * SQLite and the PostgreSQL Prisma client and compared field by field: what the app will read is
 * what it read before. Tables whose name is no Prisma model, or that have no primary key, are
 * skipped (and said so).
 */
async function spotCheckTables(source: Database.Database, sourceUrl: string, targetUrl: string, plan: Table[]): Promise<SpotCheck[]> {
  const { createPrismaClient } = await import('@/lib/db');
  const { Prisma } = await import('@/lib/generated/prisma/client');
  const models = new Set<string>(Object.values(Prisma.ModelName));
  const sqlite = createPrismaClient(sourceUrl);
  const postgres = createPrismaClient(targetUrl);
  const checks: SpotCheck[] = [];
  try {
    for (const table of plan) {
      if (!models.has(table.name)) {
        checks.push({ table: table.name, checked: 0, differences: [], skipped: 'no Prisma model of this name' });
        continue;
      }
      if (table.primaryKey.length === 0) {
        checks.push({ table: table.name, checked: 0, differences: [], skipped: 'it has no primary key' });
        continue;
      }
      const delegateName = `${table.name.charAt(0).toLowerCase()}${table.name.slice(1)}`;
      const fromSqlite = (sqlite as unknown as Record<string, Delegate>)[delegateName];
      const fromPostgres = (postgres as unknown as Record<string, Delegate>)[delegateName];
      if (!fromSqlite || !fromPostgres) {
        checks.push({ table: table.name, checked: 0, differences: [], skipped: 'no Prisma model of this name' });
        continue;
      }
      const keyColumns = table.primaryKey.map(quote).join(', ');
      const keys = new Map<string, Record<string, unknown>>();
      for (const direction of ['ASC', 'DESC']) {
        const order = table.primaryKey.map((k) => `${quote(k)} ${direction}`).join(', ');
        const row = source.prepare(`SELECT ${keyColumns} FROM ${quote(table.name)} ORDER BY ${order} LIMIT 1`).get() as Record<string, unknown> | undefined;
        if (!row) continue;
        // Keys as Prisma takes them: integers as numbers; a composite key under its fields' names joined by _.
        const fields = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
        const where = table.primaryKey.length === 1 ? fields : { [table.primaryKey.join('_')]: fields };
        keys.set(JSON.stringify(fields), where);
      }
      const differences: string[] = [];
      for (const [shown, where] of keys) {
        const [a, b] = await Promise.all([fromSqlite.findUnique({ where }), fromPostgres.findUnique({ where })]);
        if (a === null || b === null) differences.push(`${shown}: ${a === null ? 'not read from SQLite' : 'missing in PostgreSQL'}`);
        else {
          const fields = differingFields(a, b);
          if (fields.length > 0) differences.push(`${shown}: ${fields.join(', ')} differ`);
        }
      }
      checks.push({ table: table.name, checked: keys.size, differences });
    }
  } finally {
    await Promise.all([sqlite.$disconnect(), postgres.$disconnect()]);
  }
  return checks;
}
