import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import { analyzerAccountOf, attributeFinding, countFindings, diffFindings, duplicateChanges, type StoredFindingState } from '@/lib/sync/diff/access-analyzer';

// "What changed" between an Access Analyzer read and the store, without a database.

const analyzerArn = 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ExternalAccess';
const t = (s: string) => new Date(`2026-06-01T${s}Z`);
function listed(id: string, status: string, updatedAt: Date, findingType = 'ExternalAccess'): FindingSummaryRecord {
  return { id, analyzerArn, region: 'us-east-1', findingType, resourceType: 'AWS::S3::Bucket', resource: `arn:aws:s3:::${id}`, resourceOwnerAccount: '123456789012', status, createdAt: t('00:00:00'), updatedAt, analyzedAt: updatedAt, error: null };
}
const stored = (id: string, status: string, updatedAt: Date, detailsFetchedAt: Date | null = t('12:00:00')): StoredFindingState => ({ analyzerArn, id, status, updatedAt, detailsFetchedAt });

test('a finding listed as stored is unchanged; new, re-statused or re-updated ones are changed', () => {
  const diff = diffFindings(
    [listed('same', 'ACTIVE', t('01:00:00')), listed('new', 'ACTIVE', t('01:00:00')), listed('archived', 'ARCHIVED', t('01:00:00')), listed('updated', 'ACTIVE', t('02:00:00')), listed('no-details', 'ACTIVE', t('01:00:00'))],
    [stored('same', 'ACTIVE', t('01:00:00')), stored('archived', 'ACTIVE', t('01:00:00')), stored('updated', 'ACTIVE', t('01:00:00')), stored('no-details', 'ACTIVE', t('01:00:00'), null), stored('gone', 'ACTIVE', t('01:00:00'))],
  );
  // Details never read (an unused-access finding nobody opened) are no change: they are read when someone opens it.
  assert.deepEqual(diff.unchanged.map((f) => f.id), ['same', 'no-details']);
  assert.deepEqual(diff.changed.map((f) => f.id), ['new', 'archived', 'updated']);
  assert.deepEqual([...diff.created], [`${analyzerArn}/new`], 'only the finding the store lacks is inserted');
});

test('the same finding id under another analyzer is another finding', () => {
  const other = { ...stored('same', 'ACTIVE', t('01:00:00')), analyzerArn: `${analyzerArn}-2` };
  assert.deepEqual(diffFindings([listed('same', 'ACTIVE', t('01:00:00'))], [other]).changed.map((f) => f.id), ['same']);
});

test('counts per type and status', () => {
  const counts = countFindings([listed('a', 'ACTIVE', t('01:00:00')), listed('b', 'ACTIVE', t('01:00:00')), listed('c', 'ARCHIVED', t('01:00:00')), listed('d', 'ACTIVE', t('01:00:00'), 'UnusedIAMRole')]);
  assert.deepEqual(counts, [
    { findingType: 'ExternalAccess', status: 'ACTIVE', count: 2 },
    { findingType: 'ExternalAccess', status: 'ARCHIVED', count: 1 },
    { findingType: 'UnusedIAMRole', status: 'ACTIVE', count: 1 },
  ]);
});

test('a finding listed twice is written once', () => {
  const diff = diffFindings([listed('dup', 'ACTIVE', t('01:00:00')), listed('dup', 'ARCHIVED', t('02:00:00'))], []);
  assert.deepEqual(diff.changed.map((f) => [f.id, f.status]), [['dup', 'ARCHIVED']]);
  assert.equal(diff.created.size, 1);
});

test('an organization analyzer\'s finding is shown under the member that owns the resource, when Warden knows it', () => {
  const orgArn = 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/org';
  assert.equal(analyzerAccountOf(orgArn), '111111111111');
  assert.equal(analyzerAccountOf('arn:aws:iam::111111111111:role/x'), null);
  const known = new Set(['111111111111', '222222222222']);
  assert.equal(attributeFinding({ resourceOwnerAccount: '222222222222' }, '111111111111', known), '222222222222');
  assert.equal(attributeFinding({ resourceOwnerAccount: '999999999999' }, '111111111111', known), '111111111111', 'an owner Warden does not know: under the analyzer\'s account');
  assert.equal(attributeFinding({ resourceOwnerAccount: '' }, '111111111111', known), '111111111111');
  // A finding first stored under the administrator is moved once its owner becomes known.
  const f = { ...listed('moved', 'ACTIVE', t('01:00:00')), resourceOwnerAccount: '222222222222' };
  const diff = diffFindings([f], [{ ...stored('moved', 'ACTIVE', t('01:00:00')), accountId: '111111111111' }], (x) => attributeFinding(x, '111111111111', known));
  assert.deepEqual(diff.changed.map((x) => x.id), ['moved']);
});

test('a resource both an organization and an account analyzer report counts once, through the organization\'s finding', () => {
  const row = (key: string, analyzerType: string, resource = 'arn:aws:s3:::shared', duplicateOf: string | null = null) => ({ key, resource, resourceOwnerAccount: '222222222222', findingType: 'ExternalAccess', analyzerType, duplicateOf });
  const changes = duplicateChanges([row('acct/1', 'ACCOUNT'), row('org/b', 'ORGANIZATION'), row('org/a', 'ORGANIZATION'), row('acct/2', 'ACCOUNT', 'arn:aws:s3:::only-here')]);
  assert.deepEqual([...changes], [['acct/1', 'org/a']], 'pointed at the first organization finding; a resource only one analyzer reports is left alone');
  // Once the organization analyzer no longer reports it, the account's finding counts again.
  assert.deepEqual([...duplicateChanges([row('acct/1', 'ACCOUNT', 'arn:aws:s3:::shared', 'org/a')])], [['acct/1', null]]);
  assert.equal(duplicateChanges([row('acct/1', 'ACCOUNT', 'arn:aws:s3:::shared', 'org/a'), row('org/a', 'ORGANIZATION')]).size, 0, 'nothing to change');
  // Another owner or type is another resource.
  assert.equal(duplicateChanges([row('acct/1', 'ACCOUNT'), { ...row('org/a', 'ORGANIZATION'), resourceOwnerAccount: '333333333333' }]).size, 0);
});
