import 'server-only';
import { currentTime } from '@/lib/clock';

import { AccountBuilder, type BuildContext } from './account-builder';
import { addDemoEvents } from './demo-events';
import type {
  AccountState,
  ManagedPolicy,
  OrganizationInfo,
  OrganizationOptions,
  PasswordPolicy,
  SandboxScale,
  SandboxState,
  ServiceControlPolicy,
} from './model';
import { DEMO_REGIONS } from './model';
import { allow, buildAwsManagedPolicies, policy, trustAws, trustService } from './policies';
import { createRng, makeAccessKeyId, makeAccountId, makeLowerId, makeSecretAccessKey, type Rng } from './random';
import { buildScaleAccount } from './generate-scale';
import { generateOrganizationMembers } from './generate-organization';
import { addOrganizationalUnit } from './organization';
import { DAY_MS } from '@/lib/dates';

// The deterministic demo organisation. Same seed and same `now` → the same organisation, byte for
// byte. Every date is relative to `now`, so "a key 91 days old" stays 91 days old.
//
//   management (acme-management)  passes nearly everything; fails 6 (a 91-day-old key)
//   member     (acme-production)  mixed: users without MFA, programmatic users, analyzer in one region
//   member     (acme-staging)     weak: root without MFA and in use, weak password policy, * / * policy,
//                                 trust in "*", trail without validation and not logging
//   standalone (acme-legacy)      worst: root access key, no password policy, no trail, no analyzer,
//                                 not in an organization
//   member     (acme-scale)       only with `scale`: a bulk account for benchmarks
//
// In the organization: acme-management under the root, acme-production in Workloads/Production,
// acme-staging in Workloads/Staging, acme-scale in Workloads, an empty Security OU. With
// `organization` (generate-organization.ts), N generated members join them in a larger OU tree.
//
// Seed checklist items (P pass, F fail, - not applicable), asserted for several seeds
// by generate.test.ts through demo-checklist.ts:
//
//   item                          mgmt prod stag legacy
//    1 root MFA                    P    P    F    F
//    2 root access keys deleted    P    P    P    F
//    3 users have MFA              P    F    F    F
//    4 password policy             P    P    F    F     (strong / strong / weak / none)
//    5 unused credentials removed  P    F    F    F
//    6 keys rotated < 90 days      F    P    F    F     (91-day key on alice.martin)
//    7 CloudTrail                  P    P    F    F     (staging: single-region, no validation, stopped)
//    8 Access Analyzer everywhere  P    F    P    F     (production: us-east-1 only)
//    9 permission boundaries       P    P    F    F
//   10 SCPs                        -    P    F    F     (management: SCPs never apply; staging: none
//                                                        attached to its OUs; legacy: not in an org)
//   11 roles, not users, for apps  P    F    F    F
//   12 cross-account ExternalId    P    P    F    F     (staging trusts "*" and a vendor without one)
//   13 least privilege             P    P    F    F     ("*"/"*" customer policies attached)
//   root unused (CloudTrail)       P    P    F    F
//   service roles scoped           P    P    F    F     (aws:SourceAccount / aws:SourceArn)

export const DEFAULT_SEED = 1;

/** The size of the scale account when only some of `scale`'s fields are given. */
export const BASE_SCALE: SandboxScale = { users: 50, roles: 20, findings: 100, events: 1000 };

/** The benchmark dataset named in the issue. */
export const BENCHMARK_SCALE: SandboxScale = { users: 5000, roles: 1000, findings: 20000, events: 200000 };

export interface GenerateOptions {
  seed?: number;
  now?: Date;
  /** Adds the acme-scale member account of this size. */
  scale?: Partial<SandboxScale> | null;
  /**
   * Further IAM users in the management account (console, MFA, recently used), named exactly so:
   * to see how names AWS would never allow, such as markup, are shown.
   */
  extraUserNames?: readonly string[];
  /** Generated member accounts beside the demo accounts (see generate-organization.ts). */
  organization?: OrganizationOptions | null;
}

export const STRONG_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 24,
  hardExpiry: false,
};

export const WEAK_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: null,
  passwordReusePrevention: null,
  hardExpiry: false,
};

interface Outsiders {
  securityVendor: string;
  observabilityVendor: string;
  supportPartner: string;
  acquirer: string;
  unknown: string;
}

interface OrgIds {
  management: string;
  production: string;
  staging: string;
  legacy: string;
  scale: string;
}

const COLLECTOR_ROLE = 'WardenCollectorRole';
const AUDIT_ROLE = 'WardenAuditRole';

function externalId(rng: Rng, label: string): string {
  return `warden-${label}-${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)}`;
}

function uniqueAccountIds(rng: Rng, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(makeAccountId(rng));
  return [...ids];
}

