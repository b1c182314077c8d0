import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialFilterLabel, credentialMatches, credentialMatchesAll, type FilterContext } from '@/lib/credentials/filters';
import { isoDaysAgo, sampleRow, testKey, testNoKey, testNow } from '@/lib/credentials/test-rows';
import type { CredentialRow } from '@/lib/credentials/schema';
import { DAY_MS } from '@/lib/dates';

const ctx: FilterContext = {
  now: testNow,
  thresholds: { keyRotationDays: 90, unusedCredentialDays: 45 },
  nextReviewAt: () => new Date(testNow.getTime() + 31 * DAY_MS),
};

const consoleUser = (over: Partial<CredentialRow> = {}): CredentialRow =>
  sampleRow({
    user: 'alice',
    console: { enabled: true, sentinel: null },
    passwordLastUsed: { at: isoDaysAgo(2), sentinel: null, days: 2 },
    passwordLastChanged: { at: isoDaysAgo(30), sentinel: null, days: 30 },
    mfaActive: true,
    keys: [testNoKey(1), testNoKey(2)],
    ...over,
  });

const root = (over: Partial<CredentialRow> = {}): CredentialRow =>
  sampleRow({ user: '<root_account>', isRoot: true, console: { enabled: null, sentinel: 'not_supported' }, mfaActive: true, keys: [testNoKey(1), testNoKey(2)], ...over });

test('no-mfa: console users and root without MFA; not programmatic users', () => {
  assert.equal(credentialMatches(consoleUser({ mfaActive: false }), 'no-mfa', ctx), true);
  assert.equal(credentialMatches(consoleUser(), 'no-mfa', ctx), false);
  assert.equal(credentialMatches(root({ mfaActive: false }), 'no-mfa', ctx), true);
  assert.equal(credentialMatches(root(), 'no-mfa', ctx), false);
  assert.equal(credentialMatches(sampleRow({ mfaActive: false }), 'no-mfa', ctx), false, 'no password: no console access');
});

test('old-keys: an active key more than 90 whole days old', () => {
  const withKey = (rotated: number, active = true) => sampleRow({ keys: [testKey(1, { active, rotatedDaysAgo: rotated, usedDaysAgo: 1 }), testNoKey(2)] });
  assert.equal(credentialMatches(withKey(91), 'old-keys', ctx), true);
  assert.equal(credentialMatches(withKey(90), 'old-keys', ctx), false);
  assert.equal(credentialMatches(withKey(400, false), 'old-keys', ctx), false, 'inactive keys do not count');
  const second = sampleRow({ keys: [testKey(1, { rotatedDaysAgo: 5, usedDaysAgo: 1 }), testKey(2, { rotatedDaysAgo: 200, usedDaysAgo: 1 })] });
  assert.equal(credentialMatches(second, 'old-keys', ctx), true, 'either slot');
});

