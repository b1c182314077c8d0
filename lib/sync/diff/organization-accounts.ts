import type { OrganizationAccountRecord } from '@/lib/aws/organizations';
import type { OrganizationSettings } from '@/lib/organization/schema';

// Which accounts of a discovered organization a sync reads, and how every listed account is shown.
// Pure, unit-tested in lib/sync/diff/organization-accounts.test.ts.

export type DiscoveredAccountRow = {
  id: string;
  name: string;
  ouId: string;
  ouPath: string;
  orgStatus: string;
  /** Why it is not read (excluded, suspended, no member role configured); null: read. */
  exclusion: string | null;
};

export type DiscoveredToRead = { id: string; name: string; roleArn: string; externalId: string | null };

export type DiscoveryPlan = { rows: DiscoveredAccountRow[]; toRead: DiscoveredToRead[] };

/** The partition of an ARN (aws, aws-us-gov, aws-cn): member role ARNs are in the caller's. */
export function partitionOf(arn: string): string {
  return /^arn:([^:]+):/.exec(arn)?.[1] ?? 'aws';
}

/**
 * Every listed account gets a row; the ACTIVE ones that are neither the credentials' own account,
 * nor configured by hand (those are read as configured), nor excluded are read through the member
 * role. An account not ACTIVE, excluded, or found while no member role is configured is shown with
 * the reason it is not read — never silently skipped, never counted as passing.
 */
export function planDiscoveredAccounts(
  listed: OrganizationAccountRecord[],
  settings: OrganizationSettings,
  context: { baseAccountId: string; baseArn: string; configuredIds: ReadonlySet<string> },
): DiscoveryPlan {
  const excludedAccounts = new Set(settings.excludedAccounts);
  const excludedOus = new Set(settings.excludedOus);
  const partition = partitionOf(context.baseArn);
  const rows: DiscoveredAccountRow[] = [];
  const toRead: DiscoveredToRead[] = [];
  for (const a of listed) {
    const byOu = a.ancestorIds.find((id) => excludedOus.has(id));
    let exclusion: string | null = null;
    if (excludedAccounts.has(a.id)) exclusion = 'excluded by its account id';
    else if (byOu) exclusion = `excluded with ${byOu}`;
    else if (a.state !== 'ACTIVE') exclusion = `${a.state.toLowerCase().replaceAll('_', ' ')} in the organization`;
    const handled = a.id === context.baseAccountId || context.configuredIds.has(a.id);
    if (exclusion === null && !handled && settings.memberRoleName === null) exclusion = 'no member role configured (WARDEN_MEMBER_ROLE_NAME)';
    // The credentials' own account and hand-configured accounts are read as configured, whatever discovery says.
    rows.push({ id: a.id, name: a.name, ouId: a.parentId, ouPath: a.ouPath, orgStatus: a.state, exclusion: handled ? null : exclusion });
    if (!handled && exclusion === null && settings.memberRoleName !== null) {
      toRead.push({ id: a.id, name: a.name, roleArn: `arn:${partition}:iam::${a.id}:role/${settings.memberRoleName}`, externalId: settings.externalId });
    }
  }
  return { rows, toRead };
}
