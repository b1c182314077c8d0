import { plural } from '@/lib/checks/rule';
import type { AccessKeySlot } from '@/lib/checks/rule';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import { parseSubject } from '@/lib/review/subject';
import { activeKeys, describeKeyCreated, existingKeys, findRoot, findUser, keyAt, sameKey } from '@/lib/review/facts';
import type { AgendaReason, DecisionKind, OutcomeStatus } from '@/lib/review/schema';
import { isoDate } from '@/lib/dates';

// What became of a decision, judged from a later credential report: the report the decision was
// made on ("before") says which user or key it was about; the later one says whether it happened.
// "keep" is done by definition; the others are done when the report shows them done.

export interface Outcome {
  status: OutcomeStatus;
  note: string;
}

export interface DecisionToJudge {
  subject: string;
  decision: DecisionKind;
  reasons: AgendaReason[];
}

const done = (note: string): Outcome => ({ status: 'done', note });
const open = (note: string): Outcome => ({ status: 'open', note });

/** The later report's copy of a key from the earlier report, if the key still exists. */
function laterKey(later: CredentialEntry, key: AccessKeySlot): AccessKeySlot | undefined {
  return existingKeys(later).find((candidate) => sameKey(key, candidate));
}

function newestKeyAfter(later: CredentialEntry, key: AccessKeySlot): AccessKeySlot | undefined {
  return existingKeys(later)
    .filter((candidate) => candidate.lastRotated !== null && (key.lastRotated === null || candidate.lastRotated > key.lastRotated))
    .sort((x, y) => (y.lastRotated?.getTime() ?? 0) - (x.lastRotated?.getTime() ?? 0))[0];
}

function judgeKey(decision: DecisionKind, earlier: CredentialEntry, key: AccessKeySlot, later: CredentialEntry | undefined, what: string): Outcome {
  if (!later) return done(`${earlier.isRoot ? 'The root user' : `The user ${earlier.user}`} no longer has this key: the user is gone.`);
  const still = laterKey(later, key);
  const created = describeKeyCreated(key);
  if (!still) {
    if (decision === 'rotate') {
      const replacement = newestKeyAfter(later, key);
      return done(
        replacement
          ? `Rotated: the ${what} ${created} is gone; the newest key was ${describeKeyCreated(replacement)} (last_rotated moved).`
          : `The ${what} ${created} is gone (deleted rather than rotated).`,
      );
    }
    return done(`The ${what} ${created} no longer exists.`);
  }
  if (still.active) {
    const used = still.lastUsedDate ? `, last used ${isoDate(still.lastUsedDate)}` : '';
    return open(`The ${what} ${created} is still active${used}.`);
  }
  if (decision === 'delete') return open(`The ${what} ${created} is inactive but still exists: delete it.`);
  return done(`The ${what} ${created} is inactive.`);
}

function judgeUser(decision: DecisionKind, reasons: AgendaReason[], earlier: CredentialEntry, later: CredentialEntry | undefined): Outcome {
  if (!later) return done(`The user ${earlier.user} no longer exists.`);
  const password = later.passwordEnabled === true;
  const keys = activeKeys(later);
  const remaining = [password ? 'the console password is still enabled' : null, keys.length > 0 ? `${plural(keys.length, 'access key')} ${keys.length === 1 ? 'is' : 'are'} still active` : null].filter(
    (part): part is string => part !== null,
  );
  switch (decision) {
    case 'delete':
      return open(`The user ${later.user} still exists.`);
    case 'deactivate': {
      // What "deactivate" must switch off follows from why the user was on the agenda.
      const consoleFlagged = reasons.some((reason) => reason === 'no-mfa' || reason === 'unused-password');
      const keysFlagged = reasons.includes('programmatic-only');
      const needPassword = consoleFlagged || !keysFlagged;
      const needKeys = keysFlagged || !consoleFlagged;
      const left = [needPassword && password ? 'the console password is still enabled' : null, needKeys && keys.length > 0 ? `${plural(keys.length, 'access key')} still active` : null].filter(
        (part): part is string => part !== null,
      );
      if (left.length === 0) return done(`Deactivated: ${[needPassword ? 'no console password' : null, needKeys ? 'no active access key' : null].filter(Boolean).join(' and ')}.`);
      return open(`Not yet: ${left.join(' and ')}.`);
    }
    case 'convert-to-role':
      return keys.length === 0 ? done('No active access key is left: the application runs on a role.') : open(`${plural(keys.length, 'access key')} still active.`);
    case 'rotate': {
      const changed = earlier.passwordLastChanged !== null && later.passwordLastChanged !== null && later.passwordLastChanged > earlier.passwordLastChanged;
      const keysRotated = activeKeys(earlier).every((key) => !laterKey(later, key)?.active);
      if (changed) return done(`The console password was changed ${isoDate(later.passwordLastChanged ?? later.userCreationTime)}.`);
      if (activeKeys(earlier).length > 0 && keysRotated) return done('Every key that was active has been replaced or deactivated.');
      return open(remaining.length > 0 ? `Not rotated yet: ${remaining.join(' and ')} as before.` : 'Not rotated yet.');
    }
    case 'keep':
      return done('Kept, as decided.');
  }
}

function judgeRoot(decision: DecisionKind, earlier: CredentialEntry, later: CredentialEntry | undefined): Outcome {
  if (!later) return open('The later report has no root row; check by hand.');
  const before = existingKeys(earlier);
  if (before.length === 0) {
    // On the agenda for MFA only: whatever was decided is done once root has MFA.
    return later.mfaActive ? done('Root now has MFA.') : open('Root still has no MFA.');
  }
  const results = before.map((key) => judgeKey(decision, earlier, key, later, `root access key ${key.slot}`));
  const pending = results.filter((result) => result.status === 'open');
  if (pending.length === 0) return done(results.map((result) => result.note).join(' '));
  return open(pending.map((result) => result.note).join(' '));
}

/** Judges one decision made on `before` against the later report `after`. */
export function judgeDecision(decision: DecisionToJudge, before: CredentialEntry[], after: CredentialEntry[]): Outcome {
  if (decision.decision === 'keep') return done('Kept, as decided.');
  const subject = parseSubject(decision.subject);
  if (subject === null) return open(`Unknown subject ${JSON.stringify(decision.subject)}; check by hand.`);
  if (subject.kind === 'root') {
    const root = findRoot(before);
    if (!root) return open('The review\'s report has no root row; check by hand.');
    return judgeRoot(decision.decision, root, findRoot(after));
  }
  const earlier = findUser(before, subject.user);
  if (!earlier) return open(`${subject.user} is not in the review's report; check by hand.`);
  const later = findUser(after, subject.user);
  if (subject.kind === 'user') return judgeUser(decision.decision, decision.reasons, earlier, later);
  const key = keyAt(earlier, subject.slot);
  if (!key.exists) return open(`${subject.user} had no access key ${subject.slot} in the review's report; check by hand.`);
  return judgeKey(decision.decision, earlier, key, later, `access key ${subject.slot}`);
}
