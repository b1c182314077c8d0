import '@/lib/testing/use-postgresql';
import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { jobId, runAccountJob, stopSyncQueue, usesQueue } from '@/lib/sync/queue';
import { currentTime } from '@/lib/clock';
import { sourceNames } from '@/lib/sync/types';
import { isSyncRunning, triggerSync } from '@/lib/sync/trigger';
import { acquireSyncLock, releaseSyncLock } from '@/lib/sync/lock';

// The sync through the job queue on a real PostgreSQL: the run made once, one job per account,
// each account stored once, the run finished by whoever did the last account.

let fx: DemoFixture;

before(async () => {
  fx = await startDemoFixture({ seed: 13 });
});
after(async () => {
  await stopSyncQueue();
  await fx.close();
});

async function waitForRun(runId: string, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== 'running') return run;
    if (Date.now() > until) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the sync queue (PostgreSQL)', () => {
  test('is what PostgreSQL uses', () => assert.equal(usesQueue(), true));

  test('job ids are uuids made from their parts: the same parts, the same id', () => {
    const id = jobId('account', 'run-1', '111111111111');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(jobId('account', 'run-1', '111111111111'), id);
    assert.notEqual(jobId('account', 'run-1', '111111111112'), id);
    assert.notEqual(jobId('account', 'run-11', '11111111111'), id, 'the parts are kept apart');
  });

  test('a scheduled firing seen by two instances makes one run; every account is read once and the run finishes', async () => {
    const firing = new Date('2026-01-01T06:00:00Z');
    const [a, b] = await Promise.all([triggerSync('schedule', undefined, firing), triggerSync('schedule', undefined, firing)]);
    assert.equal(a.runId, b.runId);
    assert.equal([a, b].filter((x) => x.alreadyRunning).length, 1, 'one made it, the other found it');
    assert.equal(await isSyncRunning(), true);
    const again = await triggerSync('manual', 'alice');
    assert.deepEqual(again, { runId: a.runId, alreadyRunning: true }, '"Sync now" during a run names it');

    const run = await waitForRun(a.runId);
    assert.equal(run.status, 'ok', run.error ?? '');
    assert.equal(await isSyncRunning(), false);
    assert.equal(await db.syncRun.count({ where: { scheduledFor: firing } }), 1);
    const accounts = await db.syncRunAccount.findMany({ where: { runId: a.runId } });
    assert.deepEqual(accounts.map((x) => x.accountId).sort(), fx.sandbox.accounts.map((x) => x.id).sort());
    for (const x of accounts) {
      assert.equal(x.status, 'done', x.name);
      assert.equal(x.attempts, 1, `${x.name} was started once`);
      assert.ok(x.apiCalls > 0, x.name);
    }
    // One snapshot per account and source in the run; every source ok.
    const snapshots = await db.snapshot.groupBy({ by: ['accountId', 'source'], where: { runId: a.runId }, _count: { _all: true } });
    assert.equal(snapshots.length, fx.sandbox.accounts.length * 5);
    for (const s of snapshots) assert.equal(s._count._all, 1, `${s.accountId} ${s.source}`);
    assert.equal(await db.syncSourceRun.count({ where: { runId: a.runId, status: { not: 'ok' } } }), 0);
    // The checklist was evaluated for every account in this run, once.
    const checklists = await db.checklistRun.groupBy({ by: ['accountId'], where: { runId: a.runId }, _count: { _all: true } });
    assert.equal(checklists.length, fx.sandbox.accounts.length);
    for (const c of checklists) assert.equal(c._count._all, 1, c.accountId);
    assert.ok(run.apiCalls >= accounts.reduce((sum, x) => sum + x.apiCalls, 0), 'the run counts its accounts\' calls and its own');
  });

  test('an account another turn holds is retried until it is free, not skipped', async () => {
    const target = fx.sandbox.accounts[1]!;
    assert.ok(await acquireSyncLock(target.id, 'a CLI sync'));
    const { runId } = await triggerSync('manual', 'alice');
    // Its job fails for the lock and goes back to the queue; the other accounts finish.
    for (;;) {
      const left = await db.syncRunAccount.findMany({ where: { runId, status: { not: 'done' } } });
      if (left.length === 1 && left[0]!.accountId === target.id && left[0]!.attempts >= 1 && left[0]!.status === 'queued') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal((await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).status, 'running');
    await releaseSyncLock(target.id, 'a CLI sync');
    const run = await waitForRun(runId);
    assert.equal(run.status, 'ok', run.error ?? '');
    const done = await db.syncRunAccount.findUniqueOrThrow({ where: { runId_accountId: { runId, accountId: target.id } } });
    assert.ok(done.attempts >= 2, 'started again after the lock was released');
    assert.equal(await db.syncSourceRun.count({ where: { runId, accountId: target.id, status: 'ok' } }), 5, 'every source read');
    // A re-read that finds nothing changed stores no new snapshot; none is stored twice.
    const snapshots = await db.snapshot.groupBy({ by: ['source'], where: { runId, accountId: target.id }, _count: { _all: true } });
    for (const s of snapshots) assert.equal(s._count._all, 1, s.source);
  });

  test('a job started again after its instance died keeps the sources the run stored and reads the others', async () => {
    const target = fx.sandbox.accounts.find((a) => !a.usesBaseCredentials)!;
    // The run as a dead instance left it: the coordinator ran, the account's job started once and
    // stored its credential report, then the instance was gone mid-way through the rest.
    const context = { sources: [...sourceNames], organization: null, failed: false, incomplete: false, errors: [], apiCalls: 3, accounts: 1 };
    const run = await db.syncRun.create({ data: { trigger: 'manual', mode: 'demo', status: 'running', startedAt: currentTime(), context } });
    await db.syncRunAccount.create({
      data: { runId: run.id, accountId: target.id, name: target.name, access: 'assume-role', roleArn: target.roleArn, externalId: target.externalId ?? null, isOwn: true, managedBy: 'config', status: 'running', attempts: 1, worker: 'a dead instance' },
    });
    const stored = await db.syncSourceRun.create({ data: { runId: run.id, accountId: target.id, source: 'credential-report', status: 'ok', records: 4, apiCalls: 2, startedAt: currentTime(), finishedAt: currentTime() } });
    await db.syncSourceRun.create({ data: { runId: run.id, accountId: target.id, source: 'account', status: 'running', startedAt: currentTime() } });
    const before = fx.sandbox.callCounts();
    await runAccountJob(run.id, target.id);
    const calls = fx.sandbox.callCounts();
    const delta = (op: string) => (calls[op] ?? 0) - (before[op] ?? 0);
    assert.equal(delta('iam:GenerateCredentialReport') + delta('iam:GetCredentialReport'), 0, 'the stored report is not read again');
    assert.ok(delta('iam:GetAccountAuthorizationDetails') > 0, 'the interrupted source is read again');
    const rows = await db.syncSourceRun.findMany({ where: { runId: run.id, accountId: target.id } });
    assert.deepEqual(rows.map((r) => [r.source, r.status]).sort(), sourceNames.map((source) => [source, 'ok']).sort());
    const kept = rows.find((r) => r.source === 'credential-report')!;
    assert.deepEqual([kept.id, kept.records, kept.finishedAt], [stored.id, 4, stored.finishedAt]);
    const account = await db.syncRunAccount.findUniqueOrThrow({ where: { runId_accountId: { runId: run.id, accountId: target.id } } });
    assert.equal(account.status, 'done');
    assert.equal(account.attempts, 2);
    const finished = await waitForRun(run.id);
    assert.equal(finished.status, 'ok', finished.error ?? '');
    assert.ok(finished.apiCalls >= 3 + account.apiCalls);
  });

  test('a run its instance made but never queued (it died) is queued again by the next "Sync now", and finishes', async () => {
    const orphan = await db.syncRun.create({ data: { trigger: 'manual', mode: 'demo', status: 'running', startedAt: new Date(currentTime().getTime() - 120_000) } });
    const again = await triggerSync('manual', 'alice');
    assert.deepEqual(again, { runId: orphan.id, alreadyRunning: true });
    const run = await waitForRun(orphan.id);
    assert.equal(run.status, 'ok', run.error ?? '');
    assert.equal(await db.syncRunAccount.count({ where: { runId: orphan.id, status: 'done' } }), fx.sandbox.accounts.length);
  });

  test('a run whose account jobs are gone (a database restored without the queue) is queued again by the next "Sync now", and finishes', async () => {
    const { runId } = await triggerSync('manual', 'alice');
    await waitForRun(runId);
    // As a restore would leave it: the run running, its accounts not done, no job for them.
    await db.syncRun.update({ where: { id: runId }, data: { status: 'running', finishedAt: null, startedAt: new Date(currentTime().getTime() - 120_000) } });
    await db.syncRunAccount.updateMany({ where: { runId }, data: { status: 'queued' } });
    await db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE data->>'runId' = $1`, runId);
    await db.$executeRawUnsafe(`DELETE FROM pgboss.archive WHERE data->>'runId' = $1`, runId);
    assert.deepEqual(await triggerSync('manual', 'alice'), { runId, alreadyRunning: true });
    const run = await waitForRun(runId);
    assert.equal(run.status, 'ok', run.error ?? '');
    assert.equal(await db.syncRunAccount.count({ where: { runId, status: 'done' } }), fx.sandbox.accounts.length);
  });

  test('two "Sync now" at the same moment (two instances) make one run', async () => {
    const [a, b] = await Promise.all([triggerSync('manual', 'alice'), triggerSync('manual', 'bob')]);
    assert.equal(a.runId, b.runId);
    assert.deepEqual([a.alreadyRunning, b.alreadyRunning].sort(), [false, true]);
    assert.equal((await waitForRun(a.runId)).status, 'ok');
  });
});
