import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalIdRule, serviceRoleTrustRule, trustPolicyWithCondition } from '@/lib/checks/roles';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import type { IamRoleData } from '@/lib/aws/records';
import {
  accountId,
  awsEncode,
  denied,
  goodSnapshot,
  iamRole,
  otherOwnAccountId,
  trustAccount,
  trustService,
  withIam,
} from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));
const addRoles = (snapshot: AccountSnapshot, roles: IamRoleData[]) => withIam(snapshot, { roles: [...(snapshot.iam?.roles ?? []), ...roles] });
const partnerArn = 'arn:aws:iam::444455556666:root';

// ---------------------------------------------------------------------------------------------
// 12. Cross-account access uses External ID
// ---------------------------------------------------------------------------------------------

test('external id: pass when outside accounts need an ExternalId; own accounts need none', () => {
  const result = run(externalIdRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'Every role trusting an outside account requires an sts:ExternalId (1).');
  assert.equal(result.evidence.find((item) => item.label === 'vendor-readonly — arn:aws:iam::999988887777:root')?.status, 'pass');
  // security-audit trusts one of the operator's own accounts: neither judged nor its session noted.
  assert.equal(result.evidence.some((item) => item.id.includes('security-audit')), false);
  assert.equal(result.evidence.find((item) => item.id === 'aws-managed-roles')?.status, 'excluded');
});

test('external id: fail on another account without sts:ExternalId, with the fixed trust policy', () => {
  const snapshot = addRoles(goodSnapshot(), [iamRole('partner-access', trustAccount(partnerArn), { maxSessionDuration: 43200 })]);
  const result = run(externalIdRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '1 role trusts another account without sts:ExternalId: partner-access.');
  const grant = result.evidence.find((item) => item.id === `arn:aws:iam::${accountId}:role/partner-access#${partnerArn}`);
  assert.equal(grant?.status, 'fail');
  assert.equal(grant?.values['accountId'], '444455556666');
  assert.equal(result.evidence.find((item) => item.id.endsWith('partner-access#session'))?.status, 'noted');
  const update = result.remedy.commands.find((command) => command.startsWith('aws iam update-assume-role-policy --role-name partner-access'));
  assert.ok(update);
  assert.match(update, /"Condition":\{"StringEquals":\{"sts:ExternalId":"<external-id agreed with the third party>"\}\}/);
  assert.ok(result.remedy.commands.includes('aws iam update-role --role-name partner-access --max-session-duration 3600'));
});

test('external id: an account is "own" only if the operator declares it', () => {
  const snapshot = { ...goodSnapshot(), ownAccountIds: [accountId] };
  const result = run(externalIdRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /security-audit/);
  assert.equal(result.evidence.find((item) => item.id === `arn:aws:iam::${accountId}:role/security-audit#arn:aws:iam::${otherOwnAccountId}:root`)?.status, 'fail');
  assert.equal(result.evidence.find((item) => item.id.endsWith('security-audit#session'))?.values['maxSessionDuration'], 43200);
});

test('external id: a trust open to "*" without conditions is a fail of its own', () => {
  const snapshot = addRoles(goodSnapshot(), [
    iamRole('public-role', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
  ]);
  const result = run(externalIdRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '1 role open to "*": public-role.');
  assert.match(result.evidence.find((item) => item.id.endsWith('public-role#*'))?.detail ?? '', /without conditions/);
});

test('external id: "*" pinned to the organization is noted, not failed', () => {
  const snapshot = addRoles(goodSnapshot(), [
    iamRole('org-readers', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] }),
  ]);
  const result = run(externalIdRule, snapshot);
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.find((item) => item.id.endsWith('org-readers#*'))?.status, 'noted');
});

test('external id: a deleted principal (unique id) is noted', () => {
  const snapshot = addRoles(goodSnapshot(), [iamRole('stale', trustAccount('AROAJ52OTH4H7LEXAMPLE'))]);
  const result = run(externalIdRule, snapshot);
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.find((item) => item.id.endsWith('stale#AROAJ52OTH4H7LEXAMPLE'))?.status, 'noted');
});

test('external id: unknown when a trust policy cannot be parsed', () => {
  const broken = { ...iamRole('broken', trustAccount(partnerArn)), trustPolicy: '%7B%22Statement%22%3A%5B' };
  const result = run(externalIdRule, addRoles(goodSnapshot(), [broken]));
  assert.equal(result.verdict, 'unknown');
});

test('external id: unknown when the roles were not read', () => {
  const result = run(externalIdRule, denied(withIam(goodSnapshot(), { roles: null }), 'iam', ['iam:GetAccountAuthorizationDetails']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountAuthorizationDetails']);
});

test('trustPolicyWithCondition merges into existing conditions and keeps the rest', () => {
  const trust = awsEncode({
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  });
  const fixed = trustPolicyWithCondition(trust, [0], 'StringEquals', 'aws:SourceAccount', accountId);
  assert.deepEqual(JSON.parse(fixed ?? 'null'), {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceAccount': accountId } },
    },
  });
  assert.equal(trustPolicyWithCondition('not json', [0], 'StringEquals', 'k', 'v'), null);
});

// ---------------------------------------------------------------------------------------------
// 16. Service-role trust policies scoped
// ---------------------------------------------------------------------------------------------

test('service trust: pass when service roles carry aws:SourceAccount or aws:SourceArn', () => {
  const result = run(serviceRoleTrustRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.number, 16);
  // The service-linked support role is AWS's and is excluded, not failed.
  assert.equal(result.evidence.find((item) => item.id === 'aws-managed-roles')?.status, 'excluded');
});

test('service trust: fail names the unscoped service roles, with this account filled in', () => {
  const snapshot = addRoles(goodSnapshot(), [iamRole('batch-job', trustService('ecs-tasks.amazonaws.com'))]);
  const result = run(serviceRoleTrustRule, snapshot);
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '1 service role of 2 trusts a service without an aws:SourceAccount or aws:SourceArn that pins this account: batch-job.');
  assert.equal(result.evidence.find((item) => item.id.endsWith('batch-job#ecs-tasks.amazonaws.com'))?.status, 'fail');
  assert.match(result.remedy.commands[0] ?? '', /^aws iam update-assume-role-policy --role-name batch-job --policy-document '.*"aws:SourceAccount":"123456789012".*'$/);
});

test('service trust: not applicable without customer-managed service roles', () => {
  const snapshot = withIam(goodSnapshot(), { roles: [iamRole('vendor', trustAccount(partnerArn, { StringEquals: { 'sts:ExternalId': 'x1' } }))] });
  assert.equal(run(serviceRoleTrustRule, snapshot).verdict, 'not_applicable');
});

test('service trust: unknown when the roles were not read', () => {
  const result = run(serviceRoleTrustRule, denied({ ...goodSnapshot(), iam: null }, 'iam', ['iam:GetAccountAuthorizationDetails']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountAuthorizationDetails']);
});
