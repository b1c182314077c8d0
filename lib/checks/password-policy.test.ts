import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordPolicyRule } from '@/lib/checks/password-policy';
import { toResult } from '@/lib/checks/rule';
import type { AccountSnapshot, PasswordPolicyData } from '@/lib/checks/types';
import { denied, goodSnapshot, withIam } from '@/lib/checks/fixtures';

const run = (snapshot: AccountSnapshot) => toResult(passwordPolicyRule, passwordPolicyRule.evaluate(snapshot));

// GetAccountPasswordPolicy's answer for a policy set with only a minimum length of 8.
const weak: PasswordPolicyData = {
  present: true,
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: true,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  expirePasswords: false,
  maxPasswordAge: null,
  passwordReusePrevention: null,
  hardExpiry: null,
};

test('password policy: pass when every field meets the seed, each field shown', () => {
  const result = run(goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.length, 7);
  assert.ok(result.evidence.every((item) => item.status === 'pass'));
  assert.equal(result.thresholds.length, 7);
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.8', '1.9', 'IAM.15', 'IAM.16', 'IAM.7']);
});

test('password policy: a weak policy fails field by field, and the fix keeps stricter settings', () => {
  const result = run(withIam(goodSnapshot(), { passwordPolicy: weak }));
  assert.equal(result.verdict, 'fail');
  assert.deepEqual(
    result.evidence.map((item) => [item.id, item.status]),
    [
      ['MinimumPasswordLength', 'fail'],
      ['RequireSymbols', 'fail'],
      ['RequireNumbers', 'pass'],
      ['RequireUppercaseCharacters', 'fail'],
      ['RequireLowercaseCharacters', 'pass'],
      ['MaxPasswordAge', 'fail'],
      ['PasswordReusePrevention', 'fail'],
    ],
  );
  assert.match(result.summary, /5 of 7 fields/);
  assert.deepEqual(result.remedy.commands, [
    'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password --max-password-age 90 --password-reuse-prevention 24',
  ]);
});

test('password policy: stricter current values survive the remedy command', () => {
  const strict: PasswordPolicyData = { ...weak, minimumPasswordLength: 20, maxPasswordAge: 120, expirePasswords: true, passwordReusePrevention: 24, hardExpiry: true };
  const result = run(withIam(goodSnapshot(), { passwordPolicy: strict }));
  assert.equal(result.evidence.find((item) => item.id === 'MaxPasswordAge')?.status, 'fail');
  assert.match(result.remedy.commands[0] ?? '', /--minimum-password-length 20 .*--max-password-age 90 --password-reuse-prevention 24 --hard-expiry$/);
});

test('password policy: no policy at all is a fail with the seed\'s command', () => {
  const result = run(withIam(goodSnapshot(), { passwordPolicy: { present: false } }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /no password policy/);
  assert.ok(result.evidence.every((item) => item.status === 'fail'));
  assert.equal(
    result.remedy.commands[0],
    'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --max-password-age 90 --password-reuse-prevention 24',
  );
});

test('password policy: a requirement switched off by configuration is not demanded', () => {
  const snapshot = goodSnapshot();
  const relaxed = withIam({ ...snapshot, thresholds: { ...snapshot.thresholds, passwordRequireSymbols: false } }, {
    passwordPolicy: { ...weak, minimumPasswordLength: 14, requireUppercaseCharacters: true, expirePasswords: true, maxPasswordAge: 60, passwordReusePrevention: 24 },
  });
  const result = run(relaxed);
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.find((item) => item.id === 'RequireSymbols')?.values['required'], 'not required');
});

test('password policy: unknown when GetAccountPasswordPolicy was denied', () => {
  const snapshot = denied(withIam(goodSnapshot(), { passwordPolicy: null }), 'iam', ['iam:GetAccountPasswordPolicy']);
  const result = run(snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountPasswordPolicy']);
  assert.match(result.summary, /iam:GetAccountPasswordPolicy was denied/);
});

test('password policy: unknown when IAM was never read, asking for nothing AWS did not deny', () => {
  const result = run({ ...goodSnapshot(), iam: null });
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, []);
});
