import 'server-only';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListRoles,
  paginateListVirtualMFADevices,
  type AttachedPolicy,
  type PolicyDetail,
  type Tag,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';
import type { IamGroupData, IamPolicyData, IamRoleData, IamUserData, InlinePolicyData, PasswordPolicyFields } from '@/lib/aws/records';

// IAM readers. Each returns Warden's own records; policy documents arrive URL-encoded and leave
// here as decoded JSON text.

// The records are the checklist's input types (lib/aws/records.ts) plus what only the store and
// the screens use.
export type InlinePolicy = InlinePolicyData;
export type TagRecord = { key: string; value: string };
export type IamUserRecord = IamUserData & { tags: TagRecord[] };
export type IamGroupRecord = IamGroupData & { createDate: Date };
export type IamRoleRecord = IamRoleData & { lastUsedRegion: string | null; tags: TagRecord[] };
export type IamPolicyRecord = IamPolicyData;

export type AuthorizationDetails = {
  users: IamUserRecord[];
  groups: IamGroupRecord[];
  roles: IamRoleRecord[];
  policies: IamPolicyRecord[];
};

export type PasswordPolicyRecord = PasswordPolicyFields;

export type VirtualMfaRecord = {
  serialNumber: string;
  userName: string | null;
  userArn: string | null;
  enableDate: Date | null;
  isRoot: boolean;
};

export type CredentialReportText = { generatedAt: Date; csv: string };

/** AWS URL-encodes policy documents in IAM responses. */
export function decodePolicyDocument(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not URL-encoded after all (some endpoints return plain JSON): keep it as it came.
    return raw;
  }
}

const required = (value: string | undefined, what: string): string => {
  if (value === undefined || value === '') throw new AwsCallError('malformed', 'iam:GetAccountAuthorizationDetails', 'MalformedResponse', `${what} is missing`);
  return value;
};
const requiredDate = (value: Date | undefined, what: string): Date => {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new AwsCallError('malformed', 'iam:GetAccountAuthorizationDetails', 'MalformedResponse', `${what} is missing or not a date`);
  return value;
};

const attachedArns = (list: AttachedPolicy[] | undefined) => (list ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : []));
const inline = (list: PolicyDetail[] | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decodePolicyDocument(p.PolicyDocument) }));
const tags = (list: Tag[] | undefined): TagRecord[] => (list ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));

export async function readAuthorizationDetails(clients: AwsClients): Promise<AuthorizationDetails> {
  const out: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  await callAws('iam:GetAccountAuthorizationDetails', async () => {
    for await (const page of paginateGetAccountAuthorizationDetails({ client: clients.iam, pageSize: 1000 }, {})) {
      for (const u of page.UserDetailList ?? []) {
        out.users.push({
          userId: required(u.UserId, 'UserId'),
          userName: required(u.UserName, 'UserName'),
          arn: required(u.Arn, 'user Arn'),
          path: u.Path ?? '/',
          createDate: requiredDate(u.CreateDate, 'user CreateDate'),
          permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
          groups: u.GroupList ?? [],
          attachedPolicyArns: attachedArns(u.AttachedManagedPolicies),
          inlinePolicies: inline(u.UserPolicyList),
          tags: tags(u.Tags),
        });
      }
      for (const g of page.GroupDetailList ?? []) {
        out.groups.push({
          groupId: required(g.GroupId, 'GroupId'),
          groupName: required(g.GroupName, 'GroupName'),
          arn: required(g.Arn, 'group Arn'),
          path: g.Path ?? '/',
          createDate: requiredDate(g.CreateDate, 'group CreateDate'),
          attachedPolicyArns: attachedArns(g.AttachedManagedPolicies),
          inlinePolicies: inline(g.GroupPolicyList),
        });
      }
      for (const r of page.RoleDetailList ?? []) {
        out.roles.push({
          roleId: required(r.RoleId, 'RoleId'),
          roleName: required(r.RoleName, 'RoleName'),
          arn: required(r.Arn, 'role Arn'),
          path: r.Path ?? '/',
          createDate: requiredDate(r.CreateDate, 'role CreateDate'),
          trustPolicy: decodePolicyDocument(r.AssumeRolePolicyDocument),
          maxSessionDuration: null,
          permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
          attachedPolicyArns: attachedArns(r.AttachedManagedPolicies),
          inlinePolicies: inline(r.RolePolicyList),
          lastUsedAt: r.RoleLastUsed?.LastUsedDate ?? null,
          lastUsedRegion: r.RoleLastUsed?.Region ?? null,
          tags: tags(r.Tags),
        });
      }
      for (const p of page.Policies ?? []) {
        const arn = required(p.Arn, 'policy Arn');
        const defaultVersion = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? p.PolicyVersionList?.[0];
        out.policies.push({
          policyId: required(p.PolicyId, 'PolicyId'),
          policyName: required(p.PolicyName, 'PolicyName'),
          arn,
          path: p.Path ?? '/',
          isAwsManaged: arn.startsWith('arn:aws:iam::aws:policy/'),
          attachmentCount: p.AttachmentCount ?? 0,
          permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount ?? 0,
          defaultVersionId: p.DefaultVersionId ?? defaultVersion?.VersionId ?? '',
          document: decodePolicyDocument(defaultVersion?.Document),
        });
      }
    }
  });
  return out;
}

