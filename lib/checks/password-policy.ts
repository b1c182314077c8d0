import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  cis,
  evidence,
  listNames,
  permissions,
  securityHub,
  showThreshold,
  unknownOutcome,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot, PasswordPolicyData, Thresholds } from '@/lib/checks/types';

// Item 4: the account password policy against the seed's update-account-password-policy command,
// one verdict per field.

type PresentPolicy = Extract<PasswordPolicyData, { present: true }>;

interface FieldCheck {
  field: string;
  label: string;
  required: string;
  actual: number | boolean | null;
  ok: boolean;
}

function checkFields(policy: PresentPolicy | null, thresholds: Thresholds): FieldCheck[] {
  const flag = (field: string, label: string, wanted: boolean, actual: boolean | null): FieldCheck => ({
    field,
    label,
    required: wanted ? 'required' : 'not required',
    actual,
    ok: !wanted || actual === true,
  });
  const length = policy?.minimumPasswordLength ?? null;
  const maxAge = policy?.maxPasswordAge ?? null;
  const expires = policy?.expirePasswords ?? null;
  const reuse = policy?.passwordReusePrevention ?? null;
  return [
    {
      field: 'MinimumPasswordLength',
      label: 'Minimum length',
      required: `≥ ${thresholds.passwordMinimumLength}`,
      actual: length,
      ok: length !== null && length >= thresholds.passwordMinimumLength,
    },
    flag('RequireSymbols', 'Require symbols', thresholds.passwordRequireSymbols, policy?.requireSymbols ?? null),
    flag('RequireNumbers', 'Require numbers', thresholds.passwordRequireNumbers, policy?.requireNumbers ?? null),
    flag('RequireUppercaseCharacters', 'Require upper case', thresholds.passwordRequireUppercase, policy?.requireUppercaseCharacters ?? null),
    flag('RequireLowercaseCharacters', 'Require lower case', thresholds.passwordRequireLowercase, policy?.requireLowercaseCharacters ?? null),
    {
      field: 'MaxPasswordAge',
      label: 'Maximum age (days)',
      required: `≤ ${thresholds.passwordMaxAgeDays}`,
      actual: maxAge,
      // No maximum age (or ExpirePasswords false) means passwords never expire.
      ok: expires !== false && maxAge !== null && maxAge > 0 && maxAge <= thresholds.passwordMaxAgeDays,
    },
    {
      field: 'PasswordReusePrevention',
      label: 'Reuse prevention (passwords remembered)',
      required: `≥ ${thresholds.passwordReusePrevention}`,
      actual: reuse,
      ok: reuse !== null && reuse >= thresholds.passwordReusePrevention,
    },
  ];
}

/**
 * The seed's command with the thresholds, never weakening a stricter current value: the call
 * replaces the whole policy, so settings it omits would fall back to AWS's defaults.
 */
export function passwordPolicyCommand(policy: PresentPolicy | null, thresholds: Thresholds): string {
  const length = Math.max(policy?.minimumPasswordLength ?? 0, thresholds.passwordMinimumLength);
  const currentAge = policy?.expirePasswords !== false ? (policy?.maxPasswordAge ?? null) : null;
  const maxAge = currentAge !== null && currentAge > 0 ? Math.min(currentAge, thresholds.passwordMaxAgeDays) : thresholds.passwordMaxAgeDays;
  const reuse = Math.max(policy?.passwordReusePrevention ?? 0, thresholds.passwordReusePrevention);
  const parts = ['aws iam update-account-password-policy', `--minimum-password-length ${length}`];
  if (thresholds.passwordRequireSymbols || policy?.requireSymbols === true) parts.push('--require-symbols');
  if (thresholds.passwordRequireNumbers || policy?.requireNumbers === true) parts.push('--require-numbers');
  if (thresholds.passwordRequireUppercase || policy?.requireUppercaseCharacters === true) parts.push('--require-uppercase-characters');
  if (thresholds.passwordRequireLowercase || policy?.requireLowercaseCharacters === true) parts.push('--require-lowercase-characters');
  if (policy?.allowUsersToChangePassword === true) parts.push('--allow-users-to-change-password');
  parts.push(`--max-password-age ${maxAge}`, `--password-reuse-prevention ${reuse}`);
  if (policy?.hardExpiry === true) parts.push('--hard-expiry');
  return parts.join(' ');
}

