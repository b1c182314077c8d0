// Times the sandbox's generator on the benchmark dataset (5,000 users, 1,000 roles, 20,000
// findings, 200,000 events) and a few reads through the real SDK against it.
// Run: node --conditions=react-server --import tsx scripts/bench-sandbox.ts [--runs N]
import { parseArgs } from 'node:util';

import { paginateListFindingsV2 } from '@aws-sdk/client-accessanalyzer';
import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';

import { BENCHMARK_SCALE, generateDemoState } from '@/lib/sandbox/generate';
import { startSandbox } from '@/lib/sandbox/server';
import { clientsForAccount, destroyClients } from '@/lib/sandbox/test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs) || 3);
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
