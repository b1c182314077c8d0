import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PostgresServer } from '../../scripts/lib/postgres-server.mjs';
import type * as Instances from '../../scripts/lib/instances.mjs';

// The harness is ES modules (scripts/lib/*.mjs, shared with the benchmark); Playwright would
// transpile a static import of them to CommonJS, so they are loaded by Node itself.
const load = new Function('url', 'return import(url)') as <T>(url: string) => Promise<T>;
const scripts = (file: string) => pathToFileURL(join(__dirname, '..', '..', 'scripts', 'lib', file)).href;
let harness: typeof Instances;

// Two Warden servers on one PostgreSQL and one sandbox organization, as behind a load balancer:
// the schedule fires on both and makes one run; both take its accounts from the job queue; one is
// killed in the middle of its accounts and the other finishes them; nothing is stored twice; a
// finding archived through one is archived on the other, and in AWS.

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

type Warden = Instances.WardenServer;
const admin = { username: 'team-admin', password: randomBytes(12).toString('hex') };
let postgres: PostgresServer;
let sandbox: Instances.SandboxProcess;
let sql: pg.Client;
const servers: Warden[] = [];
let env: Record<string, string>;

const workerOf = (server: Warden) => /sync queue started: this instance is (\S+),/.exec(server.output())?.[1] ?? null;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 300_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.beforeAll(async () => {
  const { startPostgres } = await load<typeof import('../../scripts/lib/postgres-server.mjs')>(scripts('postgres-server.mjs'));
  harness = await load<typeof Instances>(scripts('instances.mjs'));
  const { createAdmin, migrate, startSandboxProcess, startWarden } = harness;
  postgres = await startPostgres({ database: 'warden' });
  migrate(postgres.url);
  createAdmin(postgres.url, admin.username, admin.password);
  // Each account's IAM read is slowed, so that a run of 17 accounts lasts long enough to kill an instance in it.
  sandbox = await startSandboxProcess({ accounts: 16, faults: ['iam:GetAccountAuthorizationDetails=latency:2500'] });
  sql = new pg.Client({ connectionString: postgres.url });
  await sql.connect();
  // One firing, on both instances, a while after they are up (cron with seconds, UTC; it would fire again in a year).
  const firing = new Date(Date.now() + 75_000);
  env = {
    WARDEN_SYNC_SCHEDULE: `${firing.getUTCSeconds()} ${firing.getUTCMinutes()} ${firing.getUTCHours()} ${firing.getUTCDate()} ${firing.getUTCMonth() + 1} *`,
    WARDEN_SYNC_CONCURRENCY: '2',
    WARDEN_SYNC_JOB_TIMEOUT_SECONDS: '15',
  };
  // Each server is kept as soon as it is up, so that one failing to start leaves none running.
  const started = await Promise.allSettled(['instance A', 'instance B'].map((name) => startWarden({ name, databaseUrl: postgres.url, sandbox, env })));
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sql?.end();
  await sandbox?.stop();
  await postgres?.stop();
});