/** MaxSessionDuration per role ARN: GetAccountAuthorizationDetails does not carry it. */
export async function readRoleSessionDurations(clients: AwsClients): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await callAws('iam:ListRoles', async () => {
    for await (const page of paginateListRoles({ client: clients.iam, pageSize: 1000 }, {})) {
      for (const r of page.Roles ?? []) if (r.Arn && typeof r.MaxSessionDuration === 'number') out.set(r.Arn, r.MaxSessionDuration);
    }
  });
  return out;
}

export async function readAccountSummary(clients: AwsClients): Promise<Record<string, number>> {
  const res = await callAws('iam:GetAccountSummary', () => clients.iam.send(new GetAccountSummaryCommand({})));
  const map: Record<string, number> = {};
  for (const [k, v] of Object.entries(res.SummaryMap ?? {})) if (typeof v === 'number') map[k] = v;
  if (!('AccountMFAEnabled' in map) || !('AccountAccessKeysPresent' in map)) {
    throw new AwsCallError('malformed', 'iam:GetAccountSummary', 'MalformedResponse', 'SummaryMap lacks AccountMFAEnabled or AccountAccessKeysPresent');
  }
  return map;
}

/** The account's password policy, or null when the account has none (a fact, not an error). */
export async function readPasswordPolicy(clients: AwsClients): Promise<PasswordPolicyRecord | null> {
  try {
    const res = await callAws('iam:GetAccountPasswordPolicy', () => clients.iam.send(new GetAccountPasswordPolicyCommand({})));
    const p = res.PasswordPolicy;
    if (!p) throw new AwsCallError('malformed', 'iam:GetAccountPasswordPolicy', 'MalformedResponse', 'PasswordPolicy is missing');
    return {
      minimumPasswordLength: p.MinimumPasswordLength ?? null,
      requireSymbols: p.RequireSymbols ?? null,
      requireNumbers: p.RequireNumbers ?? null,
      requireUppercaseCharacters: p.RequireUppercaseCharacters ?? null,
      requireLowercaseCharacters: p.RequireLowercaseCharacters ?? null,
      allowUsersToChangePassword: p.AllowUsersToChangePassword ?? null,
      expirePasswords: p.ExpirePasswords ?? null,
      maxPasswordAge: p.MaxPasswordAge ?? null,
      passwordReusePrevention: p.PasswordReusePrevention ?? null,
      hardExpiry: p.HardExpiry ?? null,
    };
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return null;
    throw error;
  }
}

export async function readVirtualMfaDevices(clients: AwsClients): Promise<VirtualMfaRecord[]> {
  const out: VirtualMfaRecord[] = [];
  await callAws('iam:ListVirtualMFADevices', async () => {
    for await (const page of paginateListVirtualMFADevices({ client: clients.iam, pageSize: 1000 }, { AssignmentStatus: 'Assigned' })) {
      for (const d of page.VirtualMFADevices ?? []) {
        if (!d.SerialNumber) continue;
        const userArn = d.User?.Arn ?? null;
        out.push({
          serialNumber: d.SerialNumber,
          userName: d.User?.UserName ?? null,
          userArn,
          enableDate: d.EnableDate ?? null,
          isRoot: (userArn?.endsWith(':root') ?? false) || d.SerialNumber.endsWith(':mfa/root-account-mfa-device'),
        });
      }
    }
  });
  return out;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks IAM for a credential report and waits (bounded, with backoff) until it is complete. AWS
 * reuses a report younger than 4 hours, so calling this often costs nothing and changes nothing.
 */
export async function readCredentialReport(
  clients: AwsClients,
  { maxWaitMs = 120_000, sleep = realSleep }: { maxWaitMs?: number; sleep?: Sleep } = {},
): Promise<CredentialReportText> {
  let waited = 0;
  let delay = 500;
  for (;;) {
    const state = await callAws('iam:GenerateCredentialReport', () => clients.iam.send(new GenerateCredentialReportCommand({})));
    if (state.State === 'COMPLETE') {
      try {
        const res = await callAws('iam:GetCredentialReport', () => clients.iam.send(new GetCredentialReportCommand({})));
        if (!res.Content || !res.GeneratedTime) {
          throw new AwsCallError('malformed', 'iam:GetCredentialReport', 'MalformedResponse', 'the report has no content or generation time');
        }
        return { generatedAt: res.GeneratedTime, csv: Buffer.from(res.Content).toString('utf8') };
      } catch (error) {
        // Generated but not yet readable: wait like for INPROGRESS.
        if (!(error instanceof AwsCallError && error.code === 'ReportInProgress')) throw error;
      }
    }
    if (waited >= maxWaitMs) {
      throw new AwsCallError('service', 'iam:GenerateCredentialReport', 'ReportTimeout', `the credential report was not ready after ${Math.round(waited / 1000)} s`);
    }
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, 8_000);
  }
}
