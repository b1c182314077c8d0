import 'server-only';

// The sandbox's in-memory model: plain typed objects that the server mutates and that tests,
// benchmarks and the collectors' tests read directly (`sandbox.state`).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

export type AccountRole = 'management' | 'member' | 'standalone';

export interface Tag {
  key: string;
  value: string;
}

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface LastUsed {
  date: Date;
  region: string;
  service: string;
}

export interface AccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  lastUsed: LastUsed | null;
}

export interface MfaDevice {
  serialNumber: string;
  kind: 'virtual' | 'hardware';
  enableDate: Date;
}

/** Why the generator made this user: lets tests and docs tell people from programs. */
export type UserKind = 'human' | 'program';

export interface IamUser {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  kind: UserKind;
  passwordEnabled: boolean;
  passwordLastUsed: Date | null;
  passwordLastChanged: Date | null;
  mfaDevices: MfaDevice[];
  accessKeys: AccessKey[];
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: Tag[];
}

export interface IamGroup {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  createDate: Date;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
}

export interface IamRole {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: Date;
  description: string | null;
  maxSessionDuration: number;
  trustPolicy: PolicyDocument;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: Tag[];
  lastUsed: { date: Date; region: string } | null;
}

export interface ManagedPolicyVersion {
  versionId: string;
  document: PolicyDocument;
  isDefault: boolean;
  createDate: Date;
}

export interface ManagedPolicy {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description: string | null;
  createDate: Date;
  updateDate: Date;
  awsManaged: boolean;
  versions: ManagedPolicyVersion[];
}

export interface RootUser {
  arn: string;
  createDate: Date;
  mfa: MfaDevice | null;
  accessKeys: AccessKey[];
  passwordLastUsed: Date | null;
}

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

export interface UnassignedVirtualMfa {
  serialNumber: string;
}

/**
 * Credential report lifecycle. `pendingPolls` counts the Generate/Get calls still needed before an
 * in-progress report completes, so that STARTED → INPROGRESS → COMPLETE happens across calls.
 */
export interface CredentialReportState {
  status: 'none' | 'in-progress' | 'complete';
  startedAt: Date | null;
  pendingPolls: number;
  generatedAt: Date | null;
  csv: string | null;
}

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  s3BucketName: string;
  s3KeyPrefix: string | null;
  isMultiRegion: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  isOrganizationTrail: boolean;
  kmsKeyId: string | null;
  cloudWatchLogsLogGroupArn: string | null;
  cloudWatchLogsRoleArn: string | null;
  hasCustomEventSelectors: boolean;
  hasInsightSelectors: boolean;
  isLogging: boolean;
  startLoggingTime: Date;
  stopLoggingTime: Date | null;
  latestDeliveryTime: Date | null;
  /** GetTrailStatus's LatestDeliveryError (e.g. the bucket policy no longer lets CloudTrail write). */
  latestDeliveryError: string | null;
  /** What GetEventSelectors returns: basic selectors, or advanced selectors (never both). */
  eventSelectors: TrailEventSelectors;
}

export interface BasicEventSelector {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: { Type: string; Values: string[] }[];
  ExcludeManagementEventSources: string[];
}

export interface AdvancedEventSelector {
  Name: string;
  FieldSelectors: { Field: string; Equals?: string[]; NotEquals?: string[]; StartsWith?: string[]; NotStartsWith?: string[]; EndsWith?: string[]; NotEndsWith?: string[] }[];
}

export type TrailEventSelectors = { kind: 'basic'; selectors: BasicEventSelector[] } | { kind: 'advanced'; selectors: AdvancedEventSelector[] };

/** A new trail's selectors: read and write management events, no data events (AWS's default). */
export const defaultEventSelectors = (): TrailEventSelectors => ({
  kind: 'basic',
  selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
});

export type AnalyzerType =
  | 'ACCOUNT'
  | 'ORGANIZATION'
  | 'ACCOUNT_UNUSED_ACCESS'
  | 'ORGANIZATION_UNUSED_ACCESS'
  | 'ACCOUNT_INTERNAL_ACCESS'
  | 'ORGANIZATION_INTERNAL_ACCESS';

export const ANALYZER_TYPES: readonly AnalyzerType[] = [
  'ACCOUNT',
  'ORGANIZATION',
  'ACCOUNT_UNUSED_ACCESS',
  'ORGANIZATION_UNUSED_ACCESS',
  'ACCOUNT_INTERNAL_ACCESS',
  'ORGANIZATION_INTERNAL_ACCESS',
];

