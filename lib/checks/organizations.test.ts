import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceControlPoliciesRule } from '@/lib/checks/organizations';
import { toResult } from '@/lib/checks/rule';
import type { AccountSnapshot, OrganizationData } from '@/lib/checks/types';
import { accountId, denied, goodSnapshot, ownOrganizationId } from '@/lib/checks/fixtures';

const run = (snapshot: AccountSnapshot) => toResult(serviceControlPoliciesRule, serviceControlPoliciesRule.evaluate(snapshot));
const withOrg = (organization: OrganizationData | null): AccountSnapshot => ({ ...goodSnapshot(), organization });

const fullAccess = {
  policyId: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  description: 'Allows access to every operation',
  awsManaged: true,
};

test('SCPs: pass when the organization defines a customer-managed SCP', () => {
  const result = run(goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /DenyLeaveOrganization/);
  assert.equal(result.evidence.find((item) => item.kind === 'scp' && item.label === 'FullAWSAccess')?.status, 'noted');
});

test('SCPs: a delegated administrator member that can list them is judged the same way', () => {
  const organization = goodSnapshot().organization;
  if (organization === null) throw new Error('fixture');
  assert.equal(run(withOrg({ ...organization, state: 'member-with-scps' })).verdict, 'pass');
});

test('SCPs: fail when only AWS\'s FullAWSAccess exists', () => {
  const result = run(withOrg({ organizationId: null, managementAccountId: null, state: 'management', message: null, scps: [fullAccess] }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /no customer-managed SCP/);
  assert.match(result.remedy.commands[0] ?? '', /^aws organizations create-policy --type SERVICE_CONTROL_POLICY/);
});

test('SCPs: a stand-alone account fails with that reason', () => {
  const result = run(withOrg({ organizationId: null, managementAccountId: null, state: 'not-in-organization', message: 'AWSOrganizationsNotInUseException', scps: [] }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /stand-alone/);
  assert.equal(result.remedy.commands[0], 'aws organizations create-organization --feature-set ALL');
});

test('SCPs: a member account that cannot see SCPs is unknown', () => {
  const result = run(withOrg({ organizationId: null, managementAccountId: null, state: 'not-management-account', message: 'You don\'t have permissions to access this resource.', scps: [] }));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['organizations:ListPolicies']);
  assert.ok(result.remedy.commands.includes(`aws organizations list-policies-for-target --target-id ${accountId} --filter SERVICE_CONTROL_POLICY`));
});

test('SCPs: unknown when ListPolicies was denied', () => {
  assert.equal(run(withOrg({ organizationId: null, managementAccountId: null, state: 'access-denied', message: 'AccessDeniedException', scps: [] })).verdict, 'unknown');
  const result = run(denied(withOrg(null), 'organization', ['organizations:ListPolicies']));
  assert.equal(result.verdict, 'unknown');
  assert.match(result.summary, /organizations:ListPolicies was denied/);
});

test('SCPs: the management account is outside every SCP, so "an SCP exists" is no pass there', () => {
  const organization = goodSnapshot().organization;
  if (organization === null) throw new Error('fixture');
  const result = run(withOrg({ ...organization, organizationId: ownOrganizationId, managementAccountId: accountId }));
  assert.notEqual(result.verdict, 'pass');
  assert.equal(result.verdict, 'not_applicable');
  assert.match(result.summary, /management account/);
  assert.match(result.summary, /never apply/);
  assert.match(result.remedy.text, /workloads and people out/);
});
