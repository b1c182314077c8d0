import type { AccessKeySlot } from '@/lib/checks/rule';
import { plural } from '@/lib/checks/rule';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import {
  activeKeys,
  describeKeyCreated,
  existingKeys,
  isKeyOld,
  isKeyStale,
  keyDaysUnused,
  sameKey,
  type ReviewThresholds,
} from '@/lib/review/facts';
import type { Change, ChangeGroup, ChangeKind } from '@/lib/review/schema';
import { isoDate } from '@/lib/dates';

// What changed between two credential reports of one account: the last signed review's frozen
// report ("before") and this review's ("after"). Computed from the two snapshots only. Keys are
// the same key when their creation date (last_rotated) is the same; AWS lists a user's keys in
// creation order, so a deleted first key moves the second into slot 1 and slots alone would lie.

export interface ReportSide {
  entries: CredentialEntry[];
  /** When the report was generated: staleness and age are judged at each report's own time. */
  at: Date;
}

const groupOf: Record<ChangeKind, ChangeGroup> = {
  'user-added': 'users',
  'user-removed': 'users',
  'password-enabled': 'console',
  'password-disabled': 'console',
  'mfa-enabled': 'mfa',
  'mfa-disabled': 'mfa',
  'key-created': 'keys',
  'key-rotated': 'keys',
  'key-deactivated': 'keys',
  'key-reactivated': 'keys',
  'key-deleted': 'keys',
  'key-became-stale': 'thresholds',
  'key-became-old': 'thresholds',
  'root-password-used': 'root',
  'root-key-used': 'root',
};

function change(kind: ChangeKind, entry: CredentialEntry, slot: 1 | 2 | null, detail: string): Change {
  return { kind, group: entry.isRoot ? 'root' : groupOf[kind], user: entry.user, slot, detail };
}

function who(entry: CredentialEntry): string {
  return entry.isRoot ? 'Root' : entry.user;
}

function keyName(entry: CredentialEntry, key: AccessKeySlot): string {
  return `${entry.isRoot ? 'root access key' : 'access key'} ${key.slot}`;
}

interface KeyPairs {
  matched: { before: AccessKeySlot; after: AccessKeySlot }[];
  rotated: { before: AccessKeySlot; after: AccessKeySlot }[];
  deleted: AccessKeySlot[];
  created: AccessKeySlot[];
}

/**
 * Pairs a user's keys across two reports: the same key by creation date; a key that went away
 * while a newer one appeared is a rotation; what is left was deleted or created.
 */
export function pairKeys(before: CredentialEntry, after: CredentialEntry): KeyPairs {
  const left = existingKeys(before);
  const right = existingKeys(after);
  const matched: KeyPairs['matched'] = [];
  const unmatchedAfter = [...right];
  const unmatchedBefore: AccessKeySlot[] = [];
  for (const key of left) {
    const index = unmatchedAfter.findIndex((candidate) => sameKey(key, candidate));
    const partner = index >= 0 ? unmatchedAfter[index] : undefined;
    if (partner) {
      matched.push({ before: key, after: partner });
      unmatchedAfter.splice(index, 1);
    } else {
      unmatchedBefore.push(key);
    }
  }
  const rotated: KeyPairs['rotated'] = [];
  const deleted: AccessKeySlot[] = [];
  for (const key of unmatchedBefore) {
    const index = unmatchedAfter.findIndex((candidate) => key.lastRotated === null || candidate.lastRotated === null || candidate.lastRotated > key.lastRotated);
    const replacement = index >= 0 ? unmatchedAfter[index] : undefined;
    if (replacement) {
      rotated.push({ before: key, after: replacement });
      unmatchedAfter.splice(index, 1);
    } else {
      deleted.push(key);
    }
  }
  return { matched, rotated, deleted, created: unmatchedAfter };
}

function summariseUser(entry: CredentialEntry): string {
  const keys = activeKeys(entry).length;
  const console = entry.passwordEnabled === true ? (entry.mfaActive ? 'console password with MFA' : 'console password without MFA') : 'no console password';
  return `${console}, ${keys === 0 ? 'no active access key' : plural(keys, 'active access key')}`;
}

