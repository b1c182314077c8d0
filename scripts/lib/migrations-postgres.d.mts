// Types of scripts/lib/migrations-postgres.mjs for the TypeScript side.
export const POSTGRES_MIGRATIONS_DIR: string;
export type PostgresMigrationStatus = {
  database: string;
  hasMigrationsTable: boolean;
  applied: string[];
  pending: string[];
  failed: { name: string; logs: string | null }[];
  checksumMismatch: string[];
  notOnDisk: string[];
  upToDate: boolean;
};
export function postgresMigrationStatus(options: { databaseUrl: string; migrationsDir?: string }): Promise<PostgresMigrationStatus>;
export function applyPostgresMigrations(options: {
  databaseUrl: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}): Promise<{ database: string; applied: string[]; alreadyApplied: string[] }>;
