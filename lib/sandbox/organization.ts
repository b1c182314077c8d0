import 'server-only';

import type { AccountState, OrganizationInfo, OrganizationalUnit, SandboxState } from './model';
import type { Rng } from './random';

// The organization's tree (root → OUs → accounts) as Organizations names it: ids, ARNs and paths,
// and who may read it. Shared by the generator, the Organizations API and the control operations.

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const ROOT_ID_PATTERN = /^r-[0-9a-z]{4,32}$/;
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** The service principal of IAM Access Analyzer, for RegisterDelegatedAdministrator. */
export const ACCESS_ANALYZER_PRINCIPAL = 'access-analyzer.amazonaws.com';

export function rootArn(org: OrganizationInfo): string {
  return `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`;
}

export function ouArn(org: OrganizationInfo, ouId: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:ou/${org.id}/${ouId}`;
}

export function accountArn(org: OrganizationInfo, accountId: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${accountId}`;
}

/** Adds an OU under `parentId` with a fresh id (ou-<root suffix>-<8 characters>). */
export function addOrganizationalUnit(org: OrganizationInfo, rng: Rng, name: string, parentId: string): OrganizationalUnit {
  const rootSuffix = org.rootId.slice('r-'.length);
  let id = '';
  do id = `ou-${rootSuffix}-${rng.chars(LOWER_ALNUM, 8)}`;
  while (org.organizationalUnits.some((ou) => ou.id === id));
  const ou: OrganizationalUnit = { id, arn: ouArn(org, id), name, parentId };
  org.organizationalUnits.push(ou);
  return ou;
}

export function findOrganizationalUnit(org: OrganizationInfo, id: string): OrganizationalUnit | undefined {
  return org.organizationalUnits.find((ou) => ou.id === id);
}

/** Whether `id` names the root or one of the OUs. */
export function parentExists(org: OrganizationInfo, id: string): boolean {
  return id === org.rootId || findOrganizationalUnit(org, id) !== undefined;
}

/** The ids from the root down to `parentId`, both included. */
function idsDownTo(org: OrganizationInfo, parentId: string): string[] {
  const ids: string[] = [];
  let current: string | undefined = parentId;
  while (current !== undefined && current !== org.rootId) {
    ids.unshift(current);
    current = findOrganizationalUnit(org, current)?.parentId;
  }
  return [org.rootId, ...ids];
}

/** Organizations' entity path of an OU: o-…/r-…/ou-…/ou-…/ */
export function ouPath(org: OrganizationInfo, ouId: string): string {
  return `${org.id}/${idsDownTo(org, ouId).join('/')}/`;
}

/** Organizations' entity path of an account: o-…/r-…/ou-…/123456789012/ */
export function accountPath(org: OrganizationInfo, parentId: string, accountId: string): string {
  return `${org.id}/${idsDownTo(org, parentId).join('/')}/${accountId}/`;
}

/** The OU names from the root down, e.g. "Root/Workloads/Production" (for people and tests). */
export function ouNamePath(org: OrganizationInfo, parentId: string): string {
  return ['Root', ...idsDownTo(org, parentId).slice(1).map((id) => findOrganizationalUnit(org, id)?.name ?? id)].join('/');
}

/** Where a policy attached would apply to the account: the root, the OUs down to its parent, and the account itself. */
export function policyPointsOf(org: OrganizationInfo, account: AccountState): string[] {
  if (account.membership === null) return [];
  return [...idsDownTo(org, account.membership.parentId), account.id];
}

export type PolicyTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

/** A policy target (the root, an OU or an account in the organization) as Organizations names it; undefined when none has that id. */
export function findPolicyTarget(state: SandboxState, id: string): { id: string; arn: string; name: string; type: PolicyTargetType } | undefined {
  const org = state.organization;
  if (id === org.rootId) return { id, arn: rootArn(org), name: 'Root', type: 'ROOT' };
  const ou = findOrganizationalUnit(org, id);
  if (ou) return { id, arn: ou.arn, name: ou.name, type: 'ORGANIZATIONAL_UNIT' };
  const account = organizationAccounts(state).find((a) => a.id === id);
  if (account) return { id, arn: accountArn(org, id), name: account.name, type: 'ACCOUNT' };
  return undefined;
}

/** The accounts in the organization (management and members), in the order they joined. */
export function organizationAccounts(state: SandboxState): AccountState[] {
  return state.accounts.filter((account) => account.membership !== null);
}

/** Whether a registered delegated administrator (for any service) or the delegation policy lets it read the organization. */
export function canReadOrganization(state: SandboxState, account: AccountState): boolean {
  if (account.membership === null) return false;
  if (account.role === 'management' || account.delegatedOrganizationsAdministrator) return true;
  return state.organization.delegatedAdministrators.some((d) => d.accountId === account.id);
}

/** Suspended and closing accounts cannot be entered: AssumeRole into them is denied. */
export function isAccountUsable(account: AccountState): boolean {
  return account.membership === null || account.membership.status === 'ACTIVE';
}

/** The root's or an OU's id from a name path such as "Workloads/Production" ("Root/" in front is optional). */
export function parentIdByPath(org: OrganizationInfo, path: string): string | undefined {
  const names = path.split('/').filter((name) => name !== '');
  if (names[0] === 'Root') names.shift();
  let current = org.rootId;
  for (const name of names) {
    const next = org.organizationalUnits.find((ou) => ou.parentId === current && ou.name === name);
    if (!next) return undefined;
    current = next.id;
  }
  return current;
}
