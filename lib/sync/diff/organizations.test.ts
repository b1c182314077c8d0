import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScpWithTargets } from '@/lib/aws/organizations';
import { ELSEWHERE_KEPT, diffOrganizations, factsFromAccountRead, factsFromRun, organizationDenials } from '@/lib/sync/diff/organizations';
import type { RunOrganization } from '@/lib/sync/types';

// Which of the organization's SCPs apply to an account, from the run's one read of the
// organization: attached to the root, an OU on the account's path, or the account itself.

const management = '111111111111';
const production = '222222222222';
const staging = '333333333333';
const ou = { workloads: 'ou-ab12-workload', production: 'ou-ab12-prodprod', staging: 'ou-ab12-stagstag', security: 'ou-ab12-security' };

const scp = (policyId: string, name: string, targets: ScpWithTargets['targets']): ScpWithTargets => ({
  policyId,
  name,
  arn: `arn:aws:organizations::${management}:policy/o-abc/service_control_policy/${policyId}`,
  description: null,
  awsManaged: targets === null,
  targets,
});
const ouTarget = (id: string, name: string) => ({ targetId: id, type: 'ORGANIZATIONAL_UNIT' as const, name });

function organization(scps: ScpWithTargets[]): RunOrganization {
  return {
    organizationId: 'o-abc',
    managementAccountId: management,
    scps,
    ancestorsOf: new Map([
      [management, ['r-ab12']],
      [production, ['r-ab12', ou.workloads, ou.production]],
      [staging, ['r-ab12', ou.workloads, ou.staging]],
    ]),
    pathOf: new Map([
      ['r-ab12', 'Root'],
      [ou.workloads, 'Root/Workloads'],
      [ou.production, 'Root/Workloads/Production'],
      [ou.staging, 'Root/Workloads/Staging'],
      [ou.security, 'Root/Security'],
    ]),
  };
}

const demo = organization([
  scp('p-FullAWSAccess', 'FullAWSAccess', null),
  scp('p-denyleave', 'DenyLeaveOrganization', [ouTarget(ou.security, 'Security'), ouTarget(ou.production, 'Production')]),
  scp('p-denyroot1', 'DenyRootUser', [ouTarget(ou.production, 'Production')]),
  scp('p-regionsok', 'RegionAllowList', [{ targetId: production, type: 'ACCOUNT', name: 'acme-production' }]),
]);

test('a member gets every SCP with the attachments that make it apply: its OU, the account itself; OUs named by their path', () => {
  const facts = factsFromRun(demo, production);
  assert.ok(facts);
  assert.equal(facts.state, 'member-with-scps');
  assert.equal(facts.attachmentsChecked, true);
  assert.equal(facts.managementAccountId, management);
  assert.deepEqual(organizationDenials(facts), { missing: [], expected: [] }, 'nothing was asked of the account');
  const byName = new Map(facts.scps.map((s) => [s.name, s.attachment]));
  assert.equal(byName.get('FullAWSAccess'), null, 'an AWS-managed SCP guards nothing: its attachments are not read');
  assert.deepEqual(byName.get('DenyLeaveOrganization'), {
    appliesThrough: [{ targetId: ou.production, type: 'ORGANIZATIONAL_UNIT', name: 'Root/Workloads/Production' }],
    elsewhere: [{ targetId: ou.security, type: 'ORGANIZATIONAL_UNIT', name: 'Root/Security' }],
    elsewhereCount: 1,
  });
  assert.deepEqual(byName.get('RegionAllowList')?.appliesThrough, [{ targetId: production, type: 'ACCOUNT', name: 'acme-production' }]);
});

test('a member whose OUs have none of the customer SCPs gets them all as attached elsewhere only', () => {
  const facts = factsFromRun(demo, staging);
  assert.ok(facts);
  const customer = facts.scps.filter((s) => !s.awsManaged);
  assert.equal(customer.length, 3);
  for (const s of customer) {
    assert.deepEqual(s.attachment?.appliesThrough, [], s.name);
    assert.ok((s.attachment?.elsewhereCount ?? 0) > 0, s.name);
  }
});

test('the management account is marked as such; an account discovery did not list reads for itself', () => {
  assert.equal(factsFromRun(demo, management)?.state, 'management');
  assert.equal(factsFromRun(demo, '444444444444'), null);
});

test('attachments on the path come root first, down to the account; attachments elsewhere are kept to a few, and counted', () => {
  const others = Array.from({ length: 8 }, (_, i) => ({ targetId: `55555555555${i}`, type: 'ACCOUNT' as const, name: `other-${i}` }));
  const run = organization([
    scp('p-guardall', 'Guardrails', [{ targetId: production, type: 'ACCOUNT', name: 'acme-production' }, ...others, ouTarget(ou.workloads, 'Workloads'), { targetId: 'r-ab12', type: 'ROOT', name: 'Root' }]),
  ]);
  const attachment = factsFromRun(run, production)?.scps[0]?.attachment;
  assert.deepEqual(attachment?.appliesThrough.map((t) => t.name), ['Root', 'Root/Workloads', 'acme-production']);
  assert.equal(attachment?.elsewhere.length, ELSEWHERE_KEPT);
  assert.equal(attachment?.elsewhereCount, 8);
});

test('a moved attachment is a change to store; the same attachments are not stored again', () => {
  const facts = factsFromRun(demo, staging);
  assert.ok(facts);
  const stored = diffOrganizations(facts, null);
  assert.equal(stored.kind, 'store');
  assert.equal(diffOrganizations(factsFromRun(demo, staging) ?? facts, { id: 's-1', contentSha256: stored.contentSha256 }).kind, 'unchanged');
  const moved = organization(demo.scps.map((s) => (s.name === 'DenyRootUser' ? { ...s, targets: [ouTarget(ou.staging, 'Staging')] } : s)));
  const after = factsFromRun(moved, staging);
  assert.ok(after);
  assert.equal(diffOrganizations(after, { id: 's-1', contentSha256: stored.contentSha256 }).kind, 'store');
  assert.deepEqual(after.scps.find((s) => s.name === 'DenyRootUser')?.attachment?.appliesThrough.map((t) => t.name), ['Root/Workloads/Staging']);
});

test('an account\'s own read has no attachments: not checked, and stored as before', () => {
  const facts = factsFromAccountRead({ state: 'management', message: null, organizationId: 'o-abc', managementAccountId: management, describeDenied: false, scps: [{ policyId: 'p-1', name: 'Deny', arn: 'arn', description: null, awsManaged: false }] });
  assert.equal(facts.attachmentsChecked, false);
  assert.equal(facts.scps[0]?.attachment, null);
});
