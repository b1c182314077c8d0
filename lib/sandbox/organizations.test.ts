import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DescribeOrganizationCommand, ListPoliciesCommand, paginateListPolicies, type PolicySummary } from '@aws-sdk/client-organizations';

import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 505 });
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
