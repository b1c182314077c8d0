import 'server-only';
import { configuredRegions, env, resolveMode } from '@/lib/env';
import { ensureDemoSandbox } from '@/lib/demo/runtime';
import { readAccountsFile } from '@/lib/sync/accounts-file';
import type { SyncPlan } from '@/lib/sync/run-sync';

/** What a sync reads: the demo organisation in demo mode, else the credential chain's account and the accounts file. */
export async function resolveSyncPlan(): Promise<SyncPlan> {
  const e = env();
  if (resolveMode() === 'demo') {
    const sandbox = await ensureDemoSandbox();
    return sandbox.plan;
  }
  const regions = configuredRegions(e);
  const [home = 'us-east-1'] = regions;
  return {
    mode: 'aws',
    target: { region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? home },
    assumed: e.WARDEN_ACCOUNTS_FILE ? readAccountsFile(e.WARDEN_ACCOUNTS_FILE) : [],
    regions,
  };
}