export interface FindingCriterion {
  eq?: string[];
  neq?: string[];
  contains?: string[];
  exists?: boolean;
}

export interface ArchiveRule {
  ruleName: string;
  filter: Record<string, FindingCriterion>;
  createdAt: Date;
  updatedAt: Date;
}

export interface Analyzer {
  arn: string;
  name: string;
  type: AnalyzerType;
  region: string;
  createdAt: Date;
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  lastResourceAnalyzed: string | null;
  lastResourceAnalyzedAt: Date | null;
  tags: Record<string, string>;
  unusedAccessAge: number | null;
  archiveRules: ArchiveRule[];
}

export type FindingType =
  | 'ExternalAccess'
  | 'InternalAccess'
  | 'UnusedIAMRole'
  | 'UnusedIAMUserAccessKey'
  | 'UnusedIAMUserPassword'
  | 'UnusedPermission';

export type FindingStatus = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';

export interface FindingSource {
  type: 'POLICY' | 'BUCKET_ACL' | 'S3_ACCESS_POINT' | 'S3_ACCESS_POINT_ACCOUNT';
  accessPointArn?: string;
}

export interface ExternalAccessDetails {
  type: 'ExternalAccess';
  principal: Record<string, string>;
  action: string[];
  condition: Record<string, string>;
  isPublic: boolean;
  sources: FindingSource[];
}

export interface InternalAccessDetails {
  type: 'InternalAccess';
  principal: Record<string, string>;
  principalOwnerAccount: string;
  principalType: 'IAM_ROLE' | 'IAM_USER';
  accessType: 'INTRA_ACCOUNT' | 'INTRA_ORG';
  action: string[];
  condition: Record<string, string>;
  sources: FindingSource[];
  serviceControlPolicyRestriction: 'APPLICABLE' | 'FAILED_TO_EVALUATE_SCP' | 'NOT_APPLICABLE';
}

export interface UnusedRoleDetails {
  type: 'UnusedIAMRole';
  lastAccessed: Date | null;
}

export interface UnusedAccessKeyDetails {
  type: 'UnusedIAMUserAccessKey';
  accessKeyId: string;
  lastAccessed: Date | null;
}

export interface UnusedPasswordDetails {
  type: 'UnusedIAMUserPassword';
  lastAccessed: Date | null;
}

export interface UnusedPermissionService {
  serviceNamespace: string;
  lastAccessed: Date | null;
  actions: { action: string; lastAccessed: Date | null }[];
}

export interface UnusedPermissionDetails {
  type: 'UnusedPermission';
  services: UnusedPermissionService[];
}

export type FindingDetails =
  | ExternalAccessDetails
  | InternalAccessDetails
  | UnusedRoleDetails
  | UnusedAccessKeyDetails
  | UnusedPasswordDetails
  | UnusedPermissionDetails;

export interface Finding {
  id: string;
  analyzerArn: string;
  findingType: FindingType;
  resourceType: string;
  resource: string;
  resourceOwnerAccount: string;
  status: FindingStatus;
  createdAt: Date;
  updatedAt: Date;
  analyzedAt: Date;
  error: string | null;
  details: FindingDetails;
}

export interface EventUserIdentity {
  type: 'Root' | 'IAMUser' | 'AssumedRole' | 'AWSAccount' | 'AWSService';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionIssuer?: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
  mfaAuthenticated?: boolean;
}

export interface EventResource {
  type: string;
  name: string;
}

/** One CloudTrail management event; the CloudTrailEvent JSON is rendered from it on demand. */
export interface CloudTrailEventRecord {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  region: string;
  readOnly: boolean;
  eventType: 'AwsApiCall' | 'AwsConsoleSignIn';
  username: string | null;
  accessKeyId: string | null;
  userIdentity: EventUserIdentity;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData: JsonObject | null;
  errorCode: string | null;
  errorMessage: string | null;
  resources: EventResource[];
  recipientAccountId: string;
  requestId: string;
  sharedEventId: string | null;
}

export interface ServiceControlPolicy {
  id: string;
  arn: string;
  name: string;
  description: string;
  awsManaged: boolean;
  document: PolicyDocument;
  /**
   * Where it is attached: the root's, OUs' and accounts' ids (AttachPolicy targets). It applies to
   * every account at or below a target; a target no longer in the organization is ignored.
   */
  targetIds: string[];
}

/** How Warden reaches an account from the base credentials (null for the base account). */
export interface AuditRoleInfo {
  roleArn: string;
  externalId: string | null;
}

