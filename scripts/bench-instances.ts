// `npm run bench:instances [-- --accounts 1000] [--concurrency 32] [--only sqlite,postgresql,postgresql-2]`:
// the sync of one sandbox organization and each screen's API, over HTTP against real Warden
// servers (`next start` of the production build), on SQLite with one server, on PostgreSQL with
// one, and on PostgreSQL with two sharing the work through the job queue — in the same run, on the
// same sandbox process (the organization's N member accounts, read through their member role).
// Measures; asserts nothing (the note of issue 17 quotes it).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from '@/scripts/lib/postgres-server.mjs';
import { createAdmin, migrate, signIn, startSandboxProcess, startWarden, type ApiClient, type WardenServer } from '@/scripts/lib/instances.mjs';
import { spawnSync } from 'node:child_process';

const configs = ['sqlite', 'postgresql', 'postgresql-2'] as const;
type Config = (typeof configs)[number];

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '32' },
    only: { type: 'string', default: configs.join(',') },
  },
});
const accounts = Number(values.accounts);
if (!Number.isInteger(accounts) || accounts < 1 || accounts > 5000) throw new Error('--accounts must be a whole number from 1 to 5000');
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be a whole number from 1 to 64');
const only = (values.only ?? '').split(',').map((x) => x.trim());
for (const c of only) if (!(configs as readonly string[]).includes(c)) throw new Error(`--only: "${c}" is not one of ${configs.join(', ')}`);

const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Peak resident memory of a process so far (Linux), in MB; null where it cannot be read. */
function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function sandboxCalls(endpoint: string): Promise<number> {
  const { calls } = (await (await fetch(`${endpoint}/_sandbox/calls`)).json()) as { calls: Record<string, number> };
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** What each screen asks for at its first render, over HTTP; `:run` is the newest run. */
const screens = [
  '/api/health',
  '/api/checklist/summary',
  '/api/checklist/history',
  '/api/accounts?sort=problems&page=1&pageSize=8',
  '/api/accounts/directory?take=100',
  '/api/findings',
  '/api/credentials',
  '/api/credentials/summary',
  '/api/activity/events',
  '/api/activity/daily',
  '/api/reviews',
  '/api/sync',
  '/api/sync/runs/:run/accounts',
];

async function measureScreens(client: ApiClient, runId: string): Promise<Map<string, { ms: number; bytes: number; status: number }>> {
  const results = new Map<string, { ms: number; bytes: number; status: number }>();
  for (const screen of screens) {
    const path = screen.replace(':run', runId);
    const call = async () => {
      const t = performance.now();
      const r = await client.get(path);
      return { ms: performance.now() - t, bytes: Buffer.byteLength(r.text), status: r.status };
    };
    await call();
    const samples = [];
    for (let i = 0; i < 5; i += 1) samples.push(await call());
    results.set(screen, { ms: median(samples.map((s) => s.ms)), bytes: samples[0]?.bytes ?? 0, status: samples[0]?.status ?? 0 });
  }
  return results;
}

type Result = { config: Config; seconds: number; requests: number; status: string; peakRss: (number | null)[]; screens: Map<string, { ms: number; bytes: number; status: number }> };

async function main() {
  // The production build the servers serve (built when the sources changed).
  const built = spawnSync(process.execPath, ['--input-type=module', '-e', "await (await import('./scripts/lib/setup.mjs')).ensureBuilt()"], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  out(`sandbox organization of ${accounts} member accounts; WARDEN_SYNC_CONCURRENCY=${concurrency} per server`);
  const sandbox = await startSandboxProcess({ accounts });
  const postgres = only.some((c) => c.startsWith('postgresql')) ? await startPostgres({ database: 'warden_bench' }) : null;
  const admin = { username: 'bench-admin', password: randomBytes(12).toString('hex') };
  const results: Result[] = [];
  try {
    for (const config of configs.filter((c) => only.includes(c))) {
      const databaseUrl = config === 'sqlite' ? `file:${join(mkdtempSync(join(tmpdir(), 'warden-bench-')), 'warden.db')}` : await postgres!.createDatabase(`warden_${config.replace('-', '_')}`);
      migrate(databaseUrl);
      createAdmin(databaseUrl, admin.username, admin.password);
      const count = config === 'postgresql-2' ? 2 : 1;
      const servers: WardenServer[] = await Promise.all(
        Array.from({ length: count }, (_, i) => startWarden({ name: `${config} #${i + 1}`, databaseUrl, sandbox, env: { WARDEN_SYNC_CONCURRENCY: String(concurrency) } })),
      );
      try {
        const client = await signIn(servers[0]!, admin.username, admin.password);
        await fetch(`${sandbox.endpoint}/_sandbox/calls`, { method: 'DELETE' });
        out(`\n${config}: syncing …`);
        const started = performance.now();
        const post = await client.post('/api/sync', {});
        if (post.status !== 202) throw new Error(`POST /api/sync: ${post.status} ${post.text}`);
        const runId: string = post.json.runId;
        let status = 'running';
        while (status === 'running') {
          await new Promise((r) => setTimeout(r, 1000));
          const list = await client.get('/api/sync?take=1');
          status = list.json?.runs?.[0]?.id === runId ? list.json.runs[0].status : 'running';
        }
        const seconds = (performance.now() - started) / 1000;
        const requests = await sandboxCalls(sandbox.endpoint);
        out(`${config}: ${status} in ${seconds.toFixed(1)} s, ${requests} requests`);
        const measured = await measureScreens(client, runId);
        results.push({ config, seconds, requests, status, peakRss: servers.map((s) => peakRssMb(s.pid)), screens: measured });
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
  } finally {
    await sandbox.stop();
    await postgres?.stop();
  }

  out('\n| | ' + results.map((r) => r.config).join(' | ') + ' |');
  out('| --- |' + results.map(() => ' --- |').join(''));
  out('| first sync | ' + results.map((r) => `${r.seconds.toFixed(0)} s, ${r.status}`).join(' | ') + ' |');
  out('| AWS requests | ' + results.map((r) => String(r.requests)).join(' | ') + ' |');
  out('| peak RSS per server | ' + results.map((r) => r.peakRss.map((x) => (x === null ? '?' : `${x} MB`)).join(' + ')).join(' | ') + ' |');
  for (const screen of screens) {
    const cells = results.map((r) => {
      const m = r.screens.get(screen);
      const health = r.screens.get('/api/health');
      if (!m || !health) return '—';
      return `${m.ms.toFixed(1)} ms (${(m.ms / Math.max(0.01, health.ms)).toFixed(1)}×)${m.status === 200 ? '' : ` ${m.status}`}`;
    });
    out(`| ${screen.replace(':run', ':id')} | ${cells.join(' | ')} |`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
