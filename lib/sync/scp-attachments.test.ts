import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { loadAccountSnapshot } from '@/lib/checklist/load-snapshot';
import { evaluateChecklist } from '@/lib/checks/evaluate';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import type { SyncResult } from '@/lib/sync/run-sync';

// Item 10 from AWS to the verdict with the real SDK against the sandbox: the organization's SCPs
// and their attachments are read once per sync from the management account (ListPolicies, then
// ListTargetsForPolicy per customer SCP); each account discovery listed takes its share without a
// call of its own. In the demo organization acme-production is covered (its OU and the account
// itself), acme-staging is not (the three customer SCPs sit on other OUs).

let fx: DemoFixture;
let first: SyncResult;

before(async () => {
  fx = await startDemoFixture({ seed: 29 });
  first = await fx.sync();
});
after(() => fx.close());

const account = (name: string) => {
  const a = fx.sandbox.state.accounts.find((x) => x.name === name);
  assert.ok(a, `demo account ${name}`);
  return a;
};
const scpVerdict = async (name: string) => {
  const snapshot = await loadAccountSnapshot(account(name).id);
  const result = evaluateChecklist(snapshot).find((r) => r.slug === 'service-control-policies');
  assert.ok(result);
  return result;
};
const organizationsSource = (r: SyncResult, name: string) => {
  const entry = r.accounts.find((a) => a.accountId === account(name).id);
  assert.ok(entry, `${name} in the run`);
  return entry.sources.organizations;
};
const scpsOf = (name: string) => account('acme-management').serviceControlPolicies.find((p) => p.name === name);

