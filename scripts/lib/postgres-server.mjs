// A throwaway PostgreSQL for tests: a new cluster in a temporary directory (initdb), started on a
// free loopback port with its unix socket in that directory (pg_ctl), one database created in it,
// and everything stopped and deleted again at the end. Debian's `postgresql` package provides the
// programs (scripts/lib/provision.mjs ensurePostgres installs it where it is missing); no Docker,
// nothing downloaded.
//
// initdb and postgres refuse to run as root. Run as root (CI, these machines), the cluster belongs
// to an unprivileged user instead (WARDEN_POSTGRES_USER, default `nobody`), started through
// `runuser`, and its directory is made theirs.
//
// Plain ESM on Node built-ins (and `pg`, loaded when a database is created): scripts and the
// TypeScript tests both use it.

import { spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export class PostgresServerError extends Error {
  name = 'PostgresServerError';
}

/** Whether `path` is a file this process may run. */
export const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const hasServerPrograms = (dir) => ['initdb', 'pg_ctl', 'postgres'].every((name) => isExecutable(join(dir, name)));

/**
 * The directory holding initdb, pg_ctl and postgres: WARDEN_POSTGRES_BIN when set (it must hold
 * them), else Debian's /usr/lib/postgresql/<newest version>/bin, else the directory on PATH that
 * has all three. Null when there is none.
 */
export function findPostgresBin(env = process.env) {
  if (env.WARDEN_POSTGRES_BIN) {
    if (hasServerPrograms(env.WARDEN_POSTGRES_BIN)) return env.WARDEN_POSTGRES_BIN;
    throw new PostgresServerError(`WARDEN_POSTGRES_BIN is set to ${env.WARDEN_POSTGRES_BIN}, which does not hold initdb, pg_ctl and postgres`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      if (hasServerPrograms(join(debian, version, 'bin'))) return join(debian, version, 'bin');
    }
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (hasServerPrograms(dir)) return dir;
  }
  return null;
}

/** A port nothing listens on right now (the kernel's pick). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Starts a throwaway PostgreSQL and creates `database` in it.
 *
 * @param {{ database?: string, env?: NodeJS.ProcessEnv, keep?: boolean }} [options] keep: leave it running when this process exits
 * @returns {Promise<{ url: string, port: number, dir: string, version: string, createDatabase(name: string): Promise<string>, stop(): Promise<void> }>}
 *   `url` is a postgresql:// URL of the database (user `warden`, no password: trust on loopback only);
 *   `createDatabase` makes another one and returns its URL; `stop` stops the server and deletes its directory.
 */
/** The server programs and who runs them: as root, an unprivileged user through runuser. */
function serverPrograms(env) {
  const bin = findPostgresBin(env);
  if (!bin) {
    throw new PostgresServerError(
      'no PostgreSQL server programs (initdb, pg_ctl): install Debian\'s package (`sudo apt-get install postgresql`) or set WARDEN_POSTGRES_BIN to the directory that holds them',
    );
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const owner = asRoot ? (env.WARDEN_POSTGRES_USER ?? 'nobody') : null;
  /** Runs one of the server programs, as the cluster's owner. */
  const runProgram = (program, args, { timeout = 60_000 } = {}) => {
    const command = owner ? ['runuser', ['-u', owner, '--', join(bin, program), ...args]] : [join(bin, program), args];
    // TZ reaches initdb, which makes it the cluster's time zone, as a server set up on such a machine
    // would have it: a test run in a zone far from UTC (npm test's PostgreSQL pass) runs its server there too.
    const zone = env.TZ && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(env.TZ) ? { TZ: env.TZ } : {};
    const result = spawnSync(command[0], command[1], { encoding: 'utf8', timeout, env: { PATH: env.PATH ?? '', LANG: 'C', LC_ALL: 'C', ...zone } });
    if (result.status !== 0) {
      const reason = result.error?.message ?? `exit ${result.status ?? result.signal}`;
      throw new PostgresServerError(`${program} failed (${reason}):\n${`${result.stderr ?? ''}${result.stdout ?? ''}`.trim()}`);
    }
    return result.stdout;
  };
  return { owner, runProgram };
}

/** Stops the cluster in `dir` (if it runs) and deletes the directory. Synchronous: safe in an exit hook. */
function stopCluster(dir, runProgram) {
  try {
    runProgram('pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-w'], { timeout: 30_000 });
  } catch {
    // Not running (never started, or already gone): the directory is deleted all the same.
  }
  rmSync(dir, { recursive: true, force: true });
}

export async function startPostgres({ database = 'warden', env = process.env, keep = false } = {}) {
  if (!IDENTIFIER.test(database)) throw new PostgresServerError(`"${database}" is not a plain database name`);
  const { owner, runProgram } = serverPrograms(env);

  const dir = mkdtempSync(join(tmpdir(), 'warden-pg-'));
  const data = join(dir, 'data');
  let started = false;
  const stopSync = () => {
    if (started) {
      started = false;
      stopCluster(dir, runProgram);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test run that ends without calling stop() (a crash, an assertion between start and stop)
  // must not leave a server behind; `keep` hands that duty to the caller (startPostgresSync).
  if (!keep) process.once('exit', stopSync);

  try {
    if (owner) {
      const uid = Number(spawnSync('id', ['-u', owner], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', owner], { encoding: 'utf8' }).stdout.trim());
      if (!Number.isInteger(uid) || uid === 0) throw new PostgresServerError(`no unprivileged user "${owner}" to run PostgreSQL as (WARDEN_POSTGRES_USER)`);
      chownSync(dir, uid, gid);
    }
    const version = runProgram('postgres', ['--version']).trim();
    // Durability is of no use to a throwaway cluster; without it tests run several times faster.
    runProgram('initdb', ['-D', data, '-A', 'trust', '-U', 'warden', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        started = true;
        runProgram('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options]);
        break;
      } catch (error) {
        started = false;
        // Another process took the port between the pick and the start: pick again.
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
        throw new PostgresServerError(`${error instanceof Error ? error.message : String(error)}\n${log.trim()}`);
      }
    }
    const urlOf = (name) => `postgresql://warden@127.0.0.1:${port}/${name}`;
    const createDatabase = async (name) => {
      if (!IDENTIFIER.test(name)) throw new PostgresServerError(`"${name}" is not a plain database name`);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    };
    const url = await createDatabase(database);
    return {
      url,
      port,
      dir,
      version,
      createDatabase,
      async stop() {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}

/**
 * startPostgres for set-up code that cannot wait for a promise (lib/testing/test-store.ts runs
 * before a test file's other imports): a child process starts the server and leaves it running,
 * and this process stops and deletes it when it exits (or at stop(), which is synchronous).
 *
 * @param {{ database?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export function startPostgresSync({ database = 'warden', env = process.env } = {}) {
  const { runProgram } = serverPrograms(env);
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'start', database], { encoding: 'utf8', env, timeout: 120_000 });
  if (result.status !== 0) throw new PostgresServerError(`could not start a throwaway PostgreSQL: ${(result.stderr || result.error?.message || '').trim()}`);
  const { url, port, dir, version } = JSON.parse(result.stdout);
  let stopped = false;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  // Killed (a test runner's timeout, Ctrl-C), the process runs no exit hook: the server is stopped
  // first, then the signal is sent again to take its usual course.
  const onSignal = (signal) => {
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    for (const signal of signals) process.removeListener(signal, onSignal);
    stopCluster(dir, runProgram);
  };
  process.once('exit', stop);
  for (const signal of signals) process.once(signal, onSignal);
  return { url, port, dir, version, stop };
}

// `node scripts/lib/postgres-server.mjs start [database]`: starts one, prints { url, port, dir,
// version } as JSON and leaves it running (startPostgresSync's child).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'start') {
  startPostgres({ database: process.argv[3] ?? 'warden', keep: true }).then(
    ({ url, port, dir, version }) => process.stdout.write(`${JSON.stringify({ url, port, dir, version })}\n`),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
