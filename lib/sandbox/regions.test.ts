import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAwsClients, type AwsClients } from '@/lib/aws/clients';
import { discoverEnabledRegions } from '@/lib/aws/regions';
import { startSandbox, type Sandbox } from './server';

// The enabled regions of an account, read the way a sync reads them (the real SDK's Account and EC2
// clients against the sandbox): account:ListRegions, else ec2:DescribeRegions, else a named gap.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
let clients: AwsClients;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 606 });
  clients = createAwsClients({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials, maxAttempts: 1 });
});

after(async () => {
  clients.destroy();
  await sandbox.close();
});

test('account:ListRegions lists the enabled regions', async () => {
  const found = await discoverEnabledRegions(clients);
  assert.deepEqual(found, { ok: true, regions: [...sandbox.regions].sort(), via: 'account:ListRegions' });
});

test('where only ec2:DescribeRegions is granted, it is used instead', async () => {
  sandbox.setFault({ operation: 'account:ListRegions', kind: 'deny' });
  try {
    assert.deepEqual(await discoverEnabledRegions(clients), { ok: true, regions: [...sandbox.regions].sort(), via: 'ec2:DescribeRegions' });
  } finally {
    sandbox.clearFaults();
  }
});

test('both denied: a gap naming both actions; a server error is told as such', async () => {
  sandbox.setFault({ operation: 'account:ListRegions', kind: 'deny' });
  sandbox.setFault({ operation: 'ec2:DescribeRegions', kind: 'deny' });
  try {
    assert.deepEqual(await discoverEnabledRegions(clients), { ok: false, denied: ['account:ListRegions', 'ec2:DescribeRegions'], error: null });
  } finally {
    sandbox.clearFaults();
  }
  sandbox.setFault({ operation: 'account:ListRegions', kind: 'error' });
  try {
    const failed = await discoverEnabledRegions(clients);
    assert.equal(failed.ok, false);
    assert.match(failed.ok ? '' : (failed.error ?? ''), /account:ListRegions: .*HTTP 500/);
  } finally {
    sandbox.clearFaults();
  }
});
