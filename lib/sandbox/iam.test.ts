import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccessKeyCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListRoles,
  paginateListUsers,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
import type { AccountState } from './model';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
let clients: SandboxClients;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 101 });
  clients = sandboxClients(sandbox);
  opened.push(clients);
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

function model(name: string): AccountState {
  const account = sandbox.state.accounts.find((a) => a.name === name);
  assert.ok(account);
  return account;
}

async function iamFor(name: string): Promise<IAMClient> {
  const c = await clientsForAccount(sandbox, name);
  opened.push(c);
  return c.iam;
}

function parseCsv(content: Uint8Array | undefined): string[][] {
  assert.ok(content);
  return Buffer.from(content).toString('utf8').split('\n').map((line) => line.split(','));
}

const REPORT_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

test('credential report: not present, then STARTED → INPROGRESS → COMPLETE across calls, then the 22-column CSV', async () => {
  const iam = await iamFor('acme-production');
  await expectSdkError(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotPresentException', 410);
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
  await expectSdkError(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotReadyException', 404);
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
  const report = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(report.ReportFormat, 'text/csv');
  assert.ok(report.GeneratedTime instanceof Date);
  const rows = parseCsv(report.Content);
  assert.deepEqual(rows[0], [...CREDENTIAL_REPORT_COLUMNS]);
  assert.equal(rows[0]?.length, 22);
  for (const row of rows) assert.equal(row.length, 22);
  const root = rows[1];
  assert.equal(root?.[0], '<root_account>');
  assert.equal(root?.[3], 'not_supported');
  assert.equal(root?.[4], 'no_information');
  assert.equal(root?.[5], 'not_supported');
  assert.equal(root?.[6], 'not_supported');
  assert.equal(root?.[7], 'true');
  const byUser = new Map(rows.slice(2).map((row) => [row[0], row]));
  const daniel = byUser.get('daniel.kim');
  assert.match(daniel?.[4] ?? '', REPORT_DATE);
  assert.equal(daniel?.[7], 'false');
  assert.equal(byUser.get('former.contractor')?.[4], 'no_information');
  const ci = byUser.get('ci-deployer');
  assert.deepEqual(ci?.slice(3, 7), ['false', 'N/A', 'N/A', 'N/A']);
  assert.equal(ci?.[8], 'true');
  assert.match(ci?.[9] ?? '', REPORT_DATE);
  assert.equal(ci?.[13], 'false', 'second key inactive (mid-rotation)');
  assert.deepEqual(ci?.slice(15, 18), ['N/A', 'N/A', 'N/A'], 'second key never used');
  assert.deepEqual(ci?.slice(18), ['false', 'N/A', 'false', 'N/A']);
  assert.match(byUser.get('emma.rossi')?.[6] ?? '', REPORT_DATE, 'password_next_rotation under a 90-day policy');
});

test('credential report: the three-call lifecycle with Generate only, and the 4-hour reuse', async () => {
  const iam = await iamFor('acme-staging');
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'INPROGRESS');
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
  const first = await iam.send(new GetCredentialReportCommand({}));
  sandbox.advanceClock(30 * 60_000);
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE', 'reused within 4 hours');
  const same = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(same.GeneratedTime?.getTime(), first.GeneratedTime?.getTime());
});

test('deactivating a key changes the next credential report; an expired report must be regenerated', async () => {
  const iam = clients.iam;
  const alice = model('acme-management').users.find((u) => u.userName === 'alice.martin');
  const keyId = alice?.accessKeys[0]?.accessKeyId;
  assert.ok(keyId);
  await iam.send(new GenerateCredentialReportCommand({}));
  await iam.send(new GenerateCredentialReportCommand({}));
  await iam.send(new GenerateCredentialReportCommand({}));
  const before = parseCsv((await iam.send(new GetCredentialReportCommand({}))).Content);
  assert.equal(before.find((row) => row[0] === 'alice.martin')?.[8], 'true');

  await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice.martin', AccessKeyId: keyId, Status: 'Inactive' }));
  const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'alice.martin' }));
  assert.equal(keys.AccessKeyMetadata?.[0]?.Status, 'Inactive');
  const unchanged = parseCsv((await iam.send(new GetCredentialReportCommand({}))).Content);
  assert.equal(unchanged.find((row) => row[0] === 'alice.martin')?.[8], 'true', 'the stored report does not change by itself');

  sandbox.advanceClock(4 * 3_600_000 + 1000);
  await expectSdkError(iam.send(new GetCredentialReportCommand({})), 'CredentialReportExpiredException', 410);
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'INPROGRESS');
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
  const afterReport = parseCsv((await iam.send(new GetCredentialReportCommand({}))).Content);
  const row = afterReport.find((r) => r[0] === 'alice.martin');
  assert.equal(row?.[8], 'false');
  assert.match(row?.[9] ?? '', REPORT_DATE, 'an inactive key keeps its rotation date');

  await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: keyId, Status: 'Active' }));
  assert.equal(alice?.accessKeys[0]?.status, 'Active');
  await expectSdkError(iam.send(new UpdateAccessKeyCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' })), 'NoSuchEntityException', 404);
  await expectSdkError(iam.send(new UpdateAccessKeyCommand({ AccessKeyId: keyId, Status: 'Disabled' as 'Inactive' })), 'ValidationError', 400);
});

