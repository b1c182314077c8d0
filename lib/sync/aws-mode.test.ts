import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { testDataDir } from '@/lib/testing/test-store';

// AWS mode against "any AWS-compatible endpoint": the standard credential chain from the
// environment, AWS_ENDPOINT_URL, and further accounts from WARDEN_ACCOUNTS_FILE.

let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 21 });
  const file = join(testDataDir, 'accounts.json');
  writeFileSync(
    file,
    JSON.stringify(sandbox.accounts.filter((a) => !a.usesBaseCredentials).map((a) => ({ name: a.name, roleArn: a.roleArn, ...(a.externalId ? { externalId: a.externalId } : {}) }))),
  );
  Object.assign(process.env, {
    WARDEN_MODE: 'aws',
    WARDEN_REGIONS: 'us-east-1,eu-west-1',
    WARDEN_ACCOUNTS_FILE: file,
    AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: sandbox.endpoint,
  });
});
after(() => sandbox.close());

test('AWS mode reads the credential chain and the endpoint from the environment, and assumes roles from the accounts file', async () => {
  const { resolveSyncPlan } = await import('@/lib/sync/plan');
  const { runSync } = await import('@/lib/sync/run-sync');
  const plan = await resolveSyncPlan();
  assert.equal(plan.mode, 'aws');
  assert.equal(plan.target.endpoint, undefined, 'the SDK resolves AWS_ENDPOINT_URL itself');
  assert.equal(plan.assumed.length, sandbox.accounts.length - 1);
  const r = await runSync(plan, { trigger: 'cli', sources: ['organizations', 'credential-report'], options: { cloudTrailRequestsPerSecond: 1000 } });
  assert.equal(r.status, 'ok', 'a member account that cannot list SCPs is a fact, not a failure');
  assert.deepEqual(r.accounts.map((a) => a.accountId).sort(), sandbox.accounts.map((a) => a.id).sort());
  for (const a of r.accounts) assert.equal(a.sources['credential-report'].status, 'ok', a.name);
  assert.ok((sandbox.callCounts()['sts:AssumeRole'] ?? 0) >= sandbox.accounts.length - 1);
});

test('a bad accounts file is refused with a message naming the field', async () => {
  const { readAccountsFile } = await import('@/lib/sync/accounts-file');
  const file = join(testDataDir, 'bad-accounts.json');
  writeFileSync(file, JSON.stringify([{ name: 'x', roleArn: 'arn:aws:iam::12:user/not-a-role' }]));
  assert.throws(() => readAccountsFile(file), /\[0\.roleArn\] roleArn must be an IAM role ARN/);
  writeFileSync(file, '{not json');
  assert.throws(() => readAccountsFile(file), /could not be read as JSON/);
});
