import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { paginateListFindingsV2 } from '@aws-sdk/client-accessanalyzer';
import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { clientsForAccount, destroyClients } from '@/lib/sandbox/test-clients';
import { demoPlan, registerDemoSandbox } from '@/lib/demo/runtime';
import { runSync } from '@/lib/sync/run-sync';
import { db } from '@/lib/db';
import { updateFindingsChunk } from '@/lib/aws/access-analyzer';
import { triageFindings } from '@/lib/findings/triage';

// Hundreds of findings at once: UpdateFindings is called per analyzer, in chunks, and every
// finding AWS accepted is recorded.

let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 63, scale: { users: 20, roles: 10, findings: 700, events: 10 } });
  registerDemoSandbox(sandbox);
  const run = await runSync(demoPlan(sandbox), { trigger: 'cli', sources: ['access-analyzer'] });
  assert.equal(run.status, 'ok');
});

after(async () => {
  await sandbox.close();
});

async function archivedInAws(accountName: string, analyzerArn: string, region: string): Promise<Set<string>> {
  const clients = await clientsForAccount(sandbox, accountName, { region });
  const ids = new Set<string>();
  try {
    for await (const page of paginateListFindingsV2({ client: clients.accessAnalyzer }, { analyzerArn, filter: { status: { eq: ['ARCHIVED'] } } })) {
      for (const f of page.findings ?? []) if (f.id) ids.add(f.id);
    }
  } finally {
    destroyClients(clients);
  }
  return ids;
}

test('archives hundreds of findings across analyzers in chunks of the UpdateFindings batch size', async () => {
  const scale = sandbox.accounts.find((a) => a.name === 'acme-scale');
  assert.ok(scale);
  const targets = await db.finding.findMany({ where: { accountId: scale.id, status: 'ACTIVE' }, select: { key: true, id: true, analyzerArn: true, region: true } });
  assert.ok(targets.length > 300, `the scale account has hundreds of active findings (${targets.length})`);
  const perAnalyzer = new Map<string, number>();
  for (const t of targets) perAnalyzer.set(t.analyzerArn, (perAnalyzer.get(t.analyzerArn) ?? 0) + 1);
  assert.ok([...perAnalyzer.values()].some((n) => n > updateFindingsChunk), 'one analyzer needs more than one call');

  sandbox.resetCallCounts();
  const result = await triageFindings({ action: 'archive', keys: targets.map((t) => t.key), reason: 'Accepted risk for the benchmark account' }, 'test-operator');
  assert.equal(result.rejected.length, 0);
  assert.equal(result.accepted.length, targets.length);

  const expectedCalls = [...perAnalyzer.values()].reduce((n, count) => n + Math.ceil(count / updateFindingsChunk), 0);
  assert.equal(sandbox.callCounts()['access-analyzer:UpdateFindings'], expectedCalls);

  for (const [analyzerArn] of perAnalyzer) {
    const region = targets.find((t) => t.analyzerArn === analyzerArn)?.region ?? 'us-east-1';
    const archived = await archivedInAws('acme-scale', analyzerArn, region);
    for (const t of targets.filter((x) => x.analyzerArn === analyzerArn)) assert.ok(archived.has(t.id), `${t.key} is ARCHIVED in AWS`);
  }
  assert.equal(await db.finding.count({ where: { key: { in: targets.map((t) => t.key) }, status: 'ARCHIVED' } }), targets.length);
  assert.equal(await db.findingTriage.count({ where: { action: 'archive', actor: 'test-operator', reason: 'Accepted risk for the benchmark account' } }), targets.length);
});
