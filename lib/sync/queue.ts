import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { currentTime } from '@/lib/clock';
import { db, databaseProvider } from '@/lib/db';
import { env } from '@/lib/env';
import { Prisma } from '@/lib/generated/prisma/client';
import { seedDemoReviewHistory } from '@/lib/review/demo-seed';
import { resolveSyncPlan } from '@/lib/sync/plan';
import {
  AccountLockedError,
  evaluateAllBut,
  failUnfinishedSources,
  prepareRun,
  runStatus,
  syncAccount,
  type AccountToSync,
  type PreparedRun,
  type RunSyncOptions,
} from '@/lib/sync/run-sync';
import { CallCounter, createAwsClients } from '@/lib/aws/clients';
import { defaultSyncOptions, sourceNames, type RunOrganization, type SourceName } from '@/lib/sync/types';

// On PostgreSQL, several Warden instances share the sync through pg-boss, a maintained job queue
// on the same database. A run is three kinds of job:
//   warden-sync-run      the coordinator: who the credentials are, the organization's accounts and
//                        SCPs (once per run), then one job per account;
//   warden-sync-account  one account's turn (lib/sync/run-sync.ts syncAccount), on any instance;
//   warden-sync-finish   when the last account is done: the checklist of accounts not read, the
//                        run's status.
// Job ids are derived from the run (and account), so a coordinator that runs twice, or two
// accounts that finish last together, insert nothing twice. A job whose instance died is failed by
// pg-boss's maintenance once it has run longer than WARDEN_SYNC_JOB_TIMEOUT_SECONDS and retried
// with backoff on another instance; that instance resumes the account: sources the run already
// stored are kept, so no source is stored twice in one run. The per-account lease lock
// (lib/sync/lock.ts) still keeps two turns of one account apart (a CLI sync, a slow instance whose
// job timed out): the later turn is retried until the lock is free. Every worker keeps no state
// another instance would need: the run's decisions are in SyncRun.context, each account's
// progress in SyncRunAccount. On SQLite (one instance) the sync runs in-process (lib/sync/trigger.ts).

export const queueNames = { run: 'warden-sync-run', account: 'warden-sync-account', finish: 'warden-sync-finish', dead: 'warden-sync-dead' } as const;

type JobData = { kind: 'run' | 'account' | 'finish'; runId: string; accountId?: string };

/** What the coordinator decided for every account job of a run, kept in SyncRun.context. */
type RunContext = {
  sources: SourceName[];
  organization: SerializedOrganization | null;
  failed: boolean;
  incomplete: boolean;
  errors: string[];
  /** The coordinator's own AWS calls (identity, discovery, SCPs). */
  apiCalls: number;
  /** Accounts planned; also the number of account jobs. */
  accounts: number;
};

type SerializedOrganization = Omit<RunOrganization, 'ancestorsOf' | 'pathOf'> & { ancestorsOf: [string, readonly string[]][]; pathOf: [string, string][] };

const serializeOrganization = (o: RunOrganization): SerializedOrganization => ({ ...o, ancestorsOf: [...o.ancestorsOf], pathOf: [...o.pathOf] });
const deserializeOrganization = (o: SerializedOrganization): RunOrganization => ({ ...o, ancestorsOf: new Map(o.ancestorsOf), pathOf: new Map(o.pathOf) });

/** A uuid made from its parts (RFC 4122 layout, version 5 style over SHA-1): the same job always gets the same id. */
export function jobId(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type QueueState = {
  boss?: Promise<PgBoss>;
  instance: string;
  /** Per run this instance works on: its plan and clients, and the checklist evaluator (own accounts read once). */
  runs: Map<string, { prepared: Promise<PreparedRun>; evaluate: NonNullable<RunSyncOptions['afterAccount']>; usedAt: number }>;
};
const holder = globalThis as unknown as { wardenQueue?: QueueState };
const state = (): QueueState => (holder.wardenQueue ??= { instance: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, runs: new Map() });

/** This process's name in SyncRunAccount.worker and in the account locks. */
export function instanceName(): string {
  return state().instance;
}

/** True where runs go through the queue: PostgreSQL. */
export function usesQueue(): boolean {
  return databaseProvider() === 'postgresql';
}

/** The queue's timings from WARDEN_SYNC_JOB_TIMEOUT_SECONDS: how long an account's job may run before another instance takes it up. */
export function queueTimings(timeoutSeconds = env().WARDEN_SYNC_JOB_TIMEOUT_SECONDS) {
  return {
    expireInSeconds: timeoutSeconds,
    // The lock's lease ends with the job's time: a dead instance's account is free when its job is retried.
    leaseMs: timeoutSeconds * 1000,
    // Expired jobs are looked for several times per timeout (pg-boss's maintenance, by one instance at a time).
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(timeoutSeconds / 4))),
    retryLimit: 8,
    retryDelay: Math.max(1, Math.min(30, Math.floor(timeoutSeconds / 10))),
  };
}

