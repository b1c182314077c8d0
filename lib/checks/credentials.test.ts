import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessKeyRotationRule, unusedCredentialsRule } from '@/lib/checks/credentials';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { daysAgo, denied, goodRoot, goodSnapshot, goodUsers, withReport } from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));
const statusOf = (result: ReturnType<typeof run>, id: string) => result.evidence.find((item) => item.id === id)?.status;

// ---------------------------------------------------------------------------------------------
// 5. Unused credentials removed
// ---------------------------------------------------------------------------------------------

test('unused credentials: pass when every password and active key was used within 45 days', () => {
  const result = run(unusedCredentialsRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.thresholds, [{ name: 'unusedCredentialDays', value: 45, unit: 'days', source: 'seed: "Unused credentials removed" (45 days, as CIS AWS Foundations v3.0 1.12)' }]);
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.12', 'IAM.22', 'IAM.8']);
});

test('unused credentials: fail names stale passwords and keys, measuring never-used ones from creation', () => {
  const snapshot = withReport(goodSnapshot(), [
    goodRoot,
    ...goodUsers,
    { user: 'frank', passwordEnabled: 'true', passwordLastUsed: daysAgo(60), mfaActive: true },
    { user: 'gina', passwordEnabled: 'true', passwordLastUsed: 'N/A', passwordLastChanged: daysAgo(100), mfaActive: true },
    { user: 'henry', passwordEnabled: 'true', passwordLastUsed: 'no_information', passwordLastChanged: '2013-06-01T00:00:00+00:00', created: '2013-06-01T00:00:00+00:00', mfaActive: true },
    { user: 'newbie', passwordEnabled: 'true', passwordLastUsed: 'N/A', passwordLastChanged: daysAgo(10), created: daysAgo(10), mfaActive: true },
    { user: 'ivan', key1: { active: true, lastRotated: daysAgo(50) } },
    { user: 'judy', key1: { active: true, lastRotated: daysAgo(200), lastUsed: daysAgo(46) } },
    { user: 'kim', key1: { active: true, lastRotated: daysAgo(200), lastUsed: daysAgo(44) } },
    { user: 'leo', key1: { active: false, lastRotated: daysAgo(500) } },
  ]);
  const result = run(unusedCredentialsRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '5 credentials unused for 45 days or more: frank (password), gina (password), henry (password), ivan (key 1) and 1 more.');
  assert.equal(statusOf(result, 'frank/password'), 'fail');
  assert.equal(statusOf(result, 'gina/password'), 'fail');
  assert.equal(statusOf(result, 'henry/password'), 'fail');
  assert.equal(statusOf(result, 'newbie/password'), 'pass');
  assert.equal(statusOf(result, 'ivan/key-1'), 'fail');
  assert.equal(statusOf(result, 'judy/key-1'), 'fail');
  assert.equal(statusOf(result, 'kim/key-1'), 'pass');
  assert.equal(statusOf(result, 'leo/key-1'), undefined);
  const gina = result.evidence.find((item) => item.id === 'gina/password');
  assert.equal(gina?.values['passwordLastUsed'], 'N/A');
  assert.equal(gina?.values['daysUnused'], 100);
  assert.match(gina?.detail ?? '', /never used; password set/);
  assert.match(result.evidence.find((item) => item.id === 'henry/password')?.detail ?? '', /not used since IAM began tracking/);
  assert.match(result.evidence.find((item) => item.id === 'ivan/key-1')?.detail ?? '', /never used; created/);
  assert.ok(result.remedy.commands.includes('aws iam delete-login-profile --user-name frank'));
  assert.ok(result.remedy.commands.includes('aws iam list-access-keys --user-name judy'));
  assert.ok(result.remedy.commands.includes('aws iam update-access-key --user-name judy --access-key-id <id of access key 1 from list-access-keys> --status Inactive'));
  assert.equal(result.remedy.commands[0], 'aws iam generate-credential-report');
});

test('unused credentials: the root row is left to the root rules', () => {
  const result = run(unusedCredentialsRule, withReport(goodSnapshot(), [{ ...goodRoot, passwordLastUsed: daysAgo(900) }, ...goodUsers]));
  assert.equal(result.verdict, 'pass');
});

test('unused credentials: the threshold is configuration', () => {
  const snapshot = goodSnapshot();
  const strict = { ...snapshot, thresholds: { ...snapshot.thresholds, unusedCredentialDays: 5 }, thresholdSources: { ...snapshot.thresholdSources, unusedCredentialDays: 'WARDEN_UNUSED_CREDENTIAL_DAYS env' } };
  const result = run(unusedCredentialsRule, strict);
  assert.equal(result.verdict, 'fail');
  assert.equal(statusOf(result, 'bob/password'), 'fail');
  assert.equal(result.thresholds[0]?.source, 'WARDEN_UNUSED_CREDENTIAL_DAYS env');
});

