import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countKeyAges, crossesBeforeReview, keyAgeBucket, nextReview, overLimitOn } from '@/lib/credentials/age';
import { DAY_MS, daysSince } from '@/lib/dates';

const now = new Date('2026-06-15T12:00:00Z');
const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY_MS - extraMs);

test('daysSince counts whole days, floored', () => {
  assert.equal(daysSince(now, ago(0)), 0);
  assert.equal(daysSince(now, ago(0, DAY_MS - 1)), 0);
  assert.equal(daysSince(now, ago(1)), 1);
  assert.equal(daysSince(now, ago(90, 1000)), 90);
});

test('keyAgeBucket: < 30, 30–90 (the rotation limit inclusive), 91–180, 181–365, over a year', () => {
  const cases: [number, string][] = [
    [0, 'under-30'],
    [29, 'under-30'],
    [30, '30-90'],
    [90, '30-90'],
    [91, '91-180'],
    [180, '91-180'],
    [181, '181-365'],
    [365, '181-365'],
    [366, 'over-365'],
    [3000, 'over-365'],
  ];
  for (const [days, bucket] of cases) assert.equal(keyAgeBucket(days), bucket, `${days} days`);
});

test('countKeyAges returns every bucket in order, zeros included', () => {
  const buckets = countKeyAges([1, 2, 45, 91, 400, 800]);
  assert.deepEqual(
    buckets.map((b) => [b.bucket, b.count]),
    [
      ['under-30', 2],
      ['30-90', 1],
      ['91-180', 1],
      ['181-365', 0],
      ['over-365', 2],
    ],
  );
  assert.deepEqual(buckets.map((b) => b.label), ['< 30 d', '30–90 d', '91–180 d', '181–365 d', '> 1 year']);
});

test('nextReview: 31 days after the last signed review, or 31 days from today without one', () => {
  assert.deepEqual(nextReview(null, now, 31), { at: new Date(now.getTime() + 31 * DAY_MS), overdue: false });
  const signed = ago(10);
  assert.deepEqual(nextReview(signed, now, 31), { at: new Date(signed.getTime() + 31 * DAY_MS), overdue: false });
  const old = ago(40);
  assert.deepEqual(nextReview(old, now, 31), { at: new Date(old.getTime() + 31 * DAY_MS), overdue: true });
});

test('crossesBeforeReview: within the limit today, over it at the review', () => {
  const review = new Date(now.getTime() + 31 * DAY_MS);
  assert.equal(crossesBeforeReview(ago(60), now, review, 90), true, '60 days old: 91 at the review');
  assert.equal(crossesBeforeReview(ago(59), now, review, 90), false, '59 days old: exactly 90 at the review, not over');
  assert.equal(crossesBeforeReview(ago(90), now, review, 90), true, 'exactly at the limit today');
  assert.equal(crossesBeforeReview(ago(91), now, review, 90), false, 'already over: not "crossing"');
  assert.equal(crossesBeforeReview(ago(10), now, review, 90), false);
});

test('crossesBeforeReview: an overdue review is due now, so nothing crosses before it', () => {
  assert.equal(crossesBeforeReview(ago(85), now, ago(5), 90), false);
  assert.equal(crossesBeforeReview(ago(90), now, ago(5), 90), false);
});

test('overLimitOn is the first moment the key is over the limit', () => {
  const rotated = ago(0);
  const at = overLimitOn(rotated, 90);
  assert.equal(daysSince(at, rotated), 91);
  assert.equal(daysSince(new Date(at.getTime() - 1), rotated), 90);
});