/** Starts pg-boss and this instance's workers (once per process); the server calls it at start-up on PostgreSQL. */
export function startSyncQueue(): Promise<PgBoss> {
  const s = state();
  s.boss ??= (async () => {
    const timings = queueTimings();
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      schema: 'pgboss',
      application_name: 'warden-sync-queue',
      max: 4,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: timings.maintenanceIntervalSeconds,
    });
    // pg-boss reports connection and maintenance problems here; they must not crash the server.
    boss.on('error', (error: Error) => console.error('[warden] sync queue:', error.message));
    await boss.start();
    const options = { retryLimit: timings.retryLimit, retryDelay: timings.retryDelay, retryBackoff: true, expireInSeconds: timings.expireInSeconds, deadLetter: queueNames.dead };
    await withDeadlockRetry(async () => {
      if (!(await boss.getQueue(queueNames.dead))) await boss.createQueue(queueNames.dead, { name: queueNames.dead, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 });
      for (const name of [queueNames.run, queueNames.account, queueNames.finish]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...options });
        // A changed timeout reaches jobs created from now on.
        await boss.updateQueue(name, { name, ...options });
      }
    });
    const poll = { pollingIntervalSeconds: 1, batchSize: 1 };
    await boss.work<JobData>(queueNames.run, poll, ([job]) => (job ? coordinateRun(job.data.runId) : Promise.resolve()));
    for (let i = 0; i < env().WARDEN_SYNC_CONCURRENCY; i++) {
      await boss.work<JobData>(queueNames.account, poll, ([job]) => (job?.data.accountId ? runAccountJob(job.data.runId, job.data.accountId) : Promise.resolve()));
    }
    await boss.work<JobData>(queueNames.finish, poll, ([job]) => (job ? finishRun(job.data.runId) : Promise.resolve()));
    await boss.work<JobData>(queueNames.dead, poll, ([job]) => (job ? giveUp(job.data) : Promise.resolve()));
    console.log(`[warden] sync queue started: this instance is ${instanceName()}, ${env().WARDEN_SYNC_CONCURRENCY} account jobs at a time`);
    return boss;
  })();
  s.boss.catch(() => {
    s.boss = undefined;
  });
  return s.boss;
}

/**
 * Instances that start together create pg-boss's queues (a table partition each) at the same
 * moment, and PostgreSQL may pick one of them as a deadlock victim: it tries again shortly.
 */
async function withDeadlockRetry(step: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (i >= attempts || (code !== '40P01' && code !== '23505')) throw error;
      await new Promise((r) => setTimeout(r, 200 * i + Math.floor(Math.random() * 300)));
    }
  }
}

/** Stops this instance's workers, waiting for the jobs they hold (tests, shutdown). */
export async function stopSyncQueue(): Promise<void> {
  const s = state();
  const boss = s.boss;
  s.boss = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 30_000 });
  s.runs.clear();
}

/** A queued run: its SyncRun row now, its work by whichever instances are up. */
export async function enqueueRun(runId: string): Promise<void> {
  const boss = await startSyncQueue();
  await boss.insert([{ id: jobId('run', runId), name: queueNames.run, data: { kind: 'run', runId } satisfies JobData }]);
}

