import type { FindingSummaryRecord } from '@/lib/aws/access-analyzer';

// What an Access Analyzer read changes in the store, decided without the database: pure, so that
// "what changed" is unit-tested on plain records (lib/sync/diff/access-analyzer.test.ts).

/** What the store holds of a finding, as far as deciding a re-read goes. */
export type StoredFindingState = { analyzerArn: string; id: string; status: string; updatedAt: Date; detailsFetchedAt: Date | null };

export const findingKey = (analyzerArn: string, id: string) => `${analyzerArn}/${id}`;

export type FindingsDiff = {
  /** Listed as stored (same status and update time, details already read): only lastSeenAt moves. */
  unchanged: FindingSummaryRecord[];
  /** New, or changed in status or update time, or never read in detail: written, details fetched. */
  changed: FindingSummaryRecord[];
};

export function diffFindings(listed: FindingSummaryRecord[], stored: StoredFindingState[]): FindingsDiff {
  const known = new Map(stored.map((s) => [findingKey(s.analyzerArn, s.id), s]));
  const diff: FindingsDiff = { unchanged: [], changed: [] };
  for (const f of listed) {
    const k = known.get(findingKey(f.analyzerArn, f.id));
    const same = k !== undefined && k.detailsFetchedAt !== null && k.status === f.status && k.updatedAt.getTime() === f.updatedAt.getTime();
    (same ? diff.unchanged : diff.changed).push(f);
  }
  return diff;
}

/** Counts per finding type and status, stored with each snapshot for the trend. */
export function countFindings(findings: FindingSummaryRecord[]): { findingType: string; status: string; count: number }[] {
  const counts = new Map<string, { findingType: string; status: string; count: number }>();
  for (const f of findings) {
    const k = `${f.findingType}\u0000${f.status}`;
    const c = counts.get(k);
    if (c) c.count += 1;
    else counts.set(k, { findingType: f.findingType, status: f.status, count: 1 });
  }
  return [...counts.values()];
}
