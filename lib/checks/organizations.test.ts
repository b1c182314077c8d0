import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceControlPoliciesRule } from '@/lib/checks/organizations';
import { toResult } from '@/lib/checks/rule';
import type { AccountSnapshot, OrganizationData, ScpAttachmentData, ServiceControlPolicyData } from '@/lib/checks/types';
import { accountId, denied, goodSnapshot, otherOwnAccountId, ownOrganizationId, workloadsOuId } from '@/lib/checks/fixtures';

// Item 10 over a corpus of organizations as the sync stores them, each with the verdict a careful
// reviewer gives it: an SCP guards this account only when it is attached to the root, an OU on
// the account's path, or the account itself. Defined somewhere in the organization is no pass.

const run = (snapshot: AccountSnapshot) => toResult(serviceControlPoliciesRule, serviceControlPoliciesRule.evaluate(snapshot));
const withOrg = (organization: OrganizationData | null): AccountSnapshot => ({ ...goodSnapshot(), organization });

const fullAccess: ServiceControlPolicyData = {
  policyId: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  description: 'Allows access to every operation',
  awsManaged: true,
  attachment: null,
};
const stagingOu = { targetId: 'ou-ab12-stagstag', type: 'ORGANIZATIONAL_UNIT' as const, name: 'Root/Workloads/Staging' };
const securityOu = { targetId: 'ou-ab12-security', type: 'ORGANIZATIONAL_UNIT' as const, name: 'Root/Security' };
const workloadsOu = { targetId: workloadsOuId, type: 'ORGANIZATIONAL_UNIT' as const, name: 'Root/Workloads' };
const root = { targetId: 'r-ab12', type: 'ROOT' as const, name: 'Root' };
const thisAccount = { targetId: accountId, type: 'ACCOUNT' as const, name: 'good-account' };

const attached = (appliesThrough: ScpAttachmentData['appliesThrough'], elsewhere: ScpAttachmentData['elsewhere'] = [], elsewhereCount = elsewhere.length): ScpAttachmentData => ({ appliesThrough, elsewhere, elsewhereCount });
const customer = (name: string, attachment: ScpAttachmentData | null | undefined, policyId = `p-${name.toLowerCase().slice(0, 8).padEnd(8, '0')}`): ServiceControlPolicyData => ({
  policyId,
  name,
  arn: `arn:aws:organizations::${otherOwnAccountId}:policy/${ownOrganizationId}/service_control_policy/${policyId}`,
  description: null,
  awsManaged: false,
  ...(attachment === undefined ? {} : { attachment }),
});
const member = (scps: ServiceControlPolicyData[], attachmentsChecked = true): OrganizationData => ({
  state: 'member-with-scps',
  organizationId: ownOrganizationId,
  managementAccountId: otherOwnAccountId,
  message: null,
  scps: [fullAccess, ...scps],
  attachmentsChecked,
});
/** A delegated administrator's own read as older syncs stored it: SCPs listed, attachments never recorded. */
const ownRead = (scps: ServiceControlPolicyData[]): OrganizationData => ({
  state: 'management',
  organizationId: ownOrganizationId,
  managementAccountId: otherOwnAccountId,
  message: null,
  scps: [fullAccess, ...scps],
});

type Case = [name: string, organization: OrganizationData, verdict: 'pass' | 'fail' | 'unknown' | 'not_applicable', summary: RegExp];

