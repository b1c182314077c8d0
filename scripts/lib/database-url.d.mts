// Types of scripts/lib/database-url.mjs for the TypeScript side.
export const DEFAULT_DATABASE_URL: string;
export function databaseUrlProblem(url: string): string | null;
export function databaseKind(url: string): 'sqlite' | 'postgresql';
export function redactDatabaseUrl(url: string): string;
