import type { EvidenceItem } from '@/lib/checklist/schema';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import {
  type AccessKeySlot,
  accessKeySlots,
  atLeastDaysBefore,
  type ChecklistRule,
  cis,
  credentialReportUnknown,
  dateOrSentinel,
  evidence,
  listAccessKeysCommand,
  listNames,
  plural,
  reportEvidence,
  type RuleOutcome,
  securityHub,
  seedCredentialReportCommands,
  shellArg,
  showThreshold,
  verdictFromEvidence,
} from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { daysSince, isoDate } from '@/lib/dates';

// Credential hygiene from the credential report: unused passwords and keys (item 5) and key
// age (item 6). Root's keys belong to item 2 and are left out here.

/** Items grouped by key, keys in the order first met. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function keyId(user: string, slot: number): string {
  return `${user}/key-${slot}`;
}

function keyPlaceholder(slot: number): string {
  return `<id of access key ${slot} from list-access-keys>`;
}

// ---------------------------------------------------------------------------------------------
// 5. Unused credentials removed
// ---------------------------------------------------------------------------------------------

export interface LastUse {
  date: Date;
  basis: string;
}

// Shared with the credential-report review (lib/review/agenda.ts), so both judge "unused" alike.
// A password never used (N/A) or not used since IAM began tracking (no_information) is measured
// from when it was set; without that, from the user's creation.
export function passwordLastUse(user: CredentialEntry): LastUse {
  if (user.passwordLastUsed !== null) return { date: user.passwordLastUsed, basis: 'last used' };
  const never = user.passwordLastUsedSentinel === 'no_information' ? 'not used since IAM began tracking' : 'never used';
  if (user.passwordLastChanged !== null) return { date: user.passwordLastChanged, basis: `${never}; password set` };
  return { date: user.userCreationTime, basis: `${never}; user created` };
}

// A key never used counts from its creation, which the report gives as last_rotated.
export function keyLastUse(user: CredentialEntry, key: AccessKeySlot): LastUse {
  if (key.lastUsedDate !== null) return { date: key.lastUsedDate, basis: 'last used' };
  if (key.lastRotated !== null) return { date: key.lastRotated, basis: 'never used; created' };
  return { date: user.userCreationTime, basis: 'never used; user created' };
}

function evaluateUnusedCredentials(snapshot: AccountSnapshot): RuleOutcome {
  const limit = snapshot.thresholds.unusedCredentialDays;
  const thresholds = [showThreshold(snapshot, 'unusedCredentialDays', 'days')];
  const report = snapshot.credentialReport;
  if (report === null) {
    return credentialReportUnknown(snapshot, { thresholds });
  }
  const items: EvidenceItem[] = [];
  const stalePasswords: string[] = [];
  const staleKeys: { user: string; slot: number }[] = [];

  for (const user of report.entries.filter((entry) => !entry.isRoot)) {
    if (user.passwordEnabled === null) {
      items.push(
        evidence('password', `${user.user}/password`, `${user.user} — console password`, 'unknown',
          `password_enabled is ${user.passwordEnabledSentinel ?? 'empty'}: whether a console password exists is unknown.`),
      );
    } else if (user.passwordEnabled) {
      const use = passwordLastUse(user);
      const days = daysSince(snapshot.now, use.date);
      const stale = atLeastDaysBefore(snapshot.now, use.date, limit);
      if (stale) stalePasswords.push(user.user);
      items.push(
        evidence('password', `${user.user}/password`, `${user.user} — console password`, stale ? 'fail' : 'pass',
          `${use.basis} ${isoDate(use.date)}: ${plural(days, 'day')} ago${stale ? `: ${limit} days or more` : ''}.`,
          {
            user: user.user,
            passwordLastUsed: dateOrSentinel(user.passwordLastUsed, user.passwordLastUsedSentinel),
            passwordLastChanged: dateOrSentinel(user.passwordLastChanged, user.passwordLastChangedSentinel),
            userCreationTime: user.userCreationTime,
            daysUnused: days,
          }),
      );
    }
    for (const key of accessKeySlots(user)) {
      if (!key.active) continue;
      const use = keyLastUse(user, key);
      const days = daysSince(snapshot.now, use.date);
      const stale = atLeastDaysBefore(snapshot.now, use.date, limit);
      if (stale) staleKeys.push({ user: user.user, slot: key.slot });
      items.push(
        evidence('access-key', keyId(user.user, key.slot), `${user.user} — access key ${key.slot}`, stale ? 'fail' : 'pass',
          `${use.basis} ${isoDate(use.date)}: ${plural(days, 'day')} ago${stale ? `: ${limit} days or more` : ''}.`,
          {
            user: user.user,
            slot: key.slot,
            lastUsedDate: dateOrSentinel(key.lastUsedDate, key.lastUsedDateSentinel),
            lastRotated: dateOrSentinel(key.lastRotated, key.lastRotatedSentinel),
            lastUsedService: key.lastUsedService,
            daysUnused: days,
          }),
      );
    }
  }
  items.push(reportEvidence(snapshot, report.generatedAt));

  const commands = [...seedCredentialReportCommands];
  for (const name of stalePasswords) commands.push(`aws iam delete-login-profile --user-name ${shellArg(name)}`);
  // Per user, in the order met (a large account has thousands: no scan of every key per user).
  for (const [name, keys] of groupBy(staleKeys, (key) => key.user)) {
    commands.push(listAccessKeysCommand(name));
    for (const key of keys) {
      commands.push(
        `aws iam update-access-key --user-name ${shellArg(name)} --access-key-id ${keyPlaceholder(key.slot)} --status Inactive`,
      );
    }
  }
  const remedy = {
    text: stalePasswords.length + staleKeys.length > 0
      ? 'Remove console passwords nobody uses and deactivate unused keys (delete them once nothing breaks): aws iam delete-access-key --user-name <user> --access-key-id <id>.'
      : 'Nothing to do. Review the credential report monthly.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const flagged = [
    ...stalePasswords.map((name) => `${name} (password)`),
    ...staleKeys.map((key) => `${key.user} (key ${key.slot})`),
  ];
  const summary =
    verdict === 'fail'
      ? `${plural(flagged.length, 'credential')} unused for ${limit} days or more: ${listNames(flagged)}.`
      : verdict === 'unknown'
        ? 'The credential report does not say whether some users have a console password.'
        : `No console password or active access key has gone unused for ${limit} days or more.`;
  return { verdict, summary, evidence: items, remedy, thresholds };
}

export const unusedCredentialsRule: ChecklistRule = {
  number: 5,
  slug: 'unused-credentials',
  title: 'Unused credentials removed',
  severity: 'medium',
  references: [
    cis('1.12', 'Ensure credentials unused for 45 days or more are disabled'),
    securityHub('IAM.22', 'IAM user credentials unused for 45 days should be removed'),
    securityHub('IAM.8', 'Unused IAM user credentials should be removed'),
  ],
  semantics: {
    counts: "Fail for every console password and active access key not used for unusedCredentialDays or more, measured to the millisecond from its last use (or, never used, from when it was set or created), inclusive: 45 days and 20 hours unused fails at 45.",
    restsOn: ["iam:GenerateCredentialReport / GetCredentialReport"],
  },
  sources: ['credentialReport'],
  evaluate: evaluateUnusedCredentials,
};

// ---------------------------------------------------------------------------------------------
// 6. Access keys rotated < 90 days
// ---------------------------------------------------------------------------------------------

function evaluateKeyRotation(snapshot: AccountSnapshot): RuleOutcome {
  const limit = snapshot.thresholds.keyRotationDays;
  const thresholds = [showThreshold(snapshot, 'keyRotationDays', 'days')];
  const report = snapshot.credentialReport;
  if (report === null) {
    return credentialReportUnknown(snapshot, { thresholds });
  }
  const items: EvidenceItem[] = [];
  const oldKeys: { user: string; slot: number; days: number }[] = [];
  const twoKeyUsers: string[] = [];
  let activeCount = 0;

  for (const user of report.entries.filter((entry) => !entry.isRoot)) {
    const active = accessKeySlots(user).filter((key) => key.active);
    for (const key of active) {
      activeCount += 1;
      if (key.lastRotated === null) {
        items.push(
          evidence('access-key', keyId(user.user, key.slot), `${user.user} — access key ${key.slot}`, 'unknown',
            `Active, but access_key_${key.slot}_last_rotated is ${key.lastRotatedSentinel ?? 'empty'}: its age is unknown.`),
        );
        continue;
      }
      const days = daysSince(snapshot.now, key.lastRotated);
      const old = atLeastDaysBefore(snapshot.now, key.lastRotated, limit);
      if (old) oldKeys.push({ user: user.user, slot: key.slot, days });
      items.push(
        evidence('access-key', keyId(user.user, key.slot), `${user.user} — access key ${key.slot}`, old ? 'fail' : 'pass',
          `Created ${isoDate(key.lastRotated)}: ${plural(days, 'day')} old${old ? `: ${limit} days or more` : ''}.`,
          { user: user.user, slot: key.slot, lastRotated: key.lastRotated, ageDays: days }),
      );
    }
    if (active.length === 2) {
      twoKeyUsers.push(user.user);
      items.push(
        evidence('user', `${user.user}/two-active-keys`, `${user.user} — two active keys`, 'fail',
          'Both access keys are active; keep one (a second key is only for the moment of rotation).',
          { user: user.user, activeKeys: 2 }),
      );
    }
  }
  items.push(reportEvidence(snapshot, report.generatedAt));

  const commands: string[] = [];
  const oldByUser = groupBy(oldKeys, (key) => key.user);
  const withTwoKeys = new Set(twoKeyUsers);
  for (const name of new Set([...oldByUser.keys(), ...twoKeyUsers])) {
    commands.push(listAccessKeysCommand(name));
    const userOld = oldByUser.get(name) ?? [];
    if (userOld.length > 0 && !withTwoKeys.has(name)) {
      commands.push(`aws iam create-access-key --user-name ${shellArg(name)}`);
    }
    for (const key of userOld) {
      commands.push(
        `aws iam update-access-key --user-name ${shellArg(name)} --access-key-id ${keyPlaceholder(key.slot)} --status Inactive`,
        `aws iam delete-access-key --user-name ${shellArg(name)} --access-key-id ${keyPlaceholder(key.slot)}`,
      );
    }
  }
  const remedy = {
    text: commands.length > 0
      ? 'Rotate as the seed describes: create a new key, move the application to it, deactivate the old key, and delete it once nothing uses it. A user with two active keys should end with one.'
      : 'Nothing to do. Rotate keys before they reach the limit, or replace them with roles.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const summary =
    verdict === 'fail'
      ? [
          oldKeys.length > 0
            ? `${plural(oldKeys.length, 'active key')} ${limit} days old or older: ${listNames(oldKeys.map((key) => `${key.user} (key ${key.slot}, ${key.days} days)`))}.`
            : '',
          twoKeyUsers.length > 0 ? `Two active keys: ${listNames(twoKeyUsers)}.` : '',
        ]
          .filter((part) => part !== '')
          .join(' ')
      : verdict === 'unknown'
        ? 'The age of some active keys is not stated in the credential report.'
        : activeCount === 0
          ? 'No IAM user has an active access key.'
          : `Every active access key is less than ${limit} days old (${activeCount}).`;
  return { verdict, summary, evidence: items, remedy, thresholds };
}

export const accessKeyRotationRule: ChecklistRule = {
  number: 6,
  slug: 'access-key-rotation',
  title: 'Access keys rotated < 90 days',
  severity: 'medium',
  references: [
    cis('1.14', 'Ensure access keys are rotated every 90 days or less'),
    cis('1.13', 'Ensure there is only one active access key for any single IAM user'),
    securityHub('IAM.3', "IAM users' access keys should be rotated every 90 days or less"),
  ],
  semantics: {
    counts: "Fail for every active access key whose age (access_key_N_last_rotated) is keyRotationDays or more, to the millisecond, and for every user with two active keys.",
    restsOn: ["iam:GenerateCredentialReport / GetCredentialReport"],
    differs: "Security Hub IAM.3 fails only after 90 days; Warden fails at 90 days, matching the seed's \"rotated < 90 days\".",
  },
  sources: ['credentialReport'],
  evaluate: evaluateKeyRotation,
};
