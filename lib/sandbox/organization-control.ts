import 'server-only';

import { AccountBuilder, type BuildContext } from './account-builder';
import { LARGE_MEMBER_SCALE, buildMember, organizationAnalyzer, reportExposures, type CollectorInfo } from './generate-organization';
import { MEMBER_ROLE_NAME } from './generate-scale';
import type { AccountState, OrganizationAccountStatus, SandboxState } from './model';
import { ORGANIZATION_ACCOUNT_STATUSES } from './model';
import { ACCOUNT_ID_PATTERN, ouNamePath, parentExists, parentIdByPath } from './organization';
import { createRng, makeAccountId } from './random';
import { invalidateFindingIndex } from './services/access-analyzer';

// The organization changes tests make between syncs, as AWS would show them afterwards:
//
//   addMemberAccount     a new account joins (CreateAccount + MoveAccount): a small account with
//                        the member role (unless told otherwise), its resources reported by the
//                        organization analyzer
//   removeAccount…       RemoveAccountFromOrganization: the account becomes standalone; the
//                        organization analyzer stops reporting its resources
//   setAccountStatus     SUSPENDED (a closed account) or PENDING_CLOSURE: AssumeRole into it is
//                        denied, sessions in it stop working; ACTIVE again
//   deleteMemberRole     the member role disappears (AssumeRole → AccessDenied)
//   moveAccount          MoveAccount to another OU or the root
//
// Each throws an Error with a sentence when the change is impossible (unknown account, the
// management account, a delegated administrator leaving).

export interface NewMemberAccount {
  /** Default acme-added-<n>. Names must be unique in the sandbox. */
  name?: string;
  /** Default aws+<name>@acme-corp.example. */
  email?: string;
  /** The root's or an OU's id; or give `ouPath`. Default: the root. */
  parentId?: string;
  /** An OU by names, e.g. "Workloads/Production". */
  ouPath?: string;
  /** Whether the member role exists (default true). */
  memberRole?: boolean;
  /** CREATED (default: a new account) or INVITED (an existing account that accepted an invitation). */
  joinedMethod?: 'CREATED' | 'INVITED';
}

/** What the control operations say about an account in the organization. */
export interface OrganizationMemberInfo {
  id: string;
  name: string;
  email: string;
  parentId: string;
  /** e.g. "Root/Workloads/Production" */
  ouPath: string;
  status: OrganizationAccountStatus;
  /** The member role Warden would assume (whether or not it exists). */
  roleArn: string;
  externalId: string | null;
  hasMemberRole: boolean;
}

function memberRoleName(state: SandboxState): string {
  return state.organization.memberRole?.roleName ?? MEMBER_ROLE_NAME;
}

function accountById(state: SandboxState, accountId: string): AccountState {
  const account = state.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`no account ${accountId} in the sandbox`);
  return account;
}

function requireMember(state: SandboxState, accountId: string): AccountState {
  const account = accountById(state, accountId);
  if (account.membership === null) throw new Error(`${account.name} (${account.id}) is not in the organization`);
  if (account.role === 'management') throw new Error(`${account.name} is the management account`);
  return account;
}

export function describeMember(state: SandboxState, account: AccountState): OrganizationMemberInfo {
  const membership = account.membership;
  if (!membership) throw new Error(`${account.name} (${account.id}) is not in the organization`);
  const roleName = memberRoleName(state);
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    parentId: membership.parentId,
    ouPath: ouNamePath(state.organization, membership.parentId),
    status: membership.status,
    roleArn: `arn:aws:iam::${account.id}:role/${roleName}`,
    externalId: state.organization.memberRole?.externalId ?? null,
    hasMemberRole: account.roles.some((role) => role.roleName === roleName),
  };
}

function resolveParent(state: SandboxState, spec: { parentId?: string; ouPath?: string }): string {
  const org = state.organization;
  if (spec.parentId !== undefined && spec.ouPath !== undefined) throw new Error('give parentId or ouPath, not both');
  if (spec.ouPath !== undefined) {
    const id = parentIdByPath(org, spec.ouPath);
    if (!id) throw new Error(`no OU at ${spec.ouPath}`);
    return id;
  }
  const parentId = spec.parentId ?? org.rootId;
  if (!parentExists(org, parentId)) throw new Error(`no root or OU ${parentId}`);
  return parentId;
}

function collectorOf(state: SandboxState): CollectorInfo {
  const session = state.baseSession;
  const management = accountById(state, session.accountId);
  const role = management.roles.find((r) => r.roleName === session.roleName);
  if (!role) throw new Error('the base session role is missing');
  return { managementId: management.id, collectorRoleArn: role.arn, collectorPrincipal: `${role.roleId}:${session.sessionName}` };
}

