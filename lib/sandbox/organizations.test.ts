import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  ApplyArchiveRuleCommand,
  CreateArchiveRuleCommand,
  ListAnalyzersCommand,
  ListFindingsCommand,
  ListFindingsV2Command,
  UpdateFindingsCommand,
  paginateListFindings,
  paginateListFindingsV2,
  type FindingSummary,
} from '@aws-sdk/client-accessanalyzer';

import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListParents,
  paginateListRoots,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
  type Account,
  type OrganizationalUnit,
  type OrganizationsClient,
  type PolicySummary,
  type PolicyTargetSummary,
} from '@aws-sdk/client-organizations';

import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import {
  addRemoteMemberAccount,
  deleteRemoteMemberRole,
  moveRemoteAccount,
  removeRemoteAccountFromOrganization,
  setRemoteAccountStatus,
} from './control-client';
import type { AccountState } from './model';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type ClientCredentials, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 505, now: new Date('2025-06-15T12:00:00Z') });
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

async function clients(name: string): Promise<SandboxClients> {
  const c = name === 'acme-management' ? sandboxClients(sandbox) : await clientsForAccount(sandbox, name);
  opened.push(c);
  return c;
}

test('the management account lists its service control policies, paginated', async () => {
  const { organizations } = await clients('acme-management');
  const policies: PolicySummary[] = [];
  for await (const page of paginateListPolicies({ client: organizations, pageSize: 2 }, { Filter: 'SERVICE_CONTROL_POLICY' })) {
    assert.ok((page.Policies?.length ?? 0) <= 2);
    policies.push(...(page.Policies ?? []));
  }
  assert.equal(policies.length, 4);
  assert.deepEqual(policies.find((p) => p.AwsManaged), {
    Id: 'p-FullAWSAccess',
    Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    Name: 'FullAWSAccess',
    Description: 'Allows access to every operation',
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: true,
  });
  const custom = policies.filter((p) => !p.AwsManaged);
  assert.ok(custom.length >= 1);
  for (const p of custom) {
    assert.match(p.Id ?? '', /^p-[a-z0-9]{8}$/);
    assert.match(p.Arn ?? '', /^arn:aws:organizations::\d{12}:policy\/o-[a-z0-9]{10}\/service_control_policy\/p-[a-z0-9]{8}$/);
  }
  assert.deepEqual((await organizations.send(new ListPoliciesCommand({ Filter: 'TAG_POLICY' }))).Policies, []);
  const org = await organizations.send(new DescribeOrganizationCommand({}));
  assert.equal(org.Organization?.MasterAccountId, sandbox.accounts.find((a) => a.role === 'management')?.id);
});

test('a delegated administrator lists the organization\'s SCPs; other members are denied; the standalone account is not in an organization', async () => {
  const delegated = await (await clients('acme-production')).organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
  const management = await (await clients('acme-management')).organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
  assert.deepEqual(delegated.Policies?.map((p) => p.Id), management.Policies?.map((p) => p.Id));
  for (const name of ['acme-staging']) {
    const { organizations } = await clients(name);
    const error = await expectSdkError(organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })), 'AccessDeniedException', 400);
    assert.equal(error.message, "You don't have permissions to access this resource.");
  }
  const { organizations } = await clients('acme-legacy');
  const error = await expectSdkError(organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })), 'AWSOrganizationsNotInUseException', 400);
  assert.equal(error.message, 'Your account is not a member of an organization.');
  await expectSdkError(organizations.send(new DescribeOrganizationCommand({})), 'AWSOrganizationsNotInUseException', 400);
});

test('ListPolicies validates Filter and MaxResults', async () => {
  const { organizations } = await clients('acme-management');
  await expectSdkError(organizations.send(new ListPoliciesCommand({ Filter: 'EVERYTHING' as 'TAG_POLICY' })), 'InvalidInputException', 400);
  await expectSdkError(organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 21 })), 'InvalidInputException', 400);
  await expectSdkError(organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: 'bogus' })), 'InvalidInputException', 400);
});

/** Every target of a policy, a page of `pageSize` at a time. */
async function targetsOf(organizations: OrganizationsClient, policyId: string, pageSize = 20): Promise<PolicyTargetSummary[]> {
  const out: PolicyTargetSummary[] = [];
  for await (const page of paginateListTargetsForPolicy({ client: organizations, pageSize }, { PolicyId: policyId })) {
    assert.ok((page.Targets?.length ?? 0) <= pageSize);
    out.push(...(page.Targets ?? []));
  }
  return out;
}

