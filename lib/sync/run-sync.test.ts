import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { acquireSyncLock, releaseSyncLock } from '@/lib/sync/lock';
import type { SyncResult } from '@/lib/sync/run-sync';
import { loadAccountSnapshot } from '@/lib/checklist/load-snapshot';
import { evaluateChecklist } from '@/lib/checks/evaluate';

// runSync through the real SDK against the sandbox, asserting what lands in the store.

let fx: DemoFixture;
let first: SyncResult;

before(async () => {
  fx = await startDemoFixture({ seed: 11 });
  first = await fx.sync();
});
after(() => fx.close());

const account = (name: string) => {
  const a = fx.sandbox.state.accounts.find((x) => x.name === name);
  assert.ok(a, `demo account ${name}`);
  return a;
};
const outcome = (r: SyncResult, accountId: string) => {
  const a = r.accounts.find((x) => x.accountId === accountId);
  assert.ok(a, `account ${accountId} in the run`);
  return a.sources;
};
const latestSnapshot = (accountId: string, source: string) =>
  db.snapshot.findFirst({ where: { accountId, source }, orderBy: { takenAt: 'desc' } });

describe('a first sync of the demo organisation', () => {
  test('reads every source of every account, several of them through AssumeRole', async () => {
    assert.equal(first.status, 'ok');
    assert.equal(first.accounts.length, fx.sandbox.accounts.length);
    for (const a of first.accounts) {
      for (const [source, o] of Object.entries(a.sources)) assert.equal(o.status, 'ok', `${a.name} ${source}: ${o.error}`);
    }
    const assumed = fx.sandbox.accounts.filter((a) => !a.usesBaseCredentials);
    assert.ok(assumed.length >= 2);
    assert.ok((first.calls['sts:AssumeRole'] ?? 0) >= assumed.length);
    const stored = await db.account.findMany({ orderBy: { id: 'asc' } });
    assert.deepEqual(stored.map((a) => a.id), fx.sandbox.accounts.map((a) => a.id).sort());
  });

  test('stores the credential report: one row per user plus root, sentinels kept', async () => {
    for (const a of fx.sandbox.state.accounts) {
      const snap = await latestSnapshot(a.id, 'credential-report');
      assert.ok(snap, `${a.name} has a credential-report snapshot`);
      const rows = await db.credentialReportEntry.findMany({ where: { snapshotId: snap.id } });
      assert.equal(rows.length, a.users.length + 1, a.name);
      assert.equal(rows.filter((r) => r.isRoot).length, 1);
      const root = rows.find((r) => r.isRoot);
      assert.equal(root?.passwordEnabledSentinel, 'not_supported');
      assert.equal(root?.passwordEnabled, null);
    }
    const noKeys = await db.credentialReportEntry.findFirst({ where: { isRoot: false, accessKey1Active: false } });
    assert.equal(noKeys?.accessKey1LastRotatedSentinel, 'N/A');
    assert.equal(noKeys?.accessKey1LastRotated, null);
  });

  test('stores IAM entities, password policies (or their absence) and the account summary', async () => {
    for (const a of fx.sandbox.state.accounts) {
      const snap = await latestSnapshot(a.id, 'account');
      assert.ok(snap);
      assert.equal(await db.iamUser.count({ where: { snapshotId: snap.id } }), a.users.length, `${a.name} users`);
      assert.equal(await db.iamRole.count({ where: { snapshotId: snap.id } }), a.roles.length, `${a.name} roles`);
      const pp = await db.passwordPolicy.findUnique({ where: { snapshotId: snap.id } });
      assert.equal(pp?.present, a.passwordPolicy !== null, `${a.name} password policy presence`);
      assert.ok(await db.accountSummary.findUnique({ where: { snapshotId: snap.id } }));
      const role = await db.iamRole.findFirst({ where: { snapshotId: snap.id } });
      // Trust policies arrive URL-encoded and are stored decoded.
      assert.doesNotThrow(() => JSON.parse(role?.trustPolicy ?? ''));
      assert.equal(typeof role?.maxSessionDuration, 'number');
    }
  });

  test('stores every Access Analyzer finding with its details, under the account that owns the resource', async () => {
    const ids = new Set(fx.sandbox.state.accounts.map((a) => a.id));
    for (const a of fx.sandbox.state.accounts) {
      assert.equal(await db.finding.count({ where: { analyzer: { accountId: a.id } } }), a.findings.length, a.name);
      for (const f of a.findings) {
        // An organization analyzer's finding about a member account is shown under that member.
        const shownUnder = ids.has(f.resourceOwnerAccount) ? f.resourceOwnerAccount : a.id;
        assert.equal((await db.finding.findFirstOrThrow({ where: { id: f.id, analyzer: { accountId: a.id } } })).accountId, shownUnder, `${a.name} ${f.id}`);
      }
    }
    // External access findings come with their details; unused and internal access ones are read when opened.
    const external = await db.finding.findMany({ where: { analyzer: { type: { in: ['ACCOUNT', 'ORGANIZATION'] } } }, select: { details: true, detailsFetchedAt: true } });
    assert.ok(external.length > 0);
    assert.ok(external.every((f) => f.detailsFetchedAt !== null && Array.isArray(f.details) && f.details.length > 0));
    assert.equal(first.commands['access-analyzer:GetFindingV2'] ?? 0, 0, 'no finding is read one by one during a sync');
  });

  test('stores trails, daily key-event counts and root events; records organisation facts', async () => {
    const staging = account('acme-staging');
    const ct = await latestSnapshot(staging.id, 'cloudtrail');
    assert.ok(ct);
    assert.equal(await db.trail.count({ where: { snapshotId: ct.id } }), staging.trails.length);
    assert.ok((await db.eventDailyCount.count({ where: { accountId: staging.id } })) > 0);
    assert.ok((await db.trailEvent.count({ where: { accountId: staging.id, isRoot: true } })) > 0);
    const legacy = account('acme-legacy');
    const org = await latestSnapshot(legacy.id, 'organizations');
    assert.equal((await db.organizationState.findUnique({ where: { snapshotId: org?.id ?? '' } }))?.state, 'not-in-organization');
  });

  test('records the run: per account and source outcome, API calls and records', async () => {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: first.runId }, include: { sources: true } });
    assert.equal(run.status, 'ok');
    assert.ok(run.finishedAt);
    assert.equal(run.sources.length, fx.sandbox.accounts.length * 5);
    assert.ok(run.sources.every((s) => s.status === 'ok'));
    // The organization's SCPs are read once for the run: its accounts' Organizations sources call nothing.
    const outside = new Set(fx.sandbox.state.accounts.filter((a) => a.membership === null).map((a) => a.id));
    for (const s of run.sources) assert.equal(s.apiCalls > 0, s.source !== 'organizations' || outside.has(s.accountId), `${s.accountId} ${s.source}: ${s.apiCalls} calls`);
    assert.equal(run.apiCalls, first.apiCalls);
    assert.ok(await db.checklistRun.count() >= fx.sandbox.accounts.length, 'the checklist was evaluated after the sync');
  });
});