/** A new member account, joined now; returns how it looks in the organization. */
export function addMemberAccount(state: SandboxState, spec: NewMemberAccount, now: Date): OrganizationMemberInfo {
  const name = spec.name ?? `acme-added-${state.accounts.length + 1}`;
  if (!/^[\x20-\x7e]{1,50}$/.test(name)) throw new Error('name must be 1–50 printable ASCII characters');
  if (state.accounts.some((a) => a.name === name)) throw new Error(`an account named ${name} exists already`);
  const parentId = resolveParent(state, spec);
  const rng = createRng(`${state.seed}/added/${name}`);
  let id = makeAccountId(rng);
  while (state.accounts.some((a) => a.id === id)) id = makeAccountId(rng);
  const joinedMethod = spec.joinedMethod ?? 'CREATED';
  const ctx: BuildContext = { now, awsManaged: new Map(state.awsManagedPolicies.map((p) => [p.policyName, p])) };
  const { account, exposures } = buildMember(
    ctx,
    rng,
    { id, name, parentId, tier: 'small', memberRole: spec.memberRole ?? true, createdDaysAgo: joinedMethod === 'CREATED' ? 1 : 400, joinedMethod, status: 'ACTIVE' },
    collectorOf(state),
    state.organization.memberRole?.externalId ?? null,
    LARGE_MEMBER_SCALE,
  );
  if (spec.email !== undefined) {
    if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(spec.email)) throw new Error('email must be an email address');
    account.email = spec.email;
  }
  account.membership = { parentId, status: 'ACTIVE', joinedMethod, joinedTimestamp: new Date(Math.floor(now.getTime() / 1000) * 1000) };
  state.accounts.push(account);

  // The organization analyzer finds the newcomer's externally reachable resources.
  const builders = new Map<string, AccountBuilder>();
  for (const region of state.regions) {
    const found = organizationAnalyzer(state.organization, state.accounts, region);
    if (found && !builders.has(found.owner.id)) builders.set(found.owner.id, new AccountBuilder(ctx, rng.fork(`analyzer/${found.owner.id}`), found.owner));
  }
  if (reportExposures(state.organization, state.accounts, builders, account.id, exposures) > 0) invalidateFindingIndex(state);
  return describeMember(state, account);
}

/** RemoveAccountFromOrganization: the account stays, standalone; organization analyzers forget its resources. */
export function removeAccountFromOrganization(state: SandboxState, accountId: string): void {
  const account = requireMember(state, accountId);
  if (state.organization.delegatedAdministrators.some((d) => d.accountId === account.id)) {
    throw new Error(`${account.name} is a delegated administrator: deregister it before it leaves`);
  }
  account.membership = null;
  account.role = 'standalone';
  account.delegatedOrganizationsAdministrator = false;
  let removed = 0;
  for (const owner of state.accounts) {
    const organizationAnalyzers = new Set(owner.analyzers.filter((a) => a.type.startsWith('ORGANIZATION')).map((a) => a.arn));
    if (organizationAnalyzers.size === 0) continue;
    const kept = owner.findings.filter((f) => !(organizationAnalyzers.has(f.analyzerArn) && f.resourceOwnerAccount === account.id));
    removed += owner.findings.length - kept.length;
    owner.findings = kept;
  }
  if (removed > 0) invalidateFindingIndex(state);
}

/** SUSPENDED (closed), PENDING_CLOSURE (closing) or ACTIVE again. */
export function setAccountStatus(state: SandboxState, accountId: string, status: OrganizationAccountStatus): void {
  if (!ORGANIZATION_ACCOUNT_STATUSES.includes(status)) throw new Error(`status must be one of ${ORGANIZATION_ACCOUNT_STATUSES.join(', ')}`);
  const account = requireMember(state, accountId);
  if (account.membership) account.membership.status = status;
}

/** Deletes the member role (WardenAuditRole) of an account, management account included. */
export function deleteMemberRole(state: SandboxState, accountId: string): void {
  if (!ACCOUNT_ID_PATTERN.test(accountId)) throw new Error('accountId must be 12 digits');
  const account = accountById(state, accountId);
  const roleName = memberRoleName(state);
  if (account.id === state.baseSession.accountId && roleName === state.baseSession.roleName) throw new Error('that is the role the base credentials act as');
  const before = account.roles.length;
  account.roles = account.roles.filter((role) => role.roleName !== roleName);
  if (account.roles.length === before) throw new Error(`${account.name} has no role ${roleName}`);
}

/** MoveAccount: to another OU or the root. */
export function moveAccount(state: SandboxState, accountId: string, to: { parentId?: string; ouPath?: string }): OrganizationMemberInfo {
  const account = accountById(state, accountId);
  if (!account.membership) throw new Error(`${account.name} (${account.id}) is not in the organization`);
  account.membership.parentId = resolveParent(state, to);
  return describeMember(state, account);
}
