import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rootAccessKeysRule, rootActivityRule, rootMfaRule } from '@/lib/checks/root';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import {
  accountId,
  daysAgo,
  daysAgoDate,
  denied,
  goodRoot,
  goodSnapshot,
  goodUsers,
  rootEvent,
  withIam,
  withReport,
} from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));

const summary = (snapshot: AccountSnapshot) => {
  if (snapshot.iam?.summary == null) throw new Error('fixture has no summary');
  return snapshot.iam.summary;
};

// ---------------------------------------------------------------------------------------------
// 1. Root MFA
// ---------------------------------------------------------------------------------------------

test('root MFA: pass with a hardware device (no virtual device assigned to root)', () => {
  const result = run(rootMfaRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /hardware key or passkey/);
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.5', '1.6', 'IAM.9', 'IAM.6']);
});

test('root MFA: pass, noting a virtual device found by serial and user ARN', () => {
  const snapshot = withIam(goodSnapshot(), {
    mfaDevices: [
      { serialNumber: `arn:aws:iam::${accountId}:mfa/alice`, userName: 'alice', userArn: `arn:aws:iam::${accountId}:user/alice`, isVirtual: true, isRoot: false, enableDate: daysAgoDate(50) },
      { serialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`, userName: null, userArn: `arn:aws:iam::${accountId}:root`, isVirtual: true, isRoot: false, enableDate: daysAgoDate(500) },
    ],
  });
  const result = run(rootMfaRule, snapshot);
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /virtual device/);
  const device = result.evidence.find((item) => item.kind === 'mfa-device');
  assert.equal(device?.id, `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`);
  assert.equal(device?.status, 'noted');
  assert.match(result.remedy.text, /hardware key/);
});

test('root MFA: fail when AccountMFAEnabled is 0 and the root row says mfa_active false', () => {
  let snapshot = withReport(goodSnapshot(), [{ ...goodRoot, mfaActive: false }, ...goodUsers]);
  snapshot = withIam(snapshot, { summary: { ...summary(snapshot), accountMfaEnabled: false } });
  const result = run(rootMfaRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.severity, 'critical');
  assert.deepEqual(result.evidence.map((item) => [item.id, item.status]), [['account-summary', 'fail'], ['<root_account>', 'fail']]);
});

test('root MFA: fail when the sources disagree (a stale report never hides a missing device)', () => {
  const snapshot = withReport(goodSnapshot(), [{ ...goodRoot, mfaActive: false }, ...goodUsers]);
  const result = run(rootMfaRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /disagree/);
});

test('root MFA: decided by the report alone when the summary is denied, naming the permission', () => {
  const snapshot = denied(withIam(goodSnapshot(), { summary: null }), 'iam', ['iam:GetAccountSummary']);
  const result = run(rootMfaRule, snapshot);
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountSummary']);
});

test('root MFA: unknown when neither the summary nor the credential report could be read', () => {
  let snapshot = withIam(goodSnapshot(), { summary: null });
  snapshot = denied({ ...snapshot, credentialReport: null }, 'credentialReport', ['iam:GenerateCredentialReport']);
  const result = run(rootMfaRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GenerateCredentialReport'], 'only what AWS denied');
  assert.match(result.summary, /iam:GenerateCredentialReport was denied/);
});

test('root MFA: device type unknown without the virtual MFA list is noted, not guessed', () => {
  const result = run(rootMfaRule, denied(withIam(goodSnapshot(), { mfaDevices: null }), 'iam', ['iam:ListVirtualMFADevices']));
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /device type unknown/);
  assert.deepEqual(result.missingPermissions, ['iam:ListVirtualMFADevices']);
});

// ---------------------------------------------------------------------------------------------
// 2. Root access keys
// ---------------------------------------------------------------------------------------------

test('root keys: pass when the summary and the root row show none', () => {
  const result = run(rootAccessKeysRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.4', 'IAM.4']);
});

test('root keys: fail on an active root key, with its last use', () => {
  let snapshot = withReport(goodSnapshot(), [
    { ...goodRoot, key1: { active: true, lastRotated: daysAgo(700), lastUsed: daysAgo(3), region: 'us-east-1', service: 'ec2' } },
    ...goodUsers,
  ]);
  snapshot = withIam(snapshot, { summary: { ...summary(snapshot), accountAccessKeysPresent: true } });
  const result = run(rootAccessKeysRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /1 active access key/);
  const key = result.evidence.find((item) => item.id === '<root_account>/key-1');
  assert.equal(key?.status, 'fail');
  assert.equal(key?.values['lastUsedService'], 'ec2');
  assert.ok(result.remedy.commands.some((command) => command.startsWith('aws iam delete-access-key --access-key-id')));
});

test('root keys: an inactive root key still exists and fails', () => {
  const snapshot = withReport(goodSnapshot(), [{ ...goodRoot, key2: { active: false, lastRotated: daysAgo(900) } }, ...goodUsers]);
  const result = run(rootAccessKeysRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /present, not deleted/);
  assert.equal(result.evidence.find((item) => item.id === '<root_account>/key-2')?.values['active'], false);
});

test('root keys: AccountAccessKeysPresent alone fails even if the report predates the key', () => {
  const snapshot = withIam(goodSnapshot(), { summary: { ...summary(goodSnapshot()), accountAccessKeysPresent: true } });
  assert.equal(run(rootAccessKeysRule, snapshot).verdict, 'fail');
});

test('root keys: unknown when neither source was read', () => {
  const snapshot = denied(denied({ ...withIam(goodSnapshot(), { summary: null }), credentialReport: null }, 'iam', ['iam:GetAccountSummary']), 'credentialReport', ['iam:GetCredentialReport']);
  const result = run(rootAccessKeysRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.ok(result.missingPermissions.includes('iam:GetAccountSummary'));
  assert.ok(result.missingPermissions.includes('iam:GetCredentialReport'));
});

// ---------------------------------------------------------------------------------------------
// 15. Root activity
// ---------------------------------------------------------------------------------------------

test('root activity: pass when the only root event is older than 90 days', () => {
  const result = run(rootActivityRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.number, 15);
  assert.deepEqual(result.thresholds.map((threshold) => [threshold.name, threshold.value]), [['rootActivityDays', 90]]);
});

test('root activity: fail, listing the root events of the last 90 days', () => {
  const snapshot = goodSnapshot();
  const withEvents = {
    ...snapshot,
    cloudtrail: { trails: snapshot.cloudtrail?.trails ?? null, rootEvents: [rootEvent('e1', 'ConsoleLogin', 4), rootEvent('e2', 'CreateAccessKey', 4), rootEvent('old', 'ConsoleLogin', 200)] },
  };
  const result = run(rootActivityRule, withEvents);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /2 calls/);
  assert.deepEqual(result.evidence.map((item) => item.id), ['e1', 'e2']);
  assert.equal(result.evidence[0]?.values['sourceIp'], '203.0.113.7');
  assert.ok(result.remedy.commands.some((command) => command.includes(`arn:aws:sns:us-east-1:${accountId}:security-alerts`)));
});

test('root activity: the credential report proves recent use even without CloudTrail', () => {
  let snapshot = withReport(goodSnapshot(), [{ ...goodRoot, passwordLastUsed: daysAgo(3) }, ...goodUsers]);
  snapshot = denied({ ...snapshot, cloudtrail: { trails: null, rootEvents: null } }, 'cloudtrail', ['cloudtrail:LookupEvents']);
  const result = run(rootActivityRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.evidence[0]?.id, '<root_account>/password');
  assert.deepEqual(result.missingPermissions, ['cloudtrail:LookupEvents']);
});

test('root activity: unknown without CloudTrail events when the report shows nothing recent', () => {
  const snapshot = denied({ ...goodSnapshot(), cloudtrail: null }, 'cloudtrail', ['cloudtrail:LookupEvents']);
  const result = run(rootActivityRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['cloudtrail:LookupEvents']);
  assert.match(result.summary, /cloudtrail:LookupEvents was denied/);
});

test('root activity: the window follows the threshold', () => {
  const snapshot = goodSnapshot();
  const shorter = {
    ...snapshot,
    thresholds: { ...snapshot.thresholds, rootActivityDays: 30 },
    cloudtrail: { trails: null, rootEvents: [rootEvent('e1', 'ConsoleLogin', 60)] },
  };
  assert.equal(run(rootActivityRule, shorter).verdict, 'pass');
});

test('root activity: no pass without us-east-1, where console sign-ins and IAM calls are recorded', () => {
  const base = goodSnapshot();
  const cloudtrail = base.cloudtrail;
  if (cloudtrail === null) throw new Error('fixture');
  const euOnly = { ...base, regions: ['eu-west-1'], cloudtrail: { ...cloudtrail, rootEvents: [], rootRegionsRead: ['eu-west-1'] } };
  const result = run(rootActivityRule, euOnly);
  assert.equal(result.verdict, 'unknown');
  assert.match(result.summary, /us-east-1, where console sign-ins and IAM calls are recorded, was not read/);
  const both = { ...euOnly, cloudtrail: { ...euOnly.cloudtrail, rootRegionsRead: ['eu-west-1', 'us-east-1'] } };
  assert.equal(run(rootActivityRule, both).verdict, 'pass');
});

test('root activity: a region whose lookup failed with a 500 is unknown, naming the failure and no permission', () => {
  const base = goodSnapshot();
  const cloudtrail = base.cloudtrail;
  if (cloudtrail === null) throw new Error('fixture');
  const snapshot = {
    ...base,
    regions: ['us-east-1', 'eu-west-1'],
    cloudtrail: { ...cloudtrail, rootEvents: [], rootRegionsRead: ['us-east-1'] },
    sources: { ...base.sources, cloudtrail: { ...base.sources.cloudtrail, partErrors: ['cloudtrail:LookupEvents: InternalFailure (HTTP 500) — internal error'] } },
  };
  const result = run(rootActivityRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, []);
  assert.match(result.summary, /HTTP 500/);
});
