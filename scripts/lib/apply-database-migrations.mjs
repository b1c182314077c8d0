// Applies the committed migrations of the database DATABASE_URL names: SQLite's
// (prisma/migrations, ./migrations.mjs) for a file: URL, PostgreSQL's (prisma/postgresql/migrations,
// ./migrations-postgres.mjs) for a postgresql:// URL. What `npm start`, `npm run db:migrate` and the
// CLI entry points run before anything opens the database.

import { DEFAULT_DATABASE_URL, databaseKind } from './database-url.mjs';
import { applyMigrations } from './migrations.mjs';

/**
 * @param {{ databaseUrl?: string, log?: (line: string) => void }} [options] databaseUrl defaults to $DATABASE_URL, then SQLite's default file
 * @returns {Promise<{ kind: 'sqlite' | 'postgresql', database: string, applied: string[], alreadyApplied: string[] }>}
 */
export async function applyDatabaseMigrations({ databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, log } = {}) {
  if (databaseKind(databaseUrl) === 'sqlite') {
    const { databaseFile, applied, alreadyApplied } = applyMigrations({ databaseUrl, log });
    return { kind: 'sqlite', database: databaseFile, applied, alreadyApplied };
  }
  // Loaded only for PostgreSQL: SQLite's path stays as it was.
  const { applyPostgresMigrations } = await import('./migrations-postgres.mjs');
  return { kind: 'postgresql', ...(await applyPostgresMigrations({ databaseUrl, log })) };
}
