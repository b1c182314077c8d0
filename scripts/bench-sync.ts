// `npm run bench [-- --accounts 1000] [--seed 1] [--cloudtrail-rps 1000] [--no-scale] [--keep] [--screens <kept db>]`: Warden at
// organization scale, measured in one run, through the real SDK, the real collectors and a fresh
// SQLite database:
//   - the sandbox runs as its own process (`npm run sandbox -- --accounts N` plus the 5,000-user
//     acme-scale account), so the memory measured is Warden's alone;
//   - a first and a second (nothing new) sync of the whole organization: wall time, requests and
//     operations per API, retries, the share of the first sync a re-sync costs, peak memory (RSS)
//     and the database's size;
//   - the checklist evaluation of the 5,000-user account;
//   - ingest: the writers' multi-row inserts of each source's rows against a raw better-sqlite3
//     bulk insert of the same rows;
//   - each screen's API: response time and size as a ratio to /api/health, measured in this run.
// No figure is asserted: this is a measurement (the note of issue 16 quotes it), not a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BulkTable } from '@/lib/bulk-insert';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'cloudtrail-rps': { type: 'string', default: '1000' },
    'no-scale': { type: 'boolean', default: false },
    // Keeps the benchmark's database (its path is printed) for a closer look, e.g. a CPU profile.
    keep: { type: 'boolean', default: false },
    // Only the screen APIs, on a database a run with --keep left (no sandbox, no sync).
    screens: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const rps = Number(values['cloudtrail-rps']);
if (!Number.isInteger(accounts) || accounts < 1 || accounts > 5000) throw new Error('--accounts must be a whole number from 1 to 5000');
if (!Number.isFinite(rps) || rps <= 0) throw new Error('--cloudtrail-rps must be a positive number');

// A database of its own, migrated before anything opens it.
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
const dbFile = values.screens ?? join(dir, 'warden.db');
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.WARDEN_MODE = 'demo';
process.env.WARDEN_SYNC_SCHEDULE = 'off';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

type SandboxProcess = { child: ChildProcess; endpoint: string; accessKeyId: string; secretAccessKey: string; demo: { name: string; roleArn: string; externalId: string | null }[] };

/** `npm run sandbox` in a process of its own; resolves once it printed where it listens and how to reach each account. */
function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sandbox.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready:\n${text}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const endpoint = /listening on (http:\/\/[^\s]+)/.exec(text)?.[1];
      const accessKeyId = /AWS_ACCESS_KEY_ID=(\S+)/.exec(text)?.[1];
      const secretAccessKey = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(text)?.[1];
      if (!endpoint || !accessKeyId || !secretAccessKey) return;
      const demo = [...text.matchAll(/^\s+\d{12}\s+(\S+)\s+\S+\s+assume (arn:\S+)(?: \(ExternalId ([^)]+)\))?/gm)].map((m) => ({ name: m[1] ?? '', roleArn: m[2] ?? '', externalId: m[3] ?? null }));
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({ child, endpoint, accessKeyId, secretAccessKey, demo });
    });
  });
}

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

function dbSize(): number {
  let size = 0;
  for (const f of [dbFile, `${dbFile}-wal`]) {
    try {
      size += statSync(f).size;
    } catch {
      // no WAL file
    }
  }
  return size;
}

