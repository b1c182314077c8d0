import { evidence, plural, seedCredentialReportCommands, showThreshold, type ChecklistRule, type RuleOutcome } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { DAY_MS, daysSince, isoDate } from '@/lib/dates';

// Item 14: the monthly credential-report review, recorded by Warden's Review feature. A sign-off
// counts only for a report that was current when it was signed: at most REVIEW_REPORT_MAX_AGE_DAYS
// old. Signing today a review of a report from last quarter reviews last quarter.

export const REVIEW_REPORT_MAX_AGE_DAYS = 7;

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
  const generatedAt = reviews.lastReportGeneratedAt ?? null;
  const reportAgeMs = generatedAt === null ? null : reviews.lastSignedAt.getTime() - generatedAt.getTime();
  const reportAgeDays = reportAgeMs === null ? null : Math.floor(reportAgeMs / DAY_MS);
  const current = reportAgeMs !== null && reportAgeMs <= REVIEW_REPORT_MAX_AGE_DAYS * DAY_MS;
  const howCurrent = generatedAt === null
    ? 'the report it reviewed is unknown'
    : `it reviewed the report generated ${isoDate(generatedAt)}, ${reportAgeDays === 0 ? 'the same day' : `${plural(reportAgeDays ?? 0, 'day')} before signing`}`;
  const counts = recent && current;
  const item = evidence('review', 'last-review', reviews.lastReviewTitle ?? 'Last signed review', counts ? 'pass' : 'fail',
    `Signed ${isoDate(reviews.lastSignedAt)}${who}: ${plural(days, 'day')} ago; ${howCurrent}.`,
    { lastSignedAt: reviews.lastSignedAt, lastSignedBy: reviews.lastSignedBy, title: reviews.lastReviewTitle, daysAgo: days, reportGeneratedAt: generatedAt, reportAgeDaysAtSigning: reportAgeDays });
  return {
    verdict: counts ? 'pass' : 'fail',
    summary: !recent
      ? `The last signed review is ${plural(days, 'day')} old, more than ${limit}.`
      : !current
        ? `The last review was signed ${plural(days, 'day')} ago${who}, but ${howCurrent}: a sign-off counts only for a report at most ${REVIEW_REPORT_MAX_AGE_DAYS} days old when signed.`
        : `The credential report was reviewed ${plural(days, 'day')} ago (signed ${isoDate(reviews.lastSignedAt)}${who}; ${howCurrent}).`,
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
  semantics: {
    counts: "Pass when the newest signed-off review covering this account was signed within reviewIntervalDays and the credential report it reviewed was at most 7 days old when signed.",
    restsOn: ["Warden's own review records"],
    differs: "No CIS control; this is the seed's monthly review.",
  },
  sources: [],
  evaluate: evaluateReview,
};
