import 'server-only';
import { env } from '@/lib/env';
import { followRecordedTriage } from '@/lib/demo/finding-status';
import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { registerDemoPlan } from '@/lib/sync/plan';
import type { SyncPlan } from '@/lib/sync/types';

// Demo mode: the built-in sandbox, started once per process on a free loopback port, and the sync
// plan that points the real collectors at it. Per process on purpose (it is this process's "AWS",
// the same organisation from the same seed everywhere); what Warden changes in it, finding
// statuses, follows the database (lib/demo/finding-status.ts), so several instances agree.

type DemoRuntime = { sandbox: Sandbox; plan: SyncPlan };

const holder = globalThis as unknown as { wardenDemo?: Promise<DemoRuntime> };

export function ensureDemoSandbox(): Promise<DemoRuntime> {
  holder.wardenDemo ??= (async () => {
    const e = env();
    const members = e.WARDEN_DEMO_ORGANIZATION_ACCOUNTS;
    const sandbox = await startSandbox({
      port: 0,
      seed: e.WARDEN_DEMO_SEED,
      extraUserNames: e.WARDEN_DEMO_EXTRA_USERS,
      ...(members > 0 ? { organization: { accounts: members } } : {}),
      beforeCall: followRecordedTriage,
    });
    return { sandbox, plan: demoPlan(sandbox) };
  })();
  return holder.wardenDemo;
}

/** Makes an already started sandbox this process's demo sandbox (tests, benchmarks). */
export function registerDemoSandbox(sandbox: Sandbox): void {
  holder.wardenDemo = Promise.resolve({ sandbox, plan: demoPlan(sandbox) });
  registerDemoRuntime();
}

/** Registers the built-in sandbox as the source of the demo plan: called once at start-up. */
export function registerDemoRuntime(): void {
  registerDemoPlan(async () => (await ensureDemoSandbox()).plan);
}

export function demoPlan(sandbox: Sandbox): SyncPlan {
  const base = sandbox.accounts.find((a) => a.usesBaseCredentials);
  return {
    mode: 'demo',
    target: { region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials, maxAttempts: 3 },
    baseAccountName: base?.name,
    assumed: sandbox.accounts
      .filter((a) => !a.usesBaseCredentials)
      .map((a) => ({ name: a.name, roleArn: a.roleArn, externalId: a.externalId ?? null, isOwn: true })),
    // As against AWS: every region enabled in each account, discovered at each sync.
    regions: null,
    // A generated organization (WARDEN_DEMO_ORGANIZATION_ACCOUNTS) is discovered and entered through
    // its member role; the small demo organization is read as listed, and discovery only adds OU paths.
    ...(sandbox.organization
      ? { organization: { memberRoleName: sandbox.organization.memberRoleName, externalId: sandbox.organization.memberRoleExternalId, excludedAccounts: [], excludedOus: [] } }
      : {}),
  };
}