describe('a second sync', () => {
  test('fetches only new CloudTrail events and duplicates nothing', async () => {
    const mgmt = account('acme-management');
    const countsBefore = await db.eventDailyCount.aggregate({ _sum: { count: true } });
    const rootBefore = await db.trailEvent.count();
    const entriesBefore = await db.credentialReportEntry.count();
    const accountSnapshotsBefore = await db.snapshot.count({ where: { source: 'account' } });

    // One new CreateUser event, a minute after the sandbox's "now".
    const events = mgmt.events['us-east-1'] ?? [];
    const template = events.find((e) => e.eventName === 'CreateUser');
    assert.ok(template, 'the demo has CreateUser events');
    fx.sandbox.advanceClock(120_000);
    events.unshift({ ...template, eventId: '00000000-0000-4000-8000-00000000abcd', eventTime: new Date(fx.sandbox.now().getTime() - 60_000) });

    fx.sandbox.resetCallCounts();
    const second = await fx.sync();
    assert.equal(second.status, 'ok');
    const countsAfter = await db.eventDailyCount.aggregate({ _sum: { count: true } });
    assert.equal((countsAfter._sum.count ?? 0) - (countsBefore._sum.count ?? 0), 1, 'exactly the one new event is counted');
    assert.equal(await db.trailEvent.count(), rootBefore, 'no notable event stored twice');
    // Each lookup reads one page: what is new since its cursor.
    const lookups = fx.sandbox.callCounts()['cloudtrail:LookupEvents'] ?? 0;
    const firstLookups = first.calls['cloudtrail:LookupEvents'] ?? 0;
    assert.ok(lookups < firstLookups, `second run: ${lookups} LookupEvents calls, first: ${firstLookups}`);
    // An unchanged credential report, and unchanged IAM facts, are not stored again.
    assert.equal(await db.credentialReportEntry.count(), entriesBefore);
    assert.equal(await db.snapshot.count({ where: { source: 'account' } }), accountSnapshotsBefore);
  });
});

