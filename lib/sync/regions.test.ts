import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountRegions } from '@/lib/sync/regions';

const enabled = { ok: true as const, regions: ['eu-west-1', 'us-east-1', 'us-west-2'], via: 'account:ListRegions' as const };

test('every enabled region by default', () => {
  assert.deepEqual(accountRegions(null, enabled, 'us-east-1').read, ['eu-west-1', 'us-east-1', 'us-west-2']);
});

test('WARDEN_REGIONS narrows to the enabled ones it names; a region not enabled is not read', () => {
  assert.deepEqual(accountRegions(['us-east-1', 'ap-east-1'], enabled, 'us-east-1').read, ['us-east-1']);
});

test('discovery denied: the configured regions, else the home region, and the gap is kept', () => {
  const denied = { ok: false as const, denied: ['account:ListRegions', 'ec2:DescribeRegions'], error: null };
  const r = accountRegions(null, denied, 'eu-central-1');
  assert.deepEqual(r.read, ['eu-central-1']);
  assert.equal(r.enabled, null);
  assert.deepEqual(r.discovery, { denied: ['account:ListRegions', 'ec2:DescribeRegions'], error: null });
  assert.deepEqual(accountRegions(['us-east-1', 'eu-west-1'], denied, 'eu-central-1').read, ['us-east-1', 'eu-west-1']);
});
