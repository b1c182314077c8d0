import { createHash } from 'node:crypto';

// Sources stored as whole snapshots (the account's IAM facts, the credential report, the
// organization's SCPs) are compared with the newest stored one by a hash of their content: a read
// that changed nothing is not stored again (at 5,000 users that is thousands of rows a sync), and
// the newest snapshot stays current. Pure, unit-tested in lib/sync/diff/snapshot.test.ts.

/** The newest stored snapshot of a source, as far as the comparison goes. */
export type StoredSnapshot = {
  id: string;
  contentSha256: string | null;
  /** When AWS generated what was stored, for sources that say (the credential report). */
  generatedAt?: Date | null;
};

export type SnapshotDecision = { kind: 'unchanged'; snapshotId: string; contentSha256: string } | { kind: 'store'; contentSha256: string };

/** SHA-256 of a read's content: a string as it is, anything else as its JSON. */
export function contentSha256(content: unknown): string {
  return createHash('sha256')
    .update(typeof content === 'string' ? content : JSON.stringify(content))
    .digest('hex');
}

/** Store a new snapshot unless the newest stored one has the same content. */
export function decideSnapshot(previous: StoredSnapshot | null, content: unknown): SnapshotDecision {
  const sha = contentSha256(content);
  if (previous && previous.contentSha256 === sha) return { kind: 'unchanged', snapshotId: previous.id, contentSha256: sha };
  return { kind: 'store', contentSha256: sha };
}