test('GetAccountSummary and GetAccountPasswordPolicy (NoSuchEntity when none)', async () => {
  const summary = (await clients.iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
  const management = model('acme-management');
  assert.equal(summary?.Users, management.users.length);
  assert.equal(summary?.Roles, management.roles.length);
  assert.equal(summary?.AccountMFAEnabled, 1);
  assert.equal(summary?.AccountAccessKeysPresent, 0);
  const policy = (await clients.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  assert.deepEqual(
    { min: policy?.MinimumPasswordLength, symbols: policy?.RequireSymbols, expire: policy?.ExpirePasswords, age: policy?.MaxPasswordAge, reuse: policy?.PasswordReusePrevention },
    { min: 14, symbols: true, expire: true, age: 90, reuse: 24 },
  );

  const legacy = await iamFor('acme-legacy');
  const legacySummary = (await legacy.send(new GetAccountSummaryCommand({}))).SummaryMap;
  assert.equal(legacySummary?.AccountMFAEnabled, 0);
  assert.equal(legacySummary?.AccountAccessKeysPresent, 1);
  const error = await expectSdkError(legacy.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
  assert.match(error.message, /Password Policy with domain name \d{12} cannot be found/);

  const weak = (await (await iamFor('acme-staging')).send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  assert.equal(weak?.MinimumPasswordLength, 8);
  assert.equal(weak?.ExpirePasswords, false);
  assert.equal(weak?.MaxPasswordAge, undefined);
});

test('GetAccountAuthorizationDetails pages by Marker/MaxItems to the end, with URL-encoded documents', async () => {
  const account = model('acme-management');
  const users: string[] = [];
  const roles: string[] = [];
  const groups: string[] = [];
  const policies: string[] = [];
  let pages = 0;
  let boundaryType: string | undefined;
  for await (const page of paginateGetAccountAuthorizationDetails({ client: clients.iam, pageSize: 3 }, {})) {
    pages += 1;
    assert.ok((page.UserDetailList?.length ?? 0) + (page.RoleDetailList?.length ?? 0) + (page.GroupDetailList?.length ?? 0) + (page.Policies?.length ?? 0) <= 3);
    page.UserDetailList?.forEach((u) => users.push(u.UserName ?? ''));
    page.GroupDetailList?.forEach((g) => groups.push(g.GroupName ?? ''));
    for (const role of page.RoleDetailList ?? []) {
      roles.push(role.RoleName ?? '');
      const trust: unknown = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument ?? ''));
      assert.equal((trust as { Version: string }).Version, '2012-10-17');
      if (role.RoleName === 'PlatformIamAdmin') boundaryType = role.PermissionsBoundary?.PermissionsBoundaryType;
    }
    for (const policy of page.Policies ?? []) {
      policies.push(policy.PolicyName ?? '');
      assert.ok((policy.PolicyVersionList?.length ?? 0) >= 1);
      const defaultVersion = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion);
      assert.equal(defaultVersion?.VersionId, policy.DefaultVersionId);
      assert.ok(JSON.parse(decodeURIComponent(defaultVersion?.Document ?? '')));
    }
  }
  assert.deepEqual(users, account.users.map((u) => u.userName));
  assert.deepEqual(roles, account.roles.map((r) => r.roleName));
  assert.deepEqual(groups, account.groups.map((g) => g.groupName));
  assert.ok(policies.includes('WardenCollectorAccess') && policies.includes('SecurityAudit') && policies.includes('AdministratorAccess') === false);
  assert.equal(boundaryType, 'PermissionsBoundaryPolicy');
  assert.ok(pages > 3);

  const onlyRoles = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client: clients.iam }, { Filter: ['Role'] })) {
    assert.equal(page.UserDetailList?.length ?? 0, 0);
    onlyRoles.push(...(page.RoleDetailList ?? []));
  }
  assert.equal(onlyRoles.length, account.roles.length);
  const staging = await iamFor('acme-staging');
  const terraform = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client: staging }, { Filter: ['Role', 'LocalManagedPolicy'] })) terraform.push(...(page.RoleDetailList ?? []).filter((r) => r.RoleName === 'terraform'));
  const inline = terraform[0]?.RolePolicyList?.[0];
  assert.equal(inline?.PolicyName, 'iam-management');
  assert.deepEqual(JSON.parse(decodeURIComponent(inline?.PolicyDocument ?? '')).Statement[0].Action, 'iam:*');
  await expectSdkError(clients.iam.send(new ListUsersCommand({ Marker: 'not-a-marker' })), 'InvalidInputException', 400);
  await expectSdkError(clients.iam.send(new ListUsersCommand({ MaxItems: 0 })), 'ValidationError', 400);
});

