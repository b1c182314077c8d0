import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { rolesForApplicationsRule, userMfaRule } from '@/lib/checks/users';
import { accountId, daysAgo, denied, goodRoot, goodSnapshot, goodUsers, withReport } from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));

const ciBot = { user: 'ci-bot', passwordEnabled: 'false', key1: { active: true, lastRotated: daysAgo(20), lastUsed: daysAgo(1), service: 'ecr' } };

// ---------------------------------------------------------------------------------------------
// 3. IAM users have MFA
// ---------------------------------------------------------------------------------------------

test('user MFA: pass when every console user has MFA; users without a password do not count', () => {
  const result = run(userMfaRule, withReport(goodSnapshot(), [goodRoot, ...goodUsers, ciBot]));
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'Every console user has MFA (2).');
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.10', 'IAM.5']);
});

test('user MFA: pass when nobody has a console password', () => {
  const result = run(userMfaRule, withReport(goodSnapshot(), [goodRoot, ciBot]));
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /No IAM user has a console password/);
});

test('user MFA: fail names the console users without MFA and fills in the MFA commands', () => {
  const snapshot = withReport(goodSnapshot(), [
    goodRoot,
    ...goodUsers,
    { user: 'dave', passwordEnabled: 'true', passwordLastUsed: 'no_information', mfaActive: false },
    { user: 'erin', passwordEnabled: 'true', passwordLastUsed: daysAgo(1), mfaActive: false },
  ]);
  const result = run(userMfaRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '2 console users of 4 have no MFA: dave and erin.');
  const failing = result.evidence.filter((item) => item.status === 'fail');
  assert.deepEqual(failing.map((item) => item.id), ['dave', 'erin']);
  assert.equal(failing[0]?.values['passwordLastUsed'], 'no_information');
  assert.ok(result.remedy.commands.includes(
    `aws iam enable-mfa-device --user-name dave --serial-number arn:aws:iam::${accountId}:mfa/dave --authentication-code1 <first code> --authentication-code2 <second code>`,
  ));
});

test('user MFA: the root row is not an IAM user', () => {
  const result = run(userMfaRule, withReport(goodSnapshot(), [{ ...goodRoot, mfaActive: false }, ...goodUsers]));
  assert.equal(result.verdict, 'pass');
});

test('user MFA: unknown without the credential report, naming the permissions', () => {
  const snapshot = denied({ ...goodSnapshot(), credentialReport: null }, 'credentialReport', ['iam:GetCredentialReport']);
  const result = run(userMfaRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetCredentialReport']);
  assert.match(result.summary, /iam:GetCredentialReport was denied/);
});

// ---------------------------------------------------------------------------------------------
// 11. Roles used instead of users for applications
// ---------------------------------------------------------------------------------------------

test('roles for applications: pass when keys belong only to console users', () => {
  const result = run(rolesForApplicationsRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.find((item) => item.id === 'alice')?.status, 'noted');
});

test('roles for applications: fail lists users with active keys and no console password', () => {
  const snapshot = withReport(goodSnapshot(), [
    goodRoot,
    ...goodUsers,
    ciBot,
    { user: 'old-deployer', passwordEnabled: 'false', key1: { active: false, lastRotated: daysAgo(400) } },
  ]);
  const result = run(rolesForApplicationsRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /ci-bot/);
  assert.doesNotMatch(result.summary, /old-deployer/);
  const bot = result.evidence.find((item) => item.id === 'ci-bot');
  assert.equal(bot?.status, 'fail');
  assert.equal(bot?.values['lastUsedServices'], 'ecr');
  assert.ok(result.remedy.commands.includes('aws iam list-access-keys --user-name ci-bot'));
});

test('roles for applications: unknown without the credential report', () => {
  const result = run(rolesForApplicationsRule, denied({ ...goodSnapshot(), credentialReport: null }, 'credentialReport', ['iam:GenerateCredentialReport']));
  assert.equal(result.verdict, 'unknown');
  assert.ok(result.missingPermissions.includes('iam:GenerateCredentialReport'));
});
