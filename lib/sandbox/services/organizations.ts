import 'server-only';

import type { RequestContext } from '../context';
import { AwsError } from '../errors';
import { JsonInput } from '../json-input';
import type { AccountState, JsonObject, JsonValue, ServiceControlPolicy } from '../model';
import {
  ACCOUNT_ID_PATTERN,
  OU_ID_PATTERN,
  ROOT_ID_PATTERN,
  accountArn,
  accountPath,
  canReadOrganization,
  findOrganizationalUnit,
  findPolicyTarget,
  organizationAccounts,
  ouPath,
  parentExists,
  rootArn,
} from '../organization';
import type { JsonHandler } from './cloudtrail';

// AWS Organizations over JSON 1.1 (X-Amz-Target: AWSOrganizationsV20161128.*). Dates are epoch
// seconds. Any account in the organization may describe it; the read-only List and Describe
// operations answer the management account and members that are delegated administrators (the
// delegation policy, or registered for a service); other members get AccessDeniedException and a
// standalone account AWSOrganizationsNotInUseException. List operations return at most 20 items
// a page (MaxResults 1–20) and a NextToken while more remain. Service control policies live with
// the management account; each is attached to targets (the root, OUs, accounts): ListTargetsForPolicy
// and ListPoliciesForTarget show those direct attachments, never what a target inherits.

const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2', 'SECURITYHUB_POLICY'];
const PAGE_SIZE = 20;

const epoch = (date: Date): number => Math.floor(date.getTime() / 1000);

function invalidInput(reason: string, message: string): AwsError {
  return new AwsError(400, 'InvalidInputException', message, { fields: { Reason: reason } });
}

function input(body: JsonObject): JsonInput {
  return new JsonInput(body, (_field, message) => invalidInput('INVALID_INPUT', message));
}

