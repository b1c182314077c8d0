import 'server-only';
import { db } from '@/lib/db';
import { env, resolveMode } from '@/lib/env';
import { HttpError } from '@/lib/http';
import { recordAudit } from '@/lib/audit/queries';
import { placementOf, rawDate } from '@/lib/accounts/queries';
import { Prisma } from '@/lib/generated/prisma/client';
import { accountIdOfRole, type AssumedAccountInput, type ManagedAccount, type ManagedAccountList, type UpdateAccountInput } from '@/lib/accounts/schema';
import { assumedAccountFor, configuredPlan } from '@/lib/sync/plan';
import { tallySources, type SyncSourceRunView } from '@/lib/sync/schema';
import type { SyncPlan } from '@/lib/sync/types';
import type { Account } from '@/lib/generated/prisma/client';

// The Accounts screen: every account Warden reads, where it is configured, and whether it is
// paused. Admins add accounts reached with STS AssumeRole (the sync plan reads them from the
// database), edit and pause them. Accounts from configuration (the credentials' own account,
// WARDEN_ACCOUNTS_FILE, the demo organisation) are changed there; here they can only be paused.
// Nothing stored is ever deleted: an account can only be removed while nothing of it is stored.

type Origin = ManagedAccount['origin'];

function originOf(row: Pick<Account, 'access' | 'managedBy'>, mode: 'demo' | 'aws'): Origin {
  if (row.managedBy === 'admin') return 'admin';
  if (row.managedBy === 'organization') return 'organization';
  if (mode === 'demo') return 'demo';
  return row.access === 'credentials' ? 'credentials' : 'file';
}

const originWords: Record<Origin, string> = {
  credentials: "the configured credentials' own account",
  file: 'WARDEN_ACCOUNTS_FILE',
  demo: 'the demo organisation',
  admin: 'the Accounts screen',
  organization: 'organization discovery (the member role set under Organization discovery)',
};

type LastSync = ManagedAccount['lastSync'] & { synced: boolean };
const neverSynced: LastSync = { at: null, status: null, error: null, synced: false };

type SourceRunRow = { accountId: string; status: string; error: string | null; startedAt: unknown; finishedAt: unknown };

/**
 * Each account's newest sync (or one account's): the sources of the newest run that read it, found
 * by a join in SQL in one query whatever the number of accounts.
 */
async function lastSyncs(accountId?: string): Promise<Map<string, LastSync>> {
  const only = accountId ? Prisma.sql`WHERE s2."accountId" = ${accountId}` : Prisma.empty;
  const rows = await db.$queryRaw<SourceRunRow[]>`
    SELECT s."accountId", s."status", s."error", s."startedAt", s."finishedAt"
    FROM "SyncSourceRun" s
    JOIN "SyncRun" r ON r."id" = s."runId"
    JOIN (SELECT s2."accountId", MAX(r2."startedAt") AS "newest" FROM "SyncSourceRun" s2 JOIN "SyncRun" r2 ON r2."id" = s2."runId" ${only} GROUP BY s2."accountId") n
      ON n."accountId" = s."accountId" AND n."newest" = r."startedAt"`;
  const byAccount = new Map<string, SourceRunRow[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountId);
    if (list) list.push(row);
    else byAccount.set(row.accountId, [row]);
  }
  const out = new Map<string, LastSync>();
  for (const [id, list] of byAccount) {
    const sources = list.map((s) => ({ status: s.status as SyncSourceRunView['status'], error: s.error, startedAt: rawDate(s.startedAt), finishedAt: rawDate(s.finishedAt) }));
    const failed = sources.find((s) => s.status === 'failed');
    const t = tallySources(sources.map((s) => ({ ...s, records: 0, apiCalls: 0 })));
    const status = t.failed > 0 ? 'failed' : t.done < t.total ? 'running' : t.skipped === t.total ? 'skipped' : 'ok';
    const at = Math.max(0, ...sources.map((s) => (s.finishedAt ?? s.startedAt)?.getTime() ?? 0));
    out.set(id, { at: at > 0 ? new Date(at).toISOString() : null, status, error: failed?.error ?? sources.find((s) => s.status === 'skipped')?.error ?? null, synced: true });
  }
  return out;
}

async function lastSyncOf(accountId: string): Promise<LastSync> {
  return (await lastSyncs(accountId)).get(accountId) ?? neverSynced;
}

function toView(row: Account, mode: 'demo' | 'aws', last: LastSync, configuredIds: Set<string> | null = null): ManagedAccount {
  const { synced, ...lastSync } = last;
  const origin = originOf(row, mode);
  return {
    id: row.id,
    name: row.name,
    access: row.access === 'credentials' ? 'credentials' : 'assume-role',
    roleArn: row.roleArn,
    externalIdSet: Boolean(row.externalId),
    isOwn: row.isOwn,
    enabled: row.enabled,
    origin,
    addedBy: row.addedBy,
    ...placementOf(row),
    synced,
    // The credentials' own account is read by every sync, whatever the file lists.
    noLongerConfigured: (origin === 'file' || origin === 'demo') && row.access !== 'credentials' && configuredIds !== null && !configuredIds.has(row.id),
    lastSync,
  };
}

