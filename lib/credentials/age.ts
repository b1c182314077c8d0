import type { KeyAgeBucket, KeyAgeBucketName } from '@/lib/credentials/schema';
import { DAY_MS, daysSince } from '@/lib/dates';

// Key ages and the monthly review calendar. Ages are whole days (floored), as in the checklist:
// a key is "older than 90 days" when more than 90 whole days have passed since it was rotated.

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export const keyAgeBucketLabels: Record<KeyAgeBucketName, string> = {
  'under-30': '< 30 d',
  '30-90': '30–90 d',
  '91-180': '91–180 d',
  '181-365': '181–365 d',
  'over-365': '> 1 year',
};

/** The bucket of a key age in whole days; the 90-day rotation limit is the edge of "30–90". */
export function keyAgeBucket(days: number): KeyAgeBucketName {
  if (days < 30) return 'under-30';
  if (days <= 90) return '30-90';
  if (days <= 180) return '91-180';
  if (days <= 365) return '181-365';
  return 'over-365';
}

export function countKeyAges(ages: number[]): KeyAgeBucket[] {
  const counts = new Map<KeyAgeBucketName, number>();
  for (const age of ages) {
    const b = keyAgeBucket(age);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return (Object.keys(keyAgeBucketLabels) as KeyAgeBucketName[]).map((bucket) => ({
    bucket,
    label: keyAgeBucketLabels[bucket],
    count: counts.get(bucket) ?? 0,
  }));
}

/**
 * The next monthly review: `intervalDays` after the last signed one, or `intervalDays` from now
 * when none was ever signed. Overdue when that day has passed.
 */
export function nextReview(lastSignedAt: Date | null, now: Date, intervalDays: number): { at: Date; overdue: boolean } {
  if (lastSignedAt === null) return { at: daysAfter(now, intervalDays), overdue: false };
  const at = daysAfter(lastSignedAt, intervalDays);
  return { at, overdue: at.getTime() < now.getTime() };
}

/** The first moment a key rotated at `lastRotated` is older than `limitDays` whole days. */
export function overLimitOn(lastRotated: Date, limitDays: number): Date {
  return daysAfter(lastRotated, limitDays + 1);
}

/**
 * Whether an active key within the limit today will be over it at the review. An overdue review
 * is due now, so nothing crosses before it.
 */
export function crossesBeforeReview(lastRotated: Date, now: Date, reviewAt: Date, limitDays: number): boolean {
  const at = reviewAt.getTime() < now.getTime() ? now : reviewAt;
  return daysSince(now, lastRotated) <= limitDays && daysSince(at, lastRotated) > limitDays;
}