test('ListUsers and ListRoles paginate; ListAccessKeys, GetAccessKeyLastUsed, ListMFADevices, ListVirtualMFADevices', async () => {
  const names: string[] = [];
  for await (const page of paginateListUsers({ client: clients.iam, pageSize: 1 }, {})) names.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
  assert.deepEqual(names, model('acme-management').users.map((u) => u.userName));

  const roles = [];
  for await (const page of paginateListRoles({ client: clients.iam, pageSize: 2 }, {})) roles.push(...(page.Roles ?? []));
  assert.deepEqual(roles.map((r) => r.RoleName), model('acme-management').roles.map((r) => r.roleName));
  assert.ok(roles.every((r) => r.MaxSessionDuration === 3600 && JSON.parse(decodeURIComponent(r.AssumeRolePolicyDocument ?? '')).Statement.length > 0));
  const serviceRoles = [];
  for await (const page of paginateListRoles({ client: clients.iam }, { PathPrefix: '/aws-service-role/' })) serviceRoles.push(...(page.Roles ?? []));
  assert.equal(serviceRoles.length, 2);

  const prod = await iamFor('acme-production');
  const keys = (await prod.send(new ListAccessKeysCommand({ UserName: 'ci-deployer' }))).AccessKeyMetadata ?? [];
  assert.equal(keys.length, 2);
  const [used, unused] = keys;
  const lastUsed = await prod.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: used?.AccessKeyId }));
  assert.equal(lastUsed.UserName, 'ci-deployer');
  assert.equal(lastUsed.AccessKeyLastUsed?.ServiceName, 'ecr');
  assert.ok(lastUsed.AccessKeyLastUsed?.LastUsedDate instanceof Date);
  const never = await prod.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: unused?.AccessKeyId }));
  assert.equal(never.AccessKeyLastUsed?.LastUsedDate, undefined);
  assert.equal(never.AccessKeyLastUsed?.ServiceName, 'N/A');
  assert.equal(never.AccessKeyLastUsed?.Region, 'N/A');
  await expectSdkError(prod.send(new ListAccessKeysCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  await expectSdkError(prod.send(new ListAccessKeysCommand({})), 'ValidationError', 400);

  const mfa = await prod.send(new ListMFADevicesCommand({ UserName: 'emma.rossi' }));
  assert.match(mfa.MFADevices?.[0]?.SerialNumber ?? '', /^arn:aws:iam::\d{12}:mfa\/emma\.rossi$/);
  assert.equal((await prod.send(new ListMFADevicesCommand({ UserName: 'daniel.kim' }))).MFADevices?.length, 0);
  const virtual = await prod.send(new ListVirtualMFADevicesCommand({}));
  assert.ok(virtual.VirtualMFADevices?.some((d) => d.User?.Arn?.endsWith(':root')), 'the root user has a virtual MFA device');
  assert.equal(virtual.IsTruncated, false);
  const staging = await iamFor('acme-staging');
  const unassigned = await staging.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
  assert.equal(unassigned.VirtualMFADevices?.length, 1);
  assert.equal(unassigned.VirtualMFADevices?.[0]?.User, undefined);
});
