// Several Warden servers on one PostgreSQL and one standalone sandbox organization, as a team runs
// them behind a load balancer: used by the two-instance journey (e2e/instances/) and the
// PostgreSQL benchmark. Each server is `next start` of the production build in AWS mode, pointed
// at the sandbox through AWS_ENDPOINT_URL and reading the organization through its member role.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { baseEnv, bin, root, serveEnv } from './setup.mjs';

/** A free loopback port (closed again before it is used; good enough on one machine). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Collects a child's output; `waitFor` resolves when a line matches, rejects when it exits first. */
function watch(child, name) {
  let output = '';
  const waiters = [];
  const onData = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
    for (const w of [...waiters]) if (w.pattern.test(output)) w.resolve(output);
  };
  child.stdout?.setEncoding('utf8').on('data', onData);
  child.stderr?.setEncoding('utf8').on('data', onData);
  child.on('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${output.slice(-4000)}`));
  });
  return {
    output: () => output,
    waitFor(pattern, timeoutMs = 120_000) {
      if (pattern.test(output)) return Promise.resolve(output);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} was not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
        waiters.push({ pattern, resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
  };
}

/** Kills a child and its process group (next start spawns a worker). */
function killTree(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  });
}

/** The sandbox organization (`npm run sandbox`) on its own port, with `accounts` generated members. */
export async function startSandboxProcess({ accounts = 20, faults = [], extra = [] } = {}) {
  const port = await freePort();
  const args = [join(root, 'scripts', 'run-ts.mjs'), join(root, 'scripts', 'sandbox.ts'), '--port', String(port), '--accounts', String(accounts), '--external-id', 'none', ...extra];
  for (const f of faults) args.push('--fault', f);
  const child = spawn(process.execPath, args, { cwd: root, env: baseEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = watch(child, 'the sandbox');
  await out.waitFor(/Ctrl-C stops it/);
  return { endpoint: `http://127.0.0.1:${port}`, port, output: out.output, stop: () => killTree(child, 'SIGTERM') };
}

/** Applies PostgreSQL's committed migrations to `databaseUrl` (what `npm start` does first). */
export function migrate(databaseUrl) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'db-migrate.mjs')], { cwd: root, env: baseEnv({ DATABASE_URL: databaseUrl }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`db:migrate failed: ${r.stderr}${r.stdout}`);
}

/** A local administrator, made with `npm run user:create-admin` (password on standard input). */
export function createAdmin(databaseUrl, username, password) {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', join(root, 'scripts', 'create-admin.ts'), '--username', username], {
    cwd: root,
    env: baseEnv({ DATABASE_URL: databaseUrl }),
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`user:create-admin failed: ${r.stderr}${r.stdout}`);
}

/**
 * One Warden server (the production build must exist: `npm run build`) on PostgreSQL, reading the
 * sandbox's organization. `env` adds to or overrides the instance's settings.
 */
export async function startWarden({ name, databaseUrl, sandbox, env = {} }) {
  const port = await freePort();
  const child = spawn(bin('next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serveEnv({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      WARDEN_MODE: 'aws',
      AWS_ACCESS_KEY_ID: 'AKIAWARDENINSTANCES1',
      AWS_SECRET_ACCESS_KEY: 'any-secret-the-sandbox-takes',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: sandbox.endpoint,
      WARDEN_REGIONS: 'us-east-1',
      WARDEN_MEMBER_ROLE_NAME: 'WardenAuditRole',
      WARDEN_SYNC_ON_START: 'false',
      WARDEN_SYNC_SCHEDULE: 'off',
      ...env,
    }),
  });
  const out = watch(child, name);
  const url = `http://127.0.0.1:${port}`;
  // Ready when its health check answers (the queue has started by then: instrumentation ran).
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${out.output().slice(-4000)}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.status < 500, () => false);
    if (ok) break;
    if (Date.now() > until) {
      // Not left running behind the caller's back.
      await killTree(child, 'SIGKILL');
      throw new Error(`${name} did not answer /api/health:\n${out.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    url,
    pid: child.pid,
    output: out.output,
    /** Gone at once, as a crashed machine: nothing is finished or released. */
    kill: () => killTree(child, 'SIGKILL'),
    stop: () => killTree(child, 'SIGTERM'),
  };
}

/** A signed-in API client of one server: JSON in and out, the session cookie carried by hand. */
export async function signIn(server, username, password) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in on ${server.name}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  return apiClient(server, cookie);
}

/** The same session on another server (sessions live in the database). */
export function apiClient(server, cookie) {
  const call = async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text below
    }
    return { status: res.status, json, text };
  };
  return { cookie, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