describe('faults end with a clear per-source outcome and no earlier data lost', () => {
  test('throttling and 5xx are retried; the run succeeds', async () => {
    fx.sandbox.setFault({ operation: 'iam:GetAccountSummary', kind: 'throttle', count: 2 });
    fx.sandbox.setFault({ operation: 'access-analyzer:ListAnalyzers', kind: 'error', count: 2 });
    const r = await fx.sync({ sources: ['account', 'access-analyzer'] });
    fx.sandbox.clearFaults();
    assert.equal(r.status, 'ok');
    assert.ok((r.calls['iam:GetAccountSummary'] ?? 0) > fx.sandbox.accounts.length, 'retries are counted as calls');
  });

  test('a part answering 500 after every retry keeps the other parts; the checklist names the failure and asks for no permission', async () => {
    const mgmt = account('acme-management');
    fx.sandbox.setFault({ operation: 'cloudtrail:LookupEvents', kind: 'error' });
    const r = await fx.sync({ sources: ['cloudtrail'] });
    fx.sandbox.clearFaults();
    assert.equal(r.status, 'partial', 'something was not read: the run is not ok');
    const o = outcome(r, mgmt.id).cloudtrail;
    assert.equal(o.status, 'ok', 'the trails were read and stored');
    assert.match(o.error ?? '', /cloudtrail:LookupEvents: InternalFailure \(HTTP 500\)/);
    const row = await db.syncSourceRun.findFirstOrThrow({ where: { runId: r.runId, accountId: mgmt.id, source: 'cloudtrail' } });
    assert.deepEqual(row.missingPermissions, [], 'a 500 is not a missing permission');
    const snap = await latestSnapshot(mgmt.id, 'cloudtrail');
    assert.ok(snap && (await db.trail.count({ where: { snapshotId: snap.id } })) > 0, 'the trails of this read are stored');
    const results = evaluateChecklist(await loadAccountSnapshot(mgmt.id, fx.sandbox.now()));
    const item7 = results.find((x) => x.number === 7);
    const item15 = results.find((x) => x.number === 15);
    assert.equal(item7?.verdict, 'pass', 'the trail verdict stands on the trails that were read');
    assert.equal(item15?.verdict, 'unknown');
    assert.deepEqual(item15?.missingPermissions, []);
    assert.match(item15?.summary ?? '', /HTTP 500/);
    assert.doesNotMatch(item15?.remedy.text ?? '', /Grant Warden/);
  });

  test('a 500 with an HTML body is reported as a server error with its status, not as a parse error', async () => {
    const mgmt = account('acme-management');
    fx.sandbox.setFault({ operation: 'cloudtrail:LookupEvents', kind: 'html-error' });
    const r = await fx.sync({ sources: ['cloudtrail'] });
    fx.sandbox.clearFaults();
    const o = outcome(r, mgmt.id).cloudtrail;
    assert.equal(o.status, 'ok');
    assert.match(o.error ?? '', /HTTP 500/);
    assert.match(o.error ?? '', /answered HTTP 500 with a body that is not an AWS error/);
  });

  test('a run in which AWS denied a read is partial, not ok', async () => {
    fx.sandbox.setFault({ operation: 'iam:ListVirtualMFADevices', kind: 'deny' });
    const r = await fx.sync({ sources: ['account'] });
    fx.sandbox.clearFaults();
    assert.equal(r.status, 'partial');
  });

  test('AccessDenied on one operation names the IAM action and the rest is stored', async () => {
    fx.sandbox.setFault({ operation: 'iam:GetAccountPasswordPolicy', kind: 'deny' });
    const r = await fx.sync({ sources: ['account'] });
    fx.sandbox.clearFaults();
    const mgmt = account('acme-management');
    assert.equal(outcome(r, mgmt.id).account.status, 'ok');
    const row = await db.syncSourceRun.findFirstOrThrow({ where: { runId: r.runId, accountId: mgmt.id, source: 'account' } });
    assert.deepEqual(row.missingPermissions, ['iam:GetAccountPasswordPolicy']);
    const snap = await latestSnapshot(mgmt.id, 'account');
    assert.ok(snap);
    assert.equal(await db.passwordPolicy.count({ where: { snapshotId: snap.id } }), 0, 'no password policy row: it could not be read');
    assert.equal(await db.iamUser.count({ where: { snapshotId: snap.id } }), mgmt.users.length, 'users still stored');
  });

  test('a malformed credential report fails that source and keeps the last good report', async () => {
    const mgmt = account('acme-management');
    const before = await latestSnapshot(mgmt.id, 'credential-report');
    // A new report must be generated for the corrupt one to be read: move past the 4-hour rule.
    fx.sandbox.advanceClock(5 * 3600_000);
    fx.sandbox.setFault({ operation: 'iam:GetCredentialReport', kind: 'malformed-report' });
    const r = await fx.sync({ sources: ['credential-report'] });
    fx.sandbox.clearFaults();
    const o = outcome(r, mgmt.id)['credential-report'];
    assert.equal(o.status, 'failed');
    assert.match(o.error ?? '', /credential report|column|line/i);
    assert.equal(r.status, 'failed');
    const afterSnap = await latestSnapshot(mgmt.id, 'credential-report');
    assert.equal(afterSnap?.id, before?.id, 'the last good report is still the current one');
    assert.ok((await db.credentialReportEntry.count({ where: { snapshotId: before?.id ?? '' } })) > 0);
  });

  test('a persistent 5xx fails Access Analyzer with AWS words and keeps the findings', async () => {
    const findingsBefore = await db.finding.count();
    fx.sandbox.setFault({ operation: 'access-analyzer:ListFindingsV2', kind: 'error' });
    const r = await fx.sync({ sources: ['access-analyzer'] });
    fx.sandbox.clearFaults();
    for (const a of r.accounts) {
      const o = a.sources['access-analyzer'];
      if (o.status === 'failed') assert.match(o.error ?? '', /access-analyzer:ListFindings\b/);
    }
    assert.equal(r.status, 'partial', 'the legacy account has no analyzer and so no failing call');
    assert.equal(await db.finding.count(), findingsBefore);
  });

  test('an account whose role cannot be assumed is reported and the others go on', async () => {
    fx.sandbox.setFault({ operation: 'sts:AssumeRole', kind: 'deny' });
    const r = await fx.sync({ sources: ['organizations'] });
    fx.sandbox.clearFaults();
    assert.equal(r.status, 'partial');
    const base = fx.sandbox.accounts.find((a) => a.usesBaseCredentials);
    assert.ok(base);
    assert.equal(outcome(r, base.id).organizations.status, 'ok');
    const other = r.accounts.find((a) => a.accountId !== base.id);
    assert.equal(other?.sources.organizations.status, 'failed');
    assert.match(other?.sources.organizations.error ?? '', /sts:AssumeRole/);
    // Its checklist is evaluated all the same: the data grows older, and a pass must not outlive it.
    const evaluated = await db.checklistRun.findFirst({ where: { accountId: other?.accountId, runId: r.runId } });
    assert.ok(evaluated, 'the unreachable account was evaluated in this run');
  });

  test('when the credentials themselves fail, or an account is no longer configured, stored checklists are still evaluated', async () => {
    fx.sandbox.setFault({ operation: 'sts:GetCallerIdentity', kind: 'deny' });
    const broken = await fx.sync({ sources: ['organizations'] });
    fx.sandbox.clearFaults();
    assert.equal(broken.status, 'failed');
    const evaluatedIn = async (runId: string) => (await db.checklistRun.findMany({ where: { runId }, select: { accountId: true } })).map((r) => r.accountId).sort();
    const withChecklists = (await db.account.findMany({ where: { checklistRuns: { some: {} } }, select: { id: true } })).map((a) => a.id).sort();
    assert.ok(withChecklists.length >= 4);
    assert.deepEqual(await evaluatedIn(broken.runId), withChecklists, 'nothing was read, yet every checklist was evaluated');

    // The legacy account is taken out of the configuration: not read, still evaluated.
    const { runSync } = await import('@/lib/sync/run-sync');
    const { evaluateAccountChecklist } = await import('@/lib/checklist/evaluate-account');
    const legacy = account('acme-legacy');
    const plan = { ...fx.plan, assumed: fx.plan.assumed.filter((a) => !a.roleArn.includes(legacy.id)) };
    const r = await runSync(plan, { trigger: 'cli', sources: ['organizations'], afterAccount: (id, runId) => evaluateAccountChecklist(id, runId) });
    assert.equal(r.accounts.some((a) => a.accountId === legacy.id), false);
    assert.ok((await evaluatedIn(r.runId)).includes(legacy.id));
  });

  test('a locked account is skipped, not synced twice', async () => {
    const mgmt = account('acme-management');
    assert.equal(await acquireSyncLock(mgmt.id, 'another-process'), true);
    try {
      const r = await fx.sync({ sources: ['organizations'] });
      assert.equal(outcome(r, mgmt.id).organizations.status, 'skipped');
      assert.equal(await acquireSyncLock(mgmt.id, 'a-third-process'), false);
    } finally {
      await releaseSyncLock(mgmt.id, 'another-process');
    }
    assert.equal(await acquireSyncLock(mgmt.id, 'a-third-process'), true);
    await releaseSyncLock(mgmt.id, 'a-third-process');
  });

  test('an expired lease can be taken over', async () => {
    const mgmt = account('acme-management');
    const past = new Date(currentTime().getTime() - 3600_000);
    assert.equal(await acquireSyncLock(mgmt.id, 'crashed', past, 1000), true);
    assert.equal(await acquireSyncLock(mgmt.id, 'next'), true);
    await releaseSyncLock(mgmt.id, 'next');
  });
});

describe('a run that breaks outside any source', () => {
  test('a failing checklist step is recorded and the run still finishes', async () => {
    const r = await fx.sync({
      sources: ['organizations'],
      afterAccount: async () => {
        throw new Error('evaluation exploded');
      },
    });
    assert.equal(r.status, 'partial');
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: r.runId } });
    assert.equal(run.status, 'partial');
    assert.ok(run.finishedAt);
    assert.match(run.error ?? '', /checklist evaluation failed — evaluation exploded/);
  });
});
