import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatches } from '@/lib/checks/glob';

test('IAM wildcards: * any run (also empty), ? exactly one character, everything else literal', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'iam:PassRole', true],
    ['iam:*', 'iam:PassRole', true],
    ['iam:*', 'iamx:PassRole', false],
    ['iam:Pass*', 'iam:PassRole', true],
    ['iam:*Role', 'iam:PassRole', true],
    ['iam:*Role', 'iam:PassRoles', false],
    ['iam:?assRole', 'iam:PassRole', true],
    ['iam:?assRole', 'iam:assRole', false],
    ['iam:*User*', 'iam:CreateUser', true],
    ['iam:*User*', 'iam:AddUserToGroup', true],
    ['s3:Get*Acl', 's3:GetBucketAcl', true],
    ['s3:Get*Acl', 's3:GetBucketAclx', false],
    ['a*b*c', 'abbbbbc', true],
    ['a*b*c', 'acb', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['a.c', 'abc', false],
    ['(a|b)', 'a', false],
    ['[ab]', 'a', false],
    ['', '', true],
    ['', 'a', false],
    ['?', '', false],
  ];
  for (const [pattern, text, expected] of cases) assert.equal(globMatches(pattern, text), expected, `${pattern} ~ ${text}`);
});

test('case: sensitive for ARNs, insensitive when asked (action names)', () => {
  assert.equal(globMatches('IAM:passrole', 'iam:PassRole'), false);
  assert.equal(globMatches('IAM:pass*', 'iam:PassRole', true), true);
});

test('hostile patterns decide at once: many stars before a character that never comes', () => {
  // A backtracking regular expression takes exponential time on these; the scan takes microseconds.
  const text = 'iam:' + 'A'.repeat(5_000);
  for (const stars of [12, 40, 1_000]) {
    assert.equal(globMatches('iam:' + '*'.repeat(stars) + 'Q', text, true), false);
    assert.equal(globMatches('iam:' + '*A'.repeat(stars) + 'Q', text, true), false);
    assert.equal(globMatches('iam:' + '?*'.repeat(stars) + 'A', text, true), true);
  }
  // And the work is bounded: a 2,000-segment pattern against a 20,000-character text still ends.
  assert.equal(globMatches('*a'.repeat(2_000) + 'b', 'a'.repeat(20_000)), false);
});
