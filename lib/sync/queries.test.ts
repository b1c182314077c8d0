import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { countSyncRuns, listSyncRuns } from '@/lib/sync/queries';
import { syncRunSchema } from '@/lib/sync/schema';

// The sync screen's reads: runs newest first, a page at a time, per account.

let fx: DemoFixture;
let firstRunId: string;
let secondRunId: string;

before(async () => {
  fx = await startDemoFixture({ seed: 3 });
  firstRunId = (await fx.sync()).runId;
  fx.sandbox.setFault({ operation: 'iam:GetAccountPasswordPolicy', kind: 'deny' });
  fx.sandbox.setFault({ operation: 'access-analyzer:ListAnalyzers', kind: 'error' });
  secondRunId = (await fx.sync({ sources: ['account', 'access-analyzer'] })).runId;
  fx.sandbox.clearFaults();
});
after(() => fx.close());

test('runs come newest first, a page at a time, in the shared schema', async () => {
  assert.equal(await countSyncRuns(), 2);
  const runs = await listSyncRuns({ take: 10 });
  assert.deepEqual(runs.map((r) => r.id), [secondRunId, firstRunId]);
  for (const r of runs) syncRunSchema.parse(r);
  assert.deepEqual((await listSyncRuns({ take: 1, skip: 1 })).map((r) => r.id), [firstRunId]);
  assert.deepEqual(await listSyncRuns({ take: 1, skip: 2 }), []);
});

test('each source carries its account name, outcome, calls, records, error and missing permissions', async () => {
  const [second, first] = await listSyncRuns({ take: 2 });
  assert.ok(first && second);
  const accounts = await db.account.findMany();
  assert.equal(first.sources.length, accounts.length * 5);
  assert.ok(first.sources.every((s) => s.status === 'ok' && s.accountName === accounts.find((a) => a.id === s.accountId)?.name));
  assert.ok(first.sources.some((s) => s.records > 0 && s.apiCalls > 0));
  assert.equal(second.sources.length, accounts.length * 2, 'only the two sources asked for');
  const failed = second.sources.filter((s) => s.source === 'access-analyzer');
  assert.ok(failed.every((s) => s.status === 'failed' && s.error !== null && s.errorCode !== null), JSON.stringify(failed[0]));
  const denied = second.sources.filter((s) => s.source === 'account');
  assert.ok(denied.some((s) => s.missingPermissions.includes('iam:GetAccountPasswordPolicy')));
});

test('per account: only runs that read it, and only its sources', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'asc' } });
  assert.equal(await countSyncRuns({ accountId: account.id }), 2);
  const runs = await listSyncRuns({ take: 10, accountId: account.id });
  assert.equal(runs.length, 2);
  assert.ok(runs.every((r) => r.sources.length > 0 && r.sources.every((s) => s.accountId === account.id)));
  assert.equal(await countSyncRuns({ accountId: '000000000000' }), 0);
});
