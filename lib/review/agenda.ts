import { plural } from '@/lib/checks/rule';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import {
  activeKeys,
  daysBefore,
  describeKeyCreated,
  describeKeyUse,
  describePasswordUse,
  existingKeys,
  findRoot,
  findUser,
  hasConsoleWithoutMfa,
  isKeyOld,
  isKeyStale,
  isPasswordUnused,
  keyAt,
  type ReviewThresholds,
} from '@/lib/review/facts';
import type { AgendaReason } from '@/lib/review/schema';
import { compareSubjects, parseSubject, subjectId, type KeySlotNumber, type SubjectKind } from '@/lib/review/subject';
import { daysSince, isoDate } from '@/lib/dates';

// The review's agenda: every user, key or root credential in the frozen report that needs a
// decision, with the evidence from the report. Judged at the report's own time, so the agenda of
// a frozen snapshot never drifts while the meeting goes on.

export interface AgendaItem {
  subject: string;
  kind: SubjectKind;
  /** The IAM user name; "<root_account>" for root. */
  userName: string;
  slot: KeySlotNumber | null;
  reasons: AgendaReason[];
}

export function buildAgenda(entries: CredentialEntry[], at: Date, t: ReviewThresholds): AgendaItem[] {
  const items: AgendaItem[] = [];
  const root = findRoot(entries);
  if (root) {
    const reasons: AgendaReason[] = [];
    if (existingKeys(root).length > 0) reasons.push('root-key');
    if (!root.mfaActive) reasons.push('root-no-mfa');
    if (reasons.length > 0) items.push({ subject: 'root', kind: 'root', userName: root.user, slot: null, reasons });
  }
  for (const entry of entries.filter((e) => !e.isRoot)) {
    const reasons: AgendaReason[] = [];
    if (hasConsoleWithoutMfa(entry)) reasons.push('no-mfa');
    if (isPasswordUnused(entry, at, t)) reasons.push('unused-password');
    if (entry.passwordEnabled === false && activeKeys(entry).length > 0) reasons.push('programmatic-only');
    if (reasons.length > 0) items.push({ subject: subjectId({ kind: 'user', user: entry.user }), kind: 'user', userName: entry.user, slot: null, reasons });
    for (const key of activeKeys(entry)) {
      const keyReasons: AgendaReason[] = [];
      if (isKeyStale(entry, key, at, t)) keyReasons.push('stale-key');
      if (isKeyOld(key, at, t)) keyReasons.push('old-key');
      if (keyReasons.length > 0) {
        items.push({ subject: subjectId({ kind: 'key', user: entry.user, slot: key.slot }), kind: 'key', userName: entry.user, slot: key.slot, reasons: keyReasons });
      }
    }
  }
  return items.sort(compareSubjects);
}

/**
 * The evidence for one subject, as sentences from the report; `null` when the subject is not in
 * the report at all (a carried-over decision about a user or key that has since gone).
 */
export function describeSubject(entries: CredentialEntry[], subject: string, at: Date): string[] | null {
  const s = parseSubject(subject);
  if (s === null) return null;
  if (s.kind === 'root') {
    const root = findRoot(entries);
    if (!root) return null;
    const lines = [
      root.mfaActive ? 'Root MFA: active.' : 'Root MFA: none.',
      root.passwordLastUsed !== null
        ? `Root password last used ${isoDate(root.passwordLastUsed)} (${daysBefore(at, root.passwordLastUsed)}).`
        : `Root password last used: ${root.passwordLastUsedSentinel ?? 'not stated'}.`,
    ];
    const keys = existingKeys(root);
    if (keys.length === 0) lines.push('No root access keys.');
    for (const key of keys) {
      lines.push(`Root access key ${key.slot}: ${key.active ? 'active' : 'inactive'}, ${describeKeyCreated(key)}; ${describeKeyUse(key, at)}.`);
    }
    return lines;
  }
  const entry = findUser(entries, s.user);
  if (!entry) return null;
  if (s.kind === 'key') {
    const key = keyAt(entry, s.slot);
    if (!key.exists) return [`Access key ${s.slot} no longer exists.`];
    const others = activeKeys(entry).filter((k) => k.slot !== s.slot).length;
    const age = key.lastRotated !== null ? `, ${plural(Math.max(0, daysSince(at, key.lastRotated)), 'day')} old` : '';
    return [
      `Access key ${s.slot}: ${key.active ? 'active' : 'inactive'}, ${describeKeyCreated(key)}${age}.`,
      `${capitalise(describeKeyUse(key, at))}.`,
      `${entry.user}: ${consoleAccess(entry)}; ${others === 0 ? 'no other active key' : 'another active key'}.`,
    ];
  }
  const keys = activeKeys(entry);
  return [
    `Console password: ${entry.passwordEnabled === true ? `yes, ${describePasswordUse(entry, at)}` : entry.passwordEnabled === false ? 'no' : `not stated (${entry.passwordEnabledSentinel ?? 'empty'})`}.`,
    `MFA: ${entry.mfaActive ? 'active' : 'none'}.`,
    keys.length === 0
      ? 'No active access key.'
      : `${plural(keys.length, 'active access key')}: ${keys.map((key) => `key ${key.slot} ${describeKeyCreated(key)}, ${describeKeyUse(key, at)}`).join('; ')}.`,
    `User created ${isoDate(entry.userCreationTime)}.`,
  ];
}

function consoleAccess(entry: CredentialEntry): string {
  if (entry.passwordEnabled === true) return entry.mfaActive ? 'console password with MFA' : 'console password without MFA';
  if (entry.passwordEnabled === false) return 'no console password';
  return `console password not stated (${entry.passwordEnabledSentinel ?? 'empty'})`;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