test('a scheduled run syncs every account once across both instances; the one left finishes the accounts of the one killed', async () => {
  const [a, b] = servers as [Warden, Warden];
  const workerA = await until('instance A\'s queue', async () => workerOf(a));
  const workerB = await until('instance B\'s queue', async () => workerOf(b));
  expect(workerA).not.toBe(workerB);

  const runId = await until('the first scheduled run', async () => {
    const r = await sql.query<{ id: string }>(`SELECT id FROM "SyncRun" WHERE trigger = 'schedule' ORDER BY "startedAt" LIMIT 1`);
    return r.rows[0]?.id;
  });
  // Killed once it has finished an account and is in the middle of another.
  await until('instance A in the middle of its accounts', async () => {
    const r = await sql.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "SyncRunAccount" WHERE "runId" = $1 AND worker = $2 GROUP BY status`, [runId, workerA]);
    const by = Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
    return (by.done ?? 0) >= 1 && (by.running ?? 0) >= 1;
  });
  const inFlight = (await sql.query<{ accountId: string }>(`SELECT "accountId" FROM "SyncRunAccount" WHERE "runId" = $1 AND worker = $2 AND status = 'running'`, [runId, workerA])).rows.map((r) => r.accountId);
  await a.kill();

  const run = await until('the run to finish', async () => {
    const r = await sql.query<{ status: string; error: string | null; context: { accounts: number } }>(`SELECT status, error, context FROM "SyncRun" WHERE id = $1`, [runId]);
    return r.rows[0]?.status !== 'running' ? r.rows[0] : null;
  });
  // The sandbox's organization has members without the role and suspended ones: a partial run, every account accounted for.
  expect(['ok', 'partial']).toContain(run.status);
  expect(run.error ?? '').not.toContain('not synced after');

  const accounts = (await sql.query<{ accountId: string; status: string; worker: string; attempts: number }>(`SELECT "accountId", status, worker, attempts FROM "SyncRunAccount" WHERE "runId" = $1`, [runId])).rows;
  expect(accounts.length).toBe(run.context.accounts);
  expect(accounts.length).toBeGreaterThanOrEqual(17);
  expect(accounts.filter((x) => x.status !== 'done')).toEqual([]);
  // Both instances took accounts; the ones A held when it died were finished by B.
  expect(accounts.some((x) => x.worker === workerA)).toBe(true);
  expect(accounts.some((x) => x.worker === workerB)).toBe(true);
  for (const id of inFlight) {
    const row = accounts.find((x) => x.accountId === id)!;
    expect(row.worker, `account ${id}, in flight on A when it was killed`).toBe(workerB);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
  }
  // Nothing stored twice: one snapshot per account and source in the run, no source left pending.
  const twice = await sql.query(`SELECT "accountId", source, count(*) FROM "Snapshot" WHERE "runId" = $1 GROUP BY 1, 2 HAVING count(*) > 1`, [runId]);
  expect(twice.rows).toEqual([]);
  const open = await sql.query(`SELECT "accountId", source, status FROM "SyncSourceRun" WHERE "runId" = $1 AND status IN ('pending', 'running')`, [runId]);
  expect(open.rows).toEqual([]);
  const read = await sql.query<{ n: string }>(`SELECT count(DISTINCT "accountId") AS n FROM "SyncSourceRun" WHERE "runId" = $1 AND status = 'ok'`, [runId]);
  expect(Number(read.rows[0]!.n)).toBeGreaterThanOrEqual(14);
  const checklists = await sql.query(`SELECT "accountId", count(*) FROM "ChecklistRun" WHERE "runId" = $1 GROUP BY 1 HAVING count(*) > 1`, [runId]);
  expect(checklists.rows, 'each account evaluated once in the run').toEqual([]);
  // Every firing made at most one run.
  const firings = await sql.query(`SELECT "scheduledFor", count(*) FROM "SyncRun" WHERE "scheduledFor" IS NOT NULL GROUP BY 1 HAVING count(*) > 1`);
  expect(firings.rows).toEqual([]);
});

test('a finding archived on one instance is archived on the other, and stays archived in AWS', async () => {
  // A comes back (a new process); the session made on B is good on it too: sessions live in the database.
  const { apiClient, signIn, startWarden } = harness;
  servers[0] = await startWarden({ name: 'instance A again', databaseUrl: postgres.url, sandbox, env });
  const [a, b] = servers as [Warden, Warden];
  const onB = await signIn(b, admin.username, admin.password);
  const onA = apiClient(a, onB.cookie);
  const list = await onA.get('/api/findings?status=ACTIVE&pageSize=5');
  expect(list.status, list.text).toBe(200);
  const key: string = list.json.findings[0].key;
  const archived = await onB.post('/api/findings/status', { action: 'archive', keys: [key], reason: 'Accepted risk: shared with the auditors (two-instance test)' });
  expect(archived.status, archived.text).toBe(200);
  const seenOnA = await onA.get(`/api/findings/${encodeURIComponent(key)}`);
  expect(seenOnA.status, seenOnA.text).toBe(200);
  expect(seenOnA.json.finding.status).toBe('ARCHIVED');
  expect(seenOnA.json.triage[0]).toMatchObject({ action: 'archive', actor: expect.stringContaining(admin.username), reason: 'Accepted risk: shared with the auditors (two-instance test)' });

  // "Sync now" on A: the finding is read back from AWS, still archived, as both instances show.
  const started = await onA.post('/api/sync', {});
  expect(started.status, started.text).toBe(202);
  await until('the sync started on A to finish', async () => {
    const r = await sql.query<{ status: string }>(`SELECT status FROM "SyncRun" WHERE id = $1`, [started.json.runId]);
    return r.rows[0]?.status !== 'running';
  });
  for (const client of [onA, onB]) {
    const again = await client.get(`/api/findings/${encodeURIComponent(key)}`);
    expect(again.json.finding.status).toBe('ARCHIVED');
  }
});
