import 'server-only';
import { db } from '@/lib/db';
import { configuredRegions, env, homeRegion, resolveMode } from '@/lib/env';
import { ensureDemoSandbox } from '@/lib/demo/runtime';
import { readAccountsFile } from '@/lib/sync/accounts-file';
import { accountIdOfRole } from '@/lib/accounts/schema';
import type { AssumedAccount, SyncPlan } from '@/lib/sync/run-sync';

/**
 * What a sync reads: the demo organisation in demo mode, else the credential chain's account and
 * the accounts file; in both, the accounts admins added on the Accounts screen.
 */
export async function resolveSyncPlan(): Promise<SyncPlan> {
  const base = await configuredPlan();
  const added = await db.account.findMany({ where: { managedBy: 'admin', access: 'assume-role' }, orderBy: { name: 'asc' } });
  return withAddedAccounts(
    base,
    added.flatMap((a) => (a.roleArn ? [{ name: a.name, roleArn: a.roleArn, externalId: a.externalId, isOwn: a.isOwn, managedBy: 'admin' as const }] : [])),
  );
}

/** The plan from configuration alone (demo organisation, or credentials + WARDEN_ACCOUNTS_FILE). */
export async function configuredPlan(): Promise<SyncPlan> {
  const e = env();
  if (resolveMode() === 'demo') {
    const sandbox = await ensureDemoSandbox();
    return sandbox.plan;
  }
  return {
    mode: 'aws',
    target: { region: homeRegion(e) },
    assumed: e.WARDEN_ACCOUNTS_FILE ? readAccountsFile(e.WARDEN_ACCOUNTS_FILE) : [],
    regions: configuredRegions(e),
  };
}

/** The configuration's accounts win: an added account that the configuration also lists is read once, as configured. */
export function withAddedAccounts(plan: SyncPlan, added: AssumedAccount[]): SyncPlan {
  const configured = new Set(plan.assumed.map((a) => accountIdOfRole(a.roleArn)));
  return { ...plan, assumed: [...plan.assumed, ...added.filter((a) => !configured.has(accountIdOfRole(a.roleArn)))] };
}

/** The account of a plan reached with this account id's role, if any (the first wins, as in a sync). */
export function assumedAccountFor(plan: SyncPlan, accountId: string): AssumedAccount | undefined {
  return plan.assumed.find((a) => accountIdOfRole(a.roleArn) === accountId);
}
