import 'server-only';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError } from '@/lib/aws/errors';
import { listOrganizationAccounts, readOrganizationScps } from '@/lib/aws/organizations';
import type { CallerIdentity } from '@/lib/aws/sts';
import type { OrganizationSettings } from '@/lib/organization/schema';
import { planDiscoveredAccounts, type DiscoveredToRead } from '@/lib/sync/diff/organization-accounts';
import { recordDiscovery } from '@/lib/sync/store/organization-accounts';
import type { RunOrganization } from '@/lib/sync/types';

// Organization discovery, the first step of a run: list every account of the organization from
// the management account or a delegated administrator (read), decide which are read and how each
// is shown (pure), record them (write).

export type DiscoveryOutcome =
  | {
      status: 'ok';
      organizationId: string | null;
      listed: number;
      organizationalUnits: number;
      toRead: DiscoveredToRead[];
      removed: string[];
      /** The tree as listed: what the organization's SCPs are matched against, per account. */
      tree: Omit<RunOrganization, 'scps'>;
    }
  /** Not management account nor delegated administrator, or not in an organization. */
  | { status: 'unavailable'; reason: string; toRead: [] }
  | { status: 'failed'; error: AwsCallError; toRead: [] };

export async function discoverOrganization(
  base: AwsClients,
  me: CallerIdentity,
  settings: OrganizationSettings,
  configuredIds: ReadonlySet<string>,
  now: Date,
): Promise<DiscoveryOutcome> {
  let listing;
  try {
    listing = await listOrganizationAccounts(base);
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.code === 'AWSOrganizationsNotInUseException') return { status: 'unavailable', reason: 'the account is not in an organization', toRead: [] };
    if (error.kind === 'access-denied') return { status: 'unavailable', reason: `the organization's accounts cannot be listed from ${me.accountId} (${error.describe()})`, toRead: [] };
    return { status: 'failed', error, toRead: [] };
  }
  const plan = planDiscoveredAccounts(listing.accounts, settings, { baseAccountId: me.accountId, baseArn: me.arn, configuredIds });
  const { removed } = await recordDiscovery(listing.organizationId, plan.rows, now);
  const tree = {
    organizationId: listing.organizationId,
    managementAccountId: listing.managementAccountId,
    ancestorsOf: new Map(listing.accounts.map((a) => [a.id, a.ancestorIds])),
    pathOf: listing.pathOf,
  };
  return { status: 'ok', organizationId: listing.organizationId, listed: listing.accounts.length, organizationalUnits: listing.organizationalUnits, toRead: plan.toRead, removed, tree };
}

/**
 * The organization's SCPs and where each is attached, read once for the run with the credentials
 * that discovered it. Unavailable (denied — Warden's role lacks organizations:ListTargetsForPolicy —
 * or failed) is no error of the run: every account then reads what it can see itself, as before.
 */
export async function readRunOrganization(
  base: AwsClients,
  tree: Omit<RunOrganization, 'scps'>,
): Promise<{ status: 'ok'; organization: RunOrganization } | { status: 'unavailable'; error: AwsCallError }> {
  try {
    return { status: 'ok', organization: { ...tree, scps: await readOrganizationScps(base) } };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return { status: 'unavailable', error };
  }
}
