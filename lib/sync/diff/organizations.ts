import type { OrganizationRead, ScpRecord, ScpTargetType } from '@/lib/aws/organizations';
import { decideSnapshot, type SnapshotDecision, type StoredSnapshot } from '@/lib/sync/diff/snapshot';
import type { RunOrganization } from '@/lib/sync/types';

// The organization as an account sees it: whether it is in one, which, and its service control
// policies — read by the account itself (only the management account or a delegated
// administrator may list them), or taken from the run's one read of the organization, where each
// SCP's attachments say whether it applies to this account. Pure.

/** A root, OU or account an SCP is attached to; name is the OU path ("Root/Workloads/Production") or the account's name. */
export type ScpPlacement = { targetId: string; type: ScpTargetType; name: string };

/** Where an SCP sits relative to one account. */
export type ScpAttachment = {
  /** Its attachments on the account's path (the root, an OU above it, the account): what makes it apply. */
  appliesThrough: ScpPlacement[];
  /** Its other attachments (the first few), and how many there are. */
  elsewhere: ScpPlacement[];
  elsewhereCount: number;
};

/** How many attachments elsewhere are kept as evidence (an SCP may be attached to thousands of accounts). */
export const ELSEWHERE_KEPT = 5;

export type StoredScp = ScpRecord & {
  /** Null when the attachments were not read (the account's own read, or an AWS-managed SCP). */
  attachment: ScpAttachment | null;
};

export type OrganizationFacts = {
  state: 'management' | 'member-with-scps' | 'not-in-organization' | 'not-management-account';
  message: string | null;
  organizationId: string | null;
  managementAccountId: string | null;
  describeDenied: boolean;
  /** Whether the SCPs' attachments were checked against this account's place in the organization. */
  attachmentsChecked: boolean;
  scps: StoredScp[];
};

/** The account's own read (DescribeOrganization and ListPolicies from the account): no attachments. */
export function factsFromAccountRead(read: OrganizationRead): OrganizationFacts {
  return {
    state: read.state,
    message: read.message,
    organizationId: read.organizationId,
    managementAccountId: read.managementAccountId,
    describeDenied: read.describeDenied,
    attachmentsChecked: false,
    scps: read.scps.map((scp) => ({ ...scp, attachment: null })),
  };
}

/**
 * The SCPs as they stand for one account, from the run's read of the organization: each
 * customer-managed SCP with the attachments that make it apply (to the root, an OU on the
 * account's path, or the account itself) and those elsewhere. Null for an account discovery did
 * not list: it reads for itself.
 */
export function factsFromRun(run: RunOrganization, accountId: string): OrganizationFacts | null {
  const ancestors = run.ancestorsOf.get(accountId);
  if (ancestors === undefined) return null;
  const onPath = new Set([...ancestors, accountId]);
  // Root first, then down the path to the account itself.
  const depth = (id: string) => (ancestors.includes(id) ? ancestors.indexOf(id) : ancestors.length);
  const place = (t: { targetId: string; type: ScpTargetType; name: string }): ScpPlacement => ({
    targetId: t.targetId,
    type: t.type,
    name: t.type === 'ACCOUNT' ? t.name : (run.pathOf.get(t.targetId) ?? t.name),
  });
  const scps = run.scps.map(({ targets, ...scp }): StoredScp => {
    if (targets === null) return { ...scp, attachment: null };
    const elsewhere = targets.filter((t) => !onPath.has(t.targetId));
    return {
      ...scp,
      attachment: {
        appliesThrough: targets
          .filter((t) => onPath.has(t.targetId))
          .sort((a, b) => depth(a.targetId) - depth(b.targetId))
          .map(place),
        elsewhere: elsewhere.slice(0, ELSEWHERE_KEPT).map(place),
        elsewhereCount: elsewhere.length,
      },
    };
  });
  return {
    state: run.managementAccountId === accountId ? 'management' : 'member-with-scps',
    message: null,
    organizationId: run.organizationId,
    managementAccountId: run.managementAccountId,
    describeDenied: false,
    attachmentsChecked: true,
    scps,
  };
}

/** Denied reads of the organization: the SCP list is a fact about a member account, not a gap. */
export function organizationDenials(org: OrganizationFacts): { missing: string[]; expected: string[] } {
  const listDenied = org.state === 'not-management-account' ? ['organizations:ListPolicies'] : [];
  return { missing: [...listDenied, ...(org.describeDenied ? ['organizations:DescribeOrganization'] : [])], expected: listDenied };
}

/**
 * An organization read that is the newest stored one's is not stored again. An account's own read
 * is compared in the shape it has always been stored with, so that it stays unchanged across
 * Warden versions; one with attachments is compared with them (a moved attachment is a change).
 */
export function diffOrganizations(org: OrganizationFacts, previous: StoredSnapshot | null): SnapshotDecision {
  return decideSnapshot(previous, org.attachmentsChecked ? org : accountReadContent(org));
}

function accountReadContent(org: OrganizationFacts) {
  return {
    state: org.state,
    scps: org.scps.map(({ policyId, name, arn, description, awsManaged }) => ({ policyId, name, arn, description, awsManaged })),
    message: org.message,
    organizationId: org.organizationId,
    managementAccountId: org.managementAccountId,
    describeDenied: org.describeDenied,
  };
}
