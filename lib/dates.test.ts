import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOCK_SKEW_TOLERANCE_MS, formatAge } from '@/lib/dates';

test('a time a few seconds ahead of this clock (AWS clock skew) is "just now", not "in 20 s"', () => {
  assert.equal(formatAge(-20_000), 'just now');
  assert.equal(formatAge(-20_000, true), 'just now');
  assert.equal(formatAge(-(CLOCK_SKEW_TOLERANCE_MS - 1)), 'just now');
  assert.equal(formatAge(0), 'just now');
  assert.equal(formatAge(4_999), 'just now');
});

test('past times read as ages, compact or not', () => {
  assert.equal(formatAge(10_000), '10 seconds ago');
  assert.equal(formatAge(10_000, true), '10 s ago');
  assert.equal(formatAge(60_000), '1 minute ago');
  assert.equal(formatAge(3 * 3_600_000), '3 hours ago');
  assert.equal(formatAge(3 * 86_400_000, true), '3 d ago');
});

test('a time far ahead of this clock says so instead of hiding a broken clock', () => {
  assert.equal(formatAge(-2 * 3_600_000), 'in 2 hours (ahead of this clock)');
});
