import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrganizationAccountRecord } from '@/lib/aws/organizations';
import { noOrganizationSettings } from '@/lib/organization/schema';
import { partitionOf, planDiscoveredAccounts } from '@/lib/sync/diff/organization-accounts';

// Which discovered accounts a sync reads, and how each listed account is shown, without AWS.

const root = 'r-ab12';
const workloads = 'ou-ab12-11111111';
const sandbox = 'ou-ab12-22222222';
function account(id: string, state = 'ACTIVE', ancestors = [root, workloads]): OrganizationAccountRecord {
  return { id, name: `acct-${id.slice(-3)}`, email: null, state, joinedAt: null, parentId: ancestors.at(-1) ?? root, ouPath: 'Root/Workloads', ancestorIds: ancestors };
}
const context = { baseAccountId: '111111111111', baseArn: 'arn:aws:iam::111111111111:user/warden', configuredIds: new Set(['222222222222']) };
const withRole = { ...noOrganizationSettings, memberRoleName: 'WardenAuditRole', externalId: 'org-wide-id' };

test('active accounts are read through the member role in the caller\'s partition; the base and configured accounts as configured', () => {
  const plan = planDiscoveredAccounts([account('111111111111'), account('222222222222'), account('333333333333')], withRole, context);
  assert.deepEqual(plan.toRead, [{ id: '333333333333', name: 'acct-333', roleArn: 'arn:aws:iam::333333333333:role/WardenAuditRole', externalId: 'org-wide-id' }]);
  assert.deepEqual(plan.rows.map((r) => [r.id, r.exclusion]), [['111111111111', null], ['222222222222', null], ['333333333333', null]]);
  const gov = planDiscoveredAccounts([account('333333333333')], { ...withRole, memberRoleName: 'security/Warden' }, { ...context, baseArn: 'arn:aws-us-gov:sts::111111111111:assumed-role/x/y' });
  assert.equal(gov.toRead[0]?.roleArn, 'arn:aws-us-gov:iam::333333333333:role/security/Warden');
  assert.equal(partitionOf('not an arn'), 'aws');
});

test('suspended, closing and excluded accounts are shown with the reason and not read', () => {
  const listed = [account('333333333333', 'SUSPENDED'), account('444444444444', 'PENDING_CLOSURE'), account('555555555555'), account('666666666666', 'ACTIVE', [root, sandbox, 'ou-ab12-33333333']), account('777777777777')];
  const plan = planDiscoveredAccounts(listed, { ...withRole, excludedAccounts: ['555555555555'], excludedOus: [sandbox] }, context);
  assert.deepEqual(plan.toRead.map((a) => a.id), ['777777777777']);
  assert.deepEqual(Object.fromEntries(plan.rows.map((r) => [r.id, r.exclusion])), {
    '333333333333': 'suspended in the organization',
    '444444444444': 'pending closure in the organization',
    '555555555555': 'excluded by its account id',
    '666666666666': `excluded with ${sandbox}`,
    '777777777777': null,
  });
  assert.equal(plan.rows.find((r) => r.id === '333333333333')?.orgStatus, 'SUSPENDED');
});

test('without a member role the accounts found are shown as not read, never silently dropped', () => {
  const plan = planDiscoveredAccounts([account('111111111111'), account('333333333333')], noOrganizationSettings, context);
  assert.deepEqual(plan.toRead, []);
  assert.deepEqual(plan.rows.map((r) => [r.id, r.exclusion]), [['111111111111', null], ['333333333333', 'no member role configured (WARDEN_MEMBER_ROLE_NAME)']]);
});