/** The coordinator: the run's accounts, decided once, each made a job. Running it twice adds nothing. */
export async function coordinateRun(runId: string): Promise<void> {
  const run = await db.syncRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== 'running') return;
  const plan = await resolveSyncPlan();
  const prepared = await prepareRun(runId, plan, { now: run.startedAt });
  if ('error' in prepared) {
    const errors: string[] = [];
    await evaluateAllBut([], checklistEvaluator(), runId, errors);
    await db.syncRun.updateMany({ where: { id: runId, status: 'running' }, data: { status: 'failed', finishedAt: currentTime(), apiCalls: prepared.runCounter.total(), error: prepared.error } });
    return;
  }
  prepared.base.destroy();
  const context: RunContext = {
    sources: prepared.sources,
    organization: prepared.organization ? serializeOrganization(prepared.organization) : null,
    failed: prepared.failed,
    incomplete: prepared.incomplete,
    errors: prepared.errors,
    apiCalls: prepared.runCounter.total(),
    accounts: prepared.accounts.length,
  };
  const existing = new Set((await db.syncRunAccount.findMany({ where: { runId }, select: { accountId: true } })).map((a) => a.accountId));
  await db.$transaction([
    db.syncRun.update({ where: { id: runId }, data: { context: context as unknown as Prisma.InputJsonValue } }),
    db.syncRunAccount.createMany({
      data: prepared.accounts
        .filter((a) => !existing.has(a.id))
        .map((a) => ({ runId, accountId: a.id, name: a.name, access: a.access, roleArn: a.roleArn, externalId: a.externalId, isOwn: a.isOwn, managedBy: a.managedBy })),
    }),
  ]);
  await queueAccounts(runId, prepared.accounts.map((a) => a.id));
}

/** One job per account of the run, 500 to an insert; a job already in the queue is not doubled. */
async function queueAccounts(runId: string, accountIds: readonly string[]): Promise<void> {
  const boss = await startSyncQueue();
  for (let i = 0; i < accountIds.length; i += 500) {
    await boss.insert(accountIds.slice(i, i + 500).map((accountId) => ({ id: jobId('account', runId, accountId), name: queueNames.account, data: { kind: 'account', runId, accountId } satisfies JobData })));
  }
}

/** The run as every account job of it needs it, made once per instance from SyncRun.context. */
function runOnThisInstance(runId: string, startedAt: Date, context: RunContext) {
  const s = state();
  const now = Date.now();
  // Runs not touched for a day are forgotten (their clients were destroyed when they finished).
  for (const [id, r] of s.runs) if (now - r.usedAt > 86_400_000) s.runs.delete(id);
  let entry = s.runs.get(runId);
  if (!entry) {
    const prepared = (async (): Promise<PreparedRun> => {
      const plan = await resolveSyncPlan();
      const runCounter = new CallCounter();
      return {
        runId,
        now: startedAt,
        plan,
        options: { ...defaultSyncOptions, accountConcurrency: env().WARDEN_SYNC_CONCURRENCY },
        sources: context.sources.filter((x): x is SourceName => (sourceNames as readonly string[]).includes(x)),
        base: createAwsClients(plan.target, runCounter),
        runCounter,
        organization: context.organization ? deserializeOrganization(context.organization) : undefined,
        accounts: [],
        failed: context.failed,
        incomplete: context.incomplete,
        errors: context.errors,
      };
    })();
    prepared.catch(() => s.runs.delete(runId));
    entry = { prepared, evaluate: checklistEvaluator(), usedAt: now };
    s.runs.set(runId, entry);
  }
  entry.usedAt = now;
  return entry;
}

/** One account's job: resumed where a dead instance left it; a locked account is retried later. */
export async function runAccountJob(runId: string, accountId: string): Promise<void> {
  const [run, account] = await Promise.all([db.syncRun.findUnique({ where: { id: runId } }), db.syncRunAccount.findUnique({ where: { runId_accountId: { runId, accountId } } })]);
  if (!run || !account || run.status !== 'running' || account.status === 'done' || !run.context) return;
  const { prepared, evaluate } = runOnThisInstance(runId, run.startedAt, run.context as unknown as RunContext);
  const worker = instanceName();
  await db.syncRunAccount.update({ where: { runId_accountId: { runId, accountId } }, data: { status: 'running', worker, attempts: { increment: 1 }, startedAt: currentTime() } });
  const target: AccountToSync = {
    id: accountId,
    name: account.name,
    credentials: undefined,
    access: account.access === 'credentials' ? 'credentials' : 'assume-role',
    roleArn: account.roleArn,
    externalId: account.externalId,
    isOwn: account.isOwn,
    managedBy: account.managedBy === 'admin' || account.managedBy === 'organization' ? account.managedBy : 'config',
  };
  try {
    const outcome = await syncAccount(await prepared, target, {
      holder: `${runId}@${worker}`,
      leaseMs: queueTimings().leaseMs,
      emit: () => {},
      afterAccount: evaluate,
      whenLocked: 'throw',
      resume: account.attempts > 0,
    });
    await db.syncRunAccount.update({
      where: { runId_accountId: { runId, accountId } },
      data: { status: 'done', failed: outcome.failed, ok: outcome.ok, incomplete: outcome.incomplete, errors: outcome.errors, apiCalls: outcome.apiCalls, finishedAt: currentTime() },
    });
  } catch (error) {
    // Back in the queue (pg-boss retries it with backoff); what went wrong is kept for the run's record.
    const message = error instanceof AccountLockedError ? error.message : `its sync stopped: ${error instanceof Error ? error.message : String(error)}`;
    await db.syncRunAccount.update({ where: { runId_accountId: { runId, accountId } }, data: { status: 'queued', errors: [message] } });
    throw error;
  }
  await finishWhenDone(runId);
}

