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
  /** The keys of `changed` that the store does not hold yet: inserted in bulk rather than upserted. */
  created: Set<string>;
};

export function diffFindings(listed: FindingSummaryRecord[], stored: StoredFindingState[]): FindingsDiff {
  const known = new Map(stored.map((s) => [findingKey(s.analyzerArn, s.id), s]));
  const diff: FindingsDiff = { unchanged: [], changed: [], created: new Set() };
  // A finding listed twice (pages that shifted under the reader) is written once, as last listed.
  const once = new Map(listed.map((f) => [findingKey(f.analyzerArn, f.id), f]));
  for (const f of once.values()) {
    const key = findingKey(f.analyzerArn, f.id);
    const k = known.get(key);
    const same = k !== undefined && k.detailsFetchedAt !== null && k.status === f.status && k.updatedAt.getTime() === f.updatedAt.getTime();
    (same ? diff.unchanged : diff.changed).push(f);
    if (k === undefined) diff.created.add(key);
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
