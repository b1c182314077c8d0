import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudTrailRule } from '@/lib/checks/cloudtrail';
import { toResult } from '@/lib/checks/rule';
import type { AccountSnapshot, TrailData } from '@/lib/checks/types';
import { accountId, allManagementEvents, denied, goodSnapshot } from '@/lib/checks/fixtures';

const run = (snapshot: AccountSnapshot) => toResult(cloudTrailRule, cloudTrailRule.evaluate(snapshot));

function trail(name: string, changes: Partial<TrailData> = {}): TrailData {
  return {
    name,
    arn: `arn:aws:cloudtrail:eu-west-1:${accountId}:trail/${name}`,
    homeRegion: 'eu-west-1',
    isMultiRegion: true,
    isOrganizationTrail: false,
    logFileValidation: true,
    isLogging: true,
    latestDeliveryTime: null,
    latestDeliveryError: null,
    s3BucketName: 'acme-logs',
    statusError: null,
    managementEvents: allManagementEvents,
    selectorsError: null,
    ...changes,
  };
}

const withTrails = (trails: TrailData[] | null): AccountSnapshot => ({ ...goodSnapshot(), cloudtrail: { trails, rootEvents: [] } });

test('CloudTrail: pass with a multi-region trail that is logging and validating', () => {
  const result = run(goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /org-trail/);
  assert.deepEqual(result.references.map((reference) => reference.id), ['3.1', '3.2', 'CloudTrail.1', 'CloudTrail.4']);
});

test('CloudTrail: one good trail is enough; the others are noted', () => {
  const result = run(withTrails([trail('regional', { isMultiRegion: false }), trail('main')]));
  assert.equal(result.verdict, 'pass');
  assert.equal(result.evidence.find((item) => item.label === 'Trail regional')?.status, 'noted');
});

test('CloudTrail: fail when no trail exists, with the seed\'s create-trail command', () => {
  const result = run(withTrails([]));
  assert.equal(result.verdict, 'fail');
  assert.equal(
    result.remedy.commands[0],
    'aws cloudtrail create-trail --name ManagementEventsTrail --s3-bucket-name <your-cloudtrail-bucket> --is-multi-region-trail --enable-log-file-validation',
  );
});

test('CloudTrail: fail names what each trail lacks and fixes the closest one', () => {
  const result = run(withTrails([
    trail('regional', { isMultiRegion: false, logFileValidation: false, isLogging: false }),
    trail('main', { logFileValidation: false, isLogging: false }),
  ]));
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, 'No trail is multi-region, logging and delivering, validating log files and recording read and write management events: regional (single-region, no log file validation, not logging); main (no log file validation, not logging).');
  assert.deepEqual(result.evidence.map((item) => item.status), ['fail', 'fail']);
  assert.deepEqual(result.remedy.commands, [
    'aws cloudtrail update-trail --name main --region eu-west-1 --enable-log-file-validation',
    'aws cloudtrail start-logging --name main --region eu-west-1',
  ]);
});

const withDenied = (snapshot: AccountSnapshot, permissions: string[]): AccountSnapshot => ({
  ...snapshot,
  sources: { ...snapshot.sources, cloudtrail: { ...snapshot.sources.cloudtrail, missingPermissions: permissions } },
});

test('CloudTrail: unknown when the only candidate\'s status could not be read; the permission is named because AWS denied it', () => {
  const result = run(withDenied(withTrails([trail('main', { isLogging: null, statusError: 'cloudtrail:GetTrailStatus: AccessDeniedException' })]), ['cloudtrail:GetTrailStatus']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['cloudtrail:GetTrailStatus']);
});

test('CloudTrail: a status read that failed for another reason (a 500) is unknown without asking for a permission', () => {
  const result = run(withTrails([trail('main', { isLogging: null, statusError: 'cloudtrail:GetTrailStatus: InternalFailure — HTTP 500' })]));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, []);
  assert.doesNotMatch(result.remedy.text, /Grant Warden/);
  assert.match(result.evidence[0]?.detail ?? '', /HTTP 500/);
});

test('CloudTrail: a trail of data events only records no management event: fail, with the selector fix', () => {
  const result = run(withTrails([trail('data-only', { managementEvents: { read: false, write: false, excludedSources: [], onlySources: null } })]));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /data-only \(records no management events \(data events only\)\)/);
  assert.ok(result.remedy.commands.some((command) => command.startsWith('aws cloudtrail put-event-selectors --trail-name data-only')));
});

test('CloudTrail: a read-only trail records no IAM change: fail', () => {
  const result = run(withTrails([trail('reads', { managementEvents: { read: true, write: false, excludedSources: [], onlySources: null } })]));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /read-only management events/);
});

test('CloudTrail: a trail that leaves out IAM\'s event source does not count', () => {
  const result = run(withTrails([trail('no-iam', { managementEvents: { read: true, write: true, excludedSources: ['iam.amazonaws.com'], onlySources: null } })]));
  assert.equal(result.verdict, 'fail');
});

test('CloudTrail: logging but failing to deliver is no pass', () => {
  const result = run(withTrails([trail('broken', { latestDeliveryError: 'AccessDenied' })]));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /delivery fails \(AccessDenied\)/);
});

test('CloudTrail: unknown when the selectors were denied, naming cloudtrail:GetEventSelectors', () => {
  const result = run(withDenied(withTrails([trail('main', { managementEvents: null, selectorsError: 'cloudtrail:GetEventSelectors: AccessDenied' })]), ['cloudtrail:GetEventSelectors']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['cloudtrail:GetEventSelectors']);
});

test('CloudTrail: a trail that is not logging fails even with an unreadable status elsewhere', () => {
  const result = run(withTrails([trail('main', { isLogging: false })]));
  assert.equal(result.verdict, 'fail');
});

test('CloudTrail: unknown when DescribeTrails was denied', () => {
  const result = run(denied({ ...goodSnapshot(), cloudtrail: null }, 'cloudtrail', ['cloudtrail:DescribeTrails']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['cloudtrail:DescribeTrails']);
  assert.match(result.summary, /cloudtrail:DescribeTrails was denied/);
});
