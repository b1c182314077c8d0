import { keyLastUse, passwordLastUse } from '@/lib/checks/credentials';
import { accessKeySlots, plural, type AccessKeySlot } from '@/lib/checks/rule';
import { rootAccountUser, type CredentialEntry } from '@/lib/credential-report/parse';

// What the review judges about one credential-report row, with the checklist's own measures
// (lib/checks/credentials.ts): a credential is unused when its last use (or, never used, its
// creation) lies more than `unusedCredentialDays` before the report; a key is old when it was
// created more than `keyRotationDays` before it.

export interface ReviewThresholds {
  unusedCredentialDays: number;
  keyRotationDays: number;
}

import type { KeySlotNumber } from '@/lib/review/subject';
import { daysSince, isoDate } from '@/lib/dates';

/** Keys that exist in the report (active, or inactive with a creation date). */
export function existingKeys(entry: CredentialEntry): AccessKeySlot[] {
  return accessKeySlots(entry).filter((key) => key.exists);
}

export function keyAt(entry: CredentialEntry, slot: KeySlotNumber): AccessKeySlot {
  const [first, second] = accessKeySlots(entry);
  return slot === 1 ? first : second;
}

export function keyDaysUnused(entry: CredentialEntry, key: AccessKeySlot, at: Date): number {
  return daysSince(at, keyLastUse(entry, key).date);
}

export function isKeyStale(entry: CredentialEntry, key: AccessKeySlot, at: Date, t: ReviewThresholds): boolean {
  return key.active && keyDaysUnused(entry, key, at) > t.unusedCredentialDays;
}

export function isKeyOld(key: AccessKeySlot, at: Date, t: ReviewThresholds): boolean {
  return key.active && key.lastRotated !== null && daysSince(at, key.lastRotated) > t.keyRotationDays;
}

export function isPasswordUnused(entry: CredentialEntry, at: Date, t: ReviewThresholds): boolean {
  return entry.passwordEnabled === true && daysSince(at, passwordLastUse(entry).date) > t.unusedCredentialDays;
}

export function hasConsoleWithoutMfa(entry: CredentialEntry): boolean {
  return !entry.isRoot && entry.passwordEnabled === true && !entry.mfaActive;
}

export function activeKeys(entry: CredentialEntry): AccessKeySlot[] {
  return accessKeySlots(entry).filter((key) => key.active);
}

export function findUser(entries: CredentialEntry[], user: string): CredentialEntry | undefined {
  return entries.find((entry) => entry.user === user);
}

export function findRoot(entries: CredentialEntry[]): CredentialEntry | undefined {
  return entries.find((entry) => entry.isRoot || entry.user === rootAccountUser);
}

/** A key is the same key across reports when its creation date (last_rotated) is the same. */
export function sameKey(a: AccessKeySlot, b: AccessKeySlot): boolean {
  if (a.lastRotated === null || b.lastRotated === null) return a.lastRotated === null && b.lastRotated === null && a.slot === b.slot;
  return a.lastRotated.getTime() === b.lastRotated.getTime();
}

// ---------------------------------------------------------------------------------------------
// Sentences for the evidence, the changes and the outcomes
// ---------------------------------------------------------------------------------------------

export function daysBefore(at: Date, date: Date): string {
  const days = daysSince(at, date);
  if (days <= 0) return 'the day of the report';
  return `${plural(days, 'day')} before the report`;
}

export function describeKeyCreated(key: AccessKeySlot): string {
  if (key.lastRotated !== null) return `created ${isoDate(key.lastRotated)}`;
  return `creation date not stated (${key.lastRotatedSentinel ?? 'empty'})`;
}

export function describeKeyUse(key: AccessKeySlot, at: Date): string {
  if (key.lastUsedDate !== null) {
    const where = [key.lastUsedService ? `via ${key.lastUsedService}` : null, key.lastUsedRegion ? `in ${key.lastUsedRegion}` : null]
      .filter((part): part is string => part !== null)
      .join(' ');
    return `last used ${isoDate(key.lastUsedDate)} (${daysBefore(at, key.lastUsedDate)})${where ? ` ${where}` : ''}`;
  }
  return `never used (last_used_date ${key.lastUsedDateSentinel ?? 'N/A'})`;
}

export function describePasswordUse(entry: CredentialEntry, at: Date): string {
  const use = passwordLastUse(entry);
  if (entry.passwordLastUsed !== null) return `last used ${isoDate(use.date)} (${daysBefore(at, use.date)})`;
  return `${use.basis} ${isoDate(use.date)} (${daysBefore(at, use.date)})`;
}

export function keyLabel(slot: KeySlotNumber): string {
  return `access key ${slot}`;
}
