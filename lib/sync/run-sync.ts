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
import { acquireSyncLock, releaseSyncLock, renewSyncLock } from '@/lib/sync/lock';
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

type AccountToSync = {
  id: string;
  name: string;
  credentials: AwsTarget['credentials'];
  access: 'credentials' | 'assume-role';
  roleArn: string | null;
  externalId: string | null;
  isOwn: boolean;
  managedBy: 'config' | 'admin' | 'organization';
};

export async function runSync(plan: SyncPlan, opts: RunSyncOptions): Promise<SyncResult> {
  const now = opts.now ?? currentTime();
  const options = { ...defaultSyncOptions, accountConcurrency: env().WARDEN_SYNC_CONCURRENCY, ...opts.options };
  const emit = opts.onProgress ?? (() => {});
  const runCounter = new CallCounter();
  const run = await db.syncRun.create({ data: { trigger: opts.trigger, mode: plan.mode, actor: opts.actor ?? null, status: 'running', startedAt: now } });
  emit({ type: 'run-started', runId: run.id });
  const result: SyncResult = { runId: run.id, status: 'ok', apiCalls: 0, calls: {}, commands: {}, accounts: [] };
  const sources = opts.sources ?? [...sourceNames];

  const finish = async (status: RunStatus, error: string | null) => {
    result.status = status;
    result.apiCalls = runCounter.total();
    result.calls = runCounter.toJSON();
    result.commands = Object.fromEntries([...runCounter.commands].sort(([a], [b]) => a.localeCompare(b)));
    await db.syncRun.update({ where: { id: run.id }, data: { status, finishedAt: currentTime(), apiCalls: result.apiCalls, error } });
    emit({ type: 'run-finished', runId: run.id, status, apiCalls: result.apiCalls });
    return result;
  };

  let anyFailed = false;
  let anyIncomplete = false;
  let anyOk = false;
  const runErrors: string[] = [];
  // The checklist is evaluated after every account's turn, also when nothing could be read: its
  // data grows older, and a pass must not outlive staleDataHours (lib/checks/evaluate.ts).
  const evaluate = async (accountId: string, name: string) => {
    if (!opts.afterAccount) return;
    try {
      await opts.afterAccount(accountId, run.id);
    } catch (error) {
      anyFailed = true;
      runErrors.push(`${name}: checklist evaluation failed — ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** Every other account with a checklist: nothing of it is read in this run, but its data ages. */
  const evaluateAllBut = async (read: string[]) => {
    const readIds = new Set(read);
    const withChecklist = await db.account.findMany({ where: { checklistRuns: { some: {} } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
    const others = withChecklist.filter((a) => !readIds.has(a.id));
    for (const other of others) await evaluate(other.id, other.name);
  };

  // Who are we? Without this nothing can be attributed to an account.
  const base = createAwsClients(plan.target, runCounter);
  let accounts: AccountToSync[];
  let me: CallerIdentity;
  try {
    me = await getCallerIdentity(base);
    accounts = [
      { id: me.accountId, name: plan.baseAccountName ?? me.accountId, credentials: plan.target.credentials, access: 'credentials', roleArn: null, externalId: null, isOwn: true, managedBy: 'config' },
    ];
  } catch (error) {
    base.destroy();
    // No account can be read with these credentials: every stored checklist still ages.
    await evaluateAllBut([]);
    return finish('failed', toAwsCallError(error, 'sts:GetCallerIdentity').describe());
  }
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
      anyIncomplete = true;
      runErrors.push(error);
    }
  }
  const assumed = [...plan.assumed, ...discovery.toRead.map((d) => ({ name: d.name, roleArn: d.roleArn, externalId: d.externalId, isOwn: true, managedBy: 'organization' as const }))];
  const plannedIds = new Set(accounts.map((a) => a.id));
  for (const a of assumed) {
    const id = accountIdOfRole(a.roleArn);
    if (!id) {
      anyFailed = true;
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

  // Accounts run side by side: each has its own API rate limits (CloudTrail's 2 requests/s is per
  // account and region), so the run takes about as long as its slowest account.
  try {
    await mapLimit(accounts, options.accountConcurrency, async (account) => {
      const fields = { name: account.name, access: account.access, roleArn: account.roleArn, externalId: account.externalId, isOwn: account.isOwn, managedBy: account.managedBy };
      // Regions are decided once this account is reached; a new account starts with the configured ones.
      const row = await db.account.upsert({ where: { id: account.id }, create: { id: account.id, ...fields, regions: plan.regions ?? [plan.target.region] }, update: fields });
      // An admin paused it (Accounts screen): nothing is read, and what is stored stays as it is.
      if (!row.enabled) {
        emit({ type: 'account', accountId: account.id, name: account.name, status: 'paused' });
        await evaluate(account.id, account.name);
        return;
      }
      await db.syncSourceRun.createMany({ data: sources.map((source) => ({ runId: run.id, accountId: account.id, source, status: 'pending' })) });
      const entry: SyncResult['accounts'][number] = { accountId: account.id, name: account.name, sources: {} as SyncResult['accounts'][number]['sources'] };
      result.accounts.push(entry);

      const markAll = async (status: 'failed' | 'skipped', error: string) => {
        await db.syncSourceRun.updateMany({ where: { runId: run.id, accountId: account.id }, data: { status, error, finishedAt: currentTime() } });
        for (const s of sources) {
          entry.sources[s] = { status, records: 0, apiCalls: 0, error };
          emit({ type: 'source', accountId: account.id, source: s, status, error });
        }
      };

      const holder = run.id;
      if (!(await acquireSyncLock(account.id, holder))) {
        emit({ type: 'account', accountId: account.id, name: account.name, status: 'locked' });
        await markAll('skipped', 'another sync of this account is running');
        return;
      }
      const heartbeat = setInterval(() => void renewSyncLock(account.id, holder).catch(() => {}), 60_000);
      try {
        let credentials = account.credentials;
        if (account.access === 'assume-role' && account.roleArn) {
          try {
            credentials = await credentialsInAccount(base, { roleArn: account.roleArn, externalId: account.externalId }, { sessionName: 'warden-sync' });
          } catch (error) {
            const e = toAwsCallError(error, 'sts:AssumeRole');
            anyFailed = true;
            await db.account.update({ where: { id: account.id }, data: { lastReachError: reachError(account, e) } });
            emit({ type: 'account', accountId: account.id, name: account.name, status: 'unreachable', error: e.describe() });
            await markAll('failed', e.describe());
            await evaluate(account.id, account.name);
            return;
          }
        }
        if (row.lastReachError !== null) await db.account.update({ where: { id: account.id }, data: { lastReachError: null } });
        emit({ type: 'account', accountId: account.id, name: account.name, status: 'started' });
        // Every region enabled in the account, narrowed by the configuration.
        const regionCounter = new CallCounter();
        const regionClients = createAwsClients({ ...plan.target, credentials }, regionCounter);
        const regions = accountRegions(plan.regions, await discoverEnabledRegions(regionClients), plan.target.region);
        regionClients.destroy();
        runCounter.addAll(regionCounter);
        await db.account.update({ where: { id: account.id }, data: { regions: regions.read, enabledRegions: regions.enabled ?? Prisma.DbNull, regionDiscovery: regions.discovery } });
        if ('denied' in regions.discovery && (regions.discovery.denied.length > 0 || regions.discovery.error !== null) && plan.regions === null) anyIncomplete = true;
        await Promise.all(
          sources.map(async (source) => {
            const counter = new CallCounter();
            const clients = createAwsClients({ ...plan.target, credentials }, counter);
            // Archives made from Warden whose expiry has passed are re-activated in AWS first, so that
            // the read already sees them ACTIVE; a refusal leaves them archived until the next sync, and
            // a denied UpdateFindings is reported as a missing permission of this source.
            const expiry = source === 'access-analyzer' ? await reactivateExpiredArchives(account.id, clients, now) : null;
            const outcome = await runSource(source, clients, { accountId: account.id, runId: run.id, regions: regions.read, now, options, organization: runOrganization }, emit);
            if (expiry?.error?.kind === 'access-denied' && !outcome.missingPermissions.includes(expiry.error.action)) {
              outcome.missingPermissions.push(expiry.error.action);
              outcome.incomplete = true;
            }
            clients.destroy();
            runCounter.addAll(counter);
            entry.sources[source] = { status: outcome.status, records: outcome.records, apiCalls: counter.total(), error: outcome.error };
            if (outcome.status === 'ok') anyOk = true;
            else anyFailed = true;
            // A source that stored what it could but was denied a part, or lost a part to a server
            // error, did not read everything: the run is partial, never ok.
            if (outcome.status === 'ok' && outcome.incomplete) anyIncomplete = true;
            await db.syncSourceRun.update({
              where: { runId_accountId_source: { runId: run.id, accountId: account.id, source } },
              data: {
                status: outcome.status,
                finishedAt: currentTime(),
                apiCalls: counter.total(),
                records: outcome.records,
                error: outcome.error,
                errorCode: outcome.errorCode,
                missingPermissions: outcome.missingPermissions,
                snapshotId: outcome.snapshotId,
              },
            });
            emit({ type: 'source', accountId: account.id, source, status: outcome.status, records: outcome.records, apiCalls: counter.total(), error: outcome.error ?? undefined, missingPermissions: outcome.missingPermissions });
          }),
        );
        await evaluate(account.id, account.name);
      } finally {
        clearInterval(heartbeat);
        await releaseSyncLock(account.id, holder);
      }
    });
  } catch (error) {
    // Something outside any source broke (the database, a bug): the run is recorded as failed and
    // every source still pending or running says so. Snapshots already written stay.
    const message = `the run stopped: ${error instanceof Error ? error.message : String(error)}`;
    await db.syncSourceRun.updateMany({ where: { runId: run.id, status: { in: ['pending', 'running'] } }, data: { status: 'failed', error: message, finishedAt: currentTime() } });
    base.destroy();
    return finish('failed', message);
  }
  // Accounts Warden no longer reads (taken out of the accounts file; the credentials now act in
  // another account) keep their data, and their checklist is evaluated too, so old passes age out.
  await evaluateAllBut(accounts.map((a) => a.id));
  base.destroy();
  return finish(anyFailed ? (anyOk ? 'partial' : 'failed') : anyIncomplete ? 'partial' : 'ok', runErrors.length > 0 ? runErrors.join('; ') : null);
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
