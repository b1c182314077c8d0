import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionCoverage, regionStatus, trailCoversRegion } from '@/lib/activity/coverage';
import type { TrailView } from '@/lib/activity/schema';

const trail = (over: Partial<TrailView>): TrailView => ({
  name: 't',
  arn: `arn:aws:cloudtrail:us-east-1:111122223333:trail/${over.name ?? 't'}`,
  homeRegion: 'us-east-1',
  isMultiRegion: false,
  isOrganizationTrail: false,
  logFileValidation: true,
  isLogging: true,
  latestDeliveryTime: null,
  latestDeliveryError: null,
  s3BucketName: null,
  statusError: null,
  ...over,
});

test('a multi-region trail records every region; a single-region trail its home region only', () => {
  assert.equal(trailCoversRegion(trail({ isMultiRegion: true }), 'eu-west-1'), true);
  assert.equal(trailCoversRegion(trail({ homeRegion: 'us-east-1' }), 'us-east-1'), true);
  assert.equal(trailCoversRegion(trail({ homeRegion: 'us-east-1' }), 'eu-west-1'), false);
});

test('region status: logging when any of its trails logs; unknown when a status could not be read', () => {
  assert.equal(regionStatus([]), 'no-trail');
  assert.equal(regionStatus([trail({ isLogging: false }), trail({ isLogging: true })]), 'logging');
  assert.equal(regionStatus([trail({ isLogging: false })]), 'not-logging');
  assert.equal(regionStatus([trail({ isLogging: false }), trail({ isLogging: null })]), 'unknown');
});

test('coverage per region, validation only from a logging trail, and trails homed elsewhere', () => {
  const trails = [
    trail({ name: 'local', homeRegion: 'eu-west-1', isLogging: false, logFileValidation: true }),
    trail({ name: 'far', homeRegion: 'ap-south-1' }),
  ];
  const { regions, otherTrails } = regionCoverage(['us-east-1', 'eu-west-1'], trails);
  assert.deepEqual(
    regions.map((r) => [r.region, r.status, r.validated, r.trails.map((t) => t.name)]),
    [
      ['us-east-1', 'no-trail', false, []],
      ['eu-west-1', 'not-logging', false, ['local']],
    ],
  );
  assert.deepEqual(otherTrails.map((t) => t.name), ['far']);
  const org = regionCoverage(['us-east-1', 'eu-west-1'], [trail({ name: 'org', isMultiRegion: true, logFileValidation: true })]);
  assert.ok(org.regions.every((r) => r.status === 'logging' && r.validated));
  assert.deepEqual(org.otherTrails, []);
});
