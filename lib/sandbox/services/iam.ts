import 'server-only';

import type { RequestContext } from '../context';
import { buildCredentialReportCsv, buildMalformedCredentialReportCsv } from '../credential-report';
import { AwsError, validationError } from '../errors';
import type { AccessKey, AccountState, IamRole, IamUser, InlinePolicy, ManagedPolicy, PolicyDocument, Tag } from '../model';
import { paginateByMarker, QueryParams } from '../query-params';
import { XmlMap, type XmlValue } from '../xml';

// IAM over the query protocol. Shapes follow @aws-sdk/client-iam's output schemas; policy documents
// are URL-encoded as IAM returns them.

type Fields = { [key: string]: XmlValue | undefined | null };
export type QueryHandler = (ctx: RequestContext, params: QueryParams) => Fields | null;

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';

const REPORT_TTL_MS = 4 * 3_600_000;

function noSuchUser(name: string): AwsError {
  return new AwsError(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
}

function findUser(account: AccountState, name: string): IamUser {
  const user = account.users.find((u) => u.userName === name);
  if (!user) throw noSuchUser(name);
  return user;
}

/** The user a user-less call refers to: the calling IAM user, or an error for sessions and root. */
function targetUser(ctx: RequestContext, params: QueryParams): IamUser | null {
  const name = params.get('UserName');
  if (name !== undefined) return findUser(ctx.account, name);
  if (ctx.caller.kind === 'user' && ctx.caller.userName) return findUser(ctx.account, ctx.caller.userName);
  if (ctx.caller.kind === 'root') return null;
  throw validationError('Must specify userName when calling with non-User credentials');
}

const encodeDocument = (document: PolicyDocument): string => encodeURIComponent(JSON.stringify(document));

const tagsXml = (tags: Tag[]) => tags.map((tag) => ({ Key: tag.key, Value: tag.value }));

function boundaryXml(arn: string | null): Fields | undefined {
  return arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined;
}

function userXml(user: IamUser): Fields {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    PasswordLastUsed: user.passwordLastUsed ?? undefined,
  };
}

function inlineXml(policies: InlinePolicy[]) {
  return policies.map((p) => ({ PolicyName: p.name, PolicyDocument: encodeDocument(p.document) }));
}

function attachedXml(ctx: RequestContext, arns: string[]) {
  return arns.map((arn) => ({ PolicyName: policyByArn(ctx, arn)?.policyName ?? arn.split('/').pop() ?? arn, PolicyArn: arn }));
}

function policyByArn(ctx: RequestContext, arn: string): ManagedPolicy | undefined {
  return ctx.account.customerPolicies.find((p) => p.arn === arn) ?? ctx.state.awsManagedPolicies.find((p) => p.arn === arn);
}

function roleXml(ctx: RequestContext, role: IamRole): Fields {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
    InstanceProfileList: role.trustPolicy.Statement.some((s) => s.Principal !== '*' && s.Principal?.Service === 'ec2.amazonaws.com')
      ? [
          {
            Path: '/',
            InstanceProfileName: role.roleName,
            InstanceProfileId: `AIPA${role.roleId.slice(4)}`,
            Arn: `arn:aws:iam::${ctx.account.id}:instance-profile/${role.roleName}`,
            CreateDate: role.createDate,
            Roles: [{ Path: role.path, RoleName: role.roleName, RoleId: role.roleId, Arn: role.arn, CreateDate: role.createDate, AssumeRolePolicyDocument: encodeDocument(role.trustPolicy) }],
          },
        ]
      : [],
    RolePolicyList: inlineXml(role.inlinePolicies),
    AttachedManagedPolicies: attachedXml(ctx, role.attachedPolicyArns),
    PermissionsBoundary: boundaryXml(role.permissionsBoundaryArn),
    Tags: tagsXml(role.tags),
    RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {},
  };
}

