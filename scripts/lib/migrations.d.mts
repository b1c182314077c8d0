// Types of scripts/lib/migrations.mjs for the TypeScript side (the health endpoint, tests).
export type MigrationStatus = {
  databaseFile: string;
  databaseExists: boolean;
  hasMigrationsTable: boolean;
  applied: string[];
  pending: string[];
  failed: { name: string; logs: string | null }[];
  checksumMismatch: string[];
  notOnDisk: string[];
  upToDate: boolean;
};
export type MigrationOptions = { databaseUrl?: string; migrationsDir?: string; root?: string };
export function migrationStatus(options?: MigrationOptions): MigrationStatus;
export function applyMigrations(options?: MigrationOptions & { log?: (line: string) => void }): {
  databaseFile: string;
  applied: string[];
  alreadyApplied: string[];
};
/** The migrations in a migrations directory, in the order they apply. */
export function readMigrations(migrationsDir: string): { name: string; file: string; script: string; checksum: string }[];
export function resolveDatabaseFile(databaseUrl?: string, options?: { root?: string; createDir?: boolean }): string;
export class MigrationError extends Error {}
