import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import { countFindings, diffFindings, type StoredFindingState } from '@/lib/sync/diff/access-analyzer';

// "What changed" between an Access Analyzer read and the store, without a database.

const analyzerArn = 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ExternalAccess';
const t = (s: string) => new Date(`2026-06-01T${s}Z`);
function listed(id: string, status: string, updatedAt: Date, findingType = 'ExternalAccess'): FindingSummaryRecord {
  return { id, analyzerArn, region: 'us-east-1', findingType, resourceType: 'AWS::S3::Bucket', resource: `arn:aws:s3:::${id}`, resourceOwnerAccount: '123456789012', status, createdAt: t('00:00:00'), updatedAt, analyzedAt: updatedAt, error: null };
}
const stored = (id: string, status: string, updatedAt: Date, detailsFetchedAt: Date | null = t('12:00:00')): StoredFindingState => ({ analyzerArn, id, status, updatedAt, detailsFetchedAt });

test('a finding listed as stored is unchanged; new, re-statused, re-updated or never-detailed ones are changed', () => {
  const diff = diffFindings(
    [listed('same', 'ACTIVE', t('01:00:00')), listed('new', 'ACTIVE', t('01:00:00')), listed('archived', 'ARCHIVED', t('01:00:00')), listed('updated', 'ACTIVE', t('02:00:00')), listed('no-details', 'ACTIVE', t('01:00:00'))],
    [stored('same', 'ACTIVE', t('01:00:00')), stored('archived', 'ACTIVE', t('01:00:00')), stored('updated', 'ACTIVE', t('01:00:00')), stored('no-details', 'ACTIVE', t('01:00:00'), null), stored('gone', 'ACTIVE', t('01:00:00'))],
  );
  assert.deepEqual(diff.unchanged.map((f) => f.id), ['same']);
  assert.deepEqual(diff.changed.map((f) => f.id), ['new', 'archived', 'updated', 'no-details']);
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
