import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import { startSandbox, type Sandbox } from './server';
import { destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
let base: SandboxClients;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 202 });
  base = sandboxClients(sandbox);
  opened.push(base);
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

function info(name: string) {
  const account = sandbox.accounts.find((a) => a.name === name);
  assert.ok(account);
  return account;
}

test('the base credentials act in the management account as the collector role session', async () => {
  const identity = await base.sts.send(new GetCallerIdentityCommand({}));
  const management = info('acme-management');
  assert.equal(management.usesBaseCredentials, true);
  assert.equal(identity.Account, management.id);
  assert.equal(identity.Arn, `arn:aws:sts::${management.id}:assumed-role/WardenCollectorRole/warden`);
  assert.match(identity.UserId ?? '', /^AROA[A-Z2-7]{17}:warden$/);
  const anyKey = sandboxClients(sandbox, { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  opened.push(anyKey);
  assert.equal((await anyKey.sts.send(new GetCallerIdentityCommand({}))).Account, management.id, 'any non-empty credentials work');
  assert.equal(sandbox.accounts.filter((a) => a.usesBaseCredentials).length, 1);
});

test('AssumeRole with the required ExternalId reaches the account; requests signed with the session act there', async () => {
  const prod = info('acme-production');
  assert.ok(prod.externalId);
  const result = await base.sts.send(new AssumeRoleCommand({ RoleArn: prod.roleArn, RoleSessionName: 'warden', ExternalId: prod.externalId, DurationSeconds: 900 }));
  const credentials = result.Credentials;
  assert.match(credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
  assert.equal(credentials?.SecretAccessKey?.length, 40);
  assert.ok(credentials?.SessionToken);
  assert.ok(credentials?.Expiration instanceof Date);
  assert.ok(Math.abs((credentials?.Expiration?.getTime() ?? 0) - sandbox.now().getTime() - 900_000) < 5000);
  assert.equal(result.AssumedRoleUser?.Arn, `arn:aws:sts::${prod.id}:assumed-role/WardenAuditRole/warden`);
  const session = sandboxClients(sandbox, {
    credentials: { accessKeyId: credentials?.AccessKeyId ?? '', secretAccessKey: credentials?.SecretAccessKey ?? '', sessionToken: credentials?.SessionToken ?? '' },
  });
  opened.push(session);
  assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Account, prod.id);
  const users = (await session.iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName);
  assert.ok(users?.includes('ci-deployer'));
  assert.ok(!users?.includes('alice.martin'));

  sandbox.advanceClock(901_000);
  await expectSdkError(session.sts.send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403);
});

test('AssumeRole without, or with a wrong, ExternalId is denied with AWS message', async () => {
  for (const name of ['acme-production', 'acme-legacy']) {
    const account = info(name);
    const error = await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'warden' })), 'AccessDenied', 403);
    const identity = await base.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(error.message, `User: ${identity.Arn} is not authorized to perform: sts:AssumeRole on resource: ${account.roleArn}`);
    await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'warden', ExternalId: 'wrong-external-id' })), 'AccessDenied', 403);
  }
});

test('roles without an ExternalId condition need none; a role trusting "*" lets anyone in; unknown roles are denied', async () => {
  const staging = info('acme-staging');
  assert.equal(staging.externalId, null);
  const assumed = await base.sts.send(new AssumeRoleCommand({ RoleArn: staging.roleArn, RoleSessionName: 'warden' }));
  assert.equal(assumed.AssumedRoleUser?.Arn, `arn:aws:sts::${staging.id}:assumed-role/WardenAuditRole/warden`);
  const open = await base.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${staging.id}:role/legacy-open-role`, RoleSessionName: 'anyone' }));
  assert.ok(open.Credentials?.AccessKeyId);
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${staging.id}:role/vendor-support-access`, RoleSessionName: 'warden' })), 'AccessDenied', 403);
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${staging.id}:role/does-not-exist`, RoleSessionName: 'warden' })), 'AccessDenied', 403);
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${staging.id}:role/terraform`, RoleSessionName: 'warden' })), 'AccessDenied', 403);
  const management = info('acme-management');
  const self = await base.sts.send(new AssumeRoleCommand({ RoleArn: management.roleArn, RoleSessionName: 'warden' }));
  assert.ok(self.Credentials?.AccessKeyId, 'the management account is reachable through AssumeRole too');
});

test('AssumeRole validates its input like STS', async () => {
  const staging = info('acme-staging');
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: staging.roleArn, RoleSessionName: 'no spaces allowed' })), 'ValidationError', 400);
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn-but-long-enough', RoleSessionName: 'warden' })), 'ValidationError', 400);
  await expectSdkError(base.sts.send(new AssumeRoleCommand({ RoleArn: staging.roleArn, RoleSessionName: 'warden', DurationSeconds: 7200 })), 'ValidationError', 400);
});
