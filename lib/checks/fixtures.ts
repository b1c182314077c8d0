import { credentialReportColumns, parseCredentialReport } from '@/lib/credential-report/parse';
import { defaultThresholds, defaultThresholdSources } from '@/lib/checks/types';
import type { AccountSnapshot, SourceName, SourceState } from '@/lib/checks/types';
import type { IamGroupData, IamPolicyData, IamRoleData, IamUserData } from '@/lib/aws/records';
import { DAY_MS } from '@/lib/dates';

// Shared test fixtures: real-format inputs (credential-report CSV text, policy and trust
// documents URL-encoded as GetAccountAuthorizationDetails returns them) and a snapshot builder
// whose default account passes every rule, so each test changes only what it is about.

export const accountId = '123456789012';
export const otherOwnAccountId = '210987654321';
export const vendorAccountId = '999988887777';
export const ownOrganizationId = 'o-a1b2c3d4e5';
/** The OU above the good account in the fixtures' organization. */
export const workloadsOuId = 'ou-ab12-workload';

/** GetEventSelectors of a trail with AWS's default selector: read and write management events. */
export const allManagementEvents = { read: true, write: true, excludedSources: [], onlySources: null };
export const now = new Date('2024-06-15T12:00:00Z');

/** A timestamp `days` before `now`, written the way the credential report writes it. */
export function daysAgo(days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function daysAgoDate(days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** URL-encodes a document the way GetAccountAuthorizationDetails returns it (RFC 3986). */
export function awsEncode(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document, null, 4));
}

// ---------------------------------------------------------------------------------------------
// Credential report CSV
// ---------------------------------------------------------------------------------------------

export interface KeyColumns {
  active: boolean;
  lastRotated?: string;
  lastUsed?: string;
  region?: string;
  service?: string;
}

export interface ReportRow {
  user: string;
  arn?: string;
  created?: string;
  /** "true" | "false" | "not_supported" */
  passwordEnabled?: string;
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  passwordNextRotation?: string;
  mfaActive?: boolean;
  key1?: KeyColumns;
  key2?: KeyColumns;
  cert1?: { active: boolean; lastRotated?: string };
  cert2?: { active: boolean; lastRotated?: string };
}

function keyCells(key: KeyColumns | undefined): string[] {
  if (key === undefined) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsed ?? 'N/A';
  return [
    String(key.active),
    key.lastRotated ?? 'N/A',
    used,
    key.region ?? (used === 'N/A' ? 'N/A' : 'us-east-1'),
    key.service ?? (used === 'N/A' ? 'N/A' : 's3'),
  ];
}