test('unused credentials: unknown without the credential report', () => {
  const result = run(unusedCredentialsRule, { ...goodSnapshot(), credentialReport: null });
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, []);
  const deniedResult = run(unusedCredentialsRule, denied({ ...goodSnapshot(), credentialReport: null }, 'credentialReport', ['iam:GenerateCredentialReport']));
  assert.deepEqual(deniedResult.missingPermissions, ['iam:GenerateCredentialReport']);
  assert.equal(result.thresholds.length, 1);
});

// ---------------------------------------------------------------------------------------------
// 6. Access keys rotated < 90 days
// ---------------------------------------------------------------------------------------------

test('key rotation: pass when every active key is younger than 90 days', () => {
  const result = run(accessKeyRotationRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'Every active access key is less than 90 days old (1).');
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.14', '1.13', 'IAM.3']);
});

test('key rotation: fail on old active keys and on two active keys; inactive keys do not count', () => {
  const snapshot = withReport(goodSnapshot(), [
    { ...goodRoot, key1: { active: true, lastRotated: daysAgo(900) } },
    ...goodUsers,
    { user: 'ops', key1: { active: true, lastRotated: daysAgo(120), lastUsed: daysAgo(1) }, key2: { active: false, lastRotated: daysAgo(400) } },
    { user: 'deployer', key1: { active: true, lastRotated: daysAgo(10), lastUsed: daysAgo(1) }, key2: { active: true, lastRotated: daysAgo(5), lastUsed: daysAgo(1) } },
  ]);
  const result = run(accessKeyRotationRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '1 active key 90 days old or older: ops (key 1, 120 days). Two active keys: deployer.');
  assert.equal(statusOf(result, 'ops/key-1'), 'fail');
  assert.equal(statusOf(result, 'ops/key-2'), undefined);
  assert.equal(statusOf(result, 'deployer/two-active-keys'), 'fail');
  assert.equal(statusOf(result, 'deployer/key-1'), 'pass');
  assert.equal(result.evidence.some((item) => item.id.startsWith('<root_account>')), false);
  assert.deepEqual(result.remedy.commands.slice(0, 4), [
    'aws iam list-access-keys --user-name ops',
    'aws iam create-access-key --user-name ops',
    'aws iam update-access-key --user-name ops --access-key-id <id of access key 1 from list-access-keys> --status Inactive',
    'aws iam delete-access-key --user-name ops --access-key-id <id of access key 1 from list-access-keys>',
  ]);
});

test('key rotation: unknown without the credential report', () => {
  const result = run(accessKeyRotationRule, denied({ ...goodSnapshot(), credentialReport: null }, 'credentialReport', ['iam:GetCredentialReport']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetCredentialReport']);
});

// ---------------------------------------------------------------------------------------------
// At the thresholds: exact times, inclusive (CIS 1.12 "45 days or more"; the seed's "< 90 days")
// ---------------------------------------------------------------------------------------------

const hours = (h: number) => h / 24;

test('unused credentials at the threshold: 45 days and 20 hours unused fails, 44 days and 23 hours passes', () => {
  const snapshot = withReport(goodSnapshot(), [
    goodRoot,
    { user: 'just-over', passwordEnabled: 'true', passwordLastUsed: daysAgo(45 + hours(20)), mfaActive: true },
    { user: 'exactly', passwordEnabled: 'true', passwordLastUsed: daysAgo(45), mfaActive: true },
    { user: 'just-under', passwordEnabled: 'true', passwordLastUsed: daysAgo(44 + hours(23)), mfaActive: true },
    { user: 'key-over', key1: { active: true, lastRotated: daysAgo(300), lastUsed: daysAgo(45 + hours(1)) } },
  ]);
  const result = run(unusedCredentialsRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(statusOf(result, 'just-over/password'), 'fail');
  assert.equal(statusOf(result, 'exactly/password'), 'fail');
  assert.equal(statusOf(result, 'just-under/password'), 'pass');
  assert.equal(statusOf(result, 'key-over/key-1'), 'fail');
});

test('key rotation at the threshold: a key 90 days and 23 hours old fails, one 89 days and 23 hours old passes', () => {
  const snapshot = withReport(goodSnapshot(), [
    goodRoot,
    { user: 'old', key1: { active: true, lastRotated: daysAgo(90 + hours(23)), lastUsed: daysAgo(1) } },
    { user: 'exactly', key1: { active: true, lastRotated: daysAgo(90), lastUsed: daysAgo(1) } },
    { user: 'young', key1: { active: true, lastRotated: daysAgo(89 + hours(23)), lastUsed: daysAgo(1) } },
  ]);
  const result = run(accessKeyRotationRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(statusOf(result, 'old/key-1'), 'fail');
  assert.equal(statusOf(result, 'exactly/key-1'), 'fail');
  assert.equal(statusOf(result, 'young/key-1'), 'pass');
});
