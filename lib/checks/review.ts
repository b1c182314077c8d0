import {
  daysSince,
  evidence,
  isoDay,
  plural,
  seedCredentialReportCommands,
  showThreshold,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';

// Item 14: the monthly credential-report review, recorded by Warden's Review feature.

function evaluateReview(snapshot: AccountSnapshot): RuleOutcome {
  const limit = snapshot.thresholds.reviewIntervalDays;
  const thresholds = [showThreshold(snapshot, 'reviewIntervalDays', 'days')];
  const remedy = {
    text: 'Hold the monthly review in Warden\'s Review screen: start it from the latest credential report, decide on every flagged user and key, and sign it off.',
    commands: seedCredentialReportCommands,
  };
  const reviews = snapshot.reviews;
  if (reviews === null) {
    const error = snapshot.sources.reviews.error;
    return {
      verdict: 'unknown',
      summary: `Warden's review records could not be read${error === null ? '' : ` (${error})`}.`,
      evidence: [],
      remedy,
      thresholds,
    };
  }
  if (reviews.lastSignedAt === null) {
    return {
      verdict: 'fail',
      summary: 'No credential-report review covering this account has ever been signed off.',
      evidence: [evidence('review', 'last-review', 'Last signed review', 'fail', 'None.', { lastSignedAt: null })],
      remedy,
      thresholds,
    };
  }
  const days = daysSince(snapshot.now, reviews.lastSignedAt);
  const recent = days <= limit;
  const who = reviews.lastSignedBy === null ? '' : ` by ${reviews.lastSignedBy}`;
  const item = evidence('review', 'last-review', reviews.lastReviewTitle ?? 'Last signed review', recent ? 'pass' : 'fail',
    `Signed ${isoDay(reviews.lastSignedAt)}${who}: ${plural(days, 'day')} ago.`,
    { lastSignedAt: reviews.lastSignedAt, lastSignedBy: reviews.lastSignedBy, title: reviews.lastReviewTitle, daysAgo: days });
  return {
    verdict: recent ? 'pass' : 'fail',
    summary: recent
      ? `The credential report was reviewed ${plural(days, 'day')} ago (signed ${isoDay(reviews.lastSignedAt)}${who}).`
      : `The last signed review is ${plural(days, 'day')} old, more than ${limit}.`,
    evidence: [item],
    remedy,
    thresholds,
  };
}

export const credentialReportReviewRule: ChecklistRule = {
  number: 14,
  slug: 'credential-report-review',
  title: 'Credential report reviewed monthly',
  severity: 'low',
  references: [],
  sources: [],
  evaluate: evaluateReview,
};
