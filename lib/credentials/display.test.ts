import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityUserName, describeConsole, describeDay, describePasswordLastUsed, describeText, keyStatus, sentinelWord } from '@/lib/credentials/display';
import { sampleRow, testKey, testNoKey } from '@/lib/credentials/test-rows';

test('sentinels read as words, never as dates', () => {
  assert.equal(sentinelWord('N/A'), 'never');
  assert.equal(sentinelWord('no_information'), 'no information');
  assert.equal(sentinelWord('not_supported'), 'not supported');
  assert.equal(describeDay({ at: null, sentinel: 'N/A', days: null }), 'never');
  assert.equal(describeDay({ at: null, sentinel: 'no_information', days: null }), 'no information');
  assert.equal(describeDay({ at: '2026-03-01T10:00:00.000Z', sentinel: null, days: 5 }), '2026-03-01');
  assert.equal(describeDay({ at: null, sentinel: null, days: null }), '—');
  assert.equal(describeText({ value: null, sentinel: 'not_supported' }), 'not supported');
  assert.equal(describeText({ value: 'iam', sentinel: null }), 'iam');
});

test('console access: yes, no, or the sentinel as a word (root)', () => {
  assert.equal(describeConsole(sampleRow({ console: { enabled: true, sentinel: null } })), 'yes');
  assert.equal(describeConsole(sampleRow({ console: { enabled: false, sentinel: null } })), 'no');
  assert.equal(describeConsole(sampleRow({ console: { enabled: null, sentinel: 'not_supported' } })), 'not supported');
});

test('keyStatus tells a never-created slot from a deactivated key', () => {
  assert.equal(keyStatus(testKey(1, { rotatedDaysAgo: 10, usedDaysAgo: 1 })), 'active');
  assert.equal(keyStatus(testKey(1, { active: false, rotatedDaysAgo: 10, usedDaysAgo: 1 })), 'inactive');
  assert.equal(keyStatus(testNoKey(2)), 'none');
});

test('the root user is "root" in CloudTrail', () => {
  assert.equal(activityUserName({ user: '<root_account>', isRoot: true }), 'root');
  assert.equal(activityUserName({ user: 'alice', isRoot: false }), 'alice');
});

test('password last used: "no password" when there is none, the sentinel word when it was never used', () => {
  const never = { at: null, sentinel: 'N/A' as const, days: null };
  assert.equal(describePasswordLastUsed(sampleRow({ console: { enabled: false, sentinel: null }, passwordLastUsed: never })), 'no password');
  assert.equal(describePasswordLastUsed(sampleRow({ console: { enabled: true, sentinel: null }, passwordLastUsed: never })), 'never');
  assert.equal(describePasswordLastUsed(sampleRow({ console: { enabled: true, sentinel: null }, passwordLastUsed: { at: null, sentinel: 'no_information', days: null } })), 'no information');
  assert.equal(describePasswordLastUsed(sampleRow({ console: { enabled: null, sentinel: 'not_supported' }, passwordLastUsed: { at: '2026-01-02T00:00:00.000Z', sentinel: null, days: 3 } })), '2026-01-02');
});
