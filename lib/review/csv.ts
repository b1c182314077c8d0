import type { ReviewDetail } from '@/lib/review/schema';
import { reasonLabel, subjectLabel } from '@/lib/review/labels';

// The agenda with its decisions as CSV (RFC 4180), safe to open in a spreadsheet: a cell that a
// spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return) is
// prefixed with ' so it stays text.

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

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
  return toCsv([[...reviewCsvHeader], ...rows]);
}

export function reviewCsvFilename(detail: ReviewDetail): string {
  const day = (detail.review.signedAt ?? detail.review.startedAt).slice(0, 10);
  return `warden-review-${day}-${detail.review.id.slice(0, 8)}.csv`;
}
