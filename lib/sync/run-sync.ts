import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { discoverEnabledRegions } from '@/lib/aws/regions';
import { accountRegions } from '@/lib/sync/regions';
import { currentTime } from '@/lib/clock';
import { CallCounter, createAwsClients, type AwsClients, type AwsTarget } from '@/lib/aws/clients';
import { AwsCallError, toAwsCallError } from '@/lib/aws/errors';
import { credentialsInAccount } from '@/lib/aws/reach-account';
import { reactivateExpiredArchives } from '@/lib/findings/triage';
import { getCallerIdentity, type CallerIdentity } from '@/lib/aws/sts';
import { env } from '@/lib/env';
import { noOrganizationSettings } from '@/lib/organization/schema';
import { discoverOrganization, readRunOrganization } from '@/lib/sync/discover';
import { db } from '@/lib/db';
import { accountIdOfRole } from '@/lib/accounts/schema';
import { collectAccessAnalyzer } from '@/lib/sync/collectors/access-analyzer';
import { collectAccount } from '@/lib/sync/collectors/account';
import { collectCloudTrail } from '@/lib/sync/collectors/cloudtrail';
import { collectCredentialReport } from '@/lib/sync/collectors/credential-report';
import { collectOrganizations } from '@/lib/sync/collectors/organizations';
import { mapLimit } from '@/lib/sync/read/partial';
import { acquireSyncLock, defaultLeaseMs, releaseSyncLock, renewSyncLock } from '@/lib/sync/lock';
import { defaultSyncOptions, sourceNames, type Collector, type RunOrganization, type SourceContext, type SourceName, type SyncOptions, type SyncPlan } from '@/lib/sync/types';

// One sync run: every configured account, its five sources concurrently, each source's outcome
// recorded. A source that fails writes nothing, so its last good snapshot stays current.

const collectors: Record<SourceName, Collector> = {
  'credential-report': collectCredentialReport,
  account: collectAccount,
  'access-analyzer': collectAccessAnalyzer,
  cloudtrail: collectCloudTrail,
  organizations: collectOrganizations,
};

export type SyncProgress =
  | { type: 'run-started'; runId: string }
  | { type: 'discovery'; status: 'ok' | 'unavailable' | 'failed'; listed?: number; toRead?: number; removed?: number; error?: string }
  | { type: 'account'; accountId: string; name: string; status: 'started' | 'locked' | 'unreachable' | 'paused'; error?: string }
  | { type: 'source'; accountId: string; source: SourceName; status: 'running' | 'ok' | 'failed' | 'skipped'; records?: number; apiCalls?: number; error?: string; missingPermissions?: string[] }
  | { type: 'run-finished'; runId: string; status: RunStatus; apiCalls: number };

export type RunStatus = 'ok' | 'partial' | 'failed';

export type SyncResult = {
  runId: string;
  status: RunStatus;
  apiCalls: number;
  calls: Record<string, number>;
  /** Operations called, by "service:Operation" (calls minus retries). */
  commands: Record<string, number>;
  accounts: { accountId: string; name: string; sources: Record<SourceName, { status: 'ok' | 'failed' | 'skipped'; records: number; apiCalls: number; error: string | null }> }[];
};

export type RunSyncOptions = {
  trigger: 'schedule' | 'manual' | 'cli' | 'startup';
  actor?: string;
  now?: Date;
  onProgress?: (p: SyncProgress) => void;
  options?: Partial<SyncOptions>;
  /** Run only these sources (all by default). */
  sources?: SourceName[];
  /** Called with each account's id after its sources finished (the checklist evaluates here). */
  afterAccount?: (accountId: string, runId: string) => Promise<unknown>;
};

export type AccountToSync = {
  id: string;
  name: string;
  credentials: AwsTarget['credentials'];
  access: 'credentials' | 'assume-role';
  roleArn: string | null;
  externalId: string | null;
  isOwn: boolean;
  managedBy: 'config' | 'admin' | 'organization';
};

/** What a run decided once, before its accounts: who reads them and what the organization is. */
export type PreparedRun = {
  runId: string;
  now: Date;
  plan: SyncPlan;
  options: SyncOptions;
  sources: SourceName[];
  base: AwsClients;
  runCounter: CallCounter;
  organization?: RunOrganization;
  accounts: AccountToSync[];
  /** Problems of the run itself (discovery, an account that is not a role ARN): failed or incomplete. */
  failed: boolean;
  incomplete: boolean;
  errors: string[];
};

