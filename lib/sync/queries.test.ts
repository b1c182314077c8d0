import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { countSyncRuns, listSyncRunAccounts, listSyncRuns } from '@/lib/sync/queries';
import { syncRunAccountsQuerySchema, syncRunAccountsSchema, syncRunSchema, type RunTally, type SyncRunAccountsQueryInput } from '@/lib/sync/schema';

// The sync screen's reads: runs newest first with their tallies, a page at a time, per account;
// a run's accounts a page at a time, problems first.

let fx: DemoFixture;
let firstRunId: string;
let secondRunId: string;
let thirdRunId: string;
let brokenAccount: { id: string; name: string };

before(async () => {
  fx = await startDemoFixture({ seed: 3 });
  firstRunId = (await fx.sync()).runId;
  fx.sandbox.setFault({ operation: 'iam:GetAccountPasswordPolicy', kind: 'deny' });
  fx.sandbox.setFault({ operation: 'access-analyzer:ListAnalyzers', kind: 'error' });
  secondRunId = (await fx.sync({ sources: ['account', 'access-analyzer'] })).runId;
  fx.sandbox.clearFaults();
  // One account, last by name, whose Access Analyzer fails: it comes first among the run's accounts.
  const last = await db.account.findFirstOrThrow({ orderBy: { name: 'desc' } });
  brokenAccount = { id: last.id, name: last.name };
  fx.sandbox.setFault({ operation: 'access-analyzer:ListAnalyzers', kind: 'error', accountId: last.id });
  thirdRunId = (await fx.sync()).runId;
  fx.sandbox.clearFaults();
});
after(() => fx.close());

async function accountsOf(runId: string, query: SyncRunAccountsQueryInput = {}) {
  const page = await listSyncRunAccounts(runId, syncRunAccountsQuerySchema.parse(query));
  assert.ok(page, `run ${runId} exists`);
  return page;
}

/** The tally of a run counted by hand from its source rows. */
async function tallyByHand(runId: string, accountId?: string): Promise<RunTally> {
  const rows = await db.syncSourceRun.findMany({ where: { runId, ...(accountId ? { accountId } : {}) } });
  const missing = (s: (typeof rows)[number]) => Array.isArray(s.missingPermissions) && s.missingPermissions.length > 0;
  const problem = (s: (typeof rows)[number]) => s.status === 'failed' || s.status === 'skipped' || s.error !== null || missing(s);
  return {
    total: rows.length,
    done: rows.filter((s) => s.status !== 'pending' && s.status !== 'running').length,
    ok: rows.filter((s) => s.status === 'ok').length,
    incomplete: rows.filter((s) => s.status === 'ok' && (s.error !== null || missing(s))).length,
    failed: rows.filter((s) => s.status === 'failed').length,
    skipped: rows.filter((s) => s.status === 'skipped').length,
    records: rows.reduce((sum, s) => sum + s.records, 0),
    apiCalls: rows.reduce((sum, s) => sum + s.apiCalls, 0),
    accounts: new Set(rows.map((s) => s.accountId)).size,
    problemAccounts: new Set(rows.filter(problem).map((s) => s.accountId)).size,
  };
}

test('runs come newest first, a page at a time, in the shared schema', async () => {
  assert.equal(await countSyncRuns(), 3);
  const runs = await listSyncRuns({ take: 10 });
  assert.deepEqual(runs.map((r) => r.id), [thirdRunId, secondRunId, firstRunId]);
  for (const r of runs) syncRunSchema.parse(r);
  assert.deepEqual((await listSyncRuns({ take: 1, skip: 2 })).map((r) => r.id), [firstRunId]);
  assert.deepEqual(await listSyncRuns({ take: 1, skip: 3 }), []);
});

test('each run’s tally, counted in the database, is what its source rows add up to', async () => {
  const accounts = await db.account.count();
  const runs = await listSyncRuns({ take: 3 });
  for (const run of runs) assert.deepEqual(run.tally, await tallyByHand(run.id), run.id);
  const [third, second, first] = runs;
  assert.ok(first && second && third);
  assert.deepEqual([first.tally.total, first.tally.ok, first.tally.accounts, first.tally.problemAccounts], [accounts * 5, accounts * 5, accounts, 0]);
  assert.ok(first.tally.records > 0 && first.tally.apiCalls > 0);
  assert.equal(second.tally.total, accounts * 2, 'only the two sources asked for');
  assert.equal(second.tally.failed, accounts, 'Access Analyzer failed everywhere');
  assert.equal(second.tally.incomplete, accounts, 'the password policy was denied everywhere');
  assert.deepEqual([third.tally.failed, third.tally.problemAccounts], [1, 1]);
});