test('unused: password or active key not used for 45+ days; never used counts from when it was set', () => {
  assert.equal(credentialMatches(consoleUser({ passwordLastUsed: { at: isoDaysAgo(45), sentinel: null, days: 45 } }), 'unused', ctx), true);
  assert.equal(credentialMatches(consoleUser({ passwordLastUsed: { at: isoDaysAgo(44), sentinel: null, days: 44 } }), 'unused', ctx), false);
  const neverUsedOld = consoleUser({ passwordLastUsed: { at: null, sentinel: 'N/A', days: null }, passwordLastChanged: { at: isoDaysAgo(60), sentinel: null, days: 60 } });
  assert.equal(credentialMatches(neverUsedOld, 'unused', ctx), true);
  const neverUsedNew = consoleUser({ passwordLastUsed: { at: null, sentinel: 'no_information', days: null }, passwordLastChanged: { at: isoDaysAgo(3), sentinel: null, days: 3 } });
  assert.equal(credentialMatches(neverUsedNew, 'unused', ctx), false);
  const fromCreation = consoleUser({
    passwordLastUsed: { at: null, sentinel: 'N/A', days: null },
    passwordLastChanged: { at: null, sentinel: 'N/A', days: null },
    userCreationTime: isoDaysAgo(100),
  });
  assert.equal(credentialMatches(fromCreation, 'unused', ctx), true);
  assert.equal(credentialMatches(sampleRow({ keys: [testKey(1, { rotatedDaysAgo: 100, usedDaysAgo: 50 }), testNoKey(2)] }), 'unused', ctx), true);
  assert.equal(credentialMatches(sampleRow({ keys: [testKey(1, { rotatedDaysAgo: 100, usedDaysAgo: null }), testNoKey(2)] }), 'unused', ctx), true, 'never used, created 100 days ago');
  assert.equal(credentialMatches(sampleRow({ keys: [testKey(1, { rotatedDaysAgo: 10, usedDaysAgo: null }), testNoKey(2)] }), 'unused', ctx), false);
  assert.equal(credentialMatches(sampleRow({ keys: [testKey(1, { active: false, rotatedDaysAgo: 400, usedDaysAgo: 300 }), testNoKey(2)] }), 'unused', ctx), false, 'inactive key');
  assert.equal(credentialMatches(sampleRow(), 'unused', ctx), false, 'key used 3 days ago');
});

test('programmatic-only: an active key and no console password; never root', () => {
  assert.equal(credentialMatches(sampleRow(), 'programmatic-only', ctx), true);
  assert.equal(credentialMatches(consoleUser({ keys: [testKey(1, { rotatedDaysAgo: 1, usedDaysAgo: 1 }), testNoKey(2)] }), 'programmatic-only', ctx), false);
  assert.equal(credentialMatches(sampleRow({ keys: [testKey(1, { active: false, rotatedDaysAgo: 1, usedDaysAgo: 1 }), testNoKey(2)] }), 'programmatic-only', ctx), false);
  assert.equal(credentialMatches(root({ keys: [testKey(1, { rotatedDaysAgo: 1, usedDaysAgo: 1 }), testNoKey(2)] }), 'programmatic-only', ctx), false);
});

test('root: only the root user', () => {
  assert.equal(credentialMatches(root(), 'root', ctx), true);
  assert.equal(credentialMatches(sampleRow(), 'root', ctx), false);
});

test('crossing: an active key under the limit that will be over it at the next review', () => {
  const withKey = (rotated: number) => sampleRow({ keys: [testKey(1, { rotatedDaysAgo: rotated, usedDaysAgo: 1 }), testNoKey(2)] });
  assert.equal(credentialMatches(withKey(75), 'crossing', ctx), true);
  assert.equal(credentialMatches(withKey(30), 'crossing', ctx), false);
  assert.equal(credentialMatches(withKey(120), 'crossing', ctx), false);
  const overdue: FilterContext = { ...ctx, nextReviewAt: () => new Date(testNow.getTime() - DAY_MS) };
  assert.equal(credentialMatches(withKey(89), 'crossing', overdue), false);
});

test('filters combine: every one must hold', () => {
  const rootNoMfa = root({ mfaActive: false });
  assert.equal(credentialMatchesAll(rootNoMfa, ['root', 'no-mfa'], ctx), true);
  assert.equal(credentialMatchesAll(consoleUser({ mfaActive: false }), ['root', 'no-mfa'], ctx), false);
  assert.equal(credentialMatchesAll(sampleRow(), [], ctx), true);
});

test('filter labels carry the configured thresholds', () => {
  const t = { keyRotationDays: 60, unusedCredentialDays: 30 };
  assert.equal(credentialFilterLabel('old-keys', t), 'Active key older than 60 days');
  assert.equal(credentialFilterLabel('unused', t), 'Unused for 30+ days');
  assert.equal(credentialFilterLabel('root', t), 'Root user');
});
