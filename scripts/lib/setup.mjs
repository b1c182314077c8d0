// The steps `npm start` and `npm test` share: install what is missing, generate the Prisma client,
// build when the sources changed. Node built-ins only: this runs before anything is installed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Environment every child gets: no telemetry, no SDK nag, nothing that reaches out. */
export function baseEnv(extra = {}) {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    ...extra,
  };
}

export const DEFAULT_MAX_HEAP_MB = 384;

/**
 * The bound on V8's heap for Warden's own processes (the server, `npm run sync`, the benchmark):
 * WARDEN_MAX_HEAP_MB, default 384. Without it V8 sizes the heap from the machine's memory (about
 * 4 GB on 24 GB) and lets garbage grow with the organization (1 GB at 1,000 accounts, nearly all
 * of it garbage); what a sync keeps alive is bounded by its largest account, about 200 MB for one
 * of 5,000 users and 20,000 findings (npm run bench).
 */
export function heapOption(env = process.env) {
  const raw = env.WARDEN_MAX_HEAP_MB;
  const mb = raw === undefined || raw.trim() === '' ? DEFAULT_MAX_HEAP_MB : Number(raw);
  if (!Number.isInteger(mb) || mb < 128 || mb > 65536) {
    throw new Error(`WARDEN_MAX_HEAP_MB must be a whole number of megabytes from 128 to 65536, not "${raw}"`);
  }
  return `--max-old-space-size=${mb}`;
}

/** The environment of a serving Next.js process: the socket address reaches route handlers (./peer-address.mjs); the heap is bounded. */
export function serveEnv(extra = {}) {
  const base = baseEnv(extra);
  const preload = `--import=${JSON.stringify(pathToFileURL(join(root, 'scripts', 'lib', 'peer-address.mjs')).href)}`;
  return { ...base, NODE_OPTIONS: [base.NODE_OPTIONS, preload, heapOption(base)].filter(Boolean).join(' ') };
}

export function log(message) {
  process.stdout.write(`[warden] ${message}\n`);
}

/** Runs a command with inherited output; rejects with its exit code when it fails. */
export function run(command, args, { env = baseEnv(), cwd = root, capture = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        output += d;
        process.stdout.write(d);
      });
      child.stderr.on('data', (d) => {
        output += d;
        process.stderr.write(d);
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise({ code, output });
      else {
        const error = new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
        error.exitCode = code ?? 1;
        error.output = output;
        reject(error);
      }
    });
  });
}

export const bin = (name) => join(root, 'node_modules', '.bin', name);

/** `npm ci` when node_modules is missing or older than the lockfile. */
export async function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const fresh = existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs);
  if (fresh && existsSync(join(root, 'node_modules', 'next')) && existsSync(join(root, 'node_modules', 'better-sqlite3', 'build'))) {
    return false;
  }
  log('installing dependencies (npm ci) …');
  const started = Date.now();
  await run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  log(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

/**
 * The two Prisma clients, each generated from its schema: SQLite's from prisma/schema.prisma (the
 * source of truth), PostgreSQL's from prisma/postgresql/schema.prisma, which is derived from it
 * first (scripts/lib/derive-postgres-schema.mjs; rewritten only when it would change).
 */
export const prismaClients = [
  { schema: join('prisma', 'schema.prisma'), client: join('lib', 'generated', 'prisma', 'client.ts') },
  { schema: join('prisma', 'postgresql', 'schema.prisma'), client: join('lib', 'generated', 'prisma-pg', 'client.ts') },
];

/** `prisma generate` for each client that is missing or older than its schema. */
export async function ensureGenerated() {
  const { writePostgresSchema } = await import('./derive-postgres-schema.mjs');
  writePostgresSchema();
  let generated = false;
  for (const { schema, client } of prismaClients) {
    if (existsSync(join(root, client)) && statSync(join(root, client)).mtimeMs >= statSync(join(root, schema)).mtimeMs) continue;
    log(`generating the Prisma client from ${schema} …`);
    await run(bin('prisma'), ['generate', '--schema', schema], { env: baseEnv() });
    generated = true;
  }
  return generated;
}

const buildInputs = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs', 'prisma/schema.prisma', 'prisma/postgresql/schema.prisma', 'public', 'instrumentation.ts', 'proxy.ts'];

function* walk(path) {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry === 'generated' || entry.endsWith('.test.ts')) continue;
    yield* walk(join(path, entry));
  }
}

/** A hash of everything that goes into `next build`, to skip rebuilding an unchanged tree. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const input of buildInputs) {
    for (const file of walk(join(root, input))) {
      hash.update(relative(root, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export const distDir = () => join(root, process.env.WARDEN_DIST_DIR || '.next');

/** The build ID of sources with this hash (next.config.js reads it as WARDEN_BUILD_ID): the same on every instance built from them. */
export function buildIdOf(hash) {
  return `warden-${hash.slice(0, 20)}`;
}

export async function ensureBuilt({ force = false } = {}) {
  const stamp = join(distDir(), 'warden-build-hash');
  const hash = sourceHash();
  if (!force && existsSync(stamp) && existsSync(join(distDir(), 'BUILD_ID')) && readFileSync(stamp, 'utf8') === hash) {
    return false;
  }
  log('building the app (next build) …');
  const started = Date.now();
  await run(bin('next'), ['build'], { env: baseEnv({ WARDEN_BUILD_ID: buildIdOf(hash) }) });
  writeFileSync(stamp, hash);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}
