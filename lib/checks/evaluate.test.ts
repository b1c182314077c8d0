import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checklistItemResultSchema, checklistItemWithSinceSchema } from '@/lib/checklist/schema';
import { checklistRules, evaluateChecklist, withSince } from '@/lib/checks/evaluate';
import type { AccountSnapshot, SourceState } from '@/lib/checks/types';
import { badSnapshot, goodSnapshot, now } from '@/lib/checks/fixtures';

test('every rule runs in the seed\'s order, then the extras, with unique slugs', () => {
  const results = evaluateChecklist(goodSnapshot());
  assert.deepEqual(results.map((result) => result.number), Array.from({ length: 17 }, (_, index) => index + 1));
  assert.equal(new Set(results.map((result) => result.slug)).size, results.length);
  assert.equal(checklistRules.length, 17);
  for (const result of results) checklistItemResultSchema.parse(result);
});

test('the good account passes every item', () => {
  const results = evaluateChecklist(goodSnapshot());
  assert.deepEqual(results.filter((result) => result.verdict !== 'pass').map((result) => `${result.slug}: ${result.summary}`), []);
});

test('the bad account fails every item (16 included)', () => {
  const results = evaluateChecklist(badSnapshot());
  assert.deepEqual(results.filter((result) => result.verdict !== 'fail').map((result) => `${result.slug}: ${result.verdict} ${result.summary}`), []);
  for (const result of results) checklistItemResultSchema.parse(result);
});

test('an account nothing could be read from has no pass: every item names what is missing', () => {
  const unread: SourceState = { read: false, takenAt: null, missingPermissions: [], error: null };
  const snapshot: AccountSnapshot = {
    ...goodSnapshot(),
    credentialReport: null,
    iam: null,
    accessAnalyzer: null,
    cloudtrail: null,
    organization: null,
    reviews: null,
    sources: { credentialReport: unread, iam: unread, accessAnalyzer: unread, cloudtrail: unread, organization: unread, reviews: unread },
  };
  const results = evaluateChecklist(snapshot);
  assert.deepEqual(results.filter((result) => result.verdict !== 'unknown').map((result) => result.slug), []);
  for (const result of results.filter((item) => item.slug !== 'credential-report-review')) {
    assert.ok(result.missingPermissions.length > 0, `${result.slug} names no permission`);
    assert.match(result.summary, /has not been read yet/, result.slug);
  }
});

test('a rule that throws becomes unknown and the others still run', () => {
  const snapshot = goodSnapshot();
  Object.defineProperty(snapshot, 'organization', {
    get() {
      throw new Error('organization state is corrupt');
    },
  });
  const results = evaluateChecklist(snapshot);
  const scps = results.find((result) => result.slug === 'service-control-policies');
  assert.equal(scps?.verdict, 'unknown');
  assert.match(scps?.summary ?? '', /organization state is corrupt/);
  assert.equal(results.filter((result) => result.verdict === 'pass').length, 16);
});

test('withSince keeps the since of an unchanged verdict and restarts a changed or new one', () => {
  const results = evaluateChecklist(goodSnapshot());
  const earlier = new Date('2024-05-01T00:00:00Z');
  const previous = [
    { slug: 'root-mfa', verdict: 'pass', since: earlier },
    { slug: 'root-access-keys', verdict: 'fail', since: earlier },
  ];
  const withHistory = withSince(results, previous, now);
  assert.deepEqual(withHistory.find((result) => result.slug === 'root-mfa')?.since, earlier);
  assert.deepEqual(withHistory.find((result) => result.slug === 'root-access-keys')?.since, now);
  assert.deepEqual(withHistory.find((result) => result.slug === 'user-mfa')?.since, now);
  const roundTrip = checklistItemWithSinceSchema.parse(JSON.parse(JSON.stringify(withHistory[0])));
  assert.deepEqual(roundTrip.since, earlier);
});