export async function listManagedAccounts(): Promise<ManagedAccountList> {
  const mode = resolveMode();
  const rows = await db.account.findMany({ orderBy: { name: 'asc' } });
  const plan = await configuredPlan().catch(() => null);
  const configuredIds = plan ? new Set(plan.assumed.map((a) => accountIdOfRole(a.roleArn)).filter((id): id is string => id !== null)) : null;
  const last = await lastSyncs();
  const accounts = rows.map((row) => toView(row, mode, last.get(row.id) ?? neverSynced, configuredIds));
  // Configured accounts that no sync has reached yet (just added to the accounts file).
  const known = new Set(rows.map((r) => r.id));
  for (const a of plan?.assumed ?? []) {
    const id = accountIdOfRole(a.roleArn);
    if (!id || known.has(id)) continue;
    known.add(id);
    accounts.push({
      id,
      name: a.name,
      access: 'assume-role',
      roleArn: a.roleArn,
      externalIdSet: Boolean(a.externalId),
      isOwn: a.isOwn ?? true,
      enabled: true,
      origin: mode === 'demo' ? 'demo' : 'file',
      addedBy: null,
      ouPath: null,
      orgStatus: null,
      exclusion: null,
      lastReachError: null,
      managedBy: 'config',
      synced: false,
      noLongerConfigured: false,
      lastSync: { at: null, status: null, error: null },
    });
  }
  return { accounts, mode, accountsFile: mode === 'aws' ? (env().WARDEN_ACCOUNTS_FILE ?? null) : null };
}

async function requireAccount(id: string): Promise<Account> {
  const row = await db.account.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `account ${id} is not in Warden (an account from configuration appears here after its first sync)`);
  return row;
}

/** Refuses an account Warden already has or its configuration lists; answers the configured plan. */
async function assertNotTaken(id: string): Promise<SyncPlan> {
  const row = await db.account.findUnique({ where: { id }, select: { name: true, access: true, managedBy: true } });
  if (row) throw new HttpError(409, `roleArn: account ${id} is already in Warden as “${row.name}” (from ${originWords[originOf(row, resolveMode())]})`);
  const plan = await configuredPlan();
  const configured = assumedAccountFor(plan, id);
  if (configured) throw new HttpError(409, `roleArn: account ${id} is already configured as “${configured.name}” (from ${originWords[resolveMode() === 'demo' ? 'demo' : 'file']})`);
  return plan;
}

export async function addAccount(input: AssumedAccountInput, actor: string): Promise<ManagedAccount> {
  const id = accountIdOfRole(input.roleArn);
  if (!id) throw new HttpError(400, 'roleArn: not an IAM role ARN');
  const { regions } = await assertNotTaken(id);
  const row = await db.account.create({
    data: {
      id,
      name: input.name,
      access: 'assume-role',
      roleArn: input.roleArn,
      externalId: input.externalId ?? null,
      isOwn: input.isOwn ?? true,
      // Read at its first sync: every enabled region, narrowed by WARDEN_REGIONS.
      regions: regions ?? [],
      managedBy: 'admin',
      addedBy: actor,
    },
  });
  await recordAudit(actor, 'account.add', id, { name: row.name, roleArn: row.roleArn, externalId: row.externalId ? 'set' : 'none', isOwn: row.isOwn });
  return toView(row, resolveMode(), await lastSyncOf(id));
}

export async function updateAccount(id: string, input: UpdateAccountInput, actor: string): Promise<ManagedAccount> {
  const row = await requireAccount(id);
  const origin = originOf(row, resolveMode());
  const configFields = (['name', 'roleArn', 'externalId', 'isOwn'] as const).filter((k) => input[k] !== undefined);
  if (origin !== 'admin' && configFields.length > 0) {
    throw new HttpError(409, `${configFields.join(', ')}: this account comes from ${originWords[origin]}; change it there (here it can only be paused or resumed)`);
  }
  if (input.roleArn !== undefined && accountIdOfRole(input.roleArn) !== id) {
    throw new HttpError(400, `roleArn: the role must be in account ${id}; a role in another account is another account — add it instead`);
  }
  const data = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    ...(input.isOwn !== undefined ? { isOwn: input.isOwn } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
  const updated = await db.account.update({ where: { id }, data });
  // The ExternalId guards against the confused deputy: the log says that it changed, not what to.
  const changes = Object.keys(data).map((key) => {
    if (key === 'externalId') return { key, from: row.externalId ? 'set' : 'none', to: updated.externalId ? 'set (new value)' : 'none' };
    return { key, from: row[key as keyof typeof data], to: updated[key as keyof typeof data] };
  });
  const action = Object.keys(data).length === 1 && input.enabled !== undefined ? (input.enabled ? 'account.resume' : 'account.pause') : 'account.update';
  await recordAudit(actor, action, id, { name: updated.name, changes });
  return toView(updated, resolveMode(), await lastSyncOf(id));
}

/** Removes an account an admin added by mistake. Once anything of it is stored, pause it instead. */
export async function removeAccount(id: string, actor: string): Promise<void> {
  const row = await requireAccount(id);
  const origin = originOf(row, resolveMode());
  if (origin !== 'admin') throw new HttpError(409, `this account comes from ${originWords[origin]}; remove it there`);
  const [runs, snapshots] = await Promise.all([db.syncSourceRun.count({ where: { accountId: id } }), db.snapshot.count({ where: { accountId: id } })]);
  if (runs > 0 || snapshots > 0) {
    throw new HttpError(409, `account ${id} has been synced and its history is kept; pause it instead`);
  }
  await db.account.delete({ where: { id } });
  await recordAudit(actor, 'account.remove', id, { name: row.name, roleArn: row.roleArn });
}
