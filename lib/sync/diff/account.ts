import type { AccountRead } from '@/lib/sync/read/account';
import { decideSnapshot, type SnapshotDecision, type StoredSnapshot } from '@/lib/sync/diff/snapshot';

// What an IAM read of the account changes in the store: nothing when its content (and which parts
// were missing) is the newest stored snapshot's, else a new snapshot. Pure.

/** What is compared: every part read, and which were not (a part that comes back is a change). */
export function accountContent(read: AccountRead) {
  return {
    details: read.details,
    summary: read.summary,
    passwordPolicy: read.passwordPolicy === undefined ? 'unread' : read.passwordPolicy,
    virtualMfa: read.virtualMfa,
    missing: [...read.log.missing].sort(),
    partErrors: [...read.log.errors].sort(),
  };
}

export function diffAccount(read: AccountRead, previous: StoredSnapshot | null): SnapshotDecision {
  return decideSnapshot(previous, accountContent(read));
}

/** The rows an account snapshot holds, for the run's record count. */
export function accountRecords(read: AccountRead): number {
  const d = read.details;
  return d ? d.users.length + d.groups.length + d.roles.length + d.policies.length : 0;
}
