import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

// The one Prisma client. SQLite through the better-sqlite3 driver adapter: no engine binary.

/** Turns a `file:` DATABASE_URL into an absolute path, relative paths from the project root. */
export function databaseFilePath(url: string, root: string = process.cwd()): string {
  const raw = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (raw.length === 0) throw new Error('DATABASE_URL names no file');
  return isAbsolute(raw) ? raw : resolve(root, raw);
}

export function createPrismaClient(url: string): PrismaClient {
  const file = databaseFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { wardenPrisma?: PrismaClient };

/** Shared across hot reloads in development so that connections are not leaked. */
export const db: PrismaClient = (globalForPrisma.wardenPrisma ??= createPrismaClient(env().DATABASE_URL));
