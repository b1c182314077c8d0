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
 */
export function createPrismaClient(url: string): PrismaClient {
  if (databaseKind(url) === 'postgresql') {
    const adapter = new PrismaPg({ connectionString: url });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const file = databaseFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** Which database the one client talks to. */
export function databaseProvider(url: string = env().DATABASE_URL): 'sqlite' | 'postgresql' {
  return databaseKind(url);
}

const globalForPrisma = globalThis as unknown as { wardenPrisma?: PrismaClient };

/** Shared across hot reloads in development so that connections are not leaked. */
export const db: PrismaClient = (globalForPrisma.wardenPrisma ??= createPrismaClient(env().DATABASE_URL));