/** What one account's turn came to; a run's status is made of these. */
export type AccountOutcome = {
  failed: boolean;
  ok: boolean;
  incomplete: boolean;
  errors: string[];
  apiCalls: number;
  entry: SyncResult['accounts'][number] | null;
};

type AccountTurn = {
  /** Who holds the account's lock while it is read (the run in-process; the run and instance in the queue). */
  holder: string;
  /** The lock's lease (renewed a few times within it); the in-process default otherwise. */
  leaseMs?: number;
  emit: (p: SyncProgress) => void;
  afterAccount?: RunSyncOptions['afterAccount'];
  /** Another holder has the account: skip it (in-process), or throw AccountLockedError so that the job is retried. */
  whenLocked: 'skip' | 'throw';
  /** A job started again after its instance died: sources this run already read are kept, the others read again. */
  resume?: boolean;
};

export class AccountLockedError extends Error {
  constructor(accountId: string) {
    super(`another sync of account ${accountId} is running`);
    this.name = 'AccountLockedError';
  }
}

export async function runSync(plan: SyncPlan, opts: RunSyncOptions): Promise<SyncResult> {
  const emit = opts.onProgress ?? (() => {});
  const run = await db.syncRun.create({ data: { trigger: opts.trigger, mode: plan.mode, actor: opts.actor ?? null, status: 'running', startedAt: opts.now ?? currentTime() } });
  emit({ type: 'run-started', runId: run.id });
  const prepared = await prepareRun(run.id, plan, { ...opts, now: run.startedAt, onProgress: emit });
  const result: SyncResult = { runId: run.id, status: 'ok', apiCalls: 0, calls: {}, commands: {}, accounts: [] };
  const finish = async (status: RunStatus, error: string | null, counter: CallCounter) => {
    result.status = status;
    result.apiCalls = counter.total();
    result.calls = counter.toJSON();
    result.commands = Object.fromEntries([...counter.commands].sort(([a], [b]) => a.localeCompare(b)));
    await db.syncRun.update({ where: { id: run.id }, data: { status, finishedAt: currentTime(), apiCalls: result.apiCalls, error } });
    emit({ type: 'run-finished', runId: run.id, status, apiCalls: result.apiCalls });
    return result;
  };
  if ('error' in prepared) {
    // No account can be read with these credentials: every stored checklist still ages.
    await evaluateAllBut([], opts.afterAccount, run.id, prepared.errors);
    return finish('failed', prepared.error, prepared.runCounter);
  }
  const outcomes: AccountOutcome[] = [];
  // Accounts run side by side: each has its own API rate limits (CloudTrail's 2 requests/s is per
  // account and region), so the run takes about as long as its slowest account.
  try {
    await mapLimit(prepared.accounts, prepared.options.accountConcurrency, async (account) => {
      const outcome = await syncAccount(prepared, account, { holder: run.id, emit, afterAccount: opts.afterAccount, whenLocked: 'skip' });
      outcomes.push(outcome);
      if (outcome.entry) result.accounts.push(outcome.entry);
    });
  } catch (error) {
    // Something outside any source broke (the database, a bug): the run is recorded as failed and
    // every source still pending or running says so. Snapshots already written stay.
    const message = `the run stopped: ${error instanceof Error ? error.message : String(error)}`;
    await failUnfinishedSources(run.id, message);
    prepared.base.destroy();
    return finish('failed', message, prepared.runCounter);
  }
  // Accounts Warden no longer reads (taken out of the accounts file; the credentials now act in
  // another account) keep their data, and their checklist is evaluated too, so old passes age out.
  const errors = [...prepared.errors, ...outcomes.flatMap((o) => o.errors)];
  const othersFailed = await evaluateAllBut(
    prepared.accounts.map((a) => a.id),
    opts.afterAccount,
    run.id,
    errors,
  );
  prepared.base.destroy();
  const status = runStatus(prepared, outcomes, othersFailed);
  return finish(status, errors.length > 0 ? errors.join('; ') : null, prepared.runCounter);
}

