import type { OrganizationRead } from '@/lib/aws/organizations';
import { decideSnapshot, type SnapshotDecision, type StoredSnapshot } from '@/lib/sync/diff/snapshot';

// The organization as an account sees it: whether it is in one, which, and (from the management
// account or a delegated administrator) its service control policies. Pure.

/** Denied reads of the organization: the SCP list is a fact about a member account, not a gap. */
export function organizationDenials(org: OrganizationRead): { missing: string[]; expected: string[] } {
  const listDenied = org.state === 'not-management-account' ? ['organizations:ListPolicies'] : [];
  return { missing: [...listDenied, ...(org.describeDenied ? ['organizations:DescribeOrganization'] : [])], expected: listDenied };
}

/** An organization read that is the newest stored one's is not stored again. */
export function diffOrganizations(org: OrganizationRead, previous: StoredSnapshot | null): SnapshotDecision {
  return decideSnapshot(previous, org);
}
