import type { ManagementEventCoverage } from '@/lib/cloudtrail/event-selectors';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import type { FindingData, IamGroupData, IamPolicyData, IamRoleData, IamUserData, PasswordPolicyFields } from '@/lib/aws/records';

// The plain data the checklist rules read: one account's newest snapshot of every source, the
// clock and the thresholds. A source that could not be read is null, and its `sources` entry says
// which IAM actions were missing, so a rule can answer `unknown` instead of guessing.

export type SourceName = 'credentialReport' | 'iam' | 'accessAnalyzer' | 'cloudtrail' | 'organization' | 'reviews';

export interface SourceState {
  /** Whether any data of this source was read at all. */
  read: boolean;
  /** When the data the rules see was taken; null when never read. */
  takenAt: Date | null;
  /**
   * When this source was last read successfully (an unchanged read stores nothing new, so this can
   * be later than takenAt); null when unknown. Data older than staleDataHours never passes.
   */
  lastReadAt?: Date | null;
  /** IAM actions denied while reading, e.g. "iam:GetAccountPasswordPolicy". */
  missingPermissions: string[];
  /** Parts of the last read that failed for another reason, as "<action>: <code> (HTTP n) — message". */
  partErrors?: string[];
  /** The last read's error, when it failed. */
  error: string | null;
}

export interface CredentialReportData {
  /** GetCredentialReport's GeneratedTime. */
  generatedAt: Date;
  entries: CredentialEntry[];
}






export interface MfaDeviceData {
  serialNumber: string;
  userName: string | null;
  userArn: string | null;
  isVirtual: boolean;
  isRoot: boolean;
  enableDate: Date | null;
}


export type PasswordPolicyData = { present: false } | ({ present: true } & PasswordPolicyFields);

export interface AccountSummaryData {
  accountMfaEnabled: boolean;
  accountAccessKeysPresent: boolean;
  users: number;
  roles: number;
  groups: number;
  policies: number;
  mfaDevices: number;
  mfaDevicesInUse: number;
}

/**
 * IAM's account-wide reads. Each part is null when its call failed: users, groups, roles and
 * policies come from GetAccountAuthorizationDetails, mfaDevices from ListVirtualMFADevices,
 * passwordPolicy from GetAccountPasswordPolicy (`{ present: false }` when the account has none),
 * summary from GetAccountSummary.
 */
export interface IamData {
  users: IamUserData[] | null;
  groups: IamGroupData[] | null;
  roles: IamRoleData[] | null;
  policies: IamPolicyData[] | null;
  mfaDevices: MfaDeviceData[] | null;
  passwordPolicy: PasswordPolicyData | null;
  summary: AccountSummaryData | null;
}

export interface AnalyzerData {
  arn: string;
  name: string;
  region: string;
  /** "ACCOUNT" | "ORGANIZATION" | "ACCOUNT_UNUSED_ACCESS" | "ORGANIZATION_UNUSED_ACCESS" | … */
  type: string;
  /** "ACTIVE" | "CREATING" | "DISABLED" | "FAILED" */
  status: string;
}


export interface AccessAnalyzerData {
  analyzers: AnalyzerData[];
  /** Null when the findings could not be listed (access-analyzer:ListFindings, which ListFindingsV2 requires). */
  findings: FindingData[] | null;
  /** Configured regions whose analyzers could not be listed. */
  unreadRegions: string[];
}

export interface TrailData {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  logFileValidation: boolean;
  /** Null when GetTrailStatus could not be read (statusError says why). */
  isLogging: boolean | null;
  latestDeliveryTime: Date | null;
  latestDeliveryError: string | null;
  s3BucketName: string | null;
  statusError: string | null;
  /** Which management events the selectors record; null when GetEventSelectors was not read (selectorsError says why). */
  managementEvents: ManagementEventCoverage | null;
  selectorsError: string | null;
}

export interface TrailEventData {
  eventId: string;
  region: string;
  eventTime: Date;
  eventName: string;
  eventSource: string;
  userArn: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  mfaUsed: boolean | null;
  errorCode: string | null;
}

export interface CloudTrailData {
  /** Null when DescribeTrails failed. */
  trails: TrailData[] | null;
  /** Root-user events read through LookupEvents; null when they could not be looked up. */
  rootEvents: TrailEventData[] | null;
  /** The regions whose root-user lookup answered in the last read; null when not recorded (all planned). */
  rootRegionsRead?: string[] | null;
}

export type OrganizationStateName =
  | 'member-with-scps'
  | 'management'
  | 'not-in-organization'
  | 'not-management-account'
  | 'access-denied';

/** A root, OU or account an SCP is attached to; name is the OU's path ("Root/Workloads/Production") or the account's name. */
export interface ScpPlacementData {
  targetId: string;
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  name: string;
}

/** Where an SCP is attached, seen from this account. */
export interface ScpAttachmentData {
  /** Attachments to the root, an OU on this account's path or the account itself: the SCP applies here. */
  appliesThrough: ScpPlacementData[];
  /** A few of its other attachments, and how many there are in all. */
  elsewhere: ScpPlacementData[];
  elsewhereCount: number;
}

