import 'server-only';
import type { AwsClients } from '@/lib/aws/clients';
import { clientsInAccount } from '@/lib/aws/reach-account';
import { db } from '@/lib/db';
import { configuredRegions, env, homeRegion, resolveMode } from '@/lib/env';
import { readAccountsFile } from '@/lib/sync/accounts-file';
import { effectiveOrganizationSettings } from '@/lib/organization/settings';
import { accountIdOfRole } from '@/lib/accounts/schema';
import type { AssumedAccount, SyncPlan } from '@/lib/sync/types';

/**
 * What a sync reads: the demo organisation in demo mode, else the credential chain's account and
 * the accounts file; in both, the accounts admins added on the Accounts screen.
 */
export async function resolveSyncPlan(): Promise<SyncPlan> {
  const base = await configuredPlan();
  const added = await db.account.findMany({ where: { managedBy: 'admin', access: 'assume-role' }, orderBy: { name: 'asc' } });
  const plan = withAddedAccounts(
    base,
    added.flatMap((a) => (a.roleArn ? [{ name: a.name, roleArn: a.roleArn, externalId: a.externalId, isOwn: a.isOwn, managedBy: 'admin' as const }] : [])),
  );
  return { ...plan, organization: plan.organization ?? (await effectiveOrganizationSettings()) };
}

// The demo organisation's plan is registered at start-up (lib/demo/runtime, from instrumentation.ts,
// the CLI and the tests), so that the sync never imports the sandbox.
const demoHolder = globalThis as unknown as { wardenDemoPlan?: () => Promise<SyncPlan> };

/** Makes `provide` the source of the demo plan (the built-in sandbox, started on first use). */
export function registerDemoPlan(provide: () => Promise<SyncPlan>): void {
  demoHolder.wardenDemoPlan = provide;
}

/** The plan from configuration alone (demo organisation, or credentials + WARDEN_ACCOUNTS_FILE). */
export async function configuredPlan(): Promise<SyncPlan> {
  const e = env();
  if (resolveMode() === 'demo') {
    const provide = demoHolder.wardenDemoPlan;
    if (!provide) throw new Error('demo mode, but no demo sandbox was registered at start-up (lib/demo/runtime registerDemoRuntime)');
    return provide();
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

/** Clients acting in `accountId`, reached the way a sync reaches it (triage, tests); the caller destroys them. */
export async function clientsForAccount(accountId: string, sessionName = 'warden-triage'): Promise<AwsClients> {
  const plan = await resolveSyncPlan();
  const assumed = assumedAccountFor(plan, accountId) ?? (await discoveredAccount(accountId));
  return clientsInAccount(plan.target, accountId, assumed ? { roleArn: assumed.roleArn, externalId: assumed.externalId ?? null } : null, sessionName);
}

/** An account found by organization discovery, reached through the member role the last sync used. */
async function discoveredAccount(accountId: string): Promise<AssumedAccount | undefined> {
  const row = await db.account.findFirst({ where: { id: accountId, managedBy: 'organization', roleArn: { not: null } } });
  return row?.roleArn ? { name: row.name, roleArn: row.roleArn, externalId: row.externalId, managedBy: 'organization' } : undefined;
}
