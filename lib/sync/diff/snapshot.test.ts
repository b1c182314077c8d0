import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorizationDetails } from '@/lib/aws/iam';
import type { OrganizationRead } from '@/lib/aws/organizations';
import { accountContent, accountRecords, diffAccount } from '@/lib/sync/diff/account';
import { credentialReportDue, credentialReportReuseMs, diffCredentialReport } from '@/lib/sync/diff/credential-report';
import { diffOrganizations, factsFromAccountRead, organizationDenials } from '@/lib/sync/diff/organizations';
import { contentSha256, decideSnapshot } from '@/lib/sync/diff/snapshot';
import type { AccountRead } from '@/lib/sync/read/account';
import { PartLog } from '@/lib/sync/read/partial';

// Whole-snapshot sources (account, credential report, organizations) against the newest stored
// snapshot, without a database.

const at = (iso: string) => new Date(iso);

test('a snapshot is stored when nothing is stored, or when its content differs; kept when the same', () => {
  const first = decideSnapshot(null, { a: 1 });
  assert.equal(first.kind, 'store');
  assert.equal(decideSnapshot({ id: 's1', contentSha256: first.contentSha256 }, { a: 1 }).kind, 'unchanged');
  assert.deepEqual(decideSnapshot({ id: 's1', contentSha256: first.contentSha256 }, { a: 1 }), { kind: 'unchanged', snapshotId: 's1', contentSha256: first.contentSha256 });
  assert.equal(decideSnapshot({ id: 's1', contentSha256: first.contentSha256 }, { a: 2 }).kind, 'store');
  assert.equal(decideSnapshot({ id: 's1', contentSha256: null }, { a: 1 }).kind, 'store', 'a snapshot stored without a hash is never taken as the same');
  assert.equal(contentSha256('csv'), contentSha256('csv'));
  assert.notEqual(contentSha256('csv'), contentSha256('"csv"'), 'a string is hashed as it is, not as JSON');
});

function accountRead(overrides: Partial<AccountRead> = {}): AccountRead {
  const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  return { log: new PartLog(), details, roleSessionDurationsRead: true, summary: { Users: 0 }, passwordPolicy: null, virtualMfa: [], ...overrides };
}

test('an account read is compared with what was read and which parts were missing', () => {
  const stored = { id: 'acct-1', contentSha256: contentSha256(accountContent(accountRead())) };
  assert.equal(diffAccount(accountRead(), stored).kind, 'unchanged');
  assert.equal(diffAccount(accountRead({ summary: { Users: 1 } }), stored).kind, 'store', 'a changed summary');
  assert.equal(diffAccount(accountRead({ passwordPolicy: undefined }), stored).kind, 'store', 'a password policy no longer readable is not "no password policy"');
  const denied = accountRead();
  denied.log.missing.push('iam:ListVirtualMFADevices');
  assert.equal(diffAccount(denied, stored).kind, 'store', 'a part newly denied is a change');
  // The order in which parts failed does not make a difference.
  const a = accountRead();
  a.log.errors.push('x', 'y');
  const b = accountRead();
  b.log.errors.push('y', 'x');
  assert.equal(diffAccount(b, { id: 'a', contentSha256: contentSha256(accountContent(a)) }).kind, 'unchanged');
  assert.equal(accountRecords(accountRead({ details: null })), 0);
});

test('the credential report is not asked for while AWS would serve the stored one (4 hours)', () => {
  const generatedAt = at('2026-11-29T08:00:00Z');
  const stored = { id: 'cr-1', contentSha256: contentSha256('csv-1'), generatedAt };
  assert.equal(credentialReportDue(null, at('2026-11-29T09:00:00Z')), true, 'nothing stored');
  assert.equal(credentialReportDue({ id: 'x', contentSha256: null, generatedAt: null }, at('2026-11-29T09:00:00Z')), true, 'no generation time stored');
  assert.equal(credentialReportDue(stored, new Date(generatedAt.getTime() + credentialReportReuseMs - 1)), false);
  assert.equal(credentialReportDue(stored, new Date(generatedAt.getTime() + credentialReportReuseMs)), true);
  assert.equal(credentialReportDue(stored, at('2026-11-29T07:00:00Z')), true, 'a report from the future (clock skew) is asked for again');
  assert.equal(diffCredentialReport({ csv: 'csv-1', generatedAt: at('2026-11-29T13:00:00Z') }, stored).kind, 'unchanged');
  assert.equal(diffCredentialReport({ csv: 'csv-2', generatedAt: at('2026-11-29T13:00:00Z') }, stored).kind, 'store');
});

test('organizations: a member denied the SCP list is a fact about it; a denied DescribeOrganization is a gap', () => {
  const member: OrganizationRead = { state: 'not-management-account', scps: [], message: 'member', organizationId: 'o-1', managementAccountId: '111111111111', describeDenied: false };
  assert.deepEqual(organizationDenials(factsFromAccountRead(member)), { missing: ['organizations:ListPolicies'], expected: ['organizations:ListPolicies'] });
  const denied: OrganizationRead = { ...member, state: 'management', message: null, describeDenied: true };
  assert.deepEqual(organizationDenials(factsFromAccountRead(denied)), { missing: ['organizations:DescribeOrganization'], expected: [] });
  // Stored by an earlier Warden as the read itself (in readServiceControlPolicies' key order): still the same content.
  const stored = { id: 'org-1', contentSha256: contentSha256(member) };
  assert.equal(diffOrganizations(factsFromAccountRead(member), stored).kind, 'unchanged');
  const withScp: OrganizationRead = { state: 'management', message: null, organizationId: 'o-1', managementAccountId: '111111111111', describeDenied: false, scps: [{ policyId: 'p-1', name: 'Deny', arn: 'arn', description: null, awsManaged: false }] };
  assert.equal(diffOrganizations(factsFromAccountRead(withScp), stored).kind, 'store');
});
