import type { FindingSummaryRecord } from '@/lib/aws/access-analyzer';

// What an Access Analyzer read changes in the store, decided without the database: pure, so that
// "what changed" is unit-tested on plain records (lib/sync/diff/access-analyzer.test.ts).

/** What the store holds of a finding, as far as deciding a re-read goes. */
export type StoredFindingState = { analyzerArn: string; id: string; status: string; updatedAt: Date; detailsFetchedAt: Date | null; accountId?: string };

/** The account in an analyzer's ARN (arn:aws:access-analyzer:region:ACCOUNT:analyzer/name): where it is read and archived. */
export function analyzerAccountOf(analyzerArn: string): string | null {
  return /^arn:[^:]+:access-analyzer:[^:]*:(\d{12}):analyzer\//.exec(analyzerArn)?.[1] ?? null;
}

/**
 * The account a finding is shown under: the resource's owner when Warden knows that account (an
 * organization analyzer's finding about a member account), else the analyzer's own account.
 */
export function attributeFinding(f: Pick<FindingSummaryRecord, 'resourceOwnerAccount'>, analyzerAccountId: string, knownAccounts: ReadonlySet<string>): string {
  return f.resourceOwnerAccount !== '' && knownAccounts.has(f.resourceOwnerAccount) ? f.resourceOwnerAccount : analyzerAccountId;
}

export const findingKey = (analyzerArn: string, id: string) => `${analyzerArn}/${id}`;

export type FindingsDiff = {
  /** Listed as stored (same status, update time and account): only lastSeenAt moves. */
  unchanged: FindingSummaryRecord[];
  /** New, or changed in status, update time or account: written with the details the listing carried. */
  changed: FindingSummaryRecord[];
  /** The keys of `changed` that the store does not hold yet: inserted in bulk rather than upserted. */
  created: Set<string>;
};

/**
 * `accountOf` attributes each finding to an account; a finding stored under another account (its
 * owner became known to Warden) is changed too.
 */
export function diffFindings(listed: FindingSummaryRecord[], stored: StoredFindingState[], accountOf?: (f: FindingSummaryRecord) => string): FindingsDiff {
  const known = new Map(stored.map((s) => [findingKey(s.analyzerArn, s.id), s]));
  const diff: FindingsDiff = { unchanged: [], changed: [], created: new Set() };
  // A finding listed twice (pages that shifted under the reader) is written once, as last listed.
  const once = new Map(listed.map((f) => [findingKey(f.analyzerArn, f.id), f]));
  for (const f of once.values()) {
    const key = findingKey(f.analyzerArn, f.id);
    const k = known.get(key);
    const sameAccount = accountOf === undefined || k?.accountId === undefined || k.accountId === accountOf(f);
    // Details do not decide: a finding listed without them (unused access) has them read when opened.
    const same = k !== undefined && k.status === f.status && k.updatedAt.getTime() === f.updatedAt.getTime() && sameAccount;
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

/** A stored finding as far as de-duplication goes. */
export type ResourceFinding = { key: string; resource: string; resourceOwnerAccount: string; findingType: string; analyzerType: string; duplicateOf: string | null };

const isOrganizationAnalyzer = (type: string) => type.startsWith('ORGANIZATION');

/**
 * A resource reported both by an organization analyzer and by an account analyzer is one
 * resource: each account analyzer's finding points to the organization analyzer's finding of the
 * same resource, owner and type (the first by key), and lists and counts show it once, through
 * the organization's. Returns the findings whose duplicateOf must change, with the new value.
 */
export function duplicateChanges(findings: ResourceFinding[]): Map<string, string | null> {
  const organizationKey = new Map<string, string>();
  const identity = (f: ResourceFinding) => `${f.resource}\u0000${f.resourceOwnerAccount}\u0000${f.findingType}`;
  for (const f of [...findings].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (isOrganizationAnalyzer(f.analyzerType) && !organizationKey.has(identity(f))) organizationKey.set(identity(f), f.key);
  }
  const changes = new Map<string, string | null>();
  for (const f of findings) {
    const next = isOrganizationAnalyzer(f.analyzerType) ? null : (organizationKey.get(identity(f)) ?? null);
    if (next !== f.duplicateOf) changes.set(f.key, next);
  }
  return changes;
}