export function reportLine(row: ReportRow): string {
  const isRoot = row.user === '<root_account>';
  const passwordEnabled = row.passwordEnabled ?? (isRoot ? 'not_supported' : 'false');
  const hasPassword = passwordEnabled === 'true';
  const cells = [
    row.user,
    row.arn ?? (isRoot ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/${row.user}`),
    row.created ?? daysAgo(400),
    passwordEnabled,
    row.passwordLastUsed ?? 'N/A',
    row.passwordLastChanged ?? (isRoot ? 'not_supported' : hasPassword ? daysAgo(300) : 'N/A'),
    row.passwordNextRotation ?? (isRoot ? 'not_supported' : 'N/A'),
    String(row.mfaActive ?? false),
    ...keyCells(row.key1),
    ...keyCells(row.key2),
    String(row.cert1?.active ?? false),
    row.cert1?.lastRotated ?? 'N/A',
    String(row.cert2?.active ?? false),
    row.cert2?.lastRotated ?? 'N/A',
  ];
  return cells.join(',');
}

export const goodRoot: ReportRow = { user: '<root_account>', mfaActive: true, passwordLastUsed: daysAgo(200), created: daysAgo(2000) };

export const goodUsers: ReportRow[] = [
  {
    user: 'alice',
    passwordEnabled: 'true',
    passwordLastUsed: daysAgo(2),
    mfaActive: true,
    key1: { active: true, lastRotated: daysAgo(30), lastUsed: daysAgo(1), service: 'sts' },
  },
  { user: 'bob', passwordEnabled: 'true', passwordLastUsed: daysAgo(10), passwordLastChanged: daysAgo(60), mfaActive: true },
];

/** The report text: the real header line, then one line per row. */
export function credentialReportCsv(rows: ReportRow[]): string {
  return `${credentialReportColumns.join(',')}\n${rows.map(reportLine).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// IAM entities
// ---------------------------------------------------------------------------------------------

export function iamUser(userName: string, options: Partial<IamUserData> = {}): IamUserData {
  return {
    userName,
    userId: `AIDA${userName.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    path: '/',
    createDate: daysAgoDate(400),
    permissionsBoundaryArn: null,
    groups: [],
    attachedPolicyArns: [],
    inlinePolicies: [],
    ...options,
  };
}

export function iamGroup(groupName: string, options: Partial<IamGroupData> = {}): IamGroupData {
  return {
    groupName,
    groupId: `AGPA${groupName.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${accountId}:group/${groupName}`,
    path: '/',
    attachedPolicyArns: [],
    inlinePolicies: [],
    ...options,
  };
}

export function iamRole(roleName: string, trust: unknown, options: Partial<IamRoleData> = {}): IamRoleData {
  const path = options.path ?? '/';
  return {
    roleName,
    roleId: `AROA${roleName.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${accountId}:role${path}${roleName}`,
    path,
    createDate: daysAgoDate(300),
    trustPolicy: awsEncode(trust),
    maxSessionDuration: 3600,
    permissionsBoundaryArn: null,
    attachedPolicyArns: [],
    inlinePolicies: [],
    lastUsedAt: null,
    ...options,
  };
}

export function managedPolicy(policyName: string, document: unknown, options: Partial<IamPolicyData> = {}): IamPolicyData {
  const isAwsManaged = options.isAwsManaged ?? false;
  return {
    policyName,
    policyId: `ANPA${policyName.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'X').slice(0, 17)}`,
    arn: isAwsManaged ? `arn:aws:iam::aws:policy/${policyName}` : `arn:aws:iam::${accountId}:policy/${policyName}`,
    path: '/',
    isAwsManaged,
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    defaultVersionId: 'v1',
    document: awsEncode(document),
    ...options,
  };
}

export function allow(action: string | string[], resource: string | string[] = '*', extra: Record<string, unknown> = {}) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }] };
}

export const adminPolicyDocument = allow('*');

export function trustAccount(principal: string | string[], condition?: Record<string, unknown>) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
  };
}

export function trustService(service: string, condition?: Record<string, unknown>) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
  };
}

const developerRead = managedPolicy('DeveloperRead', allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::acme-app', 'arn:aws:s3:::acme-app/*']));
const lambdaLogs = managedPolicy('LambdaLogs', allow(['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:*:${accountId}:*`));
const supportServiceRole = managedPolicy('AWSSupportServiceRolePolicy', allow(['support:*', 'iam:GetRole']), {
  isAwsManaged: true,
  path: '/aws-service-role/',
});

// ---------------------------------------------------------------------------------------------
// The snapshot
// ---------------------------------------------------------------------------------------------

function readSource(): SourceState {
  return { read: true, takenAt: daysAgoDate(0), missingPermissions: [], error: null };
}

/** An account that passes every rule (16 included): tests change one thing at a time. */
export function goodSnapshot(): AccountSnapshot {
  return {
    account: { id: accountId, name: 'production', isOwn: true },
    ownAccountIds: [accountId, otherOwnAccountId],
    ownOrganizationIds: [ownOrganizationId],
    regions: ['us-east-1', 'eu-west-1'],
    now,
    thresholds: { ...defaultThresholds },
    thresholdSources: { ...defaultThresholdSources },
    credentialReport: {
      generatedAt: daysAgoDate(0),
      entries: parseCredentialReport(credentialReportCsv([goodRoot, ...goodUsers])),
    },
    iam: {
      users: [iamUser('alice', { groups: ['developers'] }), iamUser('bob', { groups: ['developers'] })],
      groups: [iamGroup('developers', { attachedPolicyArns: [developerRead.arn] })],
      roles: [
        iamRole('app-function', trustService('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': accountId } }), {
          attachedPolicyArns: [lambdaLogs.arn],
        }),
        iamRole('security-audit', trustAccount(`arn:aws:iam::${otherOwnAccountId}:root`), { maxSessionDuration: 43200 }),
        iamRole('vendor-readonly', trustAccount(`arn:aws:iam::${vendorAccountId}:root`, { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } })),
        iamRole('AWSServiceRoleForSupport', trustService('support.amazonaws.com'), {
          path: '/aws-service-role/support.amazonaws.com/',
          attachedPolicyArns: [supportServiceRole.arn],
        }),
      ],
      policies: [developerRead, { ...lambdaLogs }, supportServiceRole],
      mfaDevices: [],
      passwordPolicy: {
        present: true,
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        expirePasswords: true,
        maxPasswordAge: 90,
        passwordReusePrevention: 24,
        hardExpiry: false,
      },
      summary: {
        accountMfaEnabled: true,
        accountAccessKeysPresent: false,
        users: 2,
        roles: 4,
        groups: 1,
        policies: 2,
        mfaDevices: 3,
        mfaDevicesInUse: 3,
      },
    },
    accessAnalyzer: {
      analyzers: [
        { arn: `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/ExternalAccess`, name: 'ExternalAccess', region: 'us-east-1', type: 'ACCOUNT', status: 'ACTIVE' },
        { arn: `arn:aws:access-analyzer:eu-west-1:${accountId}:analyzer/ExternalAccess`, name: 'ExternalAccess', region: 'eu-west-1', type: 'ACCOUNT', status: 'ACTIVE' },
        { arn: `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/UnusedAccess`, name: 'UnusedAccess', region: 'us-east-1', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' },
      ],
      findings: [
        finding('f-archived', 'ExternalAccess', 'arn:aws:s3:::acme-shared', 'ARCHIVED'),
        finding('f-resolved', 'ExternalAccess', `arn:aws:iam::${accountId}:role/old-vendor`, 'RESOLVED'),
      ],
      unreadRegions: [],
    },
    cloudtrail: {
      trails: [
        {
          name: 'org-trail',
          arn: `arn:aws:cloudtrail:us-east-1:${accountId}:trail/org-trail`,
          homeRegion: 'us-east-1',
          isMultiRegion: true,
          isOrganizationTrail: false,
          logFileValidation: true,
          isLogging: true,
          latestDeliveryTime: daysAgoDate(0),
          latestDeliveryError: null,
          s3BucketName: 'acme-cloudtrail',
          statusError: null,
          managementEvents: allManagementEvents,
          selectorsError: null,
        },
      ],
      rootEvents: [rootEvent('old-login', 'ConsoleLogin', 120)],
    },
    organization: {
      // A member: the organization's SCPs read once for the sync, with their attachments; a
      // customer-managed one is attached to the OU that holds this account.
      state: 'member-with-scps',
      organizationId: ownOrganizationId,
      managementAccountId: otherOwnAccountId,
      message: null,
      attachmentsChecked: true,
      scps: [
        { policyId: 'p-FullAWSAccess', name: 'FullAWSAccess', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', description: 'Allows access to every operation', awsManaged: true, attachment: null },
        {
          policyId: 'p-0abc1234',
          name: 'DenyLeaveOrganization',
          arn: `arn:aws:organizations::${otherOwnAccountId}:policy/${ownOrganizationId}/service_control_policy/p-0abc1234`,
          description: 'Deny leaving the organization',
          awsManaged: false,
          attachment: { appliesThrough: [{ targetId: workloadsOuId, type: 'ORGANIZATIONAL_UNIT', name: 'Root/Workloads' }], elsewhere: [], elsewhereCount: 0 },
        },
      ],
    },
    reviews: { lastSignedAt: daysAgoDate(10), lastSignedBy: 'carol@example.com', lastReviewTitle: 'May 2024 credential review', lastReportGeneratedAt: daysAgoDate(11) },
    sources: {
      credentialReport: readSource(),
      iam: readSource(),
      accessAnalyzer: readSource(),
      cloudtrail: readSource(),
      organization: readSource(),
      reviews: readSource(),
    },
  };
}

export function finding(id: string, findingType: string, resource: string, status: string, region = 'us-east-1') {
  return {
    id,
    analyzerArn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${findingType.startsWith('Unused') ? 'UnusedAccess' : 'ExternalAccess'}`,
    region,
    findingType,
    resourceType: resource.startsWith('arn:aws:s3') ? 'AWS::S3::Bucket' : resource.includes(':user/') ? 'AWS::IAM::User' : 'AWS::IAM::Role',
    resource,
    resourceOwnerAccount: accountId,
    status,
    createdAt: daysAgoDate(20),
    updatedAt: daysAgoDate(5),
  };
}

export function rootEvent(eventId: string, eventName: string, ageDays: number) {
  return {
    eventId,
    region: 'us-east-1',
    eventTime: daysAgoDate(ageDays),
    eventName,
    eventSource: eventName === 'ConsoleLogin' ? 'signin.amazonaws.com' : 'iam.amazonaws.com',
    userArn: `arn:aws:iam::${accountId}:root`,
    sourceIp: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    mfaUsed: true,
    errorCode: null,
  };
}

/** The snapshot with a credential report parsed from `csv` (the root row as given). */
export function withReport(snapshot: AccountSnapshot, rows: ReportRow[]): AccountSnapshot {
  return {
    ...snapshot,
    credentialReport: { generatedAt: daysAgoDate(0), entries: parseCredentialReport(credentialReportCsv(rows)) },
  };
}

/** Marks a source as failed with the given permissions denied (its data is set null by the caller). */
export function denied(snapshot: AccountSnapshot, source: SourceName, missingPermissions: string[]): AccountSnapshot {
  return {
    ...snapshot,
    sources: {
      ...snapshot.sources,
      [source]: { read: snapshot.sources[source].read, takenAt: null, missingPermissions, error: 'AccessDenied' },
    },
  };
}

/** A shallow copy of the IAM data with some parts replaced. */
export function withIam(snapshot: AccountSnapshot, changes: Partial<NonNullable<AccountSnapshot['iam']>>): AccountSnapshot {
  const iam = snapshot.iam;
  if (iam === null) throw new Error('withIam: the snapshot has no IAM data');
  return { ...snapshot, iam: { ...iam, ...changes } };
}

/** An account that fails every rule that can fail: each change is the smallest that makes one rule fail. */
export function badSnapshot(): AccountSnapshot {
  const good = goodSnapshot();
  const iam = good.iam;
  if (iam === null || iam.summary === null || iam.users === null || iam.roles === null || iam.policies === null) {
    throw new Error('goodSnapshot lacks IAM data');
  }
  const administratorAccess = managedPolicy('AdministratorAccess', adminPolicyDocument, { isAwsManaged: true });
  return {
    ...withReport(good, [
      { ...goodRoot, mfaActive: false, passwordLastUsed: daysAgo(2), key1: { active: true, lastRotated: daysAgo(800), lastUsed: daysAgo(2), service: 'iam' } },
      { ...goodUsers[0], user: 'alice', mfaActive: false, key1: { active: true, lastRotated: daysAgo(200), lastUsed: daysAgo(1) } },
      { user: 'ci-bot', passwordEnabled: 'false', key1: { active: true, lastRotated: daysAgo(30), lastUsed: daysAgo(100) } },
    ]),
    iam: {
      ...iam,
      users: [...iam.users, iamUser('ci-bot', { attachedPolicyArns: [administratorAccess.arn] })],
      roles: [...iam.roles, iamRole('partner-access', trustAccount('arn:aws:iam::444455556666:root')), iamRole('batch-job', trustService('ecs-tasks.amazonaws.com'))],
      policies: [...iam.policies, administratorAccess],
      passwordPolicy: { present: false },
      summary: { ...iam.summary, accountMfaEnabled: false, accountAccessKeysPresent: true },
    },
    accessAnalyzer: {
      analyzers: [],
      findings: [finding('f-public', 'ExternalAccess', 'arn:aws:s3:::acme-public', 'ACTIVE')],
      unreadRegions: [],
    },
    cloudtrail: { trails: [], rootEvents: [rootEvent('e1', 'ConsoleLogin', 2)] },
    organization: { state: 'not-in-organization', organizationId: null, managementAccountId: null, message: null, scps: [] },
    reviews: { lastSignedAt: null, lastSignedBy: null, lastReviewTitle: null },
  };
}