export interface AccountState {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  /** One sentence on what this account demonstrates. */
  description: string;
  createdAt: Date;
  auditRole: AuditRoleInfo | null;
  root: RootUser;
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  customerPolicies: ManagedPolicy[];
  unassignedVirtualMfaDevices: UnassignedVirtualMfa[];
  passwordPolicy: PasswordPolicy | null;
  credentialReport: CredentialReportState;
  trails: Trail[];
  analyzers: Analyzer[];
  findings: Finding[];
  /** Events by region, newest first. */
  events: Record<string, CloudTrailEventRecord[]>;
  serviceControlPolicies: ServiceControlPolicy[];
  /**
   * A member that the organization's resource-based delegation policy lets call Organizations'
   * read-only List and Describe operations (policies, accounts, OUs).
   */
  delegatedOrganizationsAdministrator: boolean;
  /** Its place in the organization; null for a standalone account (role 'standalone'). */
  membership: OrganizationMembership | null;
  /**
   * Listed in `sandbox.accounts`, the accounts the demo plan names by hand (the demo accounts).
   * Generated and control-added members are not: Warden finds them by discovering the organization.
   */
  handConfigured: boolean;
}

/** Status of an account in its organization (Organizations' Account.Status; State adds CLOSED and PENDING_ACTIVATION). */
export type OrganizationAccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export const ORGANIZATION_ACCOUNT_STATUSES: readonly OrganizationAccountStatus[] = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'];

export interface OrganizationMembership {
  /** The root's id (r-…) or the OU's id (ou-…) the account sits in. */
  parentId: string;
  status: OrganizationAccountStatus;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: Date;
}

/** A folder of accounts and OUs under the root; ids look like ou-<root id suffix>-<8 characters>. */
export interface OrganizationalUnit {
  id: string;
  arn: string;
  name: string;
  /** The root's id or the parent OU's id. */
  parentId: string;
}

/** A member registered with RegisterDelegatedAdministrator for one AWS service. */
export interface DelegatedAdministrator {
  accountId: string;
  /** e.g. access-analyzer.amazonaws.com */
  servicePrincipal: string;
  delegationEnabledDate: Date;
}

/** The role a team deploys in every member account (e.g. by a StackSet) for Warden to assume. */
export interface MemberRoleInfo {
  roleName: string;
  /** The ExternalId its trust policy requires, or null. */
  externalId: string | null;
}

export interface OrganizationInfo {
  id: string;
  arn: string;
  rootId: string;
  managementAccountId: string;
  managementAccountEmail: string;
  /** Every OU, parents before their children. */
  organizationalUnits: OrganizationalUnit[];
  delegatedAdministrators: DelegatedAdministrator[];
  /** Set when the organization option generated members: the role and ExternalId every member shares. */
  memberRole: MemberRoleInfo | null;
}

/**
 * `startSandbox({ organization })` / `npm run sandbox -- --accounts N`: member accounts generated
 * beside the demo accounts, in a tree of OUs, each with the member role (a few without it), read
 * by an ORGANIZATION analyzer in a delegated administrator account in every region.
 */
export interface OrganizationOptions {
  /** How many member accounts to generate (1–5,000), the delegated administrator among them. */
  accounts: number;
  /** The ExternalId every generated member's WardenAuditRole requires; null for none. Default: derived from the seed. */
  externalId?: string | null;
  /** How many generated members are large (default: one per 250 accounts). */
  largeAccounts?: number;
  /** The size of the largest members; each large member gets 50–100% of it (default LARGE_MEMBER_SCALE). */
  largeAccountScale?: Partial<SandboxScale>;
}

export interface SandboxScale {
  users: number;
  roles: number;
  findings: number;
  events: number;
}

/** A session issued by AssumeRole (or the base credentials' own session). */
export interface SessionIdentity {
  accessKeyId: string;
  accountId: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  expiration: Date | null;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface SandboxState {
  seed: number;
  generatedAt: Date;
  regions: string[];
  organization: OrganizationInfo;
  accounts: AccountState[];
  awsManagedPolicies: ManagedPolicy[];
  /** The credentials to hand out; requests signed with them (or any unknown key) act as baseSession. */
  baseCredentials: SandboxCredentials;
  baseSession: SessionIdentity;
  /** Temporary credentials handed out by AssumeRole, by access key id. */
  sessions: Record<string, SessionIdentity>;
  /** Bumped whenever a finding changes, so cached finding queries can be invalidated. */
  findingsVersion: number;
}
