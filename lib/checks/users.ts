import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  accessKeySlots,
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
  shellArg,
} from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';

// IAM users from the credential report: console users without MFA (item 3) and users that
// exist only to hold access keys for an application (item 11).

// ---------------------------------------------------------------------------------------------
// 3. IAM users have MFA
// ---------------------------------------------------------------------------------------------

function evaluateUserMfa(snapshot: AccountSnapshot): RuleOutcome {
  const report = snapshot.credentialReport;
  const accountId = snapshot.account.id;
  if (report === null) {
    return credentialReportUnknown(snapshot);
  }
  const users = report.entries.filter((entry) => !entry.isRoot);
  const items: EvidenceItem[] = [];
  for (const user of users) {
    if (user.passwordEnabled === null) {
      items.push(
        evidence('user', user.user, user.user, 'unknown',
          `password_enabled is ${user.passwordEnabledSentinel ?? 'empty'}: whether the user has a console password is unknown.`,
          { passwordEnabled: user.passwordEnabledSentinel, mfaActive: user.mfaActive }),
      );
    } else if (user.passwordEnabled) {
      items.push(
        evidence('user', user.user, user.user, user.mfaActive ? 'pass' : 'fail',
          user.mfaActive ? 'Console password with MFA.' : 'Console password without MFA.',
          {
            arn: user.arn,
            passwordEnabled: true,
            mfaActive: user.mfaActive,
            passwordLastUsed: dateOrSentinel(user.passwordLastUsed, user.passwordLastUsedSentinel),
          }),
      );
    }
  }
  const failing = items.filter((item) => item.status === 'fail').map((item) => item.id);
  const consoleUsers = items.filter((item) => item.status !== 'unknown').length;
  items.push(reportEvidence(snapshot, report.generatedAt));
  const commands = failing.flatMap((name) => [
    `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${shellArg(name)} --outfile ${shellArg(`${name}-mfa.png`)} --bootstrap-method QRCodePNG`,
    `aws iam enable-mfa-device --user-name ${shellArg(name)} --serial-number ${shellArg(`arn:aws:iam::${accountId}:mfa/${name}`)} --authentication-code1 <first code> --authentication-code2 <second code>`,
  ]);
  const remedy = {
    text: failing.length > 0
      ? `Have ${listNames(failing)} assign an MFA device (or assign one for them as below), or remove the console password of a user who does not need the console (aws iam delete-login-profile --user-name <name>). Better still, move people to IAM Identity Center.`
      : 'Nothing to do. Enforce MFA for new console users, e.g. with an IAM policy that denies actions without aws:MultiFactorAuthPresent.',
    commands,
  };
  if (failing.length > 0) {
    return {
      verdict: 'fail',
      summary: `${plural(failing.length, 'console user')} of ${consoleUsers} ${failing.length === 1 ? 'has' : 'have'} no MFA: ${listNames(failing)}.`,
      evidence: items,
      remedy,
    };
  }
  if (items.some((item) => item.status === 'unknown')) {
    return {
      verdict: 'unknown',
      summary: 'The credential report does not say whether some users have a console password.',
      evidence: items,
      remedy,
    };
  }
  return {
    verdict: 'pass',
    summary: consoleUsers === 0
      ? 'No IAM user has a console password.'
      : `Every console user has MFA (${consoleUsers}).`,
    evidence: items,
    remedy,
  };
}

export const userMfaRule: ChecklistRule = {
  number: 3,
  slug: 'user-mfa',
  title: 'IAM users have MFA',
  severity: 'high',
  references: [
    cis('1.10', 'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password'),
    securityHub('IAM.5', 'MFA should be enabled for all IAM users that have a console password'),
  ],
  semantics: {
    counts: "Fail for every IAM user whose credential report row has password_enabled = true and mfa_active = false; unknown where password_enabled is not a boolean.",
    restsOn: ["iam:GenerateCredentialReport / GetCredentialReport"],
  },
  sources: ['credentialReport'],
  evaluate: evaluateUserMfa,
};

