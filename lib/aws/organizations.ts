import 'server-only';
import { DescribeOrganizationCommand, paginateListAccountsForParent, paginateListOrganizationalUnitsForParent, paginateListPolicies, paginateListRoots, paginateListTargetsForPolicy } from '@aws-sdk/client-organizations';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';

// Service control policies. "Not in an organization" and "not the management account" are facts
// about the account, not failures of the sync.

export type ScpRecord = { policyId: string; name: string; arn: string; description: string | null; awsManaged: boolean };

/** The organization the account belongs to (DescribeOrganization works from every member account). */
export type OrganizationIdentity = { organizationId: string | null; managementAccountId: string | null; describeDenied: boolean };

type ScpState =
  | { state: 'management'; scps: ScpRecord[]; message: null }
  | { state: 'not-in-organization'; scps: []; message: string }
  | { state: 'not-management-account'; scps: []; message: string };

export type OrganizationRead = OrganizationIdentity & ScpState;

async function describeOrganization(clients: AwsClients): Promise<OrganizationIdentity | 'not-in-organization'> {
  try {
    const res = await callAws('organizations:DescribeOrganization', () => clients.organizations.send(new DescribeOrganizationCommand({})));
    return { organizationId: res.Organization?.Id ?? null, managementAccountId: res.Organization?.MasterAccountId ?? null, describeDenied: false };
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'AWSOrganizationsNotInUseException') return 'not-in-organization';
    if (error instanceof AwsCallError && error.kind === 'access-denied') return { organizationId: null, managementAccountId: null, describeDenied: true };
    throw error;
  }
}

export async function readServiceControlPolicies(clients: AwsClients): Promise<OrganizationRead> {
  const identity = await describeOrganization(clients);
  if (identity === 'not-in-organization') {
    return { state: 'not-in-organization', scps: [], message: 'The account is not a member of an organization.', organizationId: null, managementAccountId: null, describeDenied: false };
  }
  const scpState = await readScps(clients);
  return { ...scpState, ...identity };
}

async function listScps(clients: AwsClients): Promise<ScpRecord[]> {
  const scps: ScpRecord[] = [];
  await callAws('organizations:ListPolicies', async () => {
    for await (const page of paginateListPolicies({ client: clients.organizations, pageSize: 20 }, { Filter: 'SERVICE_CONTROL_POLICY' })) {
      for (const p of page.Policies ?? []) {
        if (!p.Id || !p.Arn) continue;
        scps.push({ policyId: p.Id, name: p.Name ?? p.Id, arn: p.Arn, description: p.Description ?? null, awsManaged: p.AwsManaged ?? false });
      }
    }
  });
  return scps;
}

async function readScps(clients: AwsClients): Promise<ScpState> {
  try {
    return { state: 'management', scps: await listScps(clients), message: null };
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'AWSOrganizationsNotInUseException') {
      return { state: 'not-in-organization', scps: [], message: error.message || 'The account is not a member of an organization.' };
    }
    // Member accounts cannot list policies unless delegated: AccessDeniedException. That is the
    // account's place in the organization, but it also hides the answer: the check says unknown.
    if (error instanceof AwsCallError && error.kind === 'access-denied') {
      return { state: 'not-management-account', scps: [], message: error.describe() };
    }
    throw error;
  }
}

export type ScpTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

/** Where an SCP is attached: it applies to every account at or below the target. */
export type ScpTargetRecord = { targetId: string; type: ScpTargetType; name: string };

/** An SCP of the organization with its targets; null for an AWS-managed one (FullAWSAccess allows everything, where it sits does not matter). */
export type ScpWithTargets = ScpRecord & { targets: ScpTargetRecord[] | null };

const targetTypes: readonly string[] = ['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT'] satisfies ScpTargetType[];
const isTargetType = (type: string | undefined): type is ScpTargetType => type !== undefined && targetTypes.includes(type);

/**
 * The organization's SCPs with where each customer-managed one is attached: ListPolicies, then
 * ListTargetsForPolicy per customer-managed SCP (pages of 20) — one read for the whole
 * organization, where ListPoliciesForTarget would need a call per account and OU. Works from the
 * management account or a delegated administrator; anywhere else AWS denies it (thrown as is).
 */
