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
import { showThreshold, toResult, type ChecklistRule, type RuleOutcome } from '@/lib/checks/rule';
import type { AccountSnapshot, SourceName } from '@/lib/checks/types';
import { rolesForApplicationsRule, userMfaRule } from '@/lib/checks/users';
import { utcMinute } from '@/lib/dates';

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
      return toResult(rule, notOnStaleData(rule, rule.evaluate(snapshot), snapshot));
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

const sourceWords: Record<SourceName, string> = {
  credentialReport: 'the credential report',
  iam: 'the IAM account facts',
  accessAnalyzer: 'Access Analyzer',
  cloudtrail: 'CloudTrail',
  organization: 'Organizations',
  reviews: 'the reviews',
};

/**
 * A pass is a claim about the account now: when a source the rule rests on was last read more
 * than staleDataHours ago (syncs failing, the account paused), the item is unknown instead. A
 * fail stays a fail: what was wrong then is worth fixing or re-checking either way.
 */
export function notOnStaleData(rule: ChecklistRule, outcome: RuleOutcome, snapshot: AccountSnapshot): RuleOutcome {
  if (outcome.verdict !== 'pass') return outcome;
  const limitMs = snapshot.thresholds.staleDataHours * 3_600_000;
  const stale = rule.sources.flatMap((source) => {
    const lastReadAt = snapshot.sources[source].lastReadAt ?? null;
    return lastReadAt !== null && snapshot.now.getTime() - lastReadAt.getTime() > limitMs ? [{ source, lastReadAt }] : [];
  });
  if (stale.length === 0) return outcome;
  const ages = stale.map(({ source, lastReadAt }) => `${sourceWords[source]} was last read ${utcMinute(lastReadAt)} (${Math.floor((snapshot.now.getTime() - lastReadAt.getTime()) / 3_600_000)} hours ago)`);
  return {
    ...outcome,
    verdict: 'unknown',
    summary: `This would pass, but ${ages.join(' and ')}: more than ${snapshot.thresholds.staleDataHours} hours, too old to pass on. ${outcome.summary}`,
    remedy: {
      text: 'Run a sync. If it fails, the Sync screen names the error (a role that can no longer be assumed, a missing permission); if the account is paused, resume it on the Accounts screen.',
      commands: [],
    },
    thresholds: [...(outcome.thresholds ?? []), showThreshold(snapshot, 'staleDataHours', 'hours')],
  };
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