// ---------------------------------------------------------------------------------------------
// 11. Roles used instead of users for applications
// ---------------------------------------------------------------------------------------------

function evaluateRolesForApplications(snapshot: AccountSnapshot): RuleOutcome {
  const report = snapshot.credentialReport;
  if (report === null) {
    return credentialReportUnknown(snapshot);
  }
  const items: EvidenceItem[] = [];
  for (const user of report.entries.filter((entry) => !entry.isRoot)) {
    const activeKeys = accessKeySlots(user).filter((key) => key.active);
    if (activeKeys.length === 0) continue;
    const values = {
      arn: user.arn,
      passwordEnabled: user.passwordEnabled ?? user.passwordEnabledSentinel,
      activeKeySlots: activeKeys.map((key) => key.slot).join(','),
      lastUsedServices: activeKeys.map((key) => key.lastUsedService ?? 'never').join(','),
    };
    if (user.passwordEnabled === false) {
      items.push(
        evidence('user', user.user, user.user, 'fail',
          `No console password and ${plural(activeKeys.length, 'active access key')}: an application identity that should be a role.`,
          values),
      );
    } else if (user.passwordEnabled === true) {
      items.push(
        evidence('user', user.user, user.user, 'noted',
          `A console user who also holds ${plural(activeKeys.length, 'active access key')}.`, values),
      );
    } else {
      items.push(
        evidence('user', user.user, user.user, 'unknown',
          `password_enabled is ${user.passwordEnabledSentinel ?? 'empty'}: cannot tell whether this is an application user.`,
          values),
      );
    }
  }
  const failing = items.filter((item) => item.status === 'fail').map((item) => item.id);
  items.push(reportEvidence(snapshot, report.generatedAt));
  const remedy = {
    text: failing.length > 0
      ? 'Give each application an IAM role it assumes (an instance profile, task role, Lambda execution role, or IAM Roles Anywhere / OIDC outside AWS) with the same permissions, switch the application to it, then deactivate and delete the user\'s keys.'
      : 'Nothing to do. Keep applications on roles with temporary credentials.',
    commands: failing.flatMap((name) => [
      `aws iam create-role --role-name ${shellArg(`${name}-role`)} --assume-role-policy-document file://${name}-trust.json`,
      listAccessKeysCommand(name),
      `aws iam update-access-key --user-name ${shellArg(name)} --access-key-id <key id from list-access-keys> --status Inactive`,
      `aws iam delete-access-key --user-name ${shellArg(name)} --access-key-id <key id from list-access-keys>`,
    ]),
  };
  if (failing.length > 0) {
    return {
      verdict: 'fail',
      summary: `${plural(failing.length, 'user')} without a console password ${failing.length === 1 ? 'holds' : 'hold'} active access keys (applications using long-lived keys): ${listNames(failing)}.`,
      evidence: items,
      remedy,
    };
  }
  if (items.some((item) => item.status === 'unknown')) {
    return { verdict: 'unknown', summary: 'Some users\' console access is not stated in the credential report.', evidence: items, remedy };
  }
  return {
    verdict: 'pass',
    summary: 'No IAM user holds active access keys without a console password.',
    evidence: items,
    remedy,
  };
}

export const rolesForApplicationsRule: ChecklistRule = {
  number: 11,
  slug: 'roles-for-applications',
  title: 'Roles used instead of users for applications',
  severity: 'medium',
  references: [],
  semantics: {
    counts: "Fail for every IAM user with no console password and an active access key: an application identity that should be a role (temporary credentials).",
    restsOn: ["iam:GenerateCredentialReport / GetCredentialReport"],
    differs: "No CIS or Security Hub control; this is the seed's item.",
  },
  sources: ['credentialReport'],
  evaluate: evaluateRolesForApplications,
};