const corpus: Case[] = [
  ['a customer SCP attached to the OU that holds the account', member([customer('DenyLeaveOrganization', attached([workloadsOu]))]), 'pass', /DenyLeaveOrganization \(attached to OU Root\/Workloads\)/],
  ['a customer SCP attached to the root', member([customer('Guardrails', attached([root], [securityOu]))]), 'pass', /Guardrails \(attached to the root\)/],
  ['a customer SCP attached to the account itself', member([customer('RegionAllowList', attached([thisAccount]))]), 'pass', /RegionAllowList \(attached to this account\)/],
  ['one of two customer SCPs applies, the other sits elsewhere', member([customer('DenyRootUser', attached([], [stagingOu])), customer('DenyLeaveOrganization', attached([workloadsOu]))]), 'pass', /^A customer-managed SCP applies to this account: DenyLeaveOrganization/],
  ['two apply, through the root and an OU', member([customer('Guardrails', attached([root])), customer('DenyRootUser', attached([root, workloadsOu]))]), 'pass', /^2 customer-managed SCPs apply to this account: Guardrails \(attached to the root\) and DenyRootUser \(attached to the root and OU Root\/Workloads\)/],
  ['customer SCPs defined but attached to other OUs only', member([customer('DenyRootUser', attached([], [stagingOu])), customer('DenyLeaveOrganization', attached([], [securityOu, stagingOu]))]), 'fail', /SCPs DenyRootUser and DenyLeaveOrganization are defined but not attached to this account's OUs/],
  ['a customer SCP defined but attached nowhere', member([customer('Draft', attached([], []))]), 'fail', /SCP Draft is defined but not attached to this account's OUs/],
  ['a customer SCP attached to another account only', member([customer('Quarantine', attached([], [{ targetId: '999988887777', type: 'ACCOUNT', name: 'acme-sandbox-7' }]))]), 'fail', /not attached to this account's OUs/],
  ['only FullAWSAccess, attachments read', member([]), 'fail', /no customer-managed SCP/],
  ['only FullAWSAccess, attachments not read', ownRead([]), 'fail', /no customer-managed SCP/],
  ['customer SCPs defined, attachments not read (an older snapshot or no discovery)', ownRead([customer('DenyLeaveOrganization', undefined)]), 'unknown', /defines a customer-managed SCP \(DenyLeaveOrganization\), but where it is attached was not read/],
  ['customer SCPs defined, attachments explicitly not checked', member([customer('DenyLeaveOrganization', null), customer('DenyRootUser', null)], false), 'unknown', /2 customer-managed SCPs \(DenyLeaveOrganization and DenyRootUser\), but where they are attached was not read/],
  ['attachments checked but one SCP\'s attachment missing from the store', member([customer('DenyLeaveOrganization', null)]), 'fail', /not attached to this account's OUs/],
  ['a member that cannot list the SCPs', { organizationId: null, managementAccountId: null, state: 'not-management-account', message: 'You don\'t have permissions to access this resource.', scps: [] }, 'unknown', /cannot see its SCPs/],
  ['a stand-alone account', { organizationId: null, managementAccountId: null, state: 'not-in-organization', message: 'AWSOrganizationsNotInUseException', scps: [] }, 'fail', /stand-alone/],
  ['ListPolicies denied', { organizationId: null, managementAccountId: null, state: 'access-denied', message: 'AccessDeniedException', scps: [] }, 'unknown', /was denied/],
  ['the management account, with a customer SCP on the root', { ...member([customer('Guardrails', attached([root]))]), state: 'management', managementAccountId: accountId }, 'not_applicable', /management account: service control policies never apply/],
  ['the management account, attachments not read', { ...ownRead([customer('Guardrails', undefined)]), managementAccountId: accountId }, 'not_applicable', /management account/],
];

for (const [name, organization, verdict, summary] of corpus) {
  test(`SCPs: ${name} → ${verdict}`, () => {
    const result = run(withOrg(organization));
    assert.equal(result.verdict, verdict, result.summary);
    assert.match(result.summary, summary);
  });
}

test('SCPs: the good fixture passes, naming the SCP and the OU it is attached to; FullAWSAccess is only noted', () => {
  const result = run(goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /DenyLeaveOrganization \(attached to OU Root\/Workloads\)/);
  const scp = result.evidence.find((item) => item.kind === 'scp' && item.label === 'DenyLeaveOrganization');
  assert.equal(scp?.status, 'pass');
  assert.match(scp?.detail ?? '', /applies to this account: attached to OU Root\/Workloads/);
  assert.equal(result.evidence.find((item) => item.kind === 'scp' && item.label === 'FullAWSAccess')?.status, 'noted');
});

test('SCPs: attached elsewhere only fails with every customer SCP as failing evidence, saying where each is attached, and a remedy that attaches them', () => {
  const others = Array.from({ length: 5 }, (_, i) => ({ targetId: `55555555555${i}`, type: 'ACCOUNT' as const, name: `other-${i}` }));
  const result = run(withOrg(member([customer('DenyRootUser', attached([], [stagingOu])), customer('Quarantine', attached([], others, 12), 'p-quaranti')])));
  assert.equal(result.verdict, 'fail');
  const scps = result.evidence.filter((item) => item.kind === 'scp' && item.label !== 'FullAWSAccess');
  assert.deepEqual(scps.map((item) => item.status), ['fail', 'fail']);
  assert.match(scps[0]?.detail ?? '', /not attached to this account, its OUs or the root \(attached to OU Root\/Workloads\/Staging\)/);
  assert.match(scps[1]?.detail ?? '', /account other-0 \(555555555550\), .* and 7 more\)/);
  assert.equal(scps[1]?.values.attachedElsewhere, 12);
  assert.equal(result.remedy.commands[0], `aws organizations list-parents --child-id ${accountId}`);
  assert.ok(result.remedy.commands.includes('aws organizations attach-policy --policy-id p-quaranti --target-id <the OU that holds this account>'));
});

test('SCPs: with one applying, SCPs attached elsewhere are noted, not failed', () => {
  const result = run(withOrg(member([customer('DenyRootUser', attached([], [stagingOu])), customer('DenyLeaveOrganization', attached([workloadsOu]))])));
  assert.deepEqual(result.evidence.filter((item) => item.kind === 'scp').map((item) => [item.label, item.status]), [
    ['DenyRootUser', 'noted'],
    ['DenyLeaveOrganization', 'pass'],
    ['FullAWSAccess', 'noted'],
  ]);
});

test('SCPs: defined but attachments not read is unknown, with a remedy that names organizations:ListTargetsForPolicy in the management account or a delegated administrator', () => {
  const result = run(withOrg(ownRead([customer('DenyLeaveOrganization', undefined)])));
  assert.equal(result.verdict, 'unknown');
  assert.match(result.remedy.text, /organizations:ListTargetsForPolicy/);
  assert.match(result.remedy.text, /management account or a delegated administrator/);
  assert.deepEqual(result.missingPermissions, [], 'nothing was denied: the attachments were not asked for');
  assert.equal(result.evidence.find((item) => item.label === 'DenyLeaveOrganization')?.status, 'unknown');
});

test('SCPs: a member that cannot see SCPs asks for ListPolicies, and says where Warden reads them', () => {
  const result = run(withOrg({ organizationId: null, managementAccountId: null, state: 'not-management-account', message: 'You don\'t have permissions to access this resource.', scps: [] }));
  assert.deepEqual(result.missingPermissions, ['organizations:ListPolicies']);
  assert.match(result.remedy.text, /organizations:ListTargetsForPolicy/);
  assert.ok(result.remedy.commands.includes(`aws organizations list-policies-for-target --target-id ${accountId} --filter SERVICE_CONTROL_POLICY`));
});

test('SCPs: fail when only FullAWSAccess exists, with commands to create and attach one', () => {
  const result = run(withOrg(member([])));
  assert.match(result.remedy.commands[0] ?? '', /^aws organizations create-policy --type SERVICE_CONTROL_POLICY/);
});

test('SCPs: a stand-alone account is told to create an organization', () => {
  const result = run(withOrg({ organizationId: null, managementAccountId: null, state: 'not-in-organization', message: 'AWSOrganizationsNotInUseException', scps: [] }));
  assert.equal(result.remedy.commands[0], 'aws organizations create-organization --feature-set ALL');
});

test('SCPs: unknown when the organization source was denied', () => {
  const result = run(denied(withOrg(null), 'organization', ['organizations:ListPolicies']));
  assert.equal(result.verdict, 'unknown');
  assert.match(result.summary, /organizations:ListPolicies was denied/);
});

test('SCPs: the management account is outside every SCP, so an SCP on the root is no pass there', () => {
  const result = run(withOrg({ ...member([customer('Guardrails', attached([root]))]), state: 'management', managementAccountId: accountId }));
  assert.equal(result.verdict, 'not_applicable');
  assert.match(result.summary, /never apply/);
  assert.match(result.remedy.text, /workloads and people out/);
});

test('SCPs: the rule says what it counts and rests on ListTargetsForPolicy', () => {
  assert.match(serviceControlPoliciesRule.semantics.counts, /attached to the organization's root, an OU on the account's path, or the account itself/);
  assert.match(serviceControlPoliciesRule.semantics.counts, /never a pass/);
  assert.ok(serviceControlPoliciesRule.semantics.restsOn.some((s) => s.includes('organizations:ListTargetsForPolicy')));
});