export async function readOrganizationScps(clients: AwsClients): Promise<ScpWithTargets[]> {
  const scps = await listScps(clients);
  const out: ScpWithTargets[] = [];
  for (const scp of scps) {
    if (scp.awsManaged) {
      out.push({ ...scp, targets: null });
      continue;
    }
    const targets: ScpTargetRecord[] = [];
    await callAws('organizations:ListTargetsForPolicy', async () => {
      for await (const page of paginateListTargetsForPolicy({ client: clients.organizations, pageSize: 20 }, { PolicyId: scp.policyId })) {
        for (const t of page.Targets ?? []) {
          if (!t.TargetId || !isTargetType(t.Type)) continue;
          targets.push({ targetId: t.TargetId, type: t.Type, name: t.Name ?? t.TargetId });
        }
      }
    });
    out.push({ ...scp, targets });
  }
  return out;
}

/** An account of the organization as discovery lists it, with the OU it sits in. */
export type OrganizationAccountRecord = {
  id: string;
  name: string;
  email: string | null;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, PENDING_ACTIVATION or CLOSED. */
  state: string;
  joinedAt: Date | null;
  /** The OU (or root) it sits in, and the names from the root down ("Root/Workloads/Production"). */
  parentId: string;
  ouPath: string;
  /** The ids from the root down to parentId: an exclusion of any of them covers the account. */
  ancestorIds: string[];
};

export type OrganizationListing = {
  organizationId: string | null;
  managementAccountId: string | null;
  accounts: OrganizationAccountRecord[];
  organizationalUnits: number;
  /** The root's and every OU's names from the root down ("Root/Workloads/Production"), by id. */
  pathOf: Map<string, string>;
};

/**
 * Every account of the organization with its OU path, walking the tree from the root:
 * ListRoots, then per OU ListOrganizationalUnitsForParent and ListAccountsForParent (pages of 20,
 * AWS's maximum) — two calls per OU plus a page per 20 accounts, where ListAccounts + ListParents
 * would need a call per account. Works from the management account or a delegated administrator;
 * anywhere else AWS denies it (AccessDenied / AWSOrganizationsNotInUseException, thrown as is).
 */
export async function listOrganizationAccounts(clients: AwsClients): Promise<OrganizationListing> {
  const o = clients.organizations;
  const roots: { id: string; name: string }[] = [];
  await callAws('organizations:ListRoots', async () => {
    for await (const page of paginateListRoots({ client: o, pageSize: 20 }, {})) {
      for (const r of page.Roots ?? []) if (r.Id) roots.push({ id: r.Id, name: r.Name ?? 'Root' });
    }
  });
  const accounts: OrganizationAccountRecord[] = [];
  let organizationalUnits = 0;
  const pathOf = new Map<string, string>();
  const queue = roots.map((r) => ({ id: r.id, path: r.name, ids: [r.id] }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const parent = next;
    pathOf.set(parent.id, parent.path);
    await callAws('organizations:ListAccountsForParent', async () => {
      for await (const page of paginateListAccountsForParent({ client: o, pageSize: 20 }, { ParentId: parent.id })) {
        for (const a of page.Accounts ?? []) {
          if (!a.Id) continue;
          accounts.push({ id: a.Id, name: a.Name ?? a.Id, email: a.Email ?? null, state: a.State ?? a.Status ?? 'UNKNOWN', joinedAt: a.JoinedTimestamp ?? null, parentId: parent.id, ouPath: parent.path, ancestorIds: parent.ids });
        }
      }
    });
    await callAws('organizations:ListOrganizationalUnitsForParent', async () => {
      for await (const page of paginateListOrganizationalUnitsForParent({ client: o, pageSize: 20 }, { ParentId: parent.id })) {
        for (const ou of page.OrganizationalUnits ?? []) {
          if (!ou.Id) continue;
          organizationalUnits += 1;
          queue.push({ id: ou.Id, path: `${parent.path}/${ou.Name ?? ou.Id}`, ids: [...parent.ids, ou.Id] });
        }
      }
    });
  }
  const identity = await describeOrganization(clients);
  const known = identity === 'not-in-organization' ? null : identity;
  return { organizationId: known?.organizationId ?? null, managementAccountId: known?.managementAccountId ?? null, accounts, organizationalUnits, pathOf };
}
