import type { CredentialReportText } from '@/lib/aws/iam';
import { HOUR_MS } from '@/lib/dates';
import { decideSnapshot, type SnapshotDecision, type StoredSnapshot } from '@/lib/sync/diff/snapshot';

// The credential report: AWS generates at most one every 4 hours and serves that one meanwhile
// (GenerateCredentialReport answers COMPLETE without generating anew). Pure.

/** How long AWS serves the same credential report. */
export const credentialReportReuseMs = 4 * HOUR_MS;

/**
 * Whether asking AWS can bring a report other than the stored one: not while the stored report is
 * younger than AWS's 4 hours (a clock skew that puts it in the future counts as due).
 */
export function credentialReportDue(previous: StoredSnapshot | null, now: Date): boolean {
  const at = previous?.generatedAt;
  if (!at) return true;
  const age = now.getTime() - at.getTime();
  return age < 0 || age >= credentialReportReuseMs;
}

/** A report whose text is the stored one's is not stored again. */
export function diffCredentialReport(report: CredentialReportText, previous: StoredSnapshot | null): SnapshotDecision {
  return decideSnapshot(previous, report.csv);
}