function attachmentCounts(account: AccountState): { attached: Map<string, number>; boundaries: Map<string, number> } {
  const attached = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const bump = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);
  for (const user of account.users) {
    user.attachedPolicyArns.forEach((arn) => bump(attached, arn));
    if (user.permissionsBoundaryArn) bump(boundaries, user.permissionsBoundaryArn);
  }
  for (const group of account.groups) group.attachedPolicyArns.forEach((arn) => bump(attached, arn));
  for (const role of account.roles) {
    role.attachedPolicyArns.forEach((arn) => bump(attached, arn));
    if (role.permissionsBoundaryArn) bump(boundaries, role.permissionsBoundaryArn);
  }
  return { attached, boundaries };
}

function policyXml(policy: ManagedPolicy, attached: number, boundaries: number): Fields {
  const defaultVersion = policy.versions.find((v) => v.isDefault);
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: defaultVersion?.versionId ?? 'v1',
    AttachmentCount: attached,
    PermissionsBoundaryUsageCount: boundaries,
    IsAttachable: true,
    Description: policy.description ?? undefined,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    PolicyVersionList: policy.versions.map((version) => ({
      Document: encodeDocument(version.document),
      VersionId: version.versionId,
      IsDefaultVersion: version.isDefault,
      CreateDate: version.createDate,
    })),
  };
}

const ENTITY_FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityFilter = (typeof ENTITY_FILTERS)[number];

type DetailItem =
  | { kind: 'user'; user: IamUser }
  | { kind: 'group'; index: number }
  | { kind: 'role'; role: IamRole }
  | { kind: 'policy'; policy: ManagedPolicy };

function getAccountAuthorizationDetails(ctx: RequestContext, params: QueryParams): Fields {
  const requested = params.list('Filter');
  for (const value of requested) {
    if (!(ENTITY_FILTERS as readonly string[]).includes(value)) {
      throw validationError(`1 validation error detected: Value '[${requested.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_FILTERS.join(', ')}]]`);
    }
  }
  const wants = (filter: EntityFilter) => requested.length === 0 || requested.includes(filter);
  const { account } = ctx;
  const { attached, boundaries } = attachmentCounts(account);
  const items: DetailItem[] = [];
  if (wants('User')) account.users.forEach((user) => items.push({ kind: 'user', user }));
  if (wants('Group')) account.groups.forEach((_, index) => items.push({ kind: 'group', index }));
  if (wants('Role')) account.roles.forEach((role) => items.push({ kind: 'role', role }));
  if (wants('LocalManagedPolicy')) account.customerPolicies.forEach((policy) => items.push({ kind: 'policy', policy }));
  if (wants('AWSManagedPolicy')) {
    for (const policy of ctx.state.awsManagedPolicies) {
      if ((attached.get(policy.arn) ?? 0) > 0) items.push({ kind: 'policy', policy });
    }
  }
  const page = paginateByMarker(ctx, params, 'GetAccountAuthorizationDetails', requested, items);
  const users: Fields[] = [];
  const groups: Fields[] = [];
  const roles: Fields[] = [];
  const policies: Fields[] = [];
  for (const item of page.items) {
    if (item.kind === 'user') {
      const { user } = item;
      users.push({
        Path: user.path,
        UserName: user.userName,
        UserId: user.userId,
        Arn: user.arn,
        CreateDate: user.createDate,
        UserPolicyList: inlineXml(user.inlinePolicies),
        GroupList: user.groups,
        AttachedManagedPolicies: attachedXml(ctx, user.attachedPolicyArns),
        PermissionsBoundary: boundaryXml(user.permissionsBoundaryArn),
        Tags: tagsXml(user.tags),
      });
    } else if (item.kind === 'group') {
      const group = account.groups[item.index];
      if (!group) continue;
      groups.push({
        Path: group.path,
        GroupName: group.groupName,
        GroupId: group.groupId,
        Arn: group.arn,
        CreateDate: group.createDate,
        GroupPolicyList: inlineXml(group.inlinePolicies),
        AttachedManagedPolicies: attachedXml(ctx, group.attachedPolicyArns),
      });
    } else if (item.kind === 'role') {
      roles.push(roleXml(ctx, item.role));
    } else {
      policies.push(policyXml(item.policy, attached.get(item.policy.arn) ?? 0, boundaries.get(item.policy.arn) ?? 0));
    }
  }
  return {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: policies,
    IsTruncated: page.isTruncated,
    Marker: page.marker,
  };
}

