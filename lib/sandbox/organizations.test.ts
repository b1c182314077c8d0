import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

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
  ListRootsCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  type Account,
  type OrganizationalUnit,
  type OrganizationsClient,
  type PolicySummary,
} from '@aws-sdk/client-organizations';

import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';

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