describe('a sync of the demo organization', () => {
  test('reads the SCPs and their targets once, from the management account; no member lists policies or describes the organization for itself', () => {
    assert.equal(first.status, 'ok');
    assert.equal(first.commands['organizations:ListPolicies'], 1, 'one ListPolicies for the whole run');
    assert.equal(first.commands['organizations:ListTargetsForPolicy'], 3, 'one per customer-managed SCP; FullAWSAccess is not asked');
    // Discovery's DescribeOrganization, and the stand-alone account's own (it is not in the organization listing).
    assert.equal(first.commands['organizations:DescribeOrganization'], 2);
    for (const name of ['acme-management', 'acme-production', 'acme-staging']) {
      const source = organizationsSource(first, name);
      assert.equal(source.status, 'ok', `${name}: ${source.error}`);
      assert.equal(source.apiCalls, 0, `${name} makes no Organizations call of its own`);
    }
    assert.ok(organizationsSource(first, 'acme-legacy').apiCalls > 0, 'an account outside the listing reads for itself');
  });

  test('a member with an attached customer SCP passes, naming each SCP and where it is attached', async () => {
    const result = await scpVerdict('acme-production');
    assert.equal(result.verdict, 'pass', result.summary);
    assert.match(result.summary, /^3 customer-managed SCPs apply to this account/);
    assert.match(result.summary, /DenyRootUser \(attached to OU Root\/Workloads\/Production\)/);
    assert.match(result.summary, /RegionAllowList \(attached to this account\)/);
    const leave = result.evidence.find((e) => e.label === 'DenyLeaveOrganization');
    assert.equal(leave?.status, 'pass');
    assert.match(leave?.detail ?? '', /attached to OU Root\/Workloads\/Production/);
  });

  test('a member whose OUs have no customer SCP fails, though the organization defines three', async () => {
    const result = await scpVerdict('acme-staging');
    assert.equal(result.verdict, 'fail', result.summary);
    assert.match(result.summary, /DenyLeaveOrganization, DenyRootUser and RegionAllowList are defined but not attached to this account's OUs/);
    const denyRoot = result.evidence.find((e) => e.label === 'DenyRootUser');
    assert.equal(denyRoot?.status, 'fail');
    assert.match(denyRoot?.detail ?? '', /attached to OU Root\/Workloads\/Production/);
    assert.deepEqual(result.missingPermissions, []);
  });

  test('the management account stays not applicable; the stand-alone account fails', async () => {
    assert.equal((await scpVerdict('acme-management')).verdict, 'not_applicable');
    assert.equal((await scpVerdict('acme-legacy')).verdict, 'fail');
  });

  test('the snapshot records that attachments were checked, and where each SCP applies through', async () => {
    const production = account('acme-production').id;
    const snap = await db.snapshot.findFirstOrThrow({ where: { accountId: production, source: 'organizations' }, orderBy: { takenAt: 'desc' } });
    assert.equal((snap.meta as { attachmentsChecked?: unknown }).attachmentsChecked, true);
    assert.equal((await db.organizationState.findUniqueOrThrow({ where: { snapshotId: snap.id } })).state, 'member-with-scps');
    const region = await db.serviceControlPolicy.findFirstOrThrow({ where: { snapshotId: snap.id, name: 'RegionAllowList' } });
    assert.deepEqual(region.attachment, { appliesThrough: [{ targetId: production, type: 'ACCOUNT', name: 'acme-production' }], elsewhere: [], elsewhereCount: 0 });
    assert.equal((await db.serviceControlPolicy.findFirstOrThrow({ where: { snapshotId: snap.id, name: 'FullAWSAccess' } })).attachment, null);
  });
});

describe('later syncs', () => {
  test('nothing changed: no new organizations snapshot', async () => {
    const before = await db.snapshot.count({ where: { source: 'organizations' } });
    fx.sandbox.advanceClock(60_000);
    const second = await fx.sync();
    assert.equal(second.status, 'ok');
    assert.equal(await db.snapshot.count({ where: { source: 'organizations' } }), before);
    assert.equal(organizationsSource(second, 'acme-staging').records, 0);
  });

  test('an SCP attached to acme-staging\'s OU makes it pass at the next sync', async () => {
    const denyRoot = scpsOf('DenyRootUser');
    assert.ok(denyRoot);
    const stagingOu = fx.sandbox.organizationMember(account('acme-staging').id).parentId;
    denyRoot.targetIds.push(stagingOu);
    try {
      fx.sandbox.advanceClock(60_000);
      const third = await fx.sync();
      assert.equal(third.status, 'ok');
      assert.ok(organizationsSource(third, 'acme-staging').records > 0, 'a moved attachment is stored');
      const result = await scpVerdict('acme-staging');
      assert.equal(result.verdict, 'pass', result.summary);
      assert.match(result.summary, /DenyRootUser \(attached to OU Root\/Workloads\/Staging\)/);
      assert.equal(result.evidence.find((e) => e.label === 'DenyLeaveOrganization')?.status, 'noted', 'the others still sit elsewhere');
    } finally {
      denyRoot.targetIds.splice(denyRoot.targetIds.indexOf(stagingOu), 1);
    }
  });

  test('ListTargetsForPolicy denied: every account reads for itself again, and "defined" is no pass', async () => {
    fx.sandbox.setFault('organizations:ListTargetsForPolicy=deny');
    try {
      fx.sandbox.advanceClock(60_000);
      const fourth = await fx.sync();
      // The run's one ListPolicies, then each organization account's own (the stand-alone one stops at DescribeOrganization).
      assert.equal(fourth.commands['organizations:ListPolicies'], 4);
      assert.equal(organizationsSource(fourth, 'acme-staging').status, 'ok');
      const production = await scpVerdict('acme-production');
      assert.equal(production.verdict, 'unknown', `a delegated administrator sees the SCPs but not where they are attached: ${production.summary}`);
      assert.match(production.remedy.text, /organizations:ListTargetsForPolicy/);
      assert.equal((await scpVerdict('acme-staging')).verdict, 'unknown');
      assert.equal((await scpVerdict('acme-management')).verdict, 'not_applicable');
    } finally {
      fx.sandbox.clearFaults();
    }
  });
});