function userChanges(before: CredentialEntry, after: CredentialEntry, b: ReportSide, a: ReportSide, t: ReviewThresholds): Change[] {
  const changes: Change[] = [];
  const name = who(after);
  if (!after.isRoot && before.passwordEnabled !== true && after.passwordEnabled === true) {
    changes.push(change('password-enabled', after, null, `${name}: console password turned on${after.mfaActive ? '' : ' (without MFA)'}.`));
  }
  if (!after.isRoot && before.passwordEnabled === true && after.passwordEnabled === false) {
    changes.push(change('password-disabled', after, null, `${name}: console password removed.`));
  }
  if (!before.mfaActive && after.mfaActive) changes.push(change('mfa-enabled', after, null, `${name}: MFA turned on.`));
  if (before.mfaActive && !after.mfaActive) changes.push(change('mfa-disabled', after, null, `${name}: MFA turned off.`));
  if (after.isRoot && after.passwordLastUsed !== null && (before.passwordLastUsed === null || after.passwordLastUsed > before.passwordLastUsed)) {
    changes.push(
      change('root-password-used', after, null, `Root signed in with its password: last used ${isoDate(after.passwordLastUsed)}${before.passwordLastUsed ? ` (was ${isoDate(before.passwordLastUsed)})` : ''}.`),
    );
  }

  const pairs = pairKeys(before, after);
  for (const key of pairs.created) {
    changes.push(change('key-created', after, key.slot, `${name}: new ${keyName(after, key)}, ${describeKeyCreated(key)}${key.active ? '' : ' (inactive)'}.`));
  }
  for (const { before: old, after: replacement } of pairs.rotated) {
    changes.push(
      change('key-rotated', after, replacement.slot,
        `${name}: ${keyName(after, replacement)} rotated — the key ${describeKeyCreated(old)} is gone, the new one was ${describeKeyCreated(replacement)}.`),
    );
  }
  for (const key of pairs.deleted) {
    changes.push(change('key-deleted', after, null, `${name}: ${keyName(before, key)} (${describeKeyCreated(key)}) deleted.`));
  }
  for (const { before: was, after: now } of pairs.matched) {
    const label = `${name}: ${keyName(after, now)} (${describeKeyCreated(now)})`;
    if (was.active && !now.active) changes.push(change('key-deactivated', after, now.slot, `${label} deactivated.`));
    if (!was.active && now.active) changes.push(change('key-reactivated', after, now.slot, `${label} made active again.`));
    if (after.isRoot && now.lastUsedDate !== null && (was.lastUsedDate === null || now.lastUsedDate > was.lastUsedDate)) {
      changes.push(change('root-key-used', after, now.slot, `${label} used: last used ${isoDate(now.lastUsedDate)}${now.lastUsedService ? ` via ${now.lastUsedService}` : ''}.`));
    }
    if (!now.active || after.isRoot) continue;
    if (isKeyStale(after, now, a.at, t) && !isKeyStale(before, was, b.at, t)) {
      changes.push(change('key-became-stale', after, now.slot, `${label} became unused: ${plural(keyDaysUnused(after, now, a.at), 'day')} without use, more than ${t.unusedCredentialDays}.`));
    }
    if (isKeyOld(now, a.at, t) && !isKeyOld(was, b.at, t)) {
      changes.push(change('key-became-old', after, now.slot, `${label} passed ${t.keyRotationDays} days of age.`));
    }
  }
  return changes;
}

/** Every change from `before` to `after`, users in report order, root first. */
export function diffCredentialReports(before: ReportSide, after: ReportSide, t: ReviewThresholds): Change[] {
  const beforeByUser = new Map(before.entries.map((entry) => [entry.user, entry]));
  const afterByUser = new Map(after.entries.map((entry) => [entry.user, entry]));
  const changes: Change[] = [];
  const ordered = [...after.entries].sort((x, y) => Number(y.isRoot) - Number(x.isRoot) || x.user.localeCompare(y.user));
  for (const entry of ordered) {
    const was = beforeByUser.get(entry.user);
    if (!was) {
      if (!entry.isRoot) changes.push(change('user-added', entry, null, `${entry.user} added (created ${isoDate(entry.userCreationTime)}): ${summariseUser(entry)}.`));
      continue;
    }
    changes.push(...userChanges(was, entry, before, after, t));
  }
  for (const entry of [...before.entries].sort((x, y) => x.user.localeCompare(y.user))) {
    if (!entry.isRoot && !afterByUser.has(entry.user)) {
      changes.push(change('user-removed', entry, null, `${entry.user} removed (had ${summariseUser(entry)}).`));
    }
  }
  return changes;
}