test('a run’s accounts: every source with its outcome, calls, records, error and missing permissions', async () => {
  const names = new Map((await db.account.findMany()).map((a) => [a.id, a.name]));
  const first = syncRunAccountsSchema.parse(await accountsOf(firstRunId));
  assert.equal(first.total, names.size);
  assert.equal(first.problemAccounts, 0);
  assert.ok(first.accounts.every((a) => a.accountName === names.get(a.accountId) && a.sources.length === 5 && !a.problem));
  assert.ok(first.accounts.flatMap((a) => a.sources).every((s) => s.status === 'ok'));
  assert.ok(first.accounts.flatMap((a) => a.sources).some((s) => s.records > 0 && s.apiCalls > 0));
  const second = await accountsOf(secondRunId);
  const sources = second.accounts.flatMap((a) => a.sources);
  assert.equal(sources.length, names.size * 2);
  const failed = sources.filter((s) => s.source === 'access-analyzer');
  assert.ok(failed.every((s) => s.status === 'failed' && s.error !== null && s.errorCode !== null), JSON.stringify(failed[0]));
  assert.ok(sources.filter((s) => s.source === 'account').some((s) => s.missingPermissions.includes('iam:GetAccountPasswordPolicy')));
  assert.ok(second.accounts.every((a) => a.problem));
});

test('a run’s accounts: problems first, then by name; paged; searched; only the problems', async () => {
  const all = await accountsOf(thirdRunId);
  assert.equal(all.problemAccounts, 1);
  assert.equal(all.accounts[0]?.accountId, brokenAccount.id, 'the account whose source failed comes first, though last by name');
  assert.equal(all.accounts[0]?.problem, true);
  const rest = all.accounts.slice(1).map((a) => a.accountName);
  assert.deepEqual(rest, [...rest].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

  const pageTwo = await accountsOf(thirdRunId, { pageSize: '1', page: '2' });
  assert.deepEqual([pageTwo.total, pageTwo.accounts.length, pageTwo.accounts[0]?.accountId], [all.total, 1, all.accounts[1]?.accountId]);
  assert.deepEqual((await accountsOf(thirdRunId, { page: '99' })).accounts, []);

  const other = all.accounts[1];
  assert.ok(other);
  const byName = await accountsOf(thirdRunId, { q: other.accountName.toUpperCase() });
  assert.ok(byName.accounts.some((a) => a.accountId === other.accountId), 'case-insensitive');
  assert.ok(byName.accounts.every((a) => a.accountName.toLowerCase().includes(other.accountName.toLowerCase())));
  assert.deepEqual((await accountsOf(thirdRunId, { q: other.accountId.slice(3, 9) })).accounts.map((a) => a.accountId), [other.accountId]);
  assert.equal((await accountsOf(thirdRunId, { q: '%' })).total, 0, '% is a character, not a wildcard');

  const problems = await accountsOf(thirdRunId, { problems: 'only' });
  assert.deepEqual([problems.total, problems.accounts.map((a) => a.accountId)], [1, [brokenAccount.id]]);
});

test('per account: only runs that read it, counting only its sources, and only its sources in a run', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'asc' } });
  assert.equal(await countSyncRuns({ accountId: account.id }), 3);
  const runs = await listSyncRuns({ take: 10, accountId: account.id });
  assert.equal(runs.length, 3);
  for (const run of runs) assert.deepEqual(run.tally, await tallyByHand(run.id, account.id));
  assert.ok(runs.every((r) => r.tally.accounts === 1));
  const one = await accountsOf(firstRunId, { account: account.id });
  assert.deepEqual([one.total, one.accounts.map((a) => a.accountId), one.accounts[0]?.sources.length], [1, [account.id], 5]);
  assert.equal(await countSyncRuns({ accountId: '000000000000' }), 0);
  assert.equal((await accountsOf(firstRunId, { account: '000000000000' })).total, 0);
});

test('an unknown run has no accounts to list (the route answers 404)', async () => {
  assert.equal(await listSyncRunAccounts('no-such-run', syncRunAccountsQuerySchema.parse({})), null);
});
