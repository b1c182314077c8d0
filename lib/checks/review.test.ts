import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialReportReviewRule } from '@/lib/checks/review';
import { toResult } from '@/lib/checks/rule';
import type { AccountSnapshot, ReviewsData } from '@/lib/checks/types';
import { daysAgoDate, goodSnapshot } from '@/lib/checks/fixtures';

const run = (snapshot: AccountSnapshot) => toResult(credentialReportReviewRule, credentialReportReviewRule.evaluate(snapshot));
const withReviews = (reviews: ReviewsData | null): AccountSnapshot => ({ ...goodSnapshot(), reviews });

test('review: pass with a review signed within 31 days', () => {
  const result = run(goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'The credential report was reviewed 10 days ago (signed 2024-06-05 by carol@example.com; it reviewed the report generated 2024-06-04, 1 day before signing).');
  assert.equal(result.evidence[0]?.label, 'May 2024 credential review');
  assert.deepEqual(result.thresholds.map((threshold) => [threshold.name, threshold.value]), [['reviewIntervalDays', 31]]);
});

test('review: 31 days is still monthly, 32 is not', () => {
  assert.equal(run(withReviews({ lastSignedAt: daysAgoDate(31), lastSignedBy: null, lastReviewTitle: null, lastReportGeneratedAt: daysAgoDate(31) })).verdict, 'pass');
  const late = run(withReviews({ lastSignedAt: daysAgoDate(32), lastSignedBy: null, lastReviewTitle: null, lastReportGeneratedAt: daysAgoDate(32) }));
  assert.equal(late.verdict, 'fail');
  assert.equal(late.summary, 'The last signed review is 32 days old, more than 31.');
});

test('review: fail when no review was ever signed', () => {
  const result = run(withReviews({ lastSignedAt: null, lastSignedBy: null, lastReviewTitle: null }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /has ever been signed off/);
});

test('review: unknown when Warden\'s review records could not be read', () => {
  const snapshot = withReviews(null);
  const result = run({ ...snapshot, sources: { ...snapshot.sources, reviews: { read: false, takenAt: null, missingPermissions: [], error: 'database is locked' } } });
  assert.equal(result.verdict, 'unknown');
  assert.match(result.summary, /database is locked/);
});

test('review: a sign-off counts only for a report that was current when signed, and says how current', () => {
  const stale = run(withReviews({ lastSignedAt: daysAgoDate(2), lastSignedBy: 'carol', lastReviewTitle: 'Catch-up', lastReportGeneratedAt: daysAgoDate(95) }));
  assert.equal(stale.verdict, 'fail');
  assert.match(stale.summary, /reviewed the report generated .*, 93 days before signing: a sign-off counts only for a report at most 7 days old when signed/);
  const edge = run(withReviews({ lastSignedAt: daysAgoDate(2), lastSignedBy: 'carol', lastReviewTitle: null, lastReportGeneratedAt: daysAgoDate(9) }));
  assert.equal(edge.verdict, 'pass', 'exactly 7 days old at signing still counts');
  const over = run(withReviews({ lastSignedAt: daysAgoDate(2), lastSignedBy: 'carol', lastReviewTitle: null, lastReportGeneratedAt: daysAgoDate(9.01) }));
  assert.equal(over.verdict, 'fail');
  const unknownReport = run(withReviews({ lastSignedAt: daysAgoDate(2), lastSignedBy: 'carol', lastReviewTitle: null, lastReportGeneratedAt: null }));
  assert.equal(unknownReport.verdict, 'fail');
  assert.match(unknownReport.summary, /the report it reviewed is unknown/);
});