function listUsers(ctx: RequestContext, params: QueryParams): Fields {
  const prefix = params.get('PathPrefix') ?? '/';
  if (prefix.length > 512) throw validationError("1 validation error detected: Value at 'pathPrefix' failed to satisfy constraint: Member must have length less than or equal to 512");
  const users = ctx.account.users.filter((user) => user.path.startsWith(prefix));
  const page = paginateByMarker(ctx, params, 'ListUsers', prefix, users);
  return { Users: page.items.map(userXml), IsTruncated: page.isTruncated, Marker: page.marker };
}

function listRoles(ctx: RequestContext, params: QueryParams): Fields {
  const prefix = params.get('PathPrefix') ?? '/';
  const roles = ctx.account.roles.filter((role) => role.path.startsWith(prefix));
  const page = paginateByMarker(ctx, params, 'ListRoles', prefix, roles);
  return {
    Roles: page.items.map((role) => ({
      Path: role.path,
      RoleName: role.roleName,
      RoleId: role.roleId,
      Arn: role.arn,
      CreateDate: role.createDate,
      AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
      Description: role.description ?? undefined,
      MaxSessionDuration: role.maxSessionDuration,
    })),
    IsTruncated: page.isTruncated,
    Marker: page.marker,
  };
}

function keyMetadata(userName: string, key: AccessKey): Fields {
  return { UserName: userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: key.createDate };
}