/**
 * A run that is still running is queued again where its jobs may be gone (the instance that made
 * it died before queueing it; a database restored without the queue's schema): its coordinator if
 * it never ran, else the jobs of its accounts not done, else its finish. Job ids are the run's and
 * accounts', so a job still queued, running or retrying is not doubled.
 */
export async function requeueRun(runId: string): Promise<void> {
  const run = await db.syncRun.findUnique({ where: { id: runId }, select: { status: true, context: true } });
  if (!run || run.status !== 'running') return;
  if (run.context === null) return enqueueRun(runId);
  const left = await db.syncRunAccount.findMany({ where: { runId, status: { not: 'done' } }, select: { accountId: true } });
  if (left.length === 0) return finishWhenDone(runId);
  await queueAccounts(
    runId,
    left.map((a) => a.accountId),
  );
}

/** When no account of the run is left, its finish job (one per run, whoever asks first). */
async function finishWhenDone(runId: string): Promise<void> {
  const left = await db.syncRunAccount.count({ where: { runId, status: { not: 'done' } } });
  if (left > 0) return;
  const boss = await startSyncQueue();
  await boss.insert([{ id: jobId('finish', runId), name: queueNames.finish, data: { kind: 'finish', runId } satisfies JobData }]);
}

/** The run's end: the accounts it did not read are evaluated too (their data ages), then its status. */
export async function finishRun(runId: string): Promise<void> {
  const run = await db.syncRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== 'running' || !run.context) return;
  const context = run.context as unknown as RunContext;
  const accounts = await db.syncRunAccount.findMany({ where: { runId } });
  if (accounts.some((a) => a.status !== 'done')) return;
  const errors = [...context.errors, ...accounts.flatMap((a) => (Array.isArray(a.errors) ? a.errors.map(String) : []))];
  const { evaluate } = runOnThisInstance(runId, run.startedAt, context);
  const othersFailed = await evaluateAllBut(
    accounts.map((a) => a.accountId),
    evaluate,
    runId,
    errors,
  );
  const status = runStatus(context, accounts, othersFailed);
  const apiCalls = context.apiCalls + accounts.reduce((sum, a) => sum + a.apiCalls, 0);
  const finished = await db.syncRun.updateMany({
    where: { id: runId, status: 'running' },
    data: { status, finishedAt: currentTime(), apiCalls, error: errors.length > 0 ? errors.join('; ') : null },
  });
  const entry = state().runs.get(runId);
  state().runs.delete(runId);
  if (entry) void entry.prepared.then((p) => p.base.destroy()).catch(() => {});
  if (finished.count === 1 && run.mode === 'demo') {
    await seedDemoReviewHistory().catch((e: unknown) => console.error('[warden] demo review history not seeded:', e instanceof Error ? e.message : e));
  }
}

/** A job that failed every retry: its account is recorded as failed (the run can still finish), or its run as failed. */
export async function giveUp(job: JobData): Promise<void> {
  if (job.kind === 'account' && job.accountId) {
    const where = { runId_accountId: { runId: job.runId, accountId: job.accountId } };
    const account = await db.syncRunAccount.findUnique({ where });
    if (!account || account.status === 'done') return;
    const last = Array.isArray(account.errors) && account.errors.length > 0 ? String(account.errors[0]) : 'its job timed out';
    const error = `${account.name}: not synced after ${account.attempts} attempts (${last})`;
    await failUnfinishedSources(job.runId, error, job.accountId);
    await db.syncRunAccount.update({ where, data: { status: 'done', failed: true, errors: [error], finishedAt: currentTime() } });
    await finishWhenDone(job.runId);
    return;
  }
  const error = job.kind === 'run' ? 'the run could not be started: its coordinator failed every retry' : 'the run could not be finished: its last step failed every retry';
  await failUnfinishedSources(job.runId, error);
  await db.syncRun.updateMany({ where: { id: job.runId, status: 'running' }, data: { status: 'failed', finishedAt: currentTime(), error } });
}
