// Benchmark: a first and a second sync of the sandbox's benchmark dataset (5,000 users, 1,000 roles,
// 20,000 findings, 200,000 events in the acme-scale account) into a fresh SQLite database, through
// the real SDK and the real collectors. Reports wall time, API calls per operation and records.
//
//   npm run bench            CloudTrail at 1,000 requests/s (the sandbox does not limit unless told)
//   npm run bench -- --cloudtrail-rps 2   the real LookupEvents limit (a first sync then takes
//                                          LookupEvents calls / 2 seconds, about half an hour)
import '@/lib/testing/test-store';
import { parseArgs } from 'node:util';
import { db } from '@/lib/db';
import { demoPlan, registerDemoSandbox } from '@/lib/demo/runtime';
import { evaluateAccountChecklist } from '@/lib/checklist/evaluate-account';
import { BENCHMARK_SCALE } from '@/lib/sandbox/generate';
import { startSandbox } from '@/lib/sandbox/server';
import { runSync, type SyncResult } from '@/lib/sync/run-sync';

const { values } = parseArgs({ options: { 'cloudtrail-rps': { type: 'string', default: '1000' } } });
const rps = Number(values['cloudtrail-rps']);
if (!Number.isFinite(rps) || rps <= 0) {
  process.stderr.write('--cloudtrail-rps must be a positive number\n');
  process.exit(64);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function report(label: string, r: SyncResult, ms: number) {
  process.stdout.write(`\n${label}: ${r.status} in ${seconds(ms)}, ${r.apiCalls} API calls\n`);
  for (const [op, n] of Object.entries(r.calls)) process.stdout.write(`  ${op.padEnd(42)} ${String(n).padStart(7)}\n`);
  for (const a of r.accounts) {
    const parts = Object.entries(a.sources).map(([s, o]) => `${s} ${o.status} ${o.records} rec/${o.apiCalls} calls`);
    process.stdout.write(`  ${a.name.padEnd(16)} ${parts.join(' | ')}\n`);
  }
  const lookups = r.calls['cloudtrail:LookupEvents'] ?? 0;
  process.stdout.write(`  LookupEvents at AWS's 2 requests/s per account and region would take at least ${seconds((lookups / 2) * 1000)} (spread over accounts and regions: less)\n`);
}

async function main() {
  let t = performance.now();
  const sandbox = await startSandbox({ port: 0, seed: 1, scale: BENCHMARK_SCALE });
  process.stdout.write(`sandbox with the benchmark dataset started in ${seconds(performance.now() - t)}\n`);
  registerDemoSandbox(sandbox);
  const plan = demoPlan(sandbox);
  const opts = {
    trigger: 'cli' as const,
    options: { cloudTrailRequestsPerSecond: rps, findingDetailConcurrency: 8 },
    afterAccount: (accountId: string, runId: string) => evaluateAccountChecklist(accountId, runId),
  };
  try {
    t = performance.now();
    const first = await runSync(plan, { ...opts, now: sandbox.now() });
    report('first sync', first, performance.now() - t);
    const counts = {
      credentialRows: await db.credentialReportEntry.count(),
      findings: await db.finding.count(),
      dailyCounts: await db.eventDailyCount.count(),
      eventsCounted: (await db.eventDailyCount.aggregate({ _sum: { count: true } }))._sum.count ?? 0,
      notableEvents: await db.trailEvent.count(),
    };
    process.stdout.write(`  stored: ${JSON.stringify(counts)}\n`);

    sandbox.advanceClock(60_000);
    t = performance.now();
    const second = await runSync(plan, { ...opts, now: sandbox.now() });
    report('second sync (nothing new)', second, performance.now() - t);

    t = performance.now();
    const scale = sandbox.accounts.find((a) => a.name === 'acme-scale');
    if (scale) await evaluateAccountChecklist(scale.id, null, sandbox.now());
    process.stdout.write(`\nchecklist evaluation of acme-scale alone: ${seconds(performance.now() - t)}\n`);
  } finally {
    await sandbox.close();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
