import type { CredentialRow } from '@/lib/credentials/schema';
import { DAY_MS } from '@/lib/dates';

// Rows for unit tests of the credentials screen's pure logic.

export const testNow = new Date('2026-06-15T12:00:00Z');

export function isoDaysAgo(days: number, now: Date = testNow): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

export const testNoKey = (slot: 1 | 2): CredentialRow['keys'][number] => ({
  slot,
  active: false,
  lastRotated: { at: null, sentinel: 'N/A', days: null },
  lastUsed: { at: null, sentinel: 'N/A', days: null },
  lastUsedService: { value: null, sentinel: 'N/A' },
  lastUsedRegion: { value: null, sentinel: 'N/A' },
});

export function testKey(slot: 1 | 2, { active = true, rotatedDaysAgo, usedDaysAgo }: { active?: boolean; rotatedDaysAgo: number | null; usedDaysAgo: number | null }): CredentialRow['keys'][number] {
  return {
    slot,
    active,
    lastRotated: rotatedDaysAgo === null ? { at: null, sentinel: 'N/A', days: null } : { at: isoDaysAgo(rotatedDaysAgo), sentinel: null, days: rotatedDaysAgo },
    lastUsed: usedDaysAgo === null ? { at: null, sentinel: 'N/A', days: null } : { at: isoDaysAgo(usedDaysAgo), sentinel: null, days: usedDaysAgo },
    lastUsedService: usedDaysAgo === null ? { value: null, sentinel: 'N/A' } : { value: 's3', sentinel: null },
    lastUsedRegion: usedDaysAgo === null ? { value: null, sentinel: 'N/A' } : { value: 'us-east-1', sentinel: null },
  };
}

/** A programmatic user with one active key, 100 days old, used 3 days ago. */
export function sampleRow(overrides: Partial<CredentialRow> = {}): CredentialRow {
  return {
    accountId: '111122223333',
    accountName: 'test',
    user: 'svc',
    arn: 'arn:aws:iam::111122223333:user/svc',
    isRoot: false,
    userCreationTime: isoDaysAgo(500),
    console: { enabled: false, sentinel: null },
    passwordLastUsed: { at: null, sentinel: 'N/A', days: null },
    passwordLastChanged: { at: null, sentinel: 'N/A', days: null },
    mfaActive: false,
    keys: [testKey(1, { rotatedDaysAgo: 100, usedDaysAgo: 3 }), testNoKey(2)],
    ...overrides,
  };
}
