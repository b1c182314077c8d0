import type { ReviewDetail } from '@/lib/review/schema';
import { reasonLabel, subjectLabel } from '@/lib/review/labels';
import { toCsv } from '@/lib/csv';
import { isoDate } from '@/lib/dates';

// The agenda with its decisions as CSV; quoting and formula escaping are lib/csv.ts's.

export const reviewCsvHeader = [
  'review_id',
  'review_title',
  'review_status',
  'account_id',
  'account_name',
  'snapshot_taken_at',
  'subject',
  'user',
  'credential',
  'reasons',
  'evidence',
  'decision',
  'justification',
  'owner',
  'due_date',
  'decided_by',
  'decided_at',
  'carried_over_from',
  'signed_by',
  'signed_at',
] as const;

export function reviewCsv(detail: ReviewDetail): string {
  const snapshotOf = new Map(detail.accounts.map((account) => [account.accountId, account.snapshotTakenAt]));
  const rows = detail.items.map((item) => [
    detail.review.id,
    detail.review.title,
    detail.review.status,
    item.accountId,
    item.accountName,
    snapshotOf.get(item.accountId) ?? '',
    item.subject,
    item.userName,
    subjectLabel(item),
    item.reasons.map((reason) => reasonLabel(reason, detail.thresholds)).join('; '),
    item.evidence.join(' '),
    item.decision ?? '',
    item.justification,
    item.owner,
    item.dueDate,
    item.decidedBy,
    item.decidedAt,
    item.carriedFrom ? `${item.carriedFrom.reviewTitle} (${item.carriedFrom.decision}, still open)` : '',
    detail.review.signedBy,
    detail.review.signedAt,
  ]);
  return toCsv(reviewCsvHeader, rows);
}

export function reviewCsvFilename(detail: ReviewDetail): string {
  const day = isoDate(detail.review.signedAt ?? detail.review.startedAt);
  return `warden-review-${day}-${detail.review.id.slice(0, 8)}.csv`;
}