async function main() {
  const { applyMigrations } = await import('@/scripts/lib/migrations.mjs');
  applyMigrations({ databaseUrl: process.env.DATABASE_URL, migrationsDir: join(process.cwd(), 'prisma', 'migrations') });
  const { db } = await import('@/lib/db');
  if (values.screens) {
    const scale = await db.account.findFirst({ where: { name: 'acme-scale' } });
    out(`screens only, on ${values.screens}: ${await db.account.count()} accounts`);
    await benchScreens(scale?.id ?? null);
    await db.$disconnect();
    return;
  }
  const { runSync } = await import('@/lib/sync/run-sync');
  const { checklistEvaluator, evaluateAccountChecklist } = await import('@/lib/checklist/evaluate-account');

  const scaleArgs = values['no-scale'] ? [] : ['--users', '5000', '--roles', '1000', '--findings', '20000', '--events', '200000'];
  let t = performance.now();
  const sandbox = await startSandboxProcess(['--port', '0', '--seed', values.seed ?? '1', '--accounts', String(accounts), ...scaleArgs]);
  out(`sandbox (own process): ${accounts} generated member accounts${scaleArgs.length > 0 ? ' + acme-scale (5,000 users, 1,000 roles, 20,000 findings, 200,000 events)' : ''}, ready in ${seconds(performance.now() - t)}`);
  try {
    const info = (await (await fetch(`${sandbox.endpoint}/_sandbox/info`)).json()) as { organization: { memberRoleName: string; memberRoleExternalId: string | null; accountCount: number; organizationalUnitCount: number } };
    out(`organization: ${info.organization.accountCount} accounts in ${info.organization.organizationalUnitCount} OUs; member role ${info.organization.memberRoleName}`);
    const plan = {
      mode: 'demo' as const,
      target: { region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey }, maxAttempts: 3 },
      baseAccountName: 'acme-management',
      // The demo accounts as the sandbox names them (acme-legacy is outside the organization); the rest is discovered.
      assumed: sandbox.demo.map((a) => ({ ...a, isOwn: true })),
      regions: null,
      organization: { memberRoleName: info.organization.memberRoleName, externalId: info.organization.memberRoleExternalId, excludedAccounts: [], excludedOus: [] },
    };
    // Each run evaluates the checklists as a sync started from the UI does.
    const opts = () => ({
      trigger: 'cli' as const,
      options: { cloudTrailRequestsPerSecond: rps },
      afterAccount: checklistEvaluator(),
    });

    type Run = Awaited<ReturnType<typeof runSync>>;
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const report = (label: string, r: Run, ms: number, peak: number) => {
      const requests = sum(r.calls);
      const commands = sum(r.commands);
      out(`\n${label}: ${r.status} in ${seconds(ms)}; ${requests} requests for ${commands} operations (${requests - commands} retries; ${(requests / commands).toFixed(3)}×); ${r.accounts.length} accounts read; peak RSS ${mb(peak)}; database ${mb(dbSize())}`);
      out(`  ${'operation'.padEnd(48)} ${'requests'.padStart(9)} ${'operations'.padStart(10)} ${'per account'.padStart(11)}`);
      for (const [op, n] of Object.entries(r.calls)) {
        const c = r.commands[op] ?? 0;
        out(`  ${op.padEnd(48)} ${String(n).padStart(9)} ${String(c).padStart(10)} ${(c / Math.max(1, r.accounts.length)).toFixed(2).padStart(11)}`);
      }
      return { requests, commands };
    };

    // First sync, then a second one with nothing new.
    t = performance.now();
    const first = await withPeakRss(() => runSync(plan, opts()));
    const firstMs = performance.now() - t;
    const f = report('first sync', first.value, firstMs, first.peak);
    const stored = {
      accounts: await db.account.count(),
      credentialRows: await db.credentialReportEntry.count(),
      iamUsers: await db.iamUser.count(),
      findings: await db.finding.count(),
      duplicates: await db.finding.count({ where: { duplicateOf: { not: null } } }),
      notableEvents: await db.trailEvent.count(),
      eventsCounted: (await db.eventDailyCount.aggregate({ _sum: { count: true } }))._sum.count ?? 0,
    };
    out(`  stored: ${JSON.stringify(stored)}`);
    const details = first.value.commands['access-analyzer:GetFindingV2'] ?? 0;
    out(`  GetFindingV2 operations: ${details} (only findings whose listing carries no details: unused and internal access)`);

    t = performance.now();
    const second = await withPeakRss(() => runSync(plan, opts()));
    const s = report('second sync (nothing new)', second.value, performance.now() - t, second.peak);
    out(`  a re-sync costs ${((100 * s.requests) / f.requests).toFixed(1)}% of the first sync's requests`);
    // Where volume dominates (the 5,000-user account) and where per-account reads do (the rest).
    const callsOf = (r: Run, name: string) => {
      const a = r.accounts.find((x) => x.name === name);
      return a ? Object.values(a.sources).reduce((n, src) => n + src.apiCalls, 0) : null;
    };
    const scaleFirst = callsOf(first.value, 'acme-scale');
    const scaleSecond = callsOf(second.value, 'acme-scale');
    if (scaleFirst && scaleSecond !== null) {
      out(`  acme-scale's sources alone: ${scaleFirst} requests first, ${scaleSecond} on the re-sync (${((100 * scaleSecond) / scaleFirst).toFixed(1)}%)`);
      const others = first.value.accounts.length - 1;
      out(`  the other ${others} accounts: ${((f.requests - scaleFirst) / others).toFixed(1)} requests each first, ${((s.requests - scaleSecond) / others).toFixed(1)} each on the re-sync`);
    }

    // The checklist of the 5,000-user account.
    const scale = await db.account.findFirst({ where: { name: 'acme-scale' } });
    if (scale) {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        t = performance.now();
        await evaluateAccountChecklist(scale.id, null);
        times.push(performance.now() - t);
      }
      out(`\nchecklist evaluation of acme-scale (5,000 users): median ${seconds(median(times))} of 3 (${times.map((x) => seconds(x)).join(', ')})`);
    }

    if (scale) await benchIngest(scale.id);
    await benchScreens(scale?.id ?? null);
  } finally {
    sandbox.child.kill('SIGTERM');
    const { db } = await import('@/lib/db');
    await db.$disconnect();
    if (values.keep) out(`\ndatabase kept: ${dbFile}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Ingest: each source's rows for acme-scale written again the way its writer writes them
 * (insertRows: multi-row inserts through the driver adapter, in one transaction) and with a raw better-sqlite3 prepared statement in
 * one transaction; both copies are removed afterwards.
 */
async function benchIngest(accountId: string) {
  const { db } = await import('@/lib/db');
  const { insertRows } = await import('@/lib/bulk-insert');
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(dbFile);
  raw.pragma('journal_mode = WAL');
  out('\ningest of acme-scale\'s rows: the writers\' multi-row inserts against a raw better-sqlite3 bulk insert');
  const snapshotOf = async (source: string) => (await db.snapshot.findFirstOrThrow({ where: { accountId, source }, orderBy: { takenAt: 'desc' } })).id;
  const copySnapshot = async (source: string) => (await db.snapshot.create({ data: { accountId, source, runId: null, takenAt: new Date(), meta: { bench: true } } })).id;
  const cases: { table: BulkTable; model: 'credentialReportEntry' | 'iamUser' | 'finding' | 'trailEvent'; where: string; key: string; source?: string; whereArgs: unknown[] }[] = [
    { table: 'CredentialReportEntry', model: 'credentialReportEntry', where: '"snapshotId" = ?', key: 'snapshotId', source: 'credential-report', whereArgs: [] },
    { table: 'IamUser', model: 'iamUser', where: '"snapshotId" = ?', key: 'snapshotId', source: 'account', whereArgs: [] },
    { table: 'Finding', model: 'finding', where: '"accountId" = ?', key: 'key', whereArgs: [accountId] },
    { table: 'TrailEvent', model: 'trailEvent', where: '"accountId" = ?', key: 'eventId', whereArgs: [accountId] },
  ];
  for (const c of cases) {
    const args = c.source ? [await snapshotOf(c.source)] : c.whereArgs;
    const rows = raw.prepare(`SELECT * FROM "${c.table}" WHERE ${c.where}`).all(...args) as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0] ?? {});
    const idColumn = columns.includes('id') && c.key !== 'id' ? 'id' : null;
    const fresh = async (suffix: string) => {
      const target = c.source ? await copySnapshot(c.source) : null;
      return rows.map((r, i) => ({ ...r, [c.key]: target ?? `${String(r[c.key])}${suffix}`, ...(idColumn ? { [idColumn]: `${String(r[idColumn])}${suffix}${i}` } : {}) }));
    };
    // Prisma: the objects Prisma reads back, keyed anew, inserted as the writers do.
    const prismaSource = (await (db[c.model] as unknown as { findMany: (a: unknown) => Promise<Record<string, unknown>[]> }).findMany({ where: c.source ? { snapshotId: args[0] } : { accountId } }));
    const prismaTarget = c.source ? await copySnapshot(c.source) : null;
    const prismaRows = prismaSource.map((r, i) => {
      const copy: Record<string, unknown> = { ...r, [c.key]: prismaTarget ?? `${String(r[c.key])}-p` };
      if (idColumn) copy[idColumn] = `${String(r[idColumn])}-p${i}`;
      for (const [k, v] of Object.entries(copy)) if (v === null) delete copy[k];
      return copy;
    });
    let t = performance.now();
    await db.$transaction((tx) => insertRows(tx, c.table, prismaRows as never[]), { timeout: 300_000 });
    const prismaMs = performance.now() - t;
    const rawRows = await fresh('-r');
    const insert = raw.prepare(`INSERT INTO "${c.table}" (${columns.map((k) => `"${k}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    t = performance.now();
    raw.transaction((list: Record<string, unknown>[]) => {
      for (const r of list) insert.run(...columns.map((k) => r[k]));
    })(rawRows);
    const rawMs = performance.now() - t;
    out(`  ${c.table.padEnd(22)} ${String(rows.length).padStart(7)} rows: writers ${seconds(prismaMs)}, raw ${seconds(rawMs)} (${(prismaMs / rawMs).toFixed(1)}×)`);
  }
  // The copies go: benchmark snapshots cascade their rows; keyed copies by their suffix.
  await db.snapshot.deleteMany({ where: { accountId, runId: null, meta: { equals: { bench: true } } } });
  raw.prepare(`DELETE FROM "Finding" WHERE "key" LIKE '%-p' OR "key" LIKE '%-r'`).run();
  raw.prepare(`DELETE FROM "TrailEvent" WHERE "eventId" LIKE '%-p' OR "eventId" LIKE '%-r'`).run();
  raw.close();
}

/** Each screen's API at this scale against /api/health, called in this process like Next calls the route. */
async function benchScreens(scaleId: string | null) {
  const { db } = await import('@/lib/db');
  const latestRun = await db.syncRun.findFirst({ orderBy: { startedAt: 'desc' }, select: { id: true } });
  type Handler = (r: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
  // What each screen asks for at its first render (the full checklist is the API's export, not a screen's).
  const routes: { path: string; params?: Record<string, string>; load: () => Promise<{ GET: Handler }> }[] = [
    { path: '/api/health', load: () => import('@/app/api/health/route') as never },
    { path: '/api/accounts?sort=problems&page=1&pageSize=8', load: () => import('@/app/api/accounts/route') as never },
    { path: '/api/accounts', load: () => import('@/app/api/accounts/route') as never },
    { path: '/api/accounts/directory?take=100', load: () => import('@/app/api/accounts/directory/route') as never },
    { path: '/api/checklist/summary', load: () => import('@/app/api/checklist/summary/route') as never },
    ...(scaleId
      ? [
          { path: `/api/checklist/items?account=${scaleId}`, load: () => import('@/app/api/checklist/items/route') as never },
          { path: `/api/checklist/evidence?account=${scaleId}&item=user-mfa`, load: () => import('@/app/api/checklist/evidence/route') as never },
          { path: `/api/checklist?account=${scaleId}`, load: () => import('@/app/api/checklist/route') as never },
        ]
      : []),
    { path: '/api/checklist/history', load: () => import('@/app/api/checklist/history/route') as never },
    { path: '/api/findings', load: () => import('@/app/api/findings/route') as never },
    { path: '/api/credentials', load: () => import('@/app/api/credentials/route') as never },
    { path: '/api/credentials/summary', load: () => import('@/app/api/credentials/summary/route') as never },
    { path: '/api/activity/events', load: () => import('@/app/api/activity/events/route') as never },
    { path: '/api/activity/daily', load: () => import('@/app/api/activity/daily/route') as never },
    { path: '/api/reviews', load: () => import('@/app/api/reviews/route') as never },
    { path: '/api/sync', load: () => import('@/app/api/sync/route') as never },
    ...(latestRun ? [{ path: `/api/sync/runs/${latestRun.id}/accounts`, params: { id: latestRun.id }, load: () => import('@/app/api/sync/runs/[id]/accounts/route') as never }] : []),
  ];
  out('\nscreen APIs (median of 5 calls after one warm-up), as a ratio to /api/health');
  let health: { ms: number; bytes: number } | null = null;
  for (const route of routes) {
    let handler: Handler;
    try {
      handler = (await route.load()).GET;
    } catch (error) {
      out(`  ${route.path.padEnd(48)} not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      continue;
    }
    const call = async () => {
      const t = performance.now();
      const res = await handler(new Request(`http://localhost${route.path}`, { headers: { host: 'localhost' } }), { params: Promise.resolve(route.params ?? {}) });
      const body = await res.arrayBuffer();
      return { ms: performance.now() - t, bytes: body.byteLength, status: res.status };
    };
    await call();
    const samples = [];
    for (let i = 0; i < 5; i += 1) samples.push(await call());
    const ms = median(samples.map((x) => x.ms));
    const bytes = samples[0]?.bytes ?? 0;
    if (route.path === '/api/health') health = { ms, bytes };
    const ratio = health ? ` (${(ms / health.ms).toFixed(1)}× time, ${(bytes / Math.max(1, health.bytes)).toFixed(1)}× size)` : '';
    out(`  ${route.path.replace(/[0-9a-f-]{36}/, ':id').padEnd(48)} ${String(samples[0]?.status).padStart(3)} ${ms.toFixed(1).padStart(8)} ms ${String(bytes).padStart(9)} bytes${ratio}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
