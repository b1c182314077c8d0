import type { AwsClients, AwsTarget } from '@/lib/aws/clients';
import type { ScpWithTargets } from '@/lib/aws/organizations';
import type { OrganizationSettings } from '@/lib/organization/schema';

export const sourceNames = ['credential-report', 'account', 'access-analyzer', 'cloudtrail', 'organizations'] as const;
export type SourceName = (typeof sourceNames)[number];

export type SourceContext = {
  accountId: string;
  runId: string;
  clients: AwsClients;
  regions: string[];
  /** The run's clock: every "since" and window is computed from it. */
  now: Date;
  options: SyncOptions;
  /**
   * The organization as read once this run from the management account or a delegated
   * administrator; absent when discovery or the SCPs' targets could not be read (each account
   * then reads what it can see itself).
   */
  organization?: RunOrganization;
};

/** What a run knows of the organization, read once for all its accounts. */
export type RunOrganization = {
  organizationId: string | null;
  managementAccountId: string | null;
  /** Every SCP; customer-managed ones with the root, OUs and accounts they are attached to. */
  scps: ScpWithTargets[];
  /** Every account discovery listed: the ids from the root down to the OU it sits in. */
  ancestorsOf: ReadonlyMap<string, readonly string[]>;
  /** The root's and every OU's names from the root down ("Root/Workloads/Production"), by id. */
  pathOf: ReadonlyMap<string, string>;
};

export type SourceOutcome = {
  records: number;
  snapshotId: string | null;
  /** IAM actions that were denied: the parts of the source that could not be read. */
  missingPermissions: string[];
  /** Parts that failed for another reason (a server error, throttling after retries), described. */
  partErrors?: string[];
  /**
   * Denials that are facts about the account rather than gaps in Warden's role (a member account
   * cannot list its organization's SCPs): still named to the rules, but they leave the run ok.
   */
  expectedDenials?: string[];
  note?: string;
};

export type Collector = (ctx: SourceContext) => Promise<SourceOutcome>;

export type SyncOptions = {
  /** LookupEvents requests per second per account and region (AWS allows 2). */
  cloudTrailRequestsPerSecond: number;
  /** How far back the first CloudTrail read goes (AWS keeps 90 days). */
  cloudTrailDays: number;
  /** Longest wait for a credential report to be generated. */
  credentialReportMaxWaitMs: number;
  /** Accounts read side by side (WARDEN_SYNC_CONCURRENCY); each keeps its own AWS rate limits. */
  accountConcurrency: number;
};

export const defaultSyncOptions: SyncOptions = {
  cloudTrailRequestsPerSecond: 2,
  cloudTrailDays: 90,
  credentialReportMaxWaitMs: 120_000,
  accountConcurrency: 8,
};

// What a sync reads: the accounts and how each is reached, and the regions.
export type AssumedAccount = {
  name: string;
  roleArn: string;
  externalId?: string | null;
  isOwn?: boolean;
  /** "admin": added on the Accounts screen; "config" (default): WARDEN_ACCOUNTS_FILE or the demo. */
  managedBy?: 'config' | 'admin' | 'organization';
};

export type SyncPlan = {
  mode: 'aws' | 'demo';
  /** The credentials' own account is always synced; these are reached through STS AssumeRole. */
  target: AwsTarget;
  baseAccountName?: string;
  assumed: AssumedAccount[];
  /**
   * The regions to read, narrowing what each account has enabled (WARDEN_REGIONS), or null: every
   * region enabled in the account, discovered at each sync.
   */
  regions: string[] | null;
  /**
   * Organization discovery: the member role every account is reached through, and what is left
   * out. Discovery runs whenever the credentials may list the organization; without a member role
   * the accounts found are shown, not read.
   */
  organization?: OrganizationSettings;
};
