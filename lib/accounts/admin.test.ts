import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listManagedAccounts } from '@/lib/accounts/admin';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';

// The Accounts screen in demo mode: every account of the demo organisation is configured, the
// credentials' own account (the management account, read without AssumeRole) included.

let fixture: DemoFixture;
before(async () => {
  fixture = await startDemoFixture({ seed: 5 });
  await fixture.sync();
});
after(async () => {
  await fixture.close();
});

test('no demo account is listed as no longer configured, the credentials\' own account included', async () => {
  const { accounts } = await listManagedAccounts();
  assert.equal(accounts.length, fixture.sandbox.accounts.length);
  assert.ok(accounts.some((a) => a.access === 'credentials'));
  assert.deepEqual(accounts.filter((a) => a.noLongerConfigured).map((a) => a.name), []);
});