/** The names of the SCPs attached directly to a root, OU or account. */
async function scpsAttachedTo(organizations: OrganizationsClient, targetId: string, pageSize = 20): Promise<string[]> {
  const out: string[] = [];
  for await (const page of paginateListPoliciesForTarget({ client: organizations, pageSize }, { TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' })) {
    out.push(...(page.Policies ?? []).map((p) => p.Name ?? ''));
  }
  return out;
}

/** The ids from the root down to the account (what an SCP must be attached to, to apply to it), by ListParents. */
async function pathOf(organizations: OrganizationsClient, accountId: string): Promise<string[]> {
  const ids = [accountId];
  for (let child = accountId; ; ) {
    const parent = (await organizations.send(new ListParentsCommand({ ChildId: child }))).Parents?.[0];
    assert.ok(parent?.Id);
    ids.unshift(parent.Id);
    if (parent.Type === 'ROOT') return ids;
    child = parent.Id;
  }
}

test('SCP attachments: FullAWSAccess on the root, customer SCPs on Security, Workloads/Production and acme-production itself, none on acme-staging\'s path', async () => {
  const { organizations } = await clients('acme-management');
  const org = (await organizations.send(new DescribeOrganizationCommand({}))).Organization;
  const rootId = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  const top = await ousUnder(organizations, rootId);
  const security = top.find((ou) => ou.Name === 'Security');
  const workloads = top.find((ou) => ou.Name === 'Workloads');
  const production = (await ousUnder(organizations, workloads?.Id ?? '')).find((ou) => ou.Name === 'Production');
  const policies = (await organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [];
  const idOf = (name: string) => policies.find((p) => p.Name === name)?.Id ?? '';

  assert.deepEqual(await targetsOf(organizations, 'p-FullAWSAccess'), [{ TargetId: rootId, Arn: `arn:aws:organizations::${org?.MasterAccountId}:root/${org?.Id}/${rootId}`, Name: 'Root', Type: 'ROOT' }]);
  assert.deepEqual(await targetsOf(organizations, idOf('DenyLeaveOrganization'), 1), [
    { TargetId: security?.Id, Arn: security?.Arn, Name: 'Security', Type: 'ORGANIZATIONAL_UNIT' },
    { TargetId: production?.Id, Arn: production?.Arn, Name: 'Production', Type: 'ORGANIZATIONAL_UNIT' },
  ]);
  assert.deepEqual((await targetsOf(organizations, idOf('DenyRootUser'))).map((t) => t.TargetId), [production?.Id]);
  const prod = info('acme-production').id;
  assert.deepEqual(await targetsOf(organizations, idOf('RegionAllowList')), [{ TargetId: prod, Arn: `arn:aws:organizations::${org?.MasterAccountId}:account/${org?.Id}/${prod}`, Name: 'acme-production', Type: 'ACCOUNT' }]);

  // ListPoliciesForTarget: what is attached directly, never what is inherited.
  assert.deepEqual(await scpsAttachedTo(organizations, rootId), ['FullAWSAccess']);
  assert.deepEqual(await scpsAttachedTo(organizations, production?.Id ?? '', 1), ['DenyLeaveOrganization', 'DenyRootUser']);
  assert.deepEqual(await scpsAttachedTo(organizations, prod), ['RegionAllowList']);
  assert.deepEqual(await scpsAttachedTo(organizations, workloads?.Id ?? ''), []);
  assert.deepEqual((await organizations.send(new ListPoliciesForTargetCommand({ TargetId: prod, Filter: 'TAG_POLICY' }))).Policies, []);

  // Walking acme-staging's path: only FullAWSAccess, though the organization defines three customer SCPs.
  const stagingPath = await pathOf(organizations, info('acme-staging').id);
  assert.equal(stagingPath.length, 4, 'root, Workloads, Staging, the account');
  const onPath = (await Promise.all(stagingPath.map((id) => scpsAttachedTo(organizations, id)))).flat();
  assert.deepEqual(onPath, ['FullAWSAccess']);
  assert.equal(policies.filter((p) => !p.AwsManaged).length, 3);
});

test('SCP attachments are read like the other List calls: a delegated administrator sees them, other members are denied, the standalone account is not in an organization', async () => {
  const management = (await clients('acme-management')).organizations;
  const delegated = (await clients('acme-production')).organizations;
  const rootId = (await management.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  assert.deepEqual(await targetsOf(delegated, 'p-FullAWSAccess'), await targetsOf(management, 'p-FullAWSAccess'));
  assert.deepEqual(await scpsAttachedTo(delegated, info('acme-production').id), ['RegionAllowList']);
  const { organizations } = await clients('acme-staging');
  for (const call of [
    () => organizations.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' })),
    () => organizations.send(new ListPoliciesForTargetCommand({ TargetId: info('acme-staging').id, Filter: 'SERVICE_CONTROL_POLICY' })),
  ]) {
    const error = await expectSdkError(call(), 'AccessDeniedException', 400);
    assert.equal(error.message, "You don't have permissions to access this resource.");
  }
  const legacy = (await clients('acme-legacy')).organizations;
  await expectSdkError(legacy.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' })), 'AWSOrganizationsNotInUseException', 400);
  await expectSdkError(legacy.send(new ListPoliciesForTargetCommand({ TargetId: rootId, Filter: 'SERVICE_CONTROL_POLICY' })), 'AWSOrganizationsNotInUseException', 400);
});

test('ListTargetsForPolicy and ListPoliciesForTarget validate their input and name what is missing', async () => {
  const { organizations } = await clients('acme-management');
  const rootId = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  const required = await expectSdkError(organizations.send(new ListTargetsForPolicyCommand({} as { PolicyId: string })), 'InvalidInputException', 400);
  assert.equal(required.Reason, 'INPUT_REQUIRED');
  const pattern = await expectSdkError(organizations.send(new ListTargetsForPolicyCommand({ PolicyId: 'FullAWSAccess' })), 'InvalidInputException', 400);
  assert.equal(pattern.Reason, 'INVALID_PATTERN');
  const missing = await expectSdkError(organizations.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-zzzzzzzz' })), 'PolicyNotFoundException', 400);
  assert.equal(missing.message, "We can't find a policy with the PolicyId that you specified.");
  await expectSdkError(organizations.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess', MaxResults: 21 })), 'InvalidInputException', 400);
  const page = await organizations.send(new ListPoliciesForTargetCommand({ TargetId: (await ousUnder(organizations, (await ousUnder(organizations, rootId)).find((ou) => ou.Name === 'Workloads')?.Id ?? '')).find((ou) => ou.Name === 'Production')?.Id, Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1 }));
  assert.ok(page.NextToken);
  const foreign = await expectSdkError(organizations.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess', NextToken: page.NextToken })), 'InvalidInputException', 400);
  assert.equal(foreign.Reason, 'INVALID_NEXT_TOKEN', 'a token belongs to the query that gave it');

  const noFilter = await expectSdkError(organizations.send(new ListPoliciesForTargetCommand({ TargetId: rootId } as { TargetId: string; Filter: 'SERVICE_CONTROL_POLICY' })), 'InvalidInputException', 400);
  assert.equal(noFilter.Reason, 'INVALID_ENUM');
  const badTarget = await expectSdkError(organizations.send(new ListPoliciesForTargetCommand({ TargetId: 'Workloads', Filter: 'SERVICE_CONTROL_POLICY' })), 'InvalidInputException', 400);
  assert.equal(badTarget.Reason, 'INVALID_PATTERN');
  for (const TargetId of ['000000000000', info('acme-legacy').id, `ou-${rootId.slice(2)}-zzzzzzzz`, 'r-zzzz']) {
    const error = await expectSdkError(organizations.send(new ListPoliciesForTargetCommand({ TargetId, Filter: 'SERVICE_CONTROL_POLICY' })), 'TargetNotFoundException', 400);
    assert.equal(error.message, "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }
});

function info(name: string) {
  const account = sandbox.accounts.find((a) => a.name === name);
  assert.ok(account, name);
  return account;
}

async function ousUnder(organizations: OrganizationsClient, parentId: string): Promise<OrganizationalUnit[]> {
  const out: OrganizationalUnit[] = [];
  for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations, pageSize: 1 }, { ParentId: parentId })) {
    assert.ok((page.OrganizationalUnits?.length ?? 0) <= 1);
    out.push(...(page.OrganizationalUnits ?? []));
  }
  return out;
}

test('the demo accounts sit in a small OU tree: management under the root, Workloads/Production and Workloads/Staging, an empty Security; acme-legacy is outside', async () => {
  const { organizations } = await clients('acme-management');
  const org = (await organizations.send(new DescribeOrganizationCommand({}))).Organization;
  const roots = (await organizations.send(new ListRootsCommand({}))).Roots ?? [];
  assert.equal(roots.length, 1);
  const root = roots[0];
  assert.match(root?.Id ?? '', /^r-[0-9a-z]{4}$/);
  assert.equal(root?.Arn, `arn:aws:organizations::${org?.MasterAccountId}:root/${org?.Id}/${root?.Id}`);
  assert.equal(root?.Name, 'Root');
  assert.deepEqual(root?.PolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
  const rootId = root?.Id ?? '';

  const top = await ousUnder(organizations, rootId);
  assert.deepEqual(top.map((ou) => ou.Name).sort(), ['Security', 'Workloads']);
  const workloads = top.find((ou) => ou.Name === 'Workloads');
  assert.match(workloads?.Id ?? '', new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
  assert.equal(workloads?.Arn, `arn:aws:organizations::${org?.MasterAccountId}:ou/${org?.Id}/${workloads?.Id}`);
  assert.equal(workloads?.Path, `${org?.Id}/${rootId}/${workloads?.Id}/`);
  const envs = await ousUnder(organizations, workloads?.Id ?? '');
  assert.deepEqual(envs.map((ou) => ou.Name).sort(), ['Production', 'Staging']);
  const production = envs.find((ou) => ou.Name === 'Production');
  assert.equal(production?.Path, `${org?.Id}/${rootId}/${workloads?.Id}/${production?.Id}/`);

  const described = (await organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: production?.Id }))).OrganizationalUnit;
  assert.deepEqual(described, production);

  const inProduction = (await organizations.send(new ListAccountsForParentCommand({ ParentId: production?.Id }))).Accounts ?? [];
  assert.deepEqual(inProduction.map((a) => a.Name), ['acme-production']);
  assert.deepEqual(inProduction[0]?.Paths, [`${org?.Id}/${rootId}/${workloads?.Id}/${production?.Id}/${info('acme-production').id}/`]);
  const inRoot = (await organizations.send(new ListAccountsForParentCommand({ ParentId: rootId }))).Accounts ?? [];
  assert.deepEqual(inRoot.map((a) => a.Name), ['acme-management']);
  const security = top.find((ou) => ou.Name === 'Security');
  assert.deepEqual((await organizations.send(new ListAccountsForParentCommand({ ParentId: security?.Id }))).Accounts, []);
  assert.deepEqual((await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: security?.Id }))).OrganizationalUnits, []);

  const children = await organizations.send(new ListChildrenCommand({ ParentId: workloads?.Id, ChildType: 'ORGANIZATIONAL_UNIT' }));
  assert.deepEqual(children.Children?.map((c) => c.Id).sort(), envs.map((ou) => ou.Id).sort());
  assert.deepEqual((await organizations.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }))).Children, [{ Id: info('acme-management').id, Type: 'ACCOUNT' }]);

  const parentOfProd = (await organizations.send(new ListParentsCommand({ ChildId: info('acme-production').id }))).Parents;
  assert.deepEqual(parentOfProd, [{ Id: production?.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
  assert.deepEqual((await organizations.send(new ListParentsCommand({ ChildId: workloads?.Id }))).Parents, [{ Id: rootId, Type: 'ROOT' }]);
  assert.deepEqual((await organizations.send(new ListParentsCommand({ ChildId: info('acme-management').id }))).Parents, [{ Id: rootId, Type: 'ROOT' }]);
});

test('ListAccounts pages through the organization’s accounts with their status and how they joined', async () => {
  const { organizations } = await clients('acme-management');
  const accounts: Account[] = [];
  for await (const page of paginateListAccounts({ client: organizations, pageSize: 1 }, {})) {
    assert.equal(page.Accounts?.length, 1);
    accounts.push(...(page.Accounts ?? []));
  }
  assert.deepEqual(accounts.map((a) => a.Name), ['acme-management', 'acme-production', 'acme-staging']);
  const org = (await organizations.send(new DescribeOrganizationCommand({}))).Organization;
  for (const account of accounts) {
    const demo = info(account.Name ?? '');
    assert.equal(account.Id, demo.id);
    assert.equal(account.Email, demo.email);
    assert.equal(account.Arn, `arn:aws:organizations::${org?.MasterAccountId}:account/${org?.Id}/${demo.id}`);
    assert.equal(account.Status, 'ACTIVE');
    assert.equal(account.State, 'ACTIVE');
    assert.ok(account.JoinedTimestamp instanceof Date && account.JoinedTimestamp.getTime() < sandbox.now().getTime());
  }
  assert.deepEqual(accounts.map((a) => a.JoinedMethod), ['INVITED', 'CREATED', 'CREATED']);
  const whole = await organizations.send(new ListAccountsCommand({}));
  assert.equal(whole.Accounts?.length, 3);
  assert.equal(whole.NextToken, undefined);

  const described = (await organizations.send(new DescribeAccountCommand({ AccountId: info('acme-staging').id }))).Account;
  assert.deepEqual(described, accounts[2]);
  await expectSdkError(organizations.send(new DescribeAccountCommand({ AccountId: info('acme-legacy').id })), 'AccountNotFoundException', 400);
});

test('the organization APIs validate ids, MaxResults and NextToken, and name what is missing', async () => {
  const { organizations } = await clients('acme-management');
  const rootId = (await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  for (const MaxResults of [0, 21]) {
    const error = await expectSdkError(organizations.send(new ListAccountsCommand({ MaxResults })), 'InvalidInputException', 400);
    assert.equal(error.Reason, MaxResults === 0 ? 'MIN_VALUE_EXCEEDED' : 'MAX_VALUE_EXCEEDED');
  }
  assert.equal((await organizations.send(new ListAccountsCommand({ MaxResults: 20 }))).Accounts?.length, 3);
  const bogus = await expectSdkError(organizations.send(new ListAccountsCommand({ NextToken: 'bogus' })), 'InvalidInputException', 400);
  assert.equal(bogus.Reason, 'INVALID_NEXT_TOKEN');
  const page = await organizations.send(new ListAccountsCommand({ MaxResults: 1 }));
  assert.ok(page.NextToken);
  await expectSdkError(organizations.send(new ListAccountsForParentCommand({ ParentId: rootId, NextToken: page.NextToken })), 'InvalidInputException', 400);
  const pattern = await expectSdkError(organizations.send(new ListAccountsForParentCommand({ ParentId: 'Workloads' })), 'InvalidInputException', 400);
  assert.equal(pattern.Reason, 'INVALID_PATTERN');
  await expectSdkError(organizations.send(new ListAccountsForParentCommand({ ParentId: `ou-${rootId.slice(2)}-zzzzzzzz` })), 'ParentNotFoundException', 400);
  await expectSdkError(organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-zzzz' })), 'ParentNotFoundException', 400);
  await expectSdkError(organizations.send(new ListParentsCommand({ ChildId: '000000000000' })), 'ChildNotFoundException', 400);
  await expectSdkError(organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: `ou-${rootId.slice(2)}-zzzzzzzz` })), 'OrganizationalUnitNotFoundException', 400);
  await expectSdkError(organizations.send(new DescribeAccountCommand({ AccountId: '12' })), 'InvalidInputException', 400);
});

test('members read the tree only as delegated administrators; the standalone account is not in an organization', async () => {
  const production = await clients('acme-production');
  const accounts: Account[] = [];
  for await (const page of paginateListAccountsForParent({ client: production.organizations, pageSize: 20 }, { ParentId: (await production.organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id })) {
    accounts.push(...(page.Accounts ?? []));
  }
  assert.deepEqual(accounts.map((a) => a.Name), ['acme-management']);
  assert.deepEqual((await production.organizations.send(new ListDelegatedAdministratorsCommand({}))).DelegatedAdministrators, [], 'the delegation policy registers no service');

  const staging = await clients('acme-staging');
  assert.equal((await staging.organizations.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId, info('acme-management').id, 'any member may describe its organization');
  for (const call of [
    () => staging.organizations.send(new ListRootsCommand({})),
    () => staging.organizations.send(new ListAccountsCommand({})),
    () => staging.organizations.send(new DescribeAccountCommand({ AccountId: info('acme-staging').id })),
    () => staging.organizations.send(new ListParentsCommand({ ChildId: info('acme-staging').id })),
    () => staging.organizations.send(new ListDelegatedAdministratorsCommand({})),
  ]) {
    const error = await expectSdkError(call(), 'AccessDeniedException', 400);
    assert.equal(error.message, "You don't have permissions to access this resource.");
  }
  const legacy = await clients('acme-legacy');
  await expectSdkError(legacy.organizations.send(new ListAccountsCommand({})), 'AWSOrganizationsNotInUseException', 400);
  await expectSdkError(legacy.organizations.send(new ListRootsCommand({})), 'AWSOrganizationsNotInUseException', 400);
});

test('without the organization option there is no generated organization to discover', () => {
  assert.equal(sandbox.organization, null);
  assert.deepEqual(sandbox.accounts.map((a) => a.name), ['acme-management', 'acme-production', 'acme-staging', 'acme-legacy']);
});

describe('a generated organization of 40 members', () => {
  let org: Sandbox;
  const mine: SandboxClients[] = [];
  const NOW = new Date('2025-06-15T12:00:00Z');

  before(async () => {
    org = await startSandbox({ port: 0, seed: 909, now: NOW, organization: { accounts: 40 } });
  });

  after(async () => {
    mine.forEach(destroyClients);
    await org.close();
  });

  function base(): SandboxClients {
    const c = sandboxClients(org);
    mine.push(c);
    return c;
  }

  const info = () => {
    assert.ok(org.organization);
    return org.organization;
  };
  const members = (): AccountState[] => org.state.accounts.filter((a) => !a.handConfigured && a.membership !== null);
  const memberWhere = (predicate: (a: AccountState) => boolean): AccountState => {
    const found = members().find(predicate);
    assert.ok(found, 'a generated member of that kind');
    return found;
  };
  const hasRole = (a: AccountState) => a.roles.some((r) => r.roleName === 'WardenAuditRole');
  const ordinary = (index = 0): AccountState => {
    const found = members().filter((a) => a.membership?.status === 'ACTIVE' && hasRole(a) && a.id !== info().analyzerAdministratorAccountId)[index];
    assert.ok(found);
    return found;
  };

  async function assume(accountId: string, externalId: string | null | undefined = info().memberRoleExternalId): Promise<ClientCredentials> {
    const result = await base().sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/WardenAuditRole`, RoleSessionName: 'warden', ...(externalId ? { ExternalId: externalId } : {}) }));
    const c = result.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  }

  async function enter(accountId: string, region = 'us-east-1'): Promise<SandboxClients> {
    const c = sandboxClients(org, { region, credentials: await assume(accountId) });
    mine.push(c);
    return c;
  }

  async function allAccounts(client: OrganizationsClient, pageSize?: number): Promise<Account[]> {
    const out: Account[] = [];
    for await (const page of paginateListAccounts({ client, ...(pageSize ? { pageSize } : {}) }, {})) out.push(...(page.Accounts ?? []));
    return out;
  }

  test('Warden is told the management account, the member role and its ExternalId; the demo plan still names only the demo accounts', () => {
    const o = info();
    assert.equal(o.managementAccountId, org.accounts.find((a) => a.usesBaseCredentials)?.id);
    assert.equal(o.memberRoleName, 'WardenAuditRole');
    assert.match(o.memberRoleExternalId ?? '', /^warden-org-[a-z0-9]{12}$/);
    assert.equal(o.accountCount, 43, '40 generated members, the management account and two demo members');
    assert.equal(o.organizationalUnitCount, 30);
    assert.deepEqual(Object.keys(o.organizationAnalyzerArns).sort(), ['eu-west-1', 'us-east-1']);
    assert.deepEqual(org.accounts.map((a) => a.name), ['acme-management', 'acme-production', 'acme-staging', 'acme-legacy']);
    assert.equal(members().length, 40);
  });

  test('every List API pages: accounts 20 at a time, OUs, children, parents, roots and delegated administrators', async () => {
    const { organizations } = base();
    const byDefault = await organizations.send(new ListAccountsCommand({}));
    assert.equal(byDefault.Accounts?.length, 20, 'AWS returns at most 20 a page');
    assert.ok(byDefault.NextToken);
    const accounts = await allAccounts(organizations);
    assert.equal(accounts.length, 43);
    assert.equal(new Set(accounts.map((a) => a.Id)).size, 43);
    assert.deepEqual((await allAccounts(organizations, 7)).map((a) => a.Id), accounts.map((a) => a.Id));

    const roots = [];
    for await (const page of paginateListRoots({ client: organizations, pageSize: 1 }, {})) roots.push(...(page.Roots ?? []));
    assert.equal(roots.length, 1);
    const rootId = roots[0]?.Id ?? '';

    // Walk the whole tree by ListOrganizationalUnitsForParent and ListAccountsForParent, 3 at a time.
    const seen: Account[] = [];
    const ous: { id: string; names: string[]; path?: string }[] = [];
    const walk = async (parentId: string, names: string[]) => {
      for await (const page of paginateListAccountsForParent({ client: organizations, pageSize: 3 }, { ParentId: parentId })) seen.push(...(page.Accounts ?? []));
      const children: OrganizationalUnit[] = [];
      for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations, pageSize: 3 }, { ParentId: parentId })) children.push(...(page.OrganizationalUnits ?? []));
      const viaChildren: string[] = [];
      for await (const page of paginateListChildren({ client: organizations, pageSize: 2 }, { ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' })) viaChildren.push(...(page.Children ?? []).map((c) => c.Id ?? ''));
      assert.deepEqual(viaChildren, children.map((c) => c.Id));
      for (const child of children) {
        ous.push({ id: child.Id ?? '', names: [...names, child.Name ?? ''], path: child.Path });
        await walk(child.Id ?? '', [...names, child.Name ?? '']);
      }
    };
    await walk(rootId, []);
    assert.equal(ous.length, 30);
    assert.deepEqual(seen.map((a) => a.Id).sort(), accounts.map((a) => a.Id).sort(), 'every account sits in exactly one place');
    const names = new Set(ous.map((ou) => ou.names.join('/')));
    for (const path of ['Security', 'Infrastructure/Networking', 'Workloads/Production/Payments/EU', 'Workloads/Staging/Identity', 'Workloads/Development/Mobile', 'Sandbox', 'Suspended']) {
      assert.ok(names.has(path), path);
    }
    assert.equal(Math.max(...ous.map((ou) => ou.names.length)), 4, 'four levels of OUs');

    // An account's Paths and ListParents (1 a page) tell the same OU path.
    const deep = accounts.find((a) => (a.Paths?.[0]?.split('/').length ?? 0) >= 6);
    assert.ok(deep, 'an account three OUs down');
    const chain: string[] = [];
    let child = deep.Id ?? '';
    while (child !== rootId) {
      const parents = [];
      for await (const page of paginateListParents({ client: organizations, pageSize: 1 }, { ChildId: child })) parents.push(...(page.Parents ?? []));
      assert.equal(parents.length, 1);
      child = parents[0]?.Id ?? '';
      chain.unshift(child);
    }
    const orgId = (await organizations.send(new DescribeOrganizationCommand({}))).Organization?.Id;
    assert.deepEqual(deep.Paths, [`${orgId}/${chain.join('/')}/${deep.Id}/`]);

    const admins = [];
    for await (const page of paginateListDelegatedAdministrators({ client: organizations, pageSize: 1 }, { ServicePrincipal: 'access-analyzer.amazonaws.com' })) admins.push(...(page.DelegatedAdministrators ?? []));
    assert.deepEqual(admins.map((a) => a.Id), [info().analyzerAdministratorAccountId]);
    assert.equal(admins[0]?.Name, 'acme-security-tooling');
    assert.ok(admins[0]?.DelegationEnabledDate instanceof Date);
    assert.deepEqual((await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }))).DelegatedAdministrators, []);
  });

  test('statuses and join methods vary: suspended accounts in the Suspended OU, one closing, acquired ones invited', async () => {
    const accounts = await allAccounts(base().organizations);
    const statuses = accounts.map((a) => a.Status);
    assert.equal(statuses.filter((s) => s === 'SUSPENDED').length, 1);
    assert.equal(statuses.filter((s) => s === 'PENDING_CLOSURE').length, 1);
    assert.ok(accounts.every((a) => a.State === a.Status));
    assert.ok(accounts.some((a) => a.JoinedMethod === 'INVITED') && accounts.some((a) => a.JoinedMethod === 'CREATED'));
    const suspended = accounts.find((a) => a.Status === 'SUSPENDED');
    const { organizations } = base();
    const parent = (await organizations.send(new ListParentsCommand({ ChildId: suspended?.Id }))).Parents?.[0];
    assert.equal((await organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent?.Id }))).OrganizationalUnit?.Name, 'Suspended');
  });

  test('the delegated administrator reads the organization; an ordinary member is refused', async () => {
    const admin = await enter(info().analyzerAdministratorAccountId ?? '');
    assert.equal((await allAccounts(admin.organizations)).length, 43);
    assert.equal((await admin.organizations.send(new DescribeAccountCommand({ AccountId: ordinary().id }))).Account?.Name, ordinary().name);
    const member = await enter(ordinary().id);
    await expectSdkError(member.organizations.send(new ListAccountsCommand({})), 'AccessDeniedException', 400);
    await expectSdkError(member.organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: info().rootId })), 'AccessDeniedException', 400);
    assert.equal((await member.organizations.send(new DescribeOrganizationCommand({}))).Organization?.Id, info().id);
  });

  test('the member role: the common ExternalId opens every active member (acme-production too); a missing role, a suspended or closing account answer AccessDenied', async () => {
    const sts = base().sts;
    const active = ordinary();
    const session = sandboxClients(org, { credentials: await assume(active.id) });
    mine.push(session);
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${active.id}:assumed-role/WardenAuditRole/warden`);
    await expectSdkError(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${active.id}:role/WardenAuditRole`, RoleSessionName: 'warden' })), 'AccessDenied', 403);
    await expectSdkError(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${active.id}:role/WardenAuditRole`, RoleSessionName: 'warden', ExternalId: 'warden-wrong-one' })), 'AccessDenied', 403);

    const production = org.accounts.find((a) => a.name === 'acme-production');
    assert.ok(production?.externalId);
    await assume(production.id);
    await assume(production.id, production.externalId);

    const denied = async (account: AccountState) => {
      const error = await expectSdkError(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.id}:role/WardenAuditRole`, RoleSessionName: 'warden', ExternalId: info().memberRoleExternalId ?? undefined })), 'AccessDenied', 403);
      assert.match(error.message, new RegExp(`is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account.id}:role/WardenAuditRole$`));
    };
    const missing = memberWhere((a) => !hasRole(a));
    assert.equal(missing.membership?.status, 'ACTIVE');
    await denied(missing);
    await denied(memberWhere((a) => a.membership?.status === 'SUSPENDED'));
    await denied(memberWhere((a) => a.membership?.status === 'PENDING_CLOSURE'));
  });

  test('the organization analyzer: findings of the members’ resources, ListFindings v1 with every summary field, duplicates from account analyzers, invisible to members', async () => {
    const adminId = info().analyzerAdministratorAccountId ?? '';
    const analyzerArn = info().organizationAnalyzerArns['us-east-1'] ?? '';
    const admin = await enter(adminId);
    const analyzers = (await admin.accessAnalyzer.send(new ListAnalyzersCommand({ type: 'ORGANIZATION' }))).analyzers ?? [];
    assert.deepEqual(analyzers.map((a) => a.arn), [analyzerArn]);

    const v1: FindingSummary[] = [];
    for await (const page of paginateListFindings({ client: admin.accessAnalyzer, pageSize: 1000 }, { analyzerArn })) {
      assert.ok((page.findings?.length ?? 0) <= 100, 'pages of at most 100');
      v1.push(...(page.findings ?? []));
    }
    assert.ok(v1.length > 20);
    const owners = new Set(v1.map((f) => f.resourceOwnerAccount));
    assert.ok(owners.size > 5, 'findings of many members');
    assert.ok([...owners].every((id) => members().some((m) => m.id === id)));
    for (const f of v1) {
      assert.ok(f.id && f.principal && f.action && f.condition && typeof f.isPublic === 'boolean' && f.resource && f.resourceType && f.status && f.sources);
      assert.ok(f.createdAt instanceof Date && f.updatedAt instanceof Date && f.analyzedAt instanceof Date);
    }
    assert.ok(v1.some((f) => f.status === 'ARCHIVED' && f.resourceType === 'AWS::IAM::Role' && f.condition?.['sts:externalid']), 'the archive rule archived vendor roles behind an ExternalId');

    const v2: string[] = [];
    for await (const page of paginateListFindingsV2({ client: admin.accessAnalyzer, pageSize: 50 }, { analyzerArn })) v2.push(...(page.findings ?? []).map((f) => f.id ?? ''));
    assert.deepEqual(v2.sort(), v1.map((f) => f.id ?? '').sort());

    // A member with its own ACCOUNT analyzer reports some of the same resources (same ARN).
    const duplicate = members().find((m) => m.id !== adminId && m.findings.some((f) => f.findingType === 'ExternalAccess' && v1.some((o) => o.resource === f.resource && o.resourceOwnerAccount === m.id)));
    assert.ok(duplicate, 'a resource reported by both analyzers');
    const member = await enter(duplicate.id);
    const own = (await member.accessAnalyzer.send(new ListAnalyzersCommand({}))).analyzers ?? [];
    assert.ok(own.length > 0 && own.every((a) => a.type !== 'ORGANIZATION'), 'members do not see the organization analyzer');
    const ownFindings = await member.accessAnalyzer.send(new ListFindingsCommand({ analyzerArn: own.find((a) => a.type === 'ACCOUNT')?.arn }));
    assert.ok((ownFindings.findings ?? []).some((f) => v1.some((o) => o.resource === f.resource)));
    const refused = await expectSdkError(member.accessAnalyzer.send(new ListFindingsV2Command({ analyzerArn })), 'AccessDeniedException', 403);
    assert.match(refused.message, /access-analyzer:ListFindings on resource: arn:aws:access-analyzer:us-east-1:\d{12}:analyzer\/org-external-access/);
    await expectSdkError(member.accessAnalyzer.send(new UpdateFindingsCommand({ analyzerArn, status: 'ARCHIVED', ids: [v1[0]?.id ?? ''] })), 'AccessDeniedException', 403);
  });

  test('the administrator archives an organization finding, and an archive rule applied to a member’s resources', async () => {
    const analyzerArn = info().organizationAnalyzerArns['us-east-1'] ?? '';
    const admin = await enter(info().analyzerAdministratorAccountId ?? '');
    const active = async (filter = {}) => {
      const out: FindingSummary[] = [];
      for await (const page of paginateListFindings({ client: admin.accessAnalyzer }, { analyzerArn, filter: { status: { eq: ['ACTIVE'] }, ...filter } })) out.push(...(page.findings ?? []));
      return out;
    };
    const before = await active();
    const target = before[0];
    assert.ok(target?.id);
    await admin.accessAnalyzer.send(new UpdateFindingsCommand({ analyzerArn, status: 'ARCHIVED', ids: [target.id] }));
    const afterArchive = await active();
    assert.equal(afterArchive.length, before.length - 1);
    const archived = org.state.accounts.flatMap((a) => a.findings).find((f) => f.id === target.id);
    assert.equal(archived?.status, 'ARCHIVED');
    await admin.accessAnalyzer.send(new UpdateFindingsCommand({ analyzerArn, status: 'ACTIVE', ids: [target.id] }));
    assert.equal((await active()).length, before.length);

    const owner = target.resourceOwnerAccount ?? '';
    const ofOwner = await active({ resourceOwnerAccount: { eq: [owner] } });
    assert.ok(ofOwner.length > 0);
    await admin.accessAnalyzer.send(new CreateArchiveRuleCommand({ analyzerName: 'org-external-access', ruleName: 'sandbox-accounts', filter: { resourceOwnerAccount: { eq: [owner] } } }));
    assert.equal((await active()).length, before.length, 'a new rule archives only findings that arrive later');
    await admin.accessAnalyzer.send(new ApplyArchiveRuleCommand({ analyzerArn, ruleName: 'sandbox-accounts' }));
    assert.deepEqual(await active({ resourceOwnerAccount: { eq: [owner] } }), []);
    assert.equal((await active()).length, before.length - ofOwner.length);
    await expectSdkError(admin.accessAnalyzer.send(new CreateArchiveRuleCommand({ analyzerName: 'org-external-access', ruleName: 'sandbox-accounts', filter: { resourceOwnerAccount: { eq: [owner] } } })), 'ConflictException', 409);
    await expectSdkError(admin.accessAnalyzer.send(new ApplyArchiveRuleCommand({ analyzerArn, ruleName: 'missing' })), 'ResourceNotFoundException', 404);
  });

  test('control: an account joins an OU with the member role, moves, is suspended and reactivated, loses its role, and leaves', async () => {
    const { organizations } = base();
    const added = org.addMemberAccount({ name: 'acme-new-team-prod', ouPath: 'Workloads/Production' });
    assert.equal(added.ouPath, 'Root/Workloads/Production');
    assert.equal(added.hasMemberRole, true);
    assert.equal(added.roleArn, `arn:aws:iam::${added.id}:role/WardenAuditRole`);
    assert.ok(!org.accounts.some((a) => a.id === added.id), 'left to discovery');
    const inOu = (await organizations.send(new ListAccountsForParentCommand({ ParentId: added.parentId }))).Accounts ?? [];
    assert.deepEqual(inOu.map((a) => a.Name), ['acme-production', 'acme-new-team-prod']);
    const joined = inOu[1];
    assert.equal(joined?.JoinedMethod, 'CREATED');
    assert.ok(Math.abs((joined?.JoinedTimestamp?.getTime() ?? 0) - org.now().getTime()) < 5000, 'joined now');
    assert.equal((await allAccounts(organizations)).length, 44);
    const session = await enter(added.id);
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Account, added.id);

    const endpoint = org.endpoint;
    const moved = await moveRemoteAccount(endpoint, added.id, { ouPath: 'Sandbox' });
    assert.equal(moved.ouPath, 'Root/Sandbox');
    assert.equal((await organizations.send(new ListParentsCommand({ ChildId: added.id }))).Parents?.[0]?.Id, moved.parentId);

    const suspended = await setRemoteAccountStatus(endpoint, added.id, 'SUSPENDED');
    assert.equal(suspended.status, 'SUSPENDED');
    assert.equal((await organizations.send(new DescribeAccountCommand({ AccountId: added.id }))).Account?.Status, 'SUSPENDED');
    await expectSdkError(session.sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await expectSdkError(session.organizations.send(new DescribeOrganizationCommand({})), 'UnrecognizedClientException', 400);
    await expectSdkError(assume(added.id), 'AccessDenied', 403);
    await setRemoteAccountStatus(endpoint, added.id, 'ACTIVE');
    await assume(added.id);

    await deleteRemoteMemberRole(endpoint, added.id);
    assert.equal(org.organizationMember(added.id).hasMemberRole, false);
    await expectSdkError(assume(added.id), 'AccessDenied', 403);

    const withoutRole = await addRemoteMemberAccount(endpoint, { name: 'acme-no-role', memberRole: false, joinedMethod: 'INVITED' });
    assert.equal(withoutRole.ouPath, 'Root');
    assert.equal(withoutRole.hasMemberRole, false);
    await expectSdkError(assume(withoutRole.id), 'AccessDenied', 403);

    await removeRemoteAccountFromOrganization(endpoint, added.id);
    await expectSdkError(organizations.send(new DescribeAccountCommand({ AccountId: added.id })), 'AccountNotFoundException', 400);
    assert.equal((await allAccounts(organizations)).length, 44);
    assert.ok(!org.state.accounts.flatMap((a) => a.findings).some((f) => f.resourceOwnerAccount === added.id && f.analyzerArn.endsWith('/org-external-access')), 'the organization analyzer forgets its resources');
  });

  test('control refuses what AWS refuses, with a sentence', async () => {
    const management = info().managementAccountId;
    await assert.rejects(removeRemoteAccountFromOrganization(org.endpoint, management), /management account/);
    await assert.rejects(removeRemoteAccountFromOrganization(org.endpoint, info().analyzerAdministratorAccountId ?? ''), /delegated administrator/);
    await assert.rejects(setRemoteAccountStatus(org.endpoint, management, 'SUSPENDED'), /management account/);
    await assert.rejects(addRemoteMemberAccount(org.endpoint, { ouPath: 'Workloads/Nowhere' }), /no OU at Workloads\/Nowhere/);
    await assert.rejects(addRemoteMemberAccount(org.endpoint, { name: 'acme-production' }), /exists already/);
    assert.throws(() => org.deleteMemberRole('000000000000'), /no account/);
  });

  test('a control-added account’s exposed resources reach the organization analyzer', () => {
    const before = org.state.accounts.flatMap((a) => a.findings).length;
    let added = 0;
    for (let i = 0; i < 6; i++) {
      const member = org.addMemberAccount({ name: `acme-burst-${i}`, ouPath: 'Workloads/Development/Mobile' });
      added += org.state.accounts.flatMap((a) => a.findings).filter((f) => f.resourceOwnerAccount === member.id && f.analyzerArn.endsWith('/org-external-access')).length;
    }
    assert.ok(org.state.accounts.flatMap((a) => a.findings).length >= before + added);
    assert.ok(added > 0, 'some of six new accounts expose something');
  });

  test('SCP attachments in the generated tree: members under Workloads/Production inherit its SCPs, members under Workloads/Staging have none; a target that leaves the organization is no longer listed', async () => {
    const { organizations } = base();
    const under = (prefix: string) => memberWhere((a) => a.membership?.status === 'ACTIVE' && org.organizationMember(a.id).ouPath.startsWith(prefix));
    const attachedOnPath = async (accountId: string) => (await Promise.all((await pathOf(organizations, accountId)).map((id) => scpsAttachedTo(organizations, id)))).flat().sort();
    assert.deepEqual(await attachedOnPath(under('Root/Workloads/Production/').id), ['DenyLeaveOrganization', 'DenyRootUser', 'FullAWSAccess']);
    assert.deepEqual(await attachedOnPath(under('Root/Workloads/Staging/').id), ['FullAWSAccess']);

    const leaving = org.addMemberAccount({ name: 'acme-scp-target', ouPath: 'Sandbox' });
    const regionAllowList = org.state.accounts.find((a) => a.role === 'management')?.serviceControlPolicies.find((p) => p.name === 'RegionAllowList');
    assert.ok(regionAllowList);
    regionAllowList.targetIds.push(leaving.id);
    assert.deepEqual((await targetsOf(organizations, regionAllowList.id)).map((t) => [t.Name, t.Type]), [['acme-production', 'ACCOUNT'], ['acme-scp-target', 'ACCOUNT']]);
    await removeRemoteAccountFromOrganization(org.endpoint, leaving.id);
    assert.deepEqual((await targetsOf(organizations, regionAllowList.id)).map((t) => t.Name), ['acme-production']);
    await expectSdkError(organizations.send(new ListPoliciesForTargetCommand({ TargetId: leaving.id, Filter: 'SERVICE_CONTROL_POLICY' })), 'TargetNotFoundException', 400);
  });
});
