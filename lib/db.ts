import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/generated/prisma-pg/client';
import { env } from '@/lib/env';
import { databaseKind } from '@/scripts/lib/database-url.mjs';

// The one Prisma client, chosen by DATABASE_URL: a file: URL is SQLite through the better-sqlite3
// driver adapter (the default), a postgresql:// (or postgres://) URL is PostgreSQL through the `pg`
// driver adapter. Neither needs an engine binary.

/** Turns a `file:` DATABASE_URL into an absolute path, relative paths from the project root. */
export function databaseFilePath(url: string, root: string = process.cwd()): string {
  const raw = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (raw.length === 0) throw new Error('DATABASE_URL names no file');
  return isAbsolute(raw) ? raw : resolve(root, raw);
}

/**
 * The client for `url`. Its type is the SQLite client's whichever the database: Prisma generates a
 * client per provider, and Warden's two are generated from one set of models (prisma/postgresql/
 * schema.prisma is derived from prisma/schema.prisma with only the provider and output changed),
 * so their model delegates, argument and result types are the same and the cast below only
 * renames the type. Where the two clients do differ is outside that API: the PostgreSQL client
 * accepts a few more filter options (`mode: 'insensitive'`) that the SQLite type does not offer,
 * which keeps code on what both run; and raw SQL ($queryRaw, $executeRaw) runs as written, so
 * code that sends SQL must write it for both (lib/bulk-insert.ts).
 *
 * What the two databases do differently under the same API, and how Warden deals with it (the
 * integration tests run on both: npm test's PostgreSQL pass):
 * - Text matching: LIKE ignores ASCII case on SQLite only, and takes \ as an escape on PostgreSQL
 *   only: text people type goes through lib/sql-text.ts.
 * - Text order: SQLite compares text byte by byte; PostgreSQL by the database's collation, chosen
 *   when the database was created (en_US.UTF-8 puts "bob" before "Carol" and looks past
 *   punctuation), and Prisma's orderBy cannot name another. Lists sorted by a text column come in
 *   the same order only on a database created with the C collation (README); the tests' throwaway
 *   servers are. Raw SQL that sorts names uses lower(), which evens out case on both.
 * - Json: PostgreSQL's jsonb does not keep an object's key order (shorter keys first) nor accept
 *   U+0000 in text; SQLite keeps the JSON text as written. Code compares Json values as values,
 *   never as text, and a screen listing an object's keys may list them in another order there.
 *   Prisma.DbNull (SQL NULL) and Prisma.JsonNull (JSON null) are distinct on both and read back
 *   as null on both; raw SQL compares a Json list with '[]', which both read as the empty list.
 * - Unique violations are Prisma's P2002 on both (lib/sync/lock.ts, lib/sync/trigger.ts); raw SQL
 *   that breaks one throws the database's own words (lib/bulk-insert.ts).
 * - Transactions: interactive ones have Prisma's limits on both (5 s unless the caller sets more,
 *   as the sync's big writes do). SQLite runs one at a time (the adapter queues a process's own;
 *   another process waits up to the 10 s busy timeout); PostgreSQL runs them side by side on the
 *   pool's connections (10), where two writers of one row wait for each other's commit.
 * - Dates: DateTime columns hold UTC on both (timestamp(3) without a time zone on PostgreSQL):
 *   sessions run with TimeZone=UTC (postgresSessionUrl), so that the server's own clock functions
 *   (CURRENT_TIMESTAMP, the @default(now()) of a row raw SQL inserts) are UTC too, whatever the
 *   server's time zone; raw SQL does no date arithmetic in SQL: dates are computed in JavaScript
 *   (lib/dates.ts) and sent as parameters.
 */
export function createPrismaClient(url: string): PrismaClient {
  if (databaseKind(url) === 'postgresql') {
    const adapter = new PrismaPg({ connectionString: postgresSessionUrl(url) });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const file = databaseFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/**
 * `url` with its sessions set to UTC: `-c TimeZone=UTC` after any `options` the URL already gives
 * (the later setting wins). Without it a server in another zone stores CURRENT_TIMESTAMP in a
 * `timestamp` column as its local time and returns timestamptz values in it, which the driver
 * adapter reads as UTC: hours off.
 */
export function postgresSessionUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', [parsed.searchParams.get('options'), '-c TimeZone=UTC'].filter(Boolean).join(' '));
  return parsed.toString();
}

/** Which database the one client talks to. */
export function databaseProvider(url: string = env().DATABASE_URL): 'sqlite' | 'postgresql' {
  return databaseKind(url);
}

const globalForPrisma = globalThis as unknown as { wardenPrisma?: PrismaClient };

/** Shared across hot reloads in development so that connections are not leaked. */
export const db: PrismaClient = (globalForPrisma.wardenPrisma ??= createPrismaClient(env().DATABASE_URL));
