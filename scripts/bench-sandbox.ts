// Times the sandbox's generator on the benchmark dataset (5,000 users, 1,000 roles, 20,000
// findings, 200,000 events) and a few reads through the real SDK against it; with --accounts N,
// the organization of N generated members instead (generation time, heap it holds, a ListAccounts
// walk). Run: node --expose-gc --conditions=react-server --import tsx scripts/bench-sandbox.ts
// [--runs N] [--accounts N] (without --expose-gc the heap figures include garbage).
import { parseArgs } from 'node:util';

import { paginateListFindingsV2 } from '@aws-sdk/client-accessanalyzer';
import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import { paginateListAccounts } from '@aws-sdk/client-organizations';

import { BENCHMARK_SCALE, generateDemoState } from '@/lib/sandbox/generate';
import type { SandboxState } from '@/lib/sandbox/model';
import { startSandbox } from '@/lib/sandbox/server';
import { clientsForAccount, destroyClients, sandboxClients } from '@/lib/sandbox/test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

async function benchOrganization(accounts: number, runs: number): Promise<void> {
  const now = new Date();
  for (let i = 0; i < runs; i++) {
    const before = heapUsed();
    const start = performance.now();
    let state: SandboxState | null = generateDemoState({ seed: 1, now, organization: { accounts } });
    const took = performance.now() - start;
    const held = heapUsed() - before;
    const members = state.accounts.filter((a) => !a.handConfigured);
    const sum = (count: (a: (typeof members)[number]) => number) => members.reduce((n, a) => n + count(a), 0);
    process.stdout.write(
      `generate #${i + 1}: ${took.toFixed(0)} ms, heap held ${mb(held)} (${members.length} members in ${state.organization.organizationalUnits.length} OUs: ` +
        `${sum((a) => a.users.length)} users, ${sum((a) => a.roles.length)} roles, ${sum((a) => a.findings.length)} findings, ${sum((a) => Object.values(a.events).reduce((n, l) => n + l.length, 0))} events)\n`,
    );
    state = null;
  }
  let start = performance.now();
  const sandbox = await startSandbox({ seed: 1, now, organization: { accounts } });
  process.stdout.write(`startSandbox with ${accounts} members: ${ms(start)}; process heap ${mb(heapUsed())}, rss ${mb(process.memoryUsage().rss)}\n`);
  const clients = sandboxClients(sandbox);
  try {
    start = performance.now();
    let listed = 0;
    let pages = 0;
    for await (const page of paginateListAccounts({ client: clients.organizations }, {})) {
      listed += page.Accounts?.length ?? 0;
      pages += 1;
    }
    process.stdout.write(`ListAccounts, ${pages} pages / ${listed} accounts: ${ms(start)}\n`);
  } finally {
    destroyClients(clients);
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, accounts: { type: 'string' } } });
  const runs = Math.max(1, Number(values.runs) || 3);
  if (values.accounts !== undefined) {
    const accounts = Number(values.accounts);
    if (!Number.isInteger(accounts) || accounts < 1) throw new Error('--accounts must be a positive integer');
    await benchOrganization(accounts, runs);
    return;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const state = generateDemoState({ seed: 1, scale: BENCHMARK_SCALE });
    times.push(performance.now() - start);
    const scale = state.accounts.find((a) => a.name === 'acme-scale');
    const events = Object.values(scale?.events ?? {}).reduce((n, list) => n + list.length, 0);
    process.stdout.write(`generate #${i + 1}: ${times[i]?.toFixed(0)} ms (${scale?.users.length} users, ${scale?.roles.length} roles, ${scale?.findings.length} findings, ${events} events)\n`);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`generation median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms over ${runs} run(s); budget 10000 ms\n`);

  let start = performance.now();
  const sandbox = await startSandbox({ seed: 1, scale: BENCHMARK_SCALE });
  process.stdout.write(`startSandbox with the benchmark dataset: ${ms(start)}\n`);
  const clients = await clientsForAccount(sandbox, 'acme-scale');
  try {
    start = performance.now();
    let findings = 0;
    const analyzer = sandbox.state.accounts.find((a) => a.name === 'acme-scale')?.analyzers.find((a) => a.type === 'ACCOUNT_UNUSED_ACCESS');
    for await (const page of paginateListFindingsV2({ client: clients.accessAnalyzer, pageSize: 1000 }, { analyzerArn: analyzer?.arn })) findings += page.findings?.length ?? 0;
    process.stdout.write(`ListFindingsV2, every page of ${findings} findings: ${ms(start)}\n`);

    start = performance.now();
    let events = 0;
    let pages = 0;
    for await (const page of paginateLookupEvents({ client: clients.cloudTrail }, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }] })) {
      events += page.Events?.length ?? 0;
      pages += 1;
    }
    process.stdout.write(`LookupEvents EventName=CreateUser, ${pages} pages / ${events} events: ${ms(start)}\n`);
  } finally {
    destroyClients(clients);
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
