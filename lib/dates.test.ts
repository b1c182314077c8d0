import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOCK_SKEW_TOLERANCE_MS, DAY_MS, daysSince, formatAge, isoDate, utcMinute, utcSecond } from '@/lib/dates';

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
  assert.equal(formatAge(3 * DAY_MS, true), '3 d ago');
});

test('a time far ahead of this clock says so instead of hiding a broken clock', () => {
  assert.equal(formatAge(-2 * 3_600_000), 'in 2 hours (ahead of this clock)');
});

test('isoDate is the UTC day of a Date or of an ISO time in UTC', () => {
  assert.equal(isoDate(new Date('2026-06-15T23:59:59.999Z')), '2026-06-15');
  assert.equal(isoDate(new Date('2026-06-16T01:30:00+02:00')), '2026-06-15');
  assert.equal(isoDate('2026-06-15T10:00:00.000Z'), '2026-06-15');
});

test('daysSince counts whole days, floored; utcMinute shows a moment to the minute', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  assert.equal(daysSince(now, new Date(now.getTime() - 90 * DAY_MS + 1)), 89);
  assert.equal(daysSince(now, new Date(now.getTime() - 90 * DAY_MS)), 90);
  assert.equal(daysSince(now, new Date(now.getTime() + 1)), -1);
  assert.equal(utcMinute(new Date('2026-06-15T10:01:59.999Z')), '2026-06-15 10:01 UTC');
});

test('utcMinute and utcSecond cut, never round; compact leaves out the zone for places that already name it', () => {
  const at = new Date('2026-12-31T23:59:59.999Z');
  assert.equal(utcMinute(at), '2026-12-31 23:59 UTC');
  assert.equal(utcMinute(at, true), '2026-12-31 23:59');
  assert.equal(utcSecond(at), '2026-12-31 23:59:59 UTC');
  assert.equal(utcSecond(at, true), '2026-12-31 23:59:59');
  assert.equal(utcSecond(new Date('2027-01-01T01:00:00+02:00')), '2026-12-31 23:00:00 UTC');
});

test('ages round to the nearest unit and turn to days at 24 hours', () => {
  assert.equal(formatAge(DAY_MS - 1000), '24 hours ago');
  assert.equal(formatAge(DAY_MS), '1 day ago');
  assert.equal(formatAge(90 * DAY_MS + 11 * 3_600_000), '90 days ago');
});