/** The run's status from its own problems and its accounts' outcomes. */
export function runStatus(run: Pick<PreparedRun, 'failed' | 'incomplete'>, outcomes: readonly Pick<AccountOutcome, 'failed' | 'ok' | 'incomplete'>[], othersFailed = false): RunStatus {
  const anyFailed = run.failed || othersFailed || outcomes.some((o) => o.failed);
  const anyOk = outcomes.some((o) => o.ok);
  if (anyFailed) return anyOk ? 'partial' : 'failed';
  return run.incomplete || outcomes.some((o) => o.incomplete) ? 'partial' : 'ok';
}

/** Sources of the run (of one account of it) still pending or running are failed with `message`. */
export async function failUnfinishedSources(runId: string, message: string, accountId?: string): Promise<void> {
  await db.syncSourceRun.updateMany({ where: { runId, ...(accountId ? { accountId } : {}), status: { in: ['pending', 'running'] } }, data: { status: 'failed', error: message, finishedAt: currentTime() } });
}

/**
 * Every other account with a checklist is evaluated: nothing of it is read in this run, but its
 * data ages. True when an evaluation failed (its error is added to `errors`).
 */
export async function evaluateAllBut(read: readonly string[], afterAccount: RunSyncOptions['afterAccount'], runId: string, errors: string[]): Promise<boolean> {
  if (!afterAccount) return false;
  const readIds = new Set(read);
  const withChecklist = await db.account.findMany({ where: { checklistRuns: { some: {} } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  let failed = false;
  for (const other of withChecklist.filter((a) => !readIds.has(a.id))) {
    const error = await evaluateOne(afterAccount, other.id, other.name, runId);
    if (error) {
      failed = true;
      errors.push(error);
    }
  }
  return failed;
}

// The checklist is evaluated after every account's turn, also when nothing could be read: its
// data grows older, and a pass must not outlive staleDataHours (lib/checks/evaluate.ts).
async function evaluateOne(afterAccount: RunSyncOptions['afterAccount'], accountId: string, name: string, runId: string): Promise<string | null> {
  if (!afterAccount) return null;
  try {
    await afterAccount(accountId, runId);
    return null;
  } catch (error) {
    return `${name}: checklist evaluation failed — ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Who the credentials are and which accounts the run reads: the credentials' own account, the
 * configured and added ones, and the organization's as discovered. The `error` form: not even the
 * credentials' own account could be identified.
 */
export async function prepareRun(
  runId: string,
  plan: SyncPlan,
  opts: Pick<RunSyncOptions, 'options' | 'sources' | 'onProgress'> & { now: Date },
): Promise<PreparedRun | { error: string; runCounter: CallCounter; errors: string[] }> {
  const now = opts.now;
  const options = { ...defaultSyncOptions, accountConcurrency: env().WARDEN_SYNC_CONCURRENCY, ...opts.options };
  const emit = opts.onProgress ?? (() => {});
  const runCounter = new CallCounter();
  const sources = opts.sources ?? [...sourceNames];
  const errors: string[] = [];
  let failed = false;
  let incomplete = false;

  // Who are we? Without this nothing can be attributed to an account.
  const base = createAwsClients(plan.target, runCounter);
  let me: CallerIdentity;
  try {
    me = await getCallerIdentity(base);
  } catch (error) {
    base.destroy();
    return { error: toAwsCallError(error, 'sts:GetCallerIdentity').describe(), runCounter, errors };
  }
  const accounts: AccountToSync[] = [
    { id: me.accountId, name: plan.baseAccountName ?? me.accountId, credentials: plan.target.credentials, access: 'credentials', roleArn: null, externalId: null, isOwn: true, managedBy: 'config' },
  ];
  // The organization's accounts, found from the management account or a delegated administrator.
  const configuredIds = new Set(plan.assumed.flatMap((a) => accountIdOfRole(a.roleArn) ?? []));
  const organization = plan.organization ?? noOrganizationSettings;
  const discovery = await discoverOrganization(base, me, organization, configuredIds, now);
  // The organization's SCPs and their attachments, read once here instead of by every account
  // (where a member is denied them): each listed account's Organizations source takes its share.
  let runOrganization: RunOrganization | undefined;
  if (discovery.status === 'ok') {
    emit({ type: 'discovery', status: 'ok', listed: discovery.listed, toRead: discovery.toRead.length, removed: discovery.removed.length });
    const scps = await readRunOrganization(base, discovery.tree);
    if (scps.status === 'ok') runOrganization = scps.organization;
  } else {
    const error = discovery.status === 'failed' ? `organization discovery failed: ${discovery.error.describe()}` : `organization discovery is not available: ${discovery.reason}`;
    emit({ type: 'discovery', status: discovery.status, error });
    // Asked to read the organization (a member role is set) but it cannot be listed: the run did not read everything.
    if (discovery.status === 'failed' || organization.memberRoleName !== null) {
      incomplete = true;
      errors.push(error);
    }
  }
  const assumed = [...plan.assumed, ...discovery.toRead.map((d) => ({ name: d.name, roleArn: d.roleArn, externalId: d.externalId, isOwn: true, managedBy: 'organization' as const }))];
  const plannedIds = new Set(accounts.map((a) => a.id));
  for (const a of assumed) {
    const id = accountIdOfRole(a.roleArn);
    if (!id) {
      failed = true;
      emit({ type: 'account', accountId: a.roleArn, name: a.name, status: 'unreachable', error: `not a role ARN: ${a.roleArn}` });
      continue;
    }
    // The same account twice (e.g. the credentials' own account also listed with a role): read once.
    if (plannedIds.has(id)) continue;
    plannedIds.add(id);
    accounts.push({
      id,
      name: a.name,
      // Assumed lazily, per account, so that one unreachable account does not stop the others.
      credentials: undefined,
      access: 'assume-role',
      roleArn: a.roleArn,
      externalId: a.externalId ?? null,
      isOwn: a.isOwn ?? true,
      managedBy: a.managedBy ?? 'config',
    });
  }
  return { runId, now, plan, options, sources, base, runCounter, organization: runOrganization, accounts, failed, incomplete, errors };
}

/**
 * One account's turn: its lock, its role, its regions, its sources side by side, then its
 * checklist. Each source's outcome is recorded in its SyncSourceRun row as it ends.
 */
export async function syncAccount(run: PreparedRun, account: AccountToSync, turn: AccountTurn): Promise<AccountOutcome> {
  const { runId, plan, now, options, emit } = { ...run, emit: turn.emit };
  const outcome: AccountOutcome = { failed: false, ok: false, incomplete: false, errors: [], apiCalls: 0, entry: null };
  const evaluate = async () => {
    const error = await evaluateOne(turn.afterAccount, account.id, account.name, runId);
    if (error) {
      outcome.failed = true;
      outcome.errors.push(error);
    }
  };
  const fields = { name: account.name, access: account.access, roleArn: account.roleArn, externalId: account.externalId, isOwn: account.isOwn, managedBy: account.managedBy };
  // Regions are decided once this account is reached; a new account starts with the configured ones.
  const row = await db.account.upsert({ where: { id: account.id }, create: { id: account.id, ...fields, regions: plan.regions ?? [plan.target.region] }, update: fields });
  // An admin paused it (Accounts screen): nothing is read, and what is stored stays as it is.
  if (!row.enabled) {
    emit({ type: 'account', accountId: account.id, name: account.name, status: 'paused' });
    await evaluate();
    return outcome;
  }
  const entry: SyncResult['accounts'][number] = { accountId: account.id, name: account.name, sources: {} as SyncResult['accounts'][number]['sources'] };
  outcome.entry = entry;

  // Sources this run already read (a job resumed after its instance died) are kept as they are.
  const kept = turn.resume ? await db.syncSourceRun.findMany({ where: { runId, accountId: account.id, source: { in: run.sources }, status: 'ok' } }) : [];
  const keptSources = new Set(kept.map((k) => k.source));
  const sources = run.sources.filter((s) => !keptSources.has(s));
  for (const k of kept) {
    entry.sources[k.source as SourceName] = { status: 'ok', records: k.records, apiCalls: k.apiCalls, error: k.error };
    outcome.ok = true;
    if (k.incomplete) outcome.incomplete = true;
  }

  const markAll = async (status: 'failed' | 'skipped', error: string) => {
    await db.syncSourceRun.updateMany({ where: { runId, accountId: account.id, source: { in: sources } }, data: { status, error, finishedAt: currentTime() } });
    for (const s of sources) {
      entry.sources[s] = { status, records: 0, apiCalls: 0, error };
      emit({ type: 'source', accountId: account.id, source: s, status, error });
    }
  };

  const leaseMs = turn.leaseMs ?? defaultLeaseMs;
  if (!(await acquireSyncLock(account.id, turn.holder, currentTime(), leaseMs))) {
    if (turn.whenLocked === 'throw') throw new AccountLockedError(account.id);
    await startSourceRows(runId, account.id, sources, turn.resume === true);
    emit({ type: 'account', accountId: account.id, name: account.name, status: 'locked' });
    await markAll('skipped', 'another sync of this account is running');
    return outcome;
  }
  // The lease is renewed while the account is read; a renewal refused means another turn took the
  // account after the lease ran out (this process stalled): said in the log, as it cannot be undone here.
  const renew = () =>
    renewSyncLock(account.id, turn.holder, currentTime(), leaseMs).then(
      (held) => {
        if (!held) console.error(`[warden] sync of ${account.name} (${account.id}): its lock's lease ran out and another sync may hold the account`);
      },
      (error: unknown) => console.error(`[warden] sync of ${account.name} (${account.id}): the lock could not be renewed: ${error instanceof Error ? error.message : String(error)}`),
    );
  const heartbeat = setInterval(() => void renew(), Math.min(60_000, Math.max(1000, leaseMs / 4)));
  const counter = new CallCounter();
  try {
    await startSourceRows(runId, account.id, sources, turn.resume === true);
    let credentials = account.access === 'credentials' ? plan.target.credentials : account.credentials;
    if (account.access === 'assume-role' && account.roleArn) {
      try {
        credentials = await credentialsInAccount(run.base, { roleArn: account.roleArn, externalId: account.externalId }, { sessionName: 'warden-sync' });
      } catch (error) {
        const e = toAwsCallError(error, 'sts:AssumeRole');
        outcome.failed = true;
        await db.account.update({ where: { id: account.id }, data: { lastReachError: reachError(account, e) } });
        emit({ type: 'account', accountId: account.id, name: account.name, status: 'unreachable', error: e.describe() });
        await markAll('failed', e.describe());
        await evaluate();
        return outcome;
      }
    }
    if (row.lastReachError !== null) await db.account.update({ where: { id: account.id }, data: { lastReachError: null } });
    emit({ type: 'account', accountId: account.id, name: account.name, status: 'started' });
    // Every region enabled in the account, narrowed by the configuration.
    const regionCounter = new CallCounter();
    const regionClients = createAwsClients({ ...plan.target, credentials }, regionCounter);
    const regions = accountRegions(plan.regions, await discoverEnabledRegions(regionClients), plan.target.region);
    regionClients.destroy();
    counter.addAll(regionCounter);
    await db.account.update({ where: { id: account.id }, data: { regions: regions.read, enabledRegions: regions.enabled ?? Prisma.DbNull, regionDiscovery: regions.discovery } });
    if ('denied' in regions.discovery && (regions.discovery.denied.length > 0 || regions.discovery.error !== null) && plan.regions === null) outcome.incomplete = true;
    await Promise.all(
      sources.map(async (source) => {
        const sourceCounter = new CallCounter();
        const clients = createAwsClients({ ...plan.target, credentials }, sourceCounter);
        // Archives made from Warden whose expiry has passed are re-activated in AWS first, so that
        // the read already sees them ACTIVE; a refusal leaves them archived until the next sync, and
        // a denied UpdateFindings is reported as a missing permission of this source.
        const expiry = source === 'access-analyzer' ? await reactivateExpiredArchives(account.id, clients, now) : null;
        const result = await runSource(source, clients, { accountId: account.id, runId, regions: regions.read, now, options, organization: run.organization }, emit);
        if (expiry?.error?.kind === 'access-denied' && !result.missingPermissions.includes(expiry.error.action)) {
          result.missingPermissions.push(expiry.error.action);
          result.incomplete = true;
        }
        clients.destroy();
        counter.addAll(sourceCounter);
        entry.sources[source] = { status: result.status, records: result.records, apiCalls: sourceCounter.total(), error: result.error };
        if (result.status === 'ok') outcome.ok = true;
        else outcome.failed = true;
        // A source that stored what it could but was denied a part, or lost a part to a server
        // error, did not read everything: the run is partial, never ok.
        if (result.status === 'ok' && result.incomplete) outcome.incomplete = true;
        await db.syncSourceRun.update({
          where: { runId_accountId_source: { runId, accountId: account.id, source } },
          data: {
            status: result.status,
            finishedAt: currentTime(),
            apiCalls: sourceCounter.total(),
            records: result.records,
            error: result.error,
            errorCode: result.errorCode,
            missingPermissions: result.missingPermissions,
            snapshotId: result.snapshotId,
            incomplete: result.status === 'ok' && result.incomplete,
          },
        });
        emit({ type: 'source', accountId: account.id, source, status: result.status, records: result.records, apiCalls: sourceCounter.total(), error: result.error ?? undefined, missingPermissions: result.missingPermissions });
      }),
    );
    await evaluate();
    return outcome;
  } finally {
    clearInterval(heartbeat);
    run.runCounter.addAll(counter);
    outcome.apiCalls = counter.total();
    await releaseSyncLock(account.id, turn.holder);
  }
}

/** The account's rows for this run's sources, pending; a resumed turn re-opens the ones it reads again. */
async function startSourceRows(runId: string, accountId: string, sources: readonly SourceName[], resume: boolean): Promise<void> {
  if (sources.length === 0) return;
  if (resume) {
    const existing = await db.syncSourceRun.findMany({ where: { runId, accountId, source: { in: [...sources] } }, select: { source: true } });
    const have = new Set(existing.map((e) => e.source));
    await db.syncSourceRun.updateMany({
      where: { runId, accountId, source: { in: [...have] } },
      data: { status: 'pending', startedAt: null, finishedAt: null, error: null, errorCode: null, missingPermissions: [], records: 0, apiCalls: 0, snapshotId: null, incomplete: false },
    });
    sources = sources.filter((s) => !have.has(s));
    if (sources.length === 0) return;
  }
  await db.syncSourceRun.createMany({ data: sources.map((source) => ({ runId, accountId, source, status: 'pending' })) });
}

type SourceRunOutcome = {
  status: 'ok' | 'failed';
  /** Stored, but a part was denied to Warden's role or failed: the run cannot be "ok". */
  incomplete: boolean;
  records: number;
  snapshotId: string | null;
  error: string | null;
  errorCode: string | null;
  missingPermissions: string[];
};

async function runSource(
  source: SourceName,
  clients: AwsClients,
  ctx: Omit<SourceContext, 'clients'>,
  emit: (p: SyncProgress) => void,
): Promise<SourceRunOutcome> {
  await db.syncSourceRun.update({
    where: { runId_accountId_source: { runId: ctx.runId, accountId: ctx.accountId, source } },
    data: { status: 'running', startedAt: currentTime() },
  });
  emit({ type: 'source', accountId: ctx.accountId, source, status: 'running' });
  try {
    const out = await collectors[source]({ ...ctx, clients });
    // Parts that failed for a reason other than a denial are the source's error, though it is ok.
    const partErrors = out.partErrors ?? [];
    const expected = new Set(out.expectedDenials ?? []);
    return {
      status: 'ok',
      incomplete: partErrors.length > 0 || out.missingPermissions.some((permission) => !expected.has(permission)),
      records: out.records,
      snapshotId: out.snapshotId,
      error: partErrors.length > 0 ? `some parts could not be read: ${partErrors.join('; ')}` : null,
      errorCode: partErrors.length > 0 ? 'PartsFailed' : null,
      missingPermissions: out.missingPermissions,
    };
  } catch (error) {
    const e = error instanceof AwsCallError ? error : describeFailure(error);
    return {
      status: 'failed',
      incomplete: true,
      records: 0,
      snapshotId: null,
      error: e.describe(),
      errorCode: e.code,
      missingPermissions: e.kind === 'access-denied' ? e.action.split(', ') : [],
    };
  }
}

/** Why an account could not be reached, in the words a person acts on. */
function reachError(account: AccountToSync, e: AwsCallError): string {
  if (account.managedBy === 'organization' && e.kind === 'access-denied') {
    return `the member role ${account.roleArn} is missing in this account or does not trust Warden (${e.describe()})`;
  }
  return e.describe();
}

/** Non-AWS failures (a malformed report, a database error) in the same shape, named by source. */
function describeFailure(error: unknown): AwsCallError {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? error.name : 'Error';
  return new AwsCallError('client', 'warden', code, message);
}
