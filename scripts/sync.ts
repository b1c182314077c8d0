// `npm run sync`: one sync of every configured account from the command line, with progress per
// account and source. Exit 0: everything read; 2: some sources failed; 1: nothing could be read.
import { registerDemoRuntime } from '@/lib/demo/runtime';
import { runSync } from '@/lib/sync/run-sync';
import { resolveSyncPlan } from '@/lib/sync/plan';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';

const started = Date.now();
const names = new Map<string, string>();

async function main(): Promise<number> {
  registerDemoRuntime();
  const plan = await resolveSyncPlan();
  process.stdout.write(`Warden sync (${plan.mode} mode), regions ${plan.regions === null ? 'every enabled region of each account' : plan.regions.join(', ')}\n`);
  const result = await runSync(plan, {
    trigger: 'cli',
    actor: process.env.USER ? `cli:${process.env.USER}` : 'cli',
    afterAccount: checklistEvaluator(),
    onProgress: (p) => {
      const t = `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
      if (p.type === 'account') {
        names.set(p.accountId, p.name);
        process.stdout.write(`${t}  ${p.accountId} (${p.name}): ${p.status}${p.error ? ` — ${p.error}` : ''}\n`);
      } else if (p.type === 'source' && p.status !== 'running') {
        const detail = p.status === 'ok' ? `${p.records ?? 0} records, ${p.apiCalls ?? 0} API calls` : (p.error ?? '');
        const missing = p.missingPermissions && p.missingPermissions.length > 0 ? ` (missing: ${p.missingPermissions.join(', ')})` : '';
        process.stdout.write(`${t}  ${p.accountId}  ${p.source.padEnd(18)} ${p.status.padEnd(7)} ${detail}${missing}\n`);
      }
    },
  });
  const accountsOk = result.accounts.filter((a) => Object.values(a.sources).some((s) => s.status === 'ok')).length;
  process.stdout.write(`\nRun ${result.runId}: ${result.status}; ${result.accounts.length} account(s), ${result.apiCalls} API calls in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (result.status === 'ok') return 0;
  return accountsOk > 0 ? 2 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`sync failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