export interface ServiceControlPolicyData {
  policyId: string;
  name: string;
  arn: string;
  description: string | null;
  awsManaged: boolean;
  /** Null or absent when its attachments were not read (and for AWS-managed SCPs). */
  attachment?: ScpAttachmentData | null;
}

export interface OrganizationData {
  state: OrganizationStateName;
  /** DescribeOrganization's Id and MasterAccountId; null when not in an organization or not readable. */
  organizationId: string | null;
  managementAccountId: string | null;
  message: string | null;
  scps: ServiceControlPolicyData[];
  /**
   * Whether the SCPs' attachments were read and matched against this account's place in the
   * organization (each customer-managed SCP then has its attachment). Absent in older snapshots.
   */
  attachmentsChecked?: boolean;
}

export interface ReviewsData {
  /** When the newest signed-off credential-report review covering this account was signed. */
  lastSignedAt: Date | null;
  lastSignedBy: string | null;
  lastReviewTitle: string | null;
  /** When AWS generated the credential report that review walked through; null when unknown. */
  lastReportGeneratedAt?: Date | null;
}

export interface Thresholds {
  unusedCredentialDays: number;
  keyRotationDays: number;
  reviewIntervalDays: number;
  rootActivityDays: number;
  maxSessionDurationSeconds: number;
  passwordMinimumLength: number;
  passwordRequireSymbols: boolean;
  passwordRequireNumbers: boolean;
  passwordRequireUppercase: boolean;
  passwordRequireLowercase: boolean;
  passwordMaxAgeDays: number;
  passwordReusePrevention: number;
  /** A pass needs every source it rests on to have been read within this many hours. */
  staleDataHours: number;
}

export type ThresholdName = keyof Thresholds;

/** Where each threshold's value comes from, shown next to the verdicts that use it. */
export type ThresholdSources = Record<ThresholdName, string>;

export const defaultThresholds: Thresholds = {
  unusedCredentialDays: 45,
  keyRotationDays: 90,
  reviewIntervalDays: 31,
  rootActivityDays: 90,
  maxSessionDurationSeconds: 3600,
  passwordMinimumLength: 14,
  passwordRequireSymbols: true,
  passwordRequireNumbers: true,
  passwordRequireUppercase: true,
  passwordRequireLowercase: true,
  passwordMaxAgeDays: 90,
  passwordReusePrevention: 24,
  staleDataHours: 48,
};

const seedPasswordCommand = 'seed: aws iam update-account-password-policy';

export const defaultThresholdSources: ThresholdSources = {
  unusedCredentialDays: 'seed: "Unused credentials removed" (45 days, as CIS AWS Foundations v3.0 1.12)',
  keyRotationDays: 'seed: "Access keys rotated < 90 days"',
  reviewIntervalDays: 'seed: "Credential report reviewed monthly" (31 days)',
  rootActivityDays: 'seed: "Never use root for daily operations" (CloudTrail keeps 90 days of events)',
  maxSessionDurationSeconds: 'seed: "Limit session duration appropriately" (1 hour)',
  passwordMinimumLength: `${seedPasswordCommand} --minimum-password-length 14`,
  passwordRequireSymbols: `${seedPasswordCommand} --require-symbols`,
  passwordRequireNumbers: `${seedPasswordCommand} --require-numbers`,
  passwordRequireUppercase: `${seedPasswordCommand} --require-uppercase-characters`,
  passwordRequireLowercase: `${seedPasswordCommand} --require-lowercase-characters`,
  passwordMaxAgeDays: `${seedPasswordCommand} --max-password-age 90`,
  passwordReusePrevention: `${seedPasswordCommand} --password-reuse-prevention 24`,
  staleDataHours: 'Warden: a pass rests on data read within 48 hours (8 scheduled syncs at the default schedule)',
};

export interface AccountSnapshot {
  account: { id: string; name: string; isOwn: boolean };
  /** Accounts the operator declares as its own: trust between them is not "cross-account". */
  ownAccountIds: string[];
  /** The operator's AWS Organizations (o-…): a trust pinned by aws:PrincipalOrgID to one of them stays inside. */
  ownOrganizationIds: string[];
  /** Regions Warden read for this account in its last sync. */
  regions: string[];
  /**
   * The regions enabled in the account (account:ListRegions or ec2:DescribeRegions); null when they
   * could not be listed. `regionsNarrowed`: WARDEN_REGIONS deliberately limits the reads.
   */
  enabledRegions?: string[] | null;
  regionsNarrowed?: boolean;
  /** IAM actions denied while listing the enabled regions, or the failure. */
  regionDiscoveryDenied?: string[];
  regionDiscoveryError?: string | null;
  now: Date;
  thresholds: Thresholds;
  thresholdSources: ThresholdSources;
  credentialReport: CredentialReportData | null;
  iam: IamData | null;
  accessAnalyzer: AccessAnalyzerData | null;
  cloudtrail: CloudTrailData | null;
  organization: OrganizationData | null;
  reviews: ReviewsData | null;
  sources: Record<SourceName, SourceState>;
}
