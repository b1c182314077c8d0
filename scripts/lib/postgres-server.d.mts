// Types of scripts/lib/postgres-server.mjs for the TypeScript side (tests).
export class PostgresServerError extends Error {}
export function findPostgresBin(env?: NodeJS.ProcessEnv): string | null;
export type PostgresServer = {
  /** postgresql://warden@127.0.0.1:<port>/<database>: no password, trust on loopback only. */
  url: string;
  port: number;
  dir: string;
  version: string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};
export function startPostgres(options?: { database?: string; env?: NodeJS.ProcessEnv; keep?: boolean }): Promise<PostgresServer>;
export function startPostgresSync(options?: { database?: string; env?: NodeJS.ProcessEnv }): Omit<PostgresServer, 'createDatabase' | 'stop'> & { stop(): void };