function listAccessKeys(ctx: RequestContext, params: QueryParams): Fields {
  const user = targetUser(ctx, params);
  const keys = user ? user.accessKeys.map((key) => keyMetadata(user.userName, key)) : ctx.account.root.accessKeys.map((key) => keyMetadata('root', key));
  const page = paginateByMarker(ctx, params, 'ListAccessKeys', user?.userName ?? '<root>', keys);
  return { AccessKeyMetadata: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
}

function findKey(account: AccountState, accessKeyId: string): { key: AccessKey; user: IamUser | null } {
  for (const user of account.users) {
    const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (key) return { key, user };
  }
  const rootKey = account.root.accessKeys.find((k) => k.accessKeyId === accessKeyId);
  if (rootKey) return { key: rootKey, user: null };
  throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
}

function getAccessKeyLastUsed(ctx: RequestContext, params: QueryParams): Fields {
  const accessKeyId = params.required('AccessKeyId', 'accessKeyId');
  const { key, user } = findKey(ctx.account, accessKeyId);
  return {
    UserName: user ? user.userName : 'root',
    AccessKeyLastUsed: key.lastUsed
      ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
}

function updateAccessKey(ctx: RequestContext, params: QueryParams): null {
  const accessKeyId = params.required('AccessKeyId', 'accessKeyId');
  const status = params.required('Status', 'status');
  if (status !== 'Active' && status !== 'Inactive') {
    throw validationError(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Expired, Inactive]`);
  }
  const userName = params.get('UserName');
  const owner = userName !== undefined ? findUser(ctx.account, userName) : null;
  const found = owner
    ? { key: owner.accessKeys.find((k) => k.accessKeyId === accessKeyId), user: owner }
    : findKey(ctx.account, accessKeyId);
  if (!found.key) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
  found.key.status = status;
  return null;
}

function listMfaDevices(ctx: RequestContext, params: QueryParams): Fields {
  const user = targetUser(ctx, params);
  const devices = user
    ? user.mfaDevices.map((device) => ({ UserName: user.userName, SerialNumber: device.serialNumber, EnableDate: device.enableDate }))
    : ctx.account.root.mfa
      ? [{ UserName: 'root', SerialNumber: ctx.account.root.mfa.serialNumber, EnableDate: ctx.account.root.mfa.enableDate }]
      : [];
  const page = paginateByMarker(ctx, params, 'ListMFADevices', user?.userName ?? '<root>', devices);
  return { MFADevices: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
}

function listVirtualMfaDevices(ctx: RequestContext, params: QueryParams): Fields {
  const status = params.get('AssignmentStatus') ?? 'Any';
  if (!['Assigned', 'Unassigned', 'Any'].includes(status)) {
    throw validationError(`1 validation error detected: Value '${status}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]`);
  }
  const { account } = ctx;
  const devices: Fields[] = [];
  if (status !== 'Unassigned') {
    const rootMfa = account.root.mfa;
    if (rootMfa && rootMfa.kind === 'virtual') {
      devices.push({
        SerialNumber: rootMfa.serialNumber,
        User: { Path: '/', UserId: account.id, Arn: account.root.arn, CreateDate: account.root.createDate, PasswordLastUsed: account.root.passwordLastUsed ?? undefined },
        EnableDate: rootMfa.enableDate,
      });
    }
    for (const user of account.users) {
      for (const device of user.mfaDevices) {
        if (device.kind === 'virtual') devices.push({ SerialNumber: device.serialNumber, User: userXml(user), EnableDate: device.enableDate });
      }
    }
  }
  if (status !== 'Assigned') {
    for (const device of account.unassignedVirtualMfaDevices) devices.push({ SerialNumber: device.serialNumber });
  }
  const page = paginateByMarker(ctx, params, 'ListVirtualMFADevices', status, devices);
  return { VirtualMFADevices: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
}

function getAccountSummary(ctx: RequestContext): Fields {
  const { account } = ctx;
  const { attached } = attachmentCounts(account);
  const attachedCustomer = account.customerPolicies.filter((p) => (attached.get(p.arn) ?? 0) > 0);
  const assigned = account.users.reduce((n, u) => n + u.mfaDevices.length, 0) + (account.root.mfa ? 1 : 0);
  const virtual = account.users.reduce((n, u) => n + u.mfaDevices.filter((d) => d.kind === 'virtual').length, 0) + (account.root.mfa?.kind === 'virtual' ? 1 : 0) + account.unassignedVirtualMfaDevices.length;
  const instanceProfiles = account.roles.filter((role) => role.trustPolicy.Statement.some((s) => s.Principal !== '*' && s.Principal?.Service === 'ec2.amazonaws.com')).length;
  const summary: [string, number][] = [
    ['GroupPolicySizeQuota', 5120],
    ['InstanceProfilesQuota', 1000],
    ['Policies', account.customerPolicies.length],
    ['GroupsPerUserQuota', 10],
    ['InstanceProfiles', instanceProfiles],
    ['AttachedPoliciesPerUserQuota', 10],
    ['Users', account.users.length],
    ['PoliciesQuota', 1500],
    ['Providers', 0],
    ['AccountMFAEnabled', account.root.mfa ? 1 : 0],
    ['AccessKeysPerUserQuota', 2],
    ['AssumeRolePolicySizeQuota', 2048],
    ['PolicyVersionsInUseQuota', 10000],
    ['GlobalEndpointTokenVersion', 1],
    ['VersionsPerPolicyQuota', 5],
    ['AttachedPoliciesPerGroupQuota', 10],
    ['PolicySizeQuota', 6144],
    ['Groups', account.groups.length],
    ['AccountSigningCertificatesPresent', 0],
    ['UsersQuota', 5000],
    ['ServerCertificatesQuota', 20],
    ['MFADevices', virtual],
    ['UserPolicySizeQuota', 2048],
    ['PolicyVersionsInUse', attachedCustomer.reduce((n, p) => n + p.versions.length, 0)],
    ['ServerCertificates', 0],
    ['Roles', account.roles.length],
    ['RolesQuota', 1000],
    ['SigningCertificatesPerUserQuota', 2],
    ['MFADevicesInUse', assigned],
    ['RolePolicySizeQuota', 10240],
    ['AttachedPoliciesPerRoleQuota', 10],
    ['AccountAccessKeysPresent', account.root.accessKeys.length > 0 ? 1 : 0],
    ['AccountPasswordPresent', 1],
    ['GroupsQuota', 300],
  ];
  return { SummaryMap: new XmlMap(summary) };
}

function getAccountPasswordPolicy(ctx: RequestContext): Fields {
  const policy = ctx.account.passwordPolicy;
  if (!policy) throw new AwsError(404, 'NoSuchEntity', `The Password Policy with domain name ${ctx.account.id} cannot be found.`);
  return {
    PasswordPolicy: {
      MinimumPasswordLength: policy.minimumPasswordLength,
      RequireSymbols: policy.requireSymbols,
      RequireNumbers: policy.requireNumbers,
      RequireUppercaseCharacters: policy.requireUppercaseCharacters,
      RequireLowercaseCharacters: policy.requireLowercaseCharacters,
      AllowUsersToChangePassword: policy.allowUsersToChangePassword,
      ExpirePasswords: policy.maxPasswordAge !== null,
      MaxPasswordAge: policy.maxPasswordAge ?? undefined,
      PasswordReusePrevention: policy.passwordReusePrevention ?? undefined,
      HardExpiry: policy.hardExpiry,
    },
  };
}

/** Completes an in-progress report once enough polls have passed; returns the (possibly new) state. */
function advanceReport(ctx: RequestContext): void {
  const report = ctx.account.credentialReport;
  if (report.status !== 'in-progress') return;
  if (report.pendingPolls > 0) {
    report.pendingPolls -= 1;
    return;
  }
  report.status = 'complete';
  report.generatedAt = ctx.now;
  report.csv = buildCredentialReportCsv(ctx.account);
}

function startReport(ctx: RequestContext): void {
  const report = ctx.account.credentialReport;
  report.status = 'in-progress';
  report.startedAt = ctx.now;
  report.pendingPolls = 1;
  report.generatedAt = null;
  report.csv = null;
}

function generateCredentialReport(ctx: RequestContext): Fields {
  const report = ctx.account.credentialReport;
  if (report.status === 'none') {
    startReport(ctx);
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  }
  if (report.status === 'complete' && report.generatedAt && ctx.now.getTime() - report.generatedAt.getTime() >= REPORT_TTL_MS) {
    startReport(ctx);
    return { State: 'STARTED', Description: 'The existing report is more than 4 hours old. Starting a new report generation task' };
  }
  advanceReport(ctx);
  return ctx.account.credentialReport.status === 'complete' ? { State: 'COMPLETE' } : { State: 'INPROGRESS' };
}

function reportOrError(ctx: RequestContext): { generatedAt: Date; csv: string } {
  advanceReport(ctx);
  const report = ctx.account.credentialReport;
  if (report.status === 'none') {
    throw new AwsError(410, 'ReportNotPresent', 'Credential report not present. To generate a credential report, use GenerateCredentialReport.');
  }
  if (report.status === 'in-progress' || !report.generatedAt || report.csv === null) {
    throw new AwsError(404, 'ReportInProgress', 'Credential report is being generated. Try again later.');
  }
  if (ctx.now.getTime() - report.generatedAt.getTime() >= REPORT_TTL_MS) {
    throw new AwsError(410, 'ReportExpired', 'Credential report has expired. To generate a new credential report, use GenerateCredentialReport.');
  }
  return { generatedAt: report.generatedAt, csv: report.csv };
}

function getCredentialReport(ctx: RequestContext): Fields {
  const { generatedAt, csv } = reportOrError(ctx);
  return { Content: Buffer.from(csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: generatedAt };
}

/** GetCredentialReport under the malformed-report fault: the real lifecycle, corrupt CSV. */
export function getMalformedCredentialReport(ctx: RequestContext): Fields {
  const { generatedAt } = reportOrError(ctx);
  return {
    Content: Buffer.from(buildMalformedCredentialReportCsv(ctx.account), 'utf8').toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: generatedAt,
  };
}

export const iamOperations: Record<string, QueryHandler> = {
  GenerateCredentialReport: (ctx) => generateCredentialReport(ctx),
  GetCredentialReport: (ctx) => getCredentialReport(ctx),
  GetAccountSummary: (ctx) => getAccountSummary(ctx),
  GetAccountPasswordPolicy: (ctx) => getAccountPasswordPolicy(ctx),
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  ListUsers: listUsers,
  ListRoles: listRoles,
  ListAccessKeys: listAccessKeys,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  ListMFADevices: listMfaDevices,
  ListVirtualMFADevices: listVirtualMfaDevices,
  UpdateAccessKey: updateAccessKey,
};
