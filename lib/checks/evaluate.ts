import type { ChecklistItemResult, ChecklistItemWithSince } from '@/lib/checklist/schema';
import { accessAnalyzerFindingsRule, accessAnalyzerRule } from '@/lib/checks/access-analyzer';
import { cloudTrailRule } from '@/lib/checks/cloudtrail';
import { accessKeyRotationRule, unusedCredentialsRule } from '@/lib/checks/credentials';
import { serviceControlPoliciesRule } from '@/lib/checks/organizations';
import { passwordPolicyRule } from '@/lib/checks/password-policy';
import { leastPrivilegeRule, permissionBoundariesRule } from '@/lib/checks/permissions';
import { credentialReportReviewRule } from '@/lib/checks/review';
import { externalIdRule, serviceRoleTrustRule } from '@/lib/checks/roles';
import { rootAccessKeysRule, rootActivityRule, rootMfaRule } from '@/lib/checks/root';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { rolesForApplicationsRule, userMfaRule } from '@/lib/checks/users';

/** Every rule, in the seed checklist's order (1–14), then the extra rules (15+). */
export const checklistRules: readonly ChecklistRule[] = [
  rootMfaRule,
  rootAccessKeysRule,
  userMfaRule,
  passwordPolicyRule,
  unusedCredentialsRule,
  accessKeyRotationRule,
  cloudTrailRule,
  accessAnalyzerRule,
  permissionBoundariesRule,
  serviceControlPoliciesRule,
  rolesForApplicationsRule,
  externalIdRule,
  leastPrivilegeRule,
  credentialReportReviewRule,
  rootActivityRule,
  serviceRoleTrustRule,
  accessAnalyzerFindingsRule,
];

/**
 * Evaluates every checklist rule against one account's snapshot. A rule that throws (a bug or
 * data no rule anticipated) becomes `unknown` with the error in its summary, never a pass, and
 * the other items are still evaluated.
 */
export function evaluateChecklist(snapshot: AccountSnapshot): ChecklistItemResult[] {
  return checklistRules.map((rule) => {
    try {
      return toResult(rule, rule.evaluate(snapshot));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return toResult(rule, {
        verdict: 'unknown',
        summary: `The rule could not be evaluated: ${message}`,
        evidence: [],
        remedy: { text: 'Report this to Warden\'s maintainers with the sync\'s data.', commands: [] },
      });
    }
  });
}

export interface PreviousVerdict {
  slug: string;
  /** As stored (a string column); compared with the new verdict as is. */
  verdict: string;
  since: Date;
}

/**
 * Adds "since when" each verdict has held: an unchanged verdict keeps its previous `since`,
 * a changed or new one starts at `now`.
 */
export function withSince(
  results: ChecklistItemResult[],
  previous: PreviousVerdict[],
  now: Date,
): ChecklistItemWithSince[] {
  const bySlug = new Map(previous.map((entry) => [entry.slug, entry]));
  return results.map((result) => {
    const before = bySlug.get(result.slug);
    const since = before !== undefined && before.verdict === result.verdict ? before.since : now;
    return { ...result, since };
  });
}