function requireOrganization(ctx: RequestContext): void {
  if (ctx.account.membership === null) {
    throw new AwsError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
}

function requireReader(ctx: RequestContext): void {
  requireOrganization(ctx);
  if (!canReadOrganization(ctx.state, ctx.account)) {
    throw new AwsError(400, 'AccessDeniedException', "You don't have permissions to access this resource.");
  }
}

function maxResults(args: JsonInput): number {
  const raw = args.raw('MaxResults');
  if (raw === undefined || raw === null) return PAGE_SIZE;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw invalidInput('INVALID_INPUT', 'MaxResults must be an integer.');
  if (raw < 1) throw invalidInput('MIN_VALUE_EXCEEDED', "You provided a value that's less than the minimum allowed value.");
  if (raw > PAGE_SIZE) throw invalidInput('MAX_VALUE_EXCEEDED', 'You provided a value that exceeds the maximum allowed value.');
  return raw;
}

function requiredId(args: JsonInput, name: string, pattern: RegExp): string {
  const value = args.string(name, { max: 100 });
  if (value === undefined) throw invalidInput('INPUT_REQUIRED', `You must include a value for ${name}.`);
  if (!pattern.test(value)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  return value;
}

const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
const TARGET_ID = new RegExp(`${ROOT_ID_PATTERN.source}|${ACCOUNT_ID_PATTERN.source}|${OU_ID_PATTERN.source}`);
const PARENT_ID = new RegExp(`${ROOT_ID_PATTERN.source}|${OU_ID_PATTERN.source}`);
const CHILD_ID = new RegExp(`${ACCOUNT_ID_PATTERN.source}|${OU_ID_PATTERN.source}`);

/** One page of `items` after the offset the NextToken carries; the token is bound to the caller and query. */
function paginate<T>(ctx: RequestContext, args: JsonInput, scope: string, items: readonly T[], size: number): { page: T[]; nextToken?: string } {
  const fullScope = `org:${scope}:${ctx.account.id}`;
  let offset = 0;
  const token = args.string('NextToken', { max: 100_000 });
  if (token !== undefined) {
    const o = ctx.tokens.decode(fullScope, token)?.o;
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw invalidInput('INVALID_NEXT_TOKEN', 'You specified an invalid value for nextToken.');
    offset = o;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  return next < items.length ? { page, nextToken: ctx.tokens.encode(fullScope, { o: next }) } : { page };
}

function withToken(out: JsonObject, nextToken: string | undefined): JsonObject {
  if (nextToken !== undefined) out.NextToken = nextToken;
  return out;
}

/** Organizations' Account shape; DelegatedAdministrator has the same fields but no Paths. */
function accountJson(ctx: RequestContext, account: AccountState, withPaths = true): JsonObject {
  const org = ctx.state.organization;
  const membership = account.membership;
  if (!membership) throw new Error(`${account.name} is not in the organization`);
  const json: JsonObject = {
    Id: account.id,
    Arn: accountArn(org, account.id),
    Email: account.email,
    Name: account.name,
    Status: membership.status,
    State: membership.status,
    JoinedMethod: membership.joinedMethod,
    JoinedTimestamp: epoch(membership.joinedTimestamp),
  };
  if (withPaths) json.Paths = [accountPath(org, membership.parentId, account.id)];
  return json;
}

function ouJson(ctx: RequestContext, id: string): JsonObject {
  const org = ctx.state.organization;
  const ou = findOrganizationalUnit(org, id);
  if (!ou) throw new Error(`no OU ${id}`);
  return { Id: ou.id, Arn: ou.arn, Name: ou.name, Path: ouPath(org, ou.id) };
}

function parentNotFound(): AwsError {
  return new AwsError(400, 'ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
}

function policyFilter(args: JsonInput): string {
  const filter = args.string('Filter', { max: 64 });
  if (filter === undefined || !POLICY_TYPES.includes(filter)) {
    throw invalidInput('INVALID_ENUM', `You specified an invalid value for Filter. Valid values: ${POLICY_TYPES.join(', ')}.`);
  }
  return filter;
}

/** The organization's SCPs: they live with the management account; a delegated administrator sees the same. */
function serviceControlPolicies(ctx: RequestContext): ServiceControlPolicy[] {
  return ctx.state.accounts.find((a) => a.role === 'management')?.serviceControlPolicies ?? [];
}

function policySummaryJson(policy: ServiceControlPolicy): JsonObject {
  return { Id: policy.id, Arn: policy.arn, Name: policy.name, Description: policy.description, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: policy.awsManaged };
}

function listPolicies(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const filter = policyFilter(args);
  const size = maxResults(args);
  requireReader(ctx);
  const policies = filter === 'SERVICE_CONTROL_POLICY' ? serviceControlPolicies(ctx) : [];
  const { page, nextToken } = paginate(ctx, args, `ListPolicies:${filter}`, policies, size);
  return withToken({ Policies: page.map(policySummaryJson) }, nextToken);
}

function listTargetsForPolicy(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const policyId = requiredId(args, 'PolicyId', POLICY_ID);
  const size = maxResults(args);
  requireReader(ctx);
  const policy = serviceControlPolicies(ctx).find((p) => p.id === policyId);
  if (!policy) throw new AwsError(400, 'PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
  // A target that left the organization (an account removed, an OU deleted) is no longer attached.
  const targets = policy.targetIds.flatMap((id) => findPolicyTarget(ctx.state, id) ?? []);
  const { page, nextToken } = paginate(ctx, args, `ListTargetsForPolicy:${policyId}`, targets, size);
  return withToken({ Targets: page.map((t) => ({ TargetId: t.id, Arn: t.arn, Name: t.name, Type: t.type })) }, nextToken);
}

function listPoliciesForTarget(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const targetId = requiredId(args, 'TargetId', TARGET_ID);
  const filter = policyFilter(args);
  const size = maxResults(args);
  requireReader(ctx);
  if (!findPolicyTarget(ctx.state, targetId)) {
    throw new AwsError(400, 'TargetNotFoundException', "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }
  const policies = filter === 'SERVICE_CONTROL_POLICY' ? serviceControlPolicies(ctx).filter((p) => p.targetIds.includes(targetId)) : [];
  const { page, nextToken } = paginate(ctx, args, `ListPoliciesForTarget:${targetId}:${filter}`, policies, size);
  return withToken({ Policies: page.map(policySummaryJson) }, nextToken);
}

function describeOrganization(ctx: RequestContext): JsonObject {
  requireOrganization(ctx);
  const org = ctx.state.organization;
  return {
    Organization: {
      Id: org.id,
      Arn: org.arn,
      FeatureSet: 'ALL',
      MasterAccountArn: accountArn(org, org.managementAccountId),
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: org.managementAccountEmail,
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  };
}

function listRoots(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const size = maxResults(args);
  requireReader(ctx);
  const org = ctx.state.organization;
  const roots = [{ Id: org.rootId, Arn: rootArn(org), Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }];
  const { page, nextToken } = paginate(ctx, args, 'ListRoots', roots, size);
  return withToken({ Roots: page }, nextToken);
}

function listOrganizationalUnitsForParent(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const parentId = requiredId(args, 'ParentId', PARENT_ID);
  const size = maxResults(args);
  requireReader(ctx);
  const org = ctx.state.organization;
  if (!parentExists(org, parentId)) throw parentNotFound();
  const children = org.organizationalUnits.filter((ou) => ou.parentId === parentId);
  const { page, nextToken } = paginate(ctx, args, `ListOrganizationalUnitsForParent:${parentId}`, children, size);
  return withToken({ OrganizationalUnits: page.map((ou) => ouJson(ctx, ou.id)) }, nextToken);
}

function listAccounts(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const size = maxResults(args);
  requireReader(ctx);
  const { page, nextToken } = paginate(ctx, args, 'ListAccounts', organizationAccounts(ctx.state), size);
  return withToken({ Accounts: page.map((account) => accountJson(ctx, account)) }, nextToken);
}

function listAccountsForParent(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const parentId = requiredId(args, 'ParentId', PARENT_ID);
  const size = maxResults(args);
  requireReader(ctx);
  if (!parentExists(ctx.state.organization, parentId)) throw parentNotFound();
  const accounts = organizationAccounts(ctx.state).filter((account) => account.membership?.parentId === parentId);
  const { page, nextToken } = paginate(ctx, args, `ListAccountsForParent:${parentId}`, accounts, size);
  return withToken({ Accounts: page.map((account) => accountJson(ctx, account)) }, nextToken);
}

function listChildren(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const parentId = requiredId(args, 'ParentId', PARENT_ID);
  const childType = args.string('ChildType', { max: 32 });
  if (childType !== 'ACCOUNT' && childType !== 'ORGANIZATIONAL_UNIT') {
    throw invalidInput('INVALID_ENUM', 'You specified an invalid value for ChildType. Valid values: ACCOUNT, ORGANIZATIONAL_UNIT.');
  }
  const size = maxResults(args);
  requireReader(ctx);
  const org = ctx.state.organization;
  if (!parentExists(org, parentId)) throw parentNotFound();
  const ids =
    childType === 'ACCOUNT'
      ? organizationAccounts(ctx.state).filter((account) => account.membership?.parentId === parentId).map((account) => account.id)
      : org.organizationalUnits.filter((ou) => ou.parentId === parentId).map((ou) => ou.id);
  const { page, nextToken } = paginate(ctx, args, `ListChildren:${parentId}:${childType}`, ids, size);
  return withToken({ Children: page.map((id) => ({ Id: id, Type: childType })) }, nextToken);
}

function listParents(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const childId = requiredId(args, 'ChildId', CHILD_ID);
  const size = maxResults(args);
  requireReader(ctx);
  const org = ctx.state.organization;
  const parentId = ACCOUNT_ID_PATTERN.test(childId)
    ? organizationAccounts(ctx.state).find((account) => account.id === childId)?.membership?.parentId
    : findOrganizationalUnit(org, childId)?.parentId;
  if (parentId === undefined) {
    throw new AwsError(400, 'ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
  }
  const parents: JsonValue[] = [{ Id: parentId, Type: parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const { page, nextToken } = paginate(ctx, args, `ListParents:${childId}`, parents, size);
  return withToken({ Parents: page }, nextToken);
}

function describeAccount(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const accountId = requiredId(args, 'AccountId', ACCOUNT_ID_PATTERN);
  requireReader(ctx);
  const account = organizationAccounts(ctx.state).find((a) => a.id === accountId);
  if (!account) throw new AwsError(400, 'AccountNotFoundException', "You specified an account that doesn't exist.");
  return { Account: accountJson(ctx, account) };
}

function describeOrganizationalUnit(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const ouId = requiredId(args, 'OrganizationalUnitId', OU_ID_PATTERN);
  requireReader(ctx);
  if (!findOrganizationalUnit(ctx.state.organization, ouId)) {
    throw new AwsError(400, 'OrganizationalUnitNotFoundException', "We can't find an OU with the OrganizationalUnitId that you specified.");
  }
  return { OrganizationalUnit: ouJson(ctx, ouId) };
}

function listDelegatedAdministrators(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const servicePrincipal = args.string('ServicePrincipal', { max: 128 });
  const size = maxResults(args);
  requireReader(ctx);
  const byAccount = new Map<string, Date>();
  for (const delegation of ctx.state.organization.delegatedAdministrators) {
    if (servicePrincipal !== undefined && delegation.servicePrincipal !== servicePrincipal) continue;
    const earliest = byAccount.get(delegation.accountId);
    if (!earliest || delegation.delegationEnabledDate < earliest) byAccount.set(delegation.accountId, delegation.delegationEnabledDate);
  }
  const admins = organizationAccounts(ctx.state).filter((account) => byAccount.has(account.id));
  const { page, nextToken } = paginate(ctx, args, `ListDelegatedAdministrators:${servicePrincipal ?? ''}`, admins, size);
  return withToken(
    {
      DelegatedAdministrators: page.map((account) => {
        const json = accountJson(ctx, account, false);
        const enabled = byAccount.get(account.id);
        if (enabled) json.DelegationEnabledDate = epoch(enabled);
        return json;
      }),
    },
    nextToken,
  );
}

export const organizationsOperations: Record<string, JsonHandler> = {
  ListPolicies: listPolicies,
  ListTargetsForPolicy: listTargetsForPolicy,
  ListPoliciesForTarget: listPoliciesForTarget,
  DescribeOrganization: (ctx) => describeOrganization(ctx),
  ListRoots: listRoots,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  ListChildren: listChildren,
  ListParents: listParents,
  DescribeAccount: describeAccount,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
  ListDelegatedAdministrators: listDelegatedAdministrators,
};
