import 'server-only';
import { DescribeOrganizationCommand, paginateListPolicies } from '@aws-sdk/client-organizations';
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

async function readScps(clients: AwsClients): Promise<ScpState> {
  try {
    const scps: ScpRecord[] = [];
    await callAws('organizations:ListPolicies', async () => {
      for await (const page of paginateListPolicies({ client: clients.organizations, pageSize: 20 }, { Filter: 'SERVICE_CONTROL_POLICY' })) {
        for (const p of page.Policies ?? []) {
          if (!p.Id || !p.Arn) continue;
          scps.push({ policyId: p.Id, name: p.Name ?? p.Id, arn: p.Arn, description: p.Description ?? null, awsManaged: p.AwsManaged ?? false });
        }
      }
    });
    return { state: 'management', scps, message: null };
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