function buildManagement(ctx: BuildContext, rng: Rng, ids: OrgIds, outsiders: Outsiders, orgId: string): AccountBuilder {
  const b = new AccountBuilder(ctx, rng, {
    id: ids.management,
    name: 'acme-management',
    email: 'aws-management@acme-corp.example',
    role: 'management',
    description: 'Organization management account; well run apart from one access key past 90 days.',
    createdDaysAgo: 1400,
  });
  const a = b.account;
  a.root.mfa = b.mfaDevice('hardware', 'root', 1300);
  a.root.passwordLastUsed = b.ago(150);
  a.passwordPolicy = { ...STRONG_PASSWORD_POLICY };
  const vendorExternalId = `acme-${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 16)}`;

  b.policy({
    name: 'WardenCollectorAccess',
    description: 'Read-only access Warden needs to collect IAM posture data',
    createdDaysAgo: 200,
    previous: [policy(allow(['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:List*', 'iam:Get*']))],
    document: policy(
      allow([
        'iam:GenerateCredentialReport',
        'iam:GetCredentialReport',
        'iam:GetAccountAuthorizationDetails',
        'iam:GetAccountSummary',
        'iam:GetAccountPasswordPolicy',
        'iam:GetAccessKeyLastUsed',
        'iam:List*',
        'access-analyzer:List*',
        'access-analyzer:Get*',
        'access-analyzer:UpdateFindings',
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:LookupEvents',
        'organizations:ListPolicies',
        'organizations:ListTargetsForPolicy',
        'organizations:DescribeOrganization',
      ]),
      allow('sts:AssumeRole', `arn:aws:iam::*:role/${AUDIT_ROLE}`),
    ),
  });
  b.policy({
    name: 'PlatformPermissionsBoundary',
    description: 'Boundary for every principal the platform team lets create IAM principals',
    createdDaysAgo: 600,
    document: policy(
      allow(['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'ecs:*', 'ecr:*', 'sqs:*', 'sns:*', 'cloudwatch:*']),
      // IAM changes only for principals that carry this same boundary: what makes a boundary bound.
      {
        ...allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreateUser', 'iam:AttachUserPolicy'], [`arn:aws:iam::${ids.management}:role/app/*`, `arn:aws:iam::${ids.management}:user/app/*`]),
        Condition: { StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${ids.management}:policy/PlatformPermissionsBoundary` } },
      },
      allow('iam:PassRole', `arn:aws:iam::${ids.management}:role/app/*`),
      { Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'organizations:*'], Resource: '*' },
    ),
  });
  b.policy({
    name: 'DelegatedIamAdmin',
    description: 'Lets the platform team create application roles and users inside the boundary',
    createdDaysAgo: 580,
    document: policy(
      allow(
        ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreatePolicy', 'iam:PassRole'],
        [`arn:aws:iam::${ids.management}:role/app/*`, `arn:aws:iam::${ids.management}:user/app/*`, `arn:aws:iam::${ids.management}:policy/app/*`],
      ),
    ),
  });
  b.policy({
    name: 'InvoiceProcessorAccess',
    createdDaysAgo: 300,
    document: policy(
      allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-invoices/*'),
      allow(['dynamodb:PutItem', 'dynamodb:GetItem'], `arn:aws:dynamodb:us-east-1:${ids.management}:table/invoices`),
    ),
  });

  b.group({ name: 'SecurityTeam', createdDaysAgo: 1200, managed: ['SecurityAudit', 'ReadOnlyAccess'] });
  b.group({
    name: 'PlatformEngineers',
    createdDaysAgo: 1100,
    managed: ['ReadOnlyAccess'],
    inline: [{ name: 'AssumePlatformIamAdmin', document: policy(allow('sts:AssumeRole', `arn:aws:iam::${ids.management}:role/PlatformIamAdmin`)) }],
  });

  b.user({ name: 'alice.martin', kind: 'human', createdDaysAgo: 700, password: { changedDaysAgo: 40, usedDaysAgo: 1 }, mfa: 'virtual', keys: [{ ageDays: 91, usedDaysAgo: 1, service: 's3' }], groups: ['SecurityTeam'], tags: { team: 'security' } });
  b.user({ name: 'ben.okafor', kind: 'human', createdDaysAgo: 500, password: { changedDaysAgo: 20, usedDaysAgo: 3 }, mfa: 'virtual', groups: ['PlatformEngineers'], tags: { team: 'platform' } });
  b.user({ name: 'chloe.dubois', kind: 'human', createdDaysAgo: 60, password: { changedDaysAgo: 60, usedDaysAgo: 2 }, mfa: 'hardware', keys: [{ ageDays: 20, usedDaysAgo: 2, service: 'cloudformation', region: 'eu-west-1' }], groups: ['PlatformEngineers'], managed: ['IAMReadOnlyAccess'], tags: { team: 'platform' } });
  b.user({ name: 'diego.alvarez', kind: 'human', createdDaysAgo: 30, password: { changedDaysAgo: 30, usedDaysAgo: 5 }, mfa: 'virtual', groups: ['SecurityTeam'], managed: ['SecurityAudit'], tags: { team: 'security' } });

  b.role({
    name: COLLECTOR_ROLE,
    createdDaysAgo: 200,
    description: 'Instance role of the Warden host',
    trust: trustService('ec2.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ids.management } }),
    managed: ['SecurityAudit'],
    customer: ['WardenCollectorAccess'],
    lastUsed: { daysAgo: 0 },
  });
  b.role({
    name: AUDIT_ROLE,
    createdDaysAgo: 199,
    description: 'The same read-only view as in the member accounts, for uniform collection',
    trust: trustAws(`arn:aws:iam::${ids.management}:role/${COLLECTOR_ROLE}`),
    managed: ['SecurityAudit'],
    lastUsed: { daysAgo: 0 },
  });
  a.auditRole = { roleArn: `arn:aws:iam::${ids.management}:role/${AUDIT_ROLE}`, externalId: null };
  b.role({
    name: 'PlatformIamAdmin',
    createdDaysAgo: 580,
    description: 'Delegated IAM administration for the platform team, bounded',
    trust: trustAws(`arn:aws:iam::${ids.management}:root`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    customer: ['DelegatedIamAdmin'],
    boundary: 'PlatformPermissionsBoundary',
    lastUsed: { daysAgo: 4 },
  });
  b.role({
    name: 'SecurityAuditVendor',
    createdDaysAgo: 400,
    description: 'Read-only access for the external security auditor',
    trust: trustAws(`arn:aws:iam::${outsiders.securityVendor}:root`, { StringEquals: { 'sts:ExternalId': vendorExternalId } }),
    managed: ['SecurityAudit'],
    lastUsed: { daysAgo: 1 },
  });
  b.role({
    name: 'invoice-processor-role',
    path: '/service-role/',
    createdDaysAgo: 300,
    trust: trustService('lambda.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': ids.management },
      ArnLike: { 'aws:SourceArn': `arn:aws:lambda:us-east-1:${ids.management}:function:invoice-*` },
    }),
    managed: ['AWSLambdaBasicExecutionRole'],
    customer: ['InvoiceProcessorAccess'],
    lastUsed: { daysAgo: 0 },
  });
  b.role({
    name: 'legacy-reporting-role',
    createdDaysAgo: 900,
    trust: trustAws(`arn:aws:iam::${ids.management}:root`),
    managed: ['ReadOnlyAccess'],
    lastUsed: { daysAgo: 210 },
  });
  b.role({
    name: 'AWSServiceRoleForOrganizations',
    path: '/aws-service-role/organizations.amazonaws.com/',
    createdDaysAgo: 1390,
    trust: trustService('organizations.amazonaws.com'),
    managed: ['AWSOrganizationsServiceTrustPolicy'],
    lastUsed: { daysAgo: 10 },
  });
  b.role({
    name: 'AWSServiceRoleForAccessAnalyzer',
    path: '/aws-service-role/access-analyzer.amazonaws.com/',
    createdDaysAgo: 700,
    trust: trustService('access-analyzer.amazonaws.com'),
    managed: ['AccessAnalyzerServiceRolePolicy'],
    lastUsed: { daysAgo: 0 },
  });

  b.trail({
    name: 'acme-org-trail',
    homeRegion: 'us-east-1',
    s3BucketName: `acme-cloudtrail-${ids.management}`,
    s3KeyPrefix: 'management',
    isMultiRegion: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    isOrganizationTrail: false,
    kmsKeyId: `arn:aws:kms:us-east-1:${ids.management}:key/${rng.uuid()}`,
    cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ids.management}:log-group:CloudTrail/DefaultLogGroup:*`,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ids.management}:role/CloudTrail_CloudWatchLogs_Role`,
    hasCustomEventSelectors: false,
    hasInsightSelectors: false,
    isLogging: true,
    loggingSinceDays: 1300,
  });

  const external = b.analyzer({
    name: 'acme-org-external-access',
    type: 'ORGANIZATION',
    region: 'us-east-1',
    createdDaysAgo: 700,
    archiveRules: [{ ruleName: 'trusted-security-vendor', filter: { 'principal.AWS': { eq: [outsiders.securityVendor] } } }],
  });
  const unused = b.analyzer({ name: 'acme-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', region: 'us-east-1', createdDaysAgo: 400, unusedAccessAge: 90 });
  const internal = b.analyzer({ name: 'acme-internal-access', type: 'ORGANIZATION_INTERNAL_ACCESS', region: 'us-east-1', createdDaysAgo: 120 });
  const externalEu = b.analyzer({ name: 'acme-org-external-access-eu', type: 'ORGANIZATION', region: 'eu-west-1', createdDaysAgo: 650 });
  const m = ids.management;
  const vendorRoot = `arn:aws:iam::${outsiders.securityVendor}:root`;

  b.finding(external, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-shared-reports', status: 'ACTIVE', createdDaysAgo: 30, details: { type: 'ExternalAccess', principal: { AWS: vendorRoot }, action: ['s3:GetObject', 's3:ListBucket'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${m}:role/SecurityAuditVendor`, status: 'ARCHIVED', createdDaysAgo: 390, updatedDaysAgo: 390, details: { type: 'ExternalAccess', principal: { AWS: outsiders.securityVendor }, action: ['sts:AssumeRole'], condition: { 'sts:externalid': vendorExternalId }, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::KMS::Key', resource: `arn:aws:kms:us-east-1:${m}:key/${rng.uuid()}`, status: 'RESOLVED', createdDaysAgo: 100, updatedDaysAgo: 60, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['kms:Decrypt', 'kms:DescribeKey'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-prod-static-assets', owner: ids.production, status: 'ACTIVE', createdDaysAgo: 75, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['s3:GetObject'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${ids.staging}:role/legacy-open-role`, owner: ids.staging, status: 'ACTIVE', createdDaysAgo: 250, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['sts:AssumeRole'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::SQS::Queue', resource: `arn:aws:sqs:us-east-1:${m}:vendor-events`, status: 'ACTIVE', createdDaysAgo: 12, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${outsiders.observabilityVendor}:root` }, action: ['sqs:SendMessage'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::SecretsManager::Secret', resource: `arn:aws:secretsmanager:us-east-1:${m}:secret:partner-api-key-${rng.chars('abcdefABCDEF0123456789', 6)}`, status: 'ARCHIVED', createdDaysAgo: 160, updatedDaysAgo: 150, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${outsiders.acquirer}:role/integration` }, action: ['secretsmanager:GetSecretValue'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });

  const collector = a.roles.find((role) => role.roleName === 'PlatformIamAdmin');
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${m}:role/legacy-reporting-role`, status: 'ACTIVE', createdDaysAgo: 120, details: { type: 'UnusedIAMRole', lastAccessed: b.ago(210) } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: collector?.arn ?? '', status: 'ACTIVE', createdDaysAgo: 45, details: { type: 'UnusedPermission', services: [
    { serviceNamespace: 'iam', lastAccessed: b.ago(4), actions: [{ action: 'CreateUser', lastAccessed: null }, { action: 'AttachUserPolicy', lastAccessed: null }] },
    { serviceNamespace: 'organizations', lastAccessed: null, actions: [{ action: 'ListAccounts', lastAccessed: null }] },
  ] } });
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${m}:user/ben.okafor`, status: 'RESOLVED', createdDaysAgo: 140, updatedDaysAgo: 3, details: { type: 'UnusedIAMUserPassword', lastAccessed: b.ago(130) } });
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${m}:user/alice.martin`, status: 'RESOLVED', createdDaysAgo: 200, updatedDaysAgo: 91, details: { type: 'UnusedIAMUserAccessKey', accessKeyId: makeAccessKeyId(rng, 'AKIA'), lastAccessed: b.ago(300) } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${m}:role/service-role/invoice-processor-role`, status: 'ARCHIVED', createdDaysAgo: 80, updatedDaysAgo: 70, details: { type: 'UnusedPermission', services: [
    { serviceNamespace: 'dynamodb', lastAccessed: b.ago(1), actions: [{ action: 'GetItem', lastAccessed: null }] },
  ] } });
  b.finding(internal, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-invoices', status: 'ACTIVE', createdDaysAgo: 20, details: { type: 'InternalAccess', principal: { AWS: `arn:aws:iam::${ids.production}:role/app/orders-service-role` }, principalOwnerAccount: ids.production, principalType: 'IAM_ROLE', accessType: 'INTRA_ORG', action: ['s3:GetObject', 's3:PutObject'], condition: {}, sources: [{ type: 'POLICY' }], serviceControlPolicyRestriction: 'NOT_APPLICABLE' } });
  b.finding(internal, { resourceType: 'AWS::KMS::Key', resource: `arn:aws:kms:us-east-1:${m}:key/${rng.uuid()}`, status: 'ARCHIVED', createdDaysAgo: 60, updatedDaysAgo: 55, details: { type: 'InternalAccess', principal: { AWS: `arn:aws:iam::${m}:role/legacy-reporting-role` }, principalOwnerAccount: m, principalType: 'IAM_ROLE', accessType: 'INTRA_ACCOUNT', action: ['kms:Decrypt'], condition: {}, sources: [{ type: 'POLICY' }], serviceControlPolicyRestriction: 'APPLICABLE' } });
  b.finding(externalEu, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-eu-backups', status: 'ACTIVE', createdDaysAgo: 8, details: { type: 'ExternalAccess', principal: { AWS: vendorRoot }, action: ['s3:GetObject'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(externalEu, { resourceType: 'AWS::Lambda::Function', resource: `arn:aws:lambda:eu-west-1:${m}:function:webhook-receiver`, status: 'RESOLVED', createdDaysAgo: 50, updatedDaysAgo: 40, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['lambda:InvokeFunction'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });

  const scpArn = (id: string) => `arn:aws:organizations::${m}:policy/${orgId}/service_control_policy/${id}`;
  const scps: ServiceControlPolicy[] = [
    { id: 'p-FullAWSAccess', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', name: 'FullAWSAccess', description: 'Allows access to every operation', awsManaged: true, document: policy(allow('*')), targetIds: [] },
  ];
  const custom: [string, string, ReturnType<typeof policy>][] = [
    ['DenyLeaveOrganization', 'Member accounts cannot leave the organization', policy({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' })],
    ['DenyRootUser', 'Blocks the root user of member accounts', policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })],
    ['RegionAllowList', 'Only us-east-1 and eu-west-1', policy({ Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [...DEMO_REGIONS] } } })],
  ];
  for (const [name, description, document] of custom) {
    const id = makeLowerId(rng, 'p-', 8);
    scps.push({ id, arn: scpArn(id), name, description, awsManaged: false, document, targetIds: [] });
  }
  a.serviceControlPolicies = scps;
  return b;
}

function buildProduction(ctx: BuildContext, rng: Rng, ids: OrgIds, outsiders: Outsiders, collectorRoleArn: string): AccountBuilder {
  const b = new AccountBuilder(ctx, rng, {
    id: ids.production,
    name: 'acme-production',
    email: 'aws-production@acme-corp.example',
    role: 'member',
    description: 'Production: programmatic users, a user without MFA, an analyzer in one region only; delegated administrator for Organizations policies.',
    createdDaysAgo: 1200,
  });
  const a = b.account;
  a.delegatedOrganizationsAdministrator = true;
  const p = ids.production;
  a.root.mfa = b.mfaDevice('virtual', 'root-account-mfa-device', 1190);
  a.passwordPolicy = { ...STRONG_PASSWORD_POLICY };
  const auditExternalId = externalId(rng, 'prod');
  const datadogExternalId = rng.chars('0123456789abcdef', 32);
  a.auditRole = { roleArn: `arn:aws:iam::${p}:role/${AUDIT_ROLE}`, externalId: auditExternalId };

  b.policy({ name: 'AppPermissionsBoundary', description: 'Ceiling for application principals', createdDaysAgo: 500, document: policy(allow(['s3:*', 'dynamodb:*', 'sqs:*', 'logs:*', 'ecr:*', 'ecs:*']), { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' }) });
  b.policy({ name: 'DeployApplication', createdDaysAgo: 450, document: policy(allow(['ecs:UpdateService', 'ecs:DescribeServices', 'ecs:RegisterTaskDefinition', 'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']), allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::acme-prod-artifacts/*'), allow('iam:PassRole', `arn:aws:iam::${p}:role/app/*`)) });
  b.policy({ name: 'CiIamProvisioning', description: 'CI may create application roles, inside the boundary', createdDaysAgo: 440, document: policy({ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicy', 'iam:TagRole'], Resource: [`arn:aws:iam::${p}:role/app/*`, `arn:aws:iam::${p}:policy/app/*`], Condition: { StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${p}:policy/AppPermissionsBoundary` } } }) });
  b.policy({ name: 'DataPipelineAccess', createdDaysAgo: 75, document: policy(allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], ['arn:aws:s3:::acme-prod-datalake', 'arn:aws:s3:::acme-prod-datalake/*']), allow(['glue:StartJobRun', 'glue:GetJobRun'], `arn:aws:glue:eu-west-1:${p}:job/*`)) });
  b.policy({ name: 'OrdersServiceAccess', createdDaysAgo: 420, document: policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], `arn:aws:dynamodb:us-east-1:${p}:table/orders`), allow(['sqs:SendMessage'], `arn:aws:sqs:us-east-1:${p}:order-events`)) });

  b.user({ name: 'emma.rossi', kind: 'human', createdDaysAgo: 800, password: { changedDaysAgo: 50, usedDaysAgo: 1 }, mfa: 'virtual', managed: ['ReadOnlyAccess'] });
  b.user({ name: 'daniel.kim', kind: 'human', createdDaysAgo: 600, password: { changedDaysAgo: 300, usedDaysAgo: 200 }, managed: ['ReadOnlyAccess'] });
  b.user({ name: 'former.contractor', kind: 'human', createdDaysAgo: 120, password: { changedDaysAgo: 120, usedDaysAgo: null }, managed: ['ReadOnlyAccess'], tags: { company: 'contractor-llc' } });
  b.user({ name: 'ci-deployer', kind: 'program', createdDaysAgo: 400, keys: [{ ageDays: 60, usedDaysAgo: 1, service: 'ecr' }, { ageDays: 10, usedDaysAgo: null, status: 'Inactive' }], customer: ['DeployApplication'], tags: { owner: 'platform' } });
  b.user({ name: 'data-pipeline', kind: 'program', createdDaysAgo: 75, keys: [{ ageDays: 75, usedDaysAgo: 0, service: 's3', region: 'eu-west-1' }], customer: ['DataPipelineAccess'] });
  b.user({ name: 'svc-backup', kind: 'program', createdDaysAgo: 900, keys: [{ ageDays: 400, status: 'Inactive', usedDaysAgo: null }], managed: ['AmazonS3ReadOnlyAccess'] });

  b.role({ name: AUDIT_ROLE, createdDaysAgo: 190, description: 'Assumed by Warden from the management account', trust: trustAws(collectorRoleArn, { StringEquals: { 'sts:ExternalId': auditExternalId } }), managed: ['SecurityAudit'], lastUsed: { daysAgo: 0 } });
  b.role({ name: 'OrganizationAccountAccessRole', createdDaysAgo: 1200, trust: trustAws(`arn:aws:iam::${ids.management}:root`), managed: ['AdministratorAccess'], lastUsed: { daysAgo: 45 } });
  b.role({ name: 'ci-deploy-role', createdDaysAgo: 440, description: 'Assumed by the ci-deployer user to provision application roles', trust: trustAws(`arn:aws:iam::${p}:user/ci-deployer`), customer: ['CiIamProvisioning', 'DeployApplication'], boundary: 'AppPermissionsBoundary', lastUsed: { daysAgo: 1 } });
  b.role({ name: 'datadog-integration', createdDaysAgo: 350, trust: trustAws(`arn:aws:iam::${outsiders.observabilityVendor}:root`, { StringEquals: { 'sts:ExternalId': datadogExternalId } }), managed: ['ReadOnlyAccess'], lastUsed: { daysAgo: 0 } });
  b.role({ name: 'orders-service-role', path: '/app/', createdDaysAgo: 420, trust: trustService('ecs-tasks.amazonaws.com', { ArnLike: { 'aws:SourceArn': `arn:aws:ecs:us-east-1:${p}:*` }, StringEquals: { 'aws:SourceAccount': p } }), customer: ['OrdersServiceAccess'], boundary: 'AppPermissionsBoundary', lastUsed: { daysAgo: 0 } });
  b.role({ name: 'analytics-batch-role', path: '/app/', createdDaysAgo: 365, trust: trustService('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': p } }), managed: ['AWSLambdaBasicExecutionRole'], boundary: 'AppPermissionsBoundary', lastUsed: { daysAgo: 150 } });

  b.trail({ name: 'prod-management-events', homeRegion: 'us-east-1', s3BucketName: `acme-prod-cloudtrail-${p}`, s3KeyPrefix: null, isMultiRegion: true, includeGlobalServiceEvents: true, logFileValidationEnabled: true, isOrganizationTrail: false, kmsKeyId: null, cloudWatchLogsLogGroupArn: null, cloudWatchLogsRoleArn: null, hasCustomEventSelectors: true, hasInsightSelectors: false, isLogging: true, loggingSinceDays: 1100 });

  const external = b.analyzer({ name: 'prod-external-access', type: 'ACCOUNT', region: 'us-east-1', createdDaysAgo: 500, archiveRules: [{ ruleName: 'datadog-integration', filter: { 'principal.AWS': { eq: [outsiders.observabilityVendor] }, resourceType: { eq: ['AWS::IAM::Role'] } } }] });
  const unused = b.analyzer({ name: 'prod-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', region: 'us-east-1', createdDaysAgo: 300, unusedAccessAge: 90 });
  b.finding(external, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${p}:role/datadog-integration`, status: 'ARCHIVED', createdDaysAgo: 340, updatedDaysAgo: 340, details: { type: 'ExternalAccess', principal: { AWS: outsiders.observabilityVendor }, action: ['sts:AssumeRole'], condition: { 'sts:externalid': datadogExternalId }, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-prod-static-assets', status: 'ACTIVE', createdDaysAgo: 75, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['s3:GetObject'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(external, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-prod-logs', status: 'RESOLVED', createdDaysAgo: 200, updatedDaysAgo: 150, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${outsiders.securityVendor}:root` }, action: ['s3:GetObject', 's3:ListBucket'], condition: {}, isPublic: false, sources: [{ type: 'BUCKET_ACL' }] } });
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${p}:user/daniel.kim`, status: 'ACTIVE', createdDaysAgo: 110, details: { type: 'UnusedIAMUserPassword', lastAccessed: a.users.find((u) => u.userName === 'daniel.kim')?.passwordLastUsed ?? null } });
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${p}:user/former.contractor`, status: 'ACTIVE', createdDaysAgo: 28, details: { type: 'UnusedIAMUserPassword', lastAccessed: null } });
  const backupKey = a.users.find((u) => u.userName === 'svc-backup')?.accessKeys[0];
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${p}:user/svc-backup`, status: 'ACTIVE', createdDaysAgo: 290, details: { type: 'UnusedIAMUserAccessKey', accessKeyId: backupKey?.accessKeyId ?? '', lastAccessed: null } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${p}:role/app/analytics-batch-role`, status: 'ACTIVE', createdDaysAgo: 60, details: { type: 'UnusedIAMRole', lastAccessed: a.roles.find((r) => r.roleName === 'analytics-batch-role')?.lastUsed?.date ?? null } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${p}:role/ci-deploy-role`, status: 'ACTIVE', createdDaysAgo: 35, details: { type: 'UnusedPermission', services: [
    { serviceNamespace: 'iam', lastAccessed: b.ago(1), actions: [{ action: 'CreatePolicy', lastAccessed: null }, { action: 'PutRolePolicy', lastAccessed: b.ago(200) }] },
    { serviceNamespace: 'ecr', lastAccessed: b.ago(1), actions: [{ action: 'PutImage', lastAccessed: b.ago(120) }] },
    { serviceNamespace: 'ecs', lastAccessed: b.ago(1), actions: [{ action: 'RegisterTaskDefinition', lastAccessed: null }] },
    { serviceNamespace: 's3', lastAccessed: null, actions: [{ action: 'PutObject', lastAccessed: null }, { action: 'GetObject', lastAccessed: null }] },
  ] } });
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${p}:user/data-pipeline`, status: 'ARCHIVED', createdDaysAgo: 20, updatedDaysAgo: 18, details: { type: 'UnusedPermission', services: [{ serviceNamespace: 'glue', lastAccessed: null, actions: [{ action: 'GetJobRun', lastAccessed: null }] }] } });

  return b;
}

function buildStaging(ctx: BuildContext, rng: Rng, ids: OrgIds, outsiders: Outsiders, collectorRoleArn: string): AccountBuilder {
  const b = new AccountBuilder(ctx, rng, {
    id: ids.staging,
    name: 'acme-staging',
    email: 'aws-staging@acme-corp.example',
    role: 'member',
    description: 'Staging: root in use without MFA, weak password policy, "*" trust and "*"/"*" policies.',
    createdDaysAgo: 900,
  });
  const a = b.account;
  const s = ids.staging;
  a.root.passwordLastUsed = b.ago(3);
  a.passwordPolicy = { ...WEAK_PASSWORD_POLICY };
  a.auditRole = { roleArn: `arn:aws:iam::${s}:role/${AUDIT_ROLE}`, externalId: null };
  a.unassignedVirtualMfaDevices = [{ serialNumber: `arn:aws:iam::${s}:mfa/frank.li-phone` }];

  b.policy({ name: 'TerraformFullAccess', description: 'Temporary: unblock terraform', createdDaysAgo: 500, document: policy(allow('*', '*')) });
  b.policy({ name: 'StagingDeveloper', createdDaysAgo: 700, document: policy(allow(['ec2:Describe*', 'ecs:*', 'logs:Get*', 'logs:FilterLogEvents'], '*'), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-staging-*/*')) });
  b.policy({ name: 'JenkinsDeploy', createdDaysAgo: 700, previous: [policy(allow('s3:*', '*'))], document: policy(allow('s3:*', ['arn:aws:s3:::acme-staging-artifacts', 'arn:aws:s3:::acme-staging-artifacts/*']), allow(['ecs:UpdateService'], `arn:aws:ecs:us-east-1:${s}:service/staging/*`)) });

  b.user({ name: 'frank.li', kind: 'human', createdDaysAgo: 400, password: { changedDaysAgo: 200, usedDaysAgo: 5 }, customer: ['StagingDeveloper'] });
  b.user({ name: 'grace.nakamura', kind: 'human', createdDaysAgo: 650, password: { changedDaysAgo: 80, usedDaysAgo: 2 }, mfa: 'virtual', keys: [{ ageDays: 400, usedDaysAgo: 2, service: 'ec2', region: 'eu-west-1' }], customer: ['StagingDeveloper'] });
  b.user({ name: 'jenkins', kind: 'program', createdDaysAgo: 700, keys: [{ ageDays: 400, usedDaysAgo: 120, service: 's3' }], customer: ['JenkinsDeploy'] });
  b.user({ name: 'hiro.tanaka', kind: 'human', createdDaysAgo: 20, password: { changedDaysAgo: 20, usedDaysAgo: null }, managed: ['ReadOnlyAccess'] });

  b.role({ name: AUDIT_ROLE, createdDaysAgo: 180, description: 'Assumed by Warden from the management account', trust: trustAws(collectorRoleArn), managed: ['SecurityAudit'], lastUsed: { daysAgo: 0 } });
  b.role({ name: 'OrganizationAccountAccessRole', createdDaysAgo: 900, trust: trustAws(`arn:aws:iam::${ids.management}:root`), managed: ['AdministratorAccess'], lastUsed: { daysAgo: 15 } });
  b.role({
    name: 'terraform',
    createdDaysAgo: 500,
    description: 'Terraform runs from the platform account',
    trust: trustAws(`arn:aws:iam::${ids.management}:role/PlatformIamAdmin`),
    customer: ['TerraformFullAccess'],
    inline: [{ name: 'iam-management', document: policy(allow('iam:*', '*')) }],
    lastUsed: { daysAgo: 1 },
  });
  b.role({ name: 'vendor-support-access', createdDaysAgo: 250, description: 'Support partner troubleshooting access', trust: trustAws(`arn:aws:iam::${outsiders.supportPartner}:root`), managed: ['ReadOnlyAccess'], lastUsed: { daysAgo: 6 } });
  b.role({ name: 'legacy-open-role', createdDaysAgo: 820, description: 'Do not use', trust: trustAws('*'), managed: ['AmazonS3ReadOnlyAccess'], lastUsed: { daysAgo: 33 } });
  // GitHub Actions deploys with only the audience pinned: every repository on GitHub can assume it.
  b.role({
    name: 'github-actions-deploy',
    createdDaysAgo: 60,
    description: 'Deploys from GitHub Actions',
    trust: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${s}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
    customer: ['StagingDeveloper'],
    lastUsed: { daysAgo: 2 },
  });
  // No policy says "*" on "*", but PowerUserAccess and IAMFullAccess add up to an administrator.
  b.role({ name: 'ops-automation', createdDaysAgo: 210, description: 'Runbook automation', trust: trustAws(`arn:aws:iam::${ids.management}:root`), managed: ['PowerUserAccess', 'IAMFullAccess'], lastUsed: { daysAgo: 3 } });
  b.role({ name: 'ecs-task-role-staging', path: '/service-role/', createdDaysAgo: 40, trust: trustService('ecs-tasks.amazonaws.com'), managed: ['AmazonECSTaskExecutionRolePolicy'], lastUsed: { daysAgo: 0 } });

  b.trail({ name: 'staging-trail', homeRegion: 'us-east-1', s3BucketName: `acme-staging-trail-${s}`, s3KeyPrefix: null, isMultiRegion: false, includeGlobalServiceEvents: true, logFileValidationEnabled: false, isOrganizationTrail: false, kmsKeyId: null, cloudWatchLogsLogGroupArn: null, cloudWatchLogsRoleArn: null, hasCustomEventSelectors: false, hasInsightSelectors: false, isLogging: false, loggingSinceDays: 800, stoppedDaysAgo: 40 });

  const consoleUs = b.analyzer({ name: `ConsoleAnalyzer-${rng.uuid()}`, type: 'ACCOUNT', region: 'us-east-1', createdDaysAgo: 300 });
  const consoleEu = b.analyzer({ name: `ConsoleAnalyzer-${rng.uuid()}`, type: 'ACCOUNT', region: 'eu-west-1', createdDaysAgo: 300 });
  const unused = b.analyzer({ name: 'staging-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', region: 'us-east-1', createdDaysAgo: 150, unusedAccessAge: 90 });
  b.finding(consoleUs, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${s}:role/legacy-open-role`, status: 'ACTIVE', createdDaysAgo: 290, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['sts:AssumeRole'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(consoleUs, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${s}:role/vendor-support-access`, status: 'ACTIVE', createdDaysAgo: 249, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${outsiders.supportPartner}:root` }, action: ['sts:AssumeRole'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(consoleUs, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-staging-artifacts', status: 'RESOLVED', createdDaysAgo: 180, updatedDaysAgo: 100, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${outsiders.acquirer}:root` }, action: ['s3:GetObject'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  b.finding(consoleEu, { resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-staging-eu-uploads', status: 'ACTIVE', createdDaysAgo: 16, details: { type: 'ExternalAccess', principal: { AWS: '*' }, action: ['s3:PutObject'], condition: {}, isPublic: true, sources: [{ type: 'POLICY' }] } });
  b.finding(consoleEu, { resourceType: 'AWS::SQS::Queue', resource: `arn:aws:sqs:eu-west-1:${s}:staging-jobs`, status: 'ARCHIVED', createdDaysAgo: 120, updatedDaysAgo: 119, details: { type: 'ExternalAccess', principal: { AWS: `arn:aws:iam::${ids.production}:root` }, action: ['sqs:SendMessage'], condition: {}, isPublic: false, sources: [{ type: 'POLICY' }] } });
  const jenkinsKey = a.users.find((u) => u.userName === 'jenkins')?.accessKeys[0];
  b.finding(unused, { resourceType: 'AWS::IAM::User', resource: `arn:aws:iam::${s}:user/jenkins`, status: 'ACTIVE', createdDaysAgo: 25, details: { type: 'UnusedIAMUserAccessKey', accessKeyId: jenkinsKey?.accessKeyId ?? '', lastAccessed: jenkinsKey?.lastUsed?.date ?? null } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${s}:role/terraform`, status: 'ACTIVE', createdDaysAgo: 140, details: { type: 'UnusedPermission', services: ['ec2', 'rds', 'kms', 'secretsmanager', 'route53', 'cloudfront', 'eks', 'elasticache'].map((service, index) => ({ serviceNamespace: service, lastAccessed: index % 3 === 0 ? b.ago(150 + index) : null, actions: [{ action: '*', lastAccessed: null }] })) } });
  b.finding(unused, { resourceType: 'AWS::IAM::Role', resource: `arn:aws:iam::${s}:role/OrganizationAccountAccessRole`, status: 'ARCHIVED', createdDaysAgo: 130, updatedDaysAgo: 100, details: { type: 'UnusedIAMRole', lastAccessed: b.ago(130) } });
  return b;
}

function buildLegacy(ctx: BuildContext, rng: Rng, ids: OrgIds, outsiders: Outsiders, collectorRoleArn: string): AccountBuilder {
  const b = new AccountBuilder(ctx, rng, {
    id: ids.legacy,
    name: 'acme-legacy',
    email: 'aws-legacy@acme-corp.example',
    role: 'standalone',
    description: 'Acquired account outside the organization: root keys, a trail of S3 data events only, no analyzer, no password policy.',
    createdDaysAgo: 3000,
  });
  const a = b.account;
  const l = ids.legacy;
  // Multi-region, logging and validating, yet it records no management event: it proves nothing about IAM.
  b.trail({
    name: 'legacy-s3-data-events',
    homeRegion: 'us-east-1',
    s3BucketName: `acme-legacy-trail-${l}`,
    s3KeyPrefix: null,
    isMultiRegion: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    isOrganizationTrail: false,
    kmsKeyId: null,
    cloudWatchLogsLogGroupArn: null,
    cloudWatchLogsRoleArn: null,
    hasCustomEventSelectors: true,
    hasInsightSelectors: false,
    isLogging: true,
    loggingSinceDays: 1500,
    eventSelectors: {
      kind: 'advanced',
      selectors: [{ Name: 'S3 object reads and writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }],
    },
  });
  a.root.accessKeys = [b.key({ ageDays: 400, usedDaysAgo: 3, service: 'ec2', region: 'eu-west-1' })];
  a.root.passwordLastUsed = b.ago(12);
  a.passwordPolicy = null;
  const auditExternalId = externalId(rng, 'legacy');
  a.auditRole = { roleArn: `arn:aws:iam::${l}:role/${AUDIT_ROLE}`, externalId: auditExternalId };

  b.policy({ name: 'LegacyAdmin', createdDaysAgo: 2500, document: policy(allow('*', '*'), allow('iam:*', '*')) });
  b.user({ name: 'legacy-admin', kind: 'human', createdDaysAgo: 2500, password: { changedDaysAgo: 700, usedDaysAgo: 12 }, keys: [{ ageDays: 200, usedDaysAgo: 10, service: 'ec2', region: 'eu-west-1' }], customer: ['LegacyAdmin'] });
  b.user({ name: 'backup-script', kind: 'program', createdDaysAgo: 1500, keys: [{ ageDays: 1400, usedDaysAgo: 100, service: 's3' }, { ageDays: 700, usedDaysAgo: 650, status: 'Inactive', service: 's3' }], managed: ['AmazonS3ReadOnlyAccess'] });
  b.user({ name: 'ops-intern', kind: 'human', createdDaysAgo: 80, password: { changedDaysAgo: 80, usedDaysAgo: null }, managed: ['ReadOnlyAccess'] });

  b.role({ name: AUDIT_ROLE, createdDaysAgo: 100, description: 'Assumed by Warden from acme-management', trust: trustAws(collectorRoleArn, { StringEquals: { 'sts:ExternalId': auditExternalId } }), managed: ['SecurityAudit'], lastUsed: { daysAgo: 0 } });
  b.role({ name: 'partner-readonly', createdDaysAgo: 1200, trust: trustAws(`arn:aws:iam::${outsiders.acquirer}:root`), managed: ['ReadOnlyAccess'], lastUsed: { daysAgo: 20 } });
  b.role({ name: 'legacy-ec2-role', createdDaysAgo: 2000, trust: trustService('ec2.amazonaws.com'), managed: ['AmazonS3ReadOnlyAccess'], lastUsed: { daysAgo: 0, region: 'eu-west-1' } });
  return b;
}

/** Lets a role whose trust pins one ExternalId accept another too (the organization's common one). */
function acceptExternalId(account: AccountState, roleName: string, externalId: string): void {
  for (const statement of account.roles.find((role) => role.roleName === roleName)?.trustPolicy.Statement ?? []) {
    const equals = statement.Condition?.StringEquals;
    const current = equals?.['sts:ExternalId'];
    if (equals && current !== undefined) equals['sts:ExternalId'] = [...new Set([...(Array.isArray(current) ? current : [current]), externalId])];
  }
}

/**
 * The demo accounts' places in the organization: the management account under the root,
 * Root/Workloads/Production and Root/Workloads/Staging, acme-scale in Root/Workloads, an empty
 * Root/Security; acme-legacy stays outside. The SCPs' attachments: FullAWSAccess on the root (as
 * AWS does); DenyLeaveOrganization on Security and Workloads/Production, DenyRootUser on
 * Workloads/Production, RegionAllowList on acme-production itself. So acme-production is guarded
 * three times over, while acme-staging (Workloads/Staging) and acme-scale (Workloads) have no
 * customer SCP at all although the organization defines three.
 */
function placeDemoAccounts(org: OrganizationInfo, rng: Rng, accounts: { management: AccountState; production: AccountState; staging: AccountState; scale: AccountState | null }): void {
  const security = addOrganizationalUnit(org, rng, 'Security', org.rootId);
  const workloads = addOrganizationalUnit(org, rng, 'Workloads', org.rootId);
  const production = addOrganizationalUnit(org, rng, 'Production', workloads.id);
  const staging = addOrganizationalUnit(org, rng, 'Staging', workloads.id);
  // The management account created the organization shortly after it was opened (AWSServiceRoleForOrganizations).
  accounts.management.membership = { parentId: org.rootId, status: 'ACTIVE', joinedMethod: 'INVITED', joinedTimestamp: new Date(accounts.management.createdAt.getTime() + 10 * DAY_MS) };
  accounts.production.membership = { parentId: production.id, status: 'ACTIVE', joinedMethod: 'CREATED', joinedTimestamp: accounts.production.createdAt };
  accounts.staging.membership = { parentId: staging.id, status: 'ACTIVE', joinedMethod: 'CREATED', joinedTimestamp: accounts.staging.createdAt };
  if (accounts.scale) accounts.scale.membership = { parentId: workloads.id, status: 'ACTIVE', joinedMethod: 'CREATED', joinedTimestamp: accounts.scale.createdAt };
  const attach = (policyName: string, ...targetIds: string[]) => {
    const scp = accounts.management.serviceControlPolicies.find((p) => p.name === policyName);
    if (!scp) throw new Error(`no SCP ${policyName}`);
    scp.targetIds.push(...targetIds);
  };
  attach('FullAWSAccess', org.rootId);
  attach('DenyLeaveOrganization', security.id, production.id);
  attach('DenyRootUser', production.id);
  attach('RegionAllowList', accounts.production.id);
}

export function generateDemoState(options: GenerateOptions = {}): SandboxState {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = new Date(Math.floor((options.now ?? currentTime()).getTime() / 1000) * 1000);
  const root = createRng(seed);
  const awsManagedPolicies: ManagedPolicy[] = buildAwsManagedPolicies();
  const ctx: BuildContext = { now, awsManaged: new Map(awsManagedPolicies.map((p) => [p.policyName, p])) };

  const [management, production, staging, legacy, scale, securityVendor, observabilityVendor, supportPartner, acquirer, unknown] = uniqueAccountIds(root.fork('account-ids'), 10);
  if (!management || !production || !staging || !legacy || !scale || !securityVendor || !observabilityVendor || !supportPartner || !acquirer || !unknown) {
    throw new Error('account id generation failed');
  }
  const ids: OrgIds = { management, production, staging, legacy, scale };
  const outsiders: Outsiders = { securityVendor, observabilityVendor, supportPartner, acquirer, unknown };
  const orgRng = root.fork('organization');
  const orgId = makeLowerId(orgRng, 'o-', 10);
  const organization: OrganizationInfo = {
    id: orgId,
    arn: `arn:aws:organizations::${management}:organization/${orgId}`,
    rootId: makeLowerId(orgRng, 'r-', 4),
    managementAccountId: management,
    managementAccountEmail: 'aws-management@acme-corp.example',
    organizationalUnits: [],
    delegatedAdministrators: [],
    memberRole: null,
  };

  const mgmt = buildManagement(ctx, root.fork('acme-management'), ids, outsiders, orgId);
  for (const name of options.extraUserNames ?? []) {
    mgmt.user({ name, kind: 'human', createdDaysAgo: 10, password: { changedDaysAgo: 10, usedDaysAgo: 1 }, mfa: 'virtual', tags: { note: name } });
  }
  const collector = mgmt.account.roles.find((role) => role.roleName === COLLECTOR_ROLE);
  if (!collector) throw new Error('collector role missing');
  const prod = buildProduction(ctx, root.fork('acme-production'), ids, outsiders, collector.arn);
  const stag = buildStaging(ctx, root.fork('acme-staging'), ids, outsiders, collector.arn);
  const leg = buildLegacy(ctx, root.fork('acme-legacy'), ids, outsiders, collector.arn);

  const collectorPrincipal = `${collector.roleId}:warden`;
  const prodAudit = prod.account.auditRole;
  const legacyAudit = leg.account.auditRole;
  addDemoEvents(mgmt, root.fork('events/management'), {
    admin: (log) => {
      const role = mgmt.account.roles.find((r) => r.roleName === 'PlatformIamAdmin');
      if (!role) throw new Error('PlatformIamAdmin missing');
      return log.roleActor(role, 'ben.okafor');
    },
    trustChanges: [{ roleName: 'SecurityAuditVendor', daysAgo: 21 }, { roleName: 'PlatformIamAdmin', daysAgo: 64 }],
    crossAccount: [{ roleName: 'SecurityAuditVendor', fromAccount: outsiders.securityVendor, principalId: `AROA${root.fork('vendor').chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:audit`, sessionName: 'security-audit-scan', externalId: String(mgmt.account.roles.find((r) => r.roleName === 'SecurityAuditVendor')?.trustPolicy.Statement[0]?.Condition?.StringEquals?.['sts:ExternalId'] ?? ''), everyDays: 7 }],
    rootLogins: [],
    rootCalls: [],
    noise: 120,
  });
  addDemoEvents(prod, root.fork('events/production'), {
    admin: (log) => {
      const role = prod.account.roles.find((r) => r.roleName === 'OrganizationAccountAccessRole');
      if (!role) throw new Error('OrganizationAccountAccessRole missing');
      return log.roleActor(role, 'ben.okafor');
    },
    trustChanges: [{ roleName: 'datadog-integration', daysAgo: 33 }],
    crossAccount: [
      { roleName: AUDIT_ROLE, fromAccount: management, principalId: collectorPrincipal, sessionName: 'warden', externalId: prodAudit?.externalId ?? undefined, everyDays: 1 },
      { roleName: 'datadog-integration', fromAccount: outsiders.observabilityVendor, principalId: `AROA${root.fork('dd').chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:DatadogAWSIntegration`, sessionName: 'DatadogAWSIntegration', externalId: String(prod.account.roles.find((r) => r.roleName === 'datadog-integration')?.trustPolicy.Statement[0]?.Condition?.StringEquals?.['sts:ExternalId'] ?? ''), everyDays: 2 },
    ],
    rootLogins: [],
    rootCalls: [],
    noise: 150,
  });
  addDemoEvents(stag, root.fork('events/staging'), {
    admin: (log) => {
      const role = stag.account.roles.find((r) => r.roleName === 'terraform');
      if (!role) throw new Error('terraform role missing');
      return log.roleActor(role, 'terraform-ci', 'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0');
    },
    trustChanges: [{ roleName: 'legacy-open-role', daysAgo: 33 }, { roleName: 'vendor-support-access', daysAgo: 9 }],
    crossAccount: [
      { roleName: AUDIT_ROLE, fromAccount: management, principalId: collectorPrincipal, sessionName: 'warden', everyDays: 1 },
      { roleName: 'vendor-support-access', fromAccount: outsiders.supportPartner, principalId: `AIDA${root.fork('support').chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`, sessionName: 'support-ticket-4821', everyDays: 12 },
      { roleName: 'legacy-open-role', fromAccount: outsiders.unknown, principalId: `AROA${root.fork('unknown').chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:scanner`, sessionName: 'scanner', everyDays: 30 },
    ],
    rootLogins: [{ daysAgo: 0, success: true }, { daysAgo: 18, success: true }, { daysAgo: 19, success: false }, { daysAgo: 47, success: true }, { daysAgo: 80, success: true }],
    rootCalls: [
      { eventName: 'UpdateAccountPasswordPolicy', eventSource: 'iam.amazonaws.com', daysAgo: 47, via: 'console', requestParameters: { minimumPasswordLength: 8, requireLowercaseCharacters: true, allowUsersToChangePassword: true } },
      { eventName: 'CreateUser', eventSource: 'iam.amazonaws.com', daysAgo: 18, via: 'console', requestParameters: { userName: 'qa-temp' } },
      { eventName: 'DeleteUser', eventSource: 'iam.amazonaws.com', daysAgo: 18, via: 'console', requestParameters: { userName: 'qa-temp' } },
      { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', daysAgo: 40, via: 'console', requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${staging}:trail/staging-trail` } },
      { eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com', daysAgo: 3, via: 'console', region: 'eu-west-1', readOnly: true },
    ],
    noise: 140,
  });
  addDemoEvents(leg, root.fork('events/legacy'), {
    admin: (log) => log.rootActor('console'),
    trustChanges: [{ roleName: 'partner-readonly', daysAgo: 70 }],
    crossAccount: [
      { roleName: AUDIT_ROLE, fromAccount: management, principalId: collectorPrincipal, sessionName: 'warden', externalId: legacyAudit?.externalId ?? undefined, everyDays: 1 },
      { roleName: 'partner-readonly', fromAccount: outsiders.acquirer, principalId: `AROA${root.fork('acq').chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:sync`, sessionName: 'inventory-sync', everyDays: 5 },
    ],
    rootLogins: [{ daysAgo: 0, success: true }, { daysAgo: 30, success: false }, { daysAgo: 31, success: true }, { daysAgo: 62, success: true }],
    rootCalls: [
      { eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com', daysAgo: 3, via: 'key', region: 'eu-west-1', readOnly: true },
      { eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com', daysAgo: 9, via: 'key', region: 'eu-west-1' },
      { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', daysAgo: 14, via: 'key', readOnly: true },
      { eventName: 'PutBucketPolicy', eventSource: 's3.amazonaws.com', daysAgo: 26, via: 'console', requestParameters: { bucketName: 'acme-legacy-exports' } },
    ],
    noise: 90,
  });

  const accounts: AccountState[] = [mgmt.account, prod.account, stag.account, leg.account];
  let scaleAccount: AccountState | null = null;
  if (options.scale) {
    const size: SandboxScale = { ...BASE_SCALE, ...options.scale };
    scaleAccount = buildScaleAccount(ctx, root.fork('acme-scale'), { id: scale, managementId: management, collectorRoleArn: collector.arn, collectorPrincipal, scale: size });
    accounts.push(scaleAccount);
  }
  placeDemoAccounts(organization, root.fork('organizational-units'), { management: mgmt.account, production: prod.account, staging: stag.account, scale: scaleAccount });
  if (options.organization) {
    const reserved = new Set([management, production, staging, legacy, scale, securityVendor, observabilityVendor, supportPartner, acquirer, unknown]);
    const collectorInfo = { managementId: management, collectorRoleArn: collector.arn, collectorPrincipal };
    accounts.push(...generateOrganizationMembers(ctx, root.fork('organization-members'), organization, collectorInfo, options.organization, accounts, reserved, DEMO_REGIONS));
    const common = organization.memberRole?.externalId;
    if (common) acceptExternalId(prod.account, AUDIT_ROLE, common);
  }

  const credentialRng = root.fork('base-credentials');
  const baseAccessKeyId = makeAccessKeyId(credentialRng, 'ASIA');
  return {
    seed,
    generatedAt: now,
    regions: [...DEMO_REGIONS],
    organization,
    accounts,
    awsManagedPolicies,
    baseCredentials: {
      accessKeyId: baseAccessKeyId,
      secretAccessKey: makeSecretAccessKey(credentialRng),
      sessionToken: `IQoJb3JpZ2luX2VjE${credentialRng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 120)}`,
    },
    baseSession: {
      accessKeyId: baseAccessKeyId,
      accountId: management,
      roleName: collector.roleName,
      roleId: collector.roleId,
      sessionName: 'warden',
      expiration: null,
    },
    sessions: {},
    findingsVersion: 0,
  };
}