function evaluatePasswordPolicy(snapshot: AccountSnapshot): RuleOutcome {
  const t = snapshot.thresholds;
  const thresholds = [
    showThreshold(snapshot, 'passwordMinimumLength', 'characters'),
    showThreshold(snapshot, 'passwordRequireSymbols', null),
    showThreshold(snapshot, 'passwordRequireNumbers', null),
    showThreshold(snapshot, 'passwordRequireUppercase', null),
    showThreshold(snapshot, 'passwordRequireLowercase', null),
    showThreshold(snapshot, 'passwordMaxAgeDays', 'days'),
    showThreshold(snapshot, 'passwordReusePrevention', 'passwords'),
  ];
  const policy = snapshot.iam?.passwordPolicy ?? null;
  if (policy === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'iam', 'The account password policy', permissions.passwordPolicy)],
      {},
      { thresholds },
    );
  }
  const present = policy.present ? policy : null;
  const checks = checkFields(present, t);
  const items: EvidenceItem[] = checks.map((check) =>
    evidence('password-policy', check.field, check.label, check.ok ? 'pass' : 'fail',
      present === null
        ? `No password policy: ${check.required}.`
        : `${check.field} is ${check.actual === null ? 'not set' : String(check.actual)}; ${check.required}.`,
      { actual: check.actual, required: check.required }),
  );
  const remedy = {
    text: 'Set the password policy the seed gives (stricter current values are kept).',
    commands: [passwordPolicyCommand(present, t)],
  };
  const failing = checks.filter((check) => !check.ok);
  if (present === null) {
    return {
      verdict: 'fail',
      summary: 'The account has no password policy: IAM users\' passwords follow AWS\'s weak defaults.',
      evidence: items,
      remedy,
      thresholds,
    };
  }
  if (failing.length > 0) {
    return {
      verdict: 'fail',
      summary: `The password policy is weaker than the seed's in ${failing.length} of ${checks.length} fields: ${listNames(failing.map((check) => check.label.toLowerCase()), 7)}.`,
      evidence: items,
      remedy,
      thresholds,
    };
  }
  return {
    verdict: 'pass',
    summary: 'The password policy is at least as strong as the seed\'s in every field.',
    evidence: items,
    remedy: { text: 'Nothing to do.', commands: [] },
    thresholds,
  };
}

export const passwordPolicyRule: ChecklistRule = {
  number: 4,
  slug: 'password-policy',
  title: 'Password policy enforced',
  severity: 'medium',
  references: [
    cis('1.8', 'Ensure IAM password policy requires minimum length of 14 or greater'),
    cis('1.9', 'Ensure IAM password policy prevents password reuse'),
    securityHub('IAM.15', 'Ensure IAM password policy requires minimum password length of 14 or greater'),
    securityHub('IAM.16', 'Ensure IAM password policy prevents password reuse'),
    securityHub('IAM.7', 'Password policies for IAM users should have strong configurations'),
  ],
  semantics: {
    counts: "Pass when the account password policy meets every threshold: minimum length, the four character classes, maximum age and reuse prevention, each compared with its setting; fail when there is no policy or any field falls short.",
    restsOn: ["iam:GetAccountPasswordPolicy"],
    differs: "Security Hub IAM.7 and CIS differ on some fields; Warden follows the seed's update-account-password-policy command.",
  },
  sources: ['iam'],
  evaluate: evaluatePasswordPolicy,
};
