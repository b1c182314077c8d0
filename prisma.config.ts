import { isAbsolute, join, resolve } from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 7 reads its settings from here, not from schema.prisma. Every `prisma` command run from
// the project root loads this file first, so it is also where the offline schema engine is wired
// in: the CLI would otherwise download a native schema-engine binary, which air-gapped machines
// (and CI) cannot do. See scripts/prisma-schema-engine.mjs.

// Anchored to this file rather than the working directory, so that the database and the shim are
// the same whichever directory the CLI was started from.
const projectRoot = import.meta.dirname;

// Respect an explicit choice (e.g. a real engine binary on a connected machine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= join(projectRoot, 'scripts', 'prisma-schema-engine.mjs');

// Prisma's CLI also phones home for update checks; nothing is there to answer on an air-gapped
// network, so don't try.
process.env.CHECKPOINT_DISABLE ??= '1';

/**
 * The SQLite database as an absolute `file:` URL. A relative DATABASE_URL is taken from the
 * project root, the same rule as `databaseFilePath` in lib/db.ts and `resolveDatabaseFile` in
 * scripts/lib/migrations.mjs (which this file cannot import: it is plain JavaScript, and the
 * project type-checks without allowJs). Making it absolute here means the CLI, the engine shim
 * and the app never disagree about which file is meant.
 */
function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? 'file:./data/warden.db';
  // A PostgreSQL database is handed over as it is (prisma/postgresql/ holds its schema and
  // migrations; the app applies them without the CLI, scripts/lib/migrations-postgres.mjs).
  if (/^postgres(ql)?:\/\//.test(url)) return url;
  if (!url.startsWith('file:')) throw new Error('DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL');
  const [path = '', query] = url.slice('file:'.length).split('?');
  if (path.length === 0) throw new Error('DATABASE_URL names no file');
  const absolute = isAbsolute(path) ? path : resolve(projectRoot, path);
  return `file:${absolute}${query === undefined ? '' : `?${query}`}`;
}

export default defineConfig({
  schema: join(projectRoot, 'prisma', 'schema.prisma'),
  migrations: { path: join(projectRoot, 'prisma', 'migrations') },
  datasource: { url: databaseUrl() },
});
