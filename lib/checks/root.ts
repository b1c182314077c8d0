import type { EvidenceItem } from '@/lib/checklist/schema';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import {
  accessKeySlots,
  cis,
  dateOrSentinel,
  evidence,
  plural,
  regionCoverage,
  permissions,
  reportEvidence,
  securityHub,
  showThreshold,
  unknownOutcome,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
  type Unreadable,
} from '@/lib/checks/rule';
import type { AccountSnapshot, CredentialReportData, MfaDeviceData } from '@/lib/checks/types';
import { DAY_MS, daysSince } from '@/lib/dates';

// The root user: MFA (item 1), access keys (item 2), and activity in the last 90 days (extra 15).

function rootRow(snapshot: AccountSnapshot): CredentialEntry | null {
  return snapshot.credentialReport?.entries.find((entry) => entry.isRoot) ?? null;
}

function rootArn(snapshot: AccountSnapshot): string {
  return `arn:aws:iam::${snapshot.account.id}:root`;
}

/** A virtual MFA device assigned to root: AWS names it root-account-mfa-device, its user is :root. */
export function findRootVirtualMfa(snapshot: AccountSnapshot, devices: MfaDeviceData[]): MfaDeviceData | null {
  const serial = `arn:aws:iam::${snapshot.account.id}:mfa/root-account-mfa-device`;
  return (
    devices.find(
      (device) =>
        device.isVirtual &&
        (device.isRoot || device.userArn === rootArn(snapshot) || (device.serialNumber === serial && device.enableDate !== null)),
    ) ?? null
  );
}

function missingRootRow(): EvidenceItem {
  return evidence(
    'credential-report',
    'credential-report',
    'Credential report',
    'unknown',
    'The credential report has no <root_account> row.',
  );
}

type AccountSummaryData = NonNullable<NonNullable<AccountSnapshot['iam']>['summary']>;

/**
 * Items 1 and 2 judge the root user from two places: the account summary and the credential
 * report's <root_account> row. Each place that was read gives evidence; each that was not, a gap.
 */
function summaryAndRootRow(
  snapshot: AccountSnapshot,
  fromSummary: (summary: AccountSummaryData) => EvidenceItem,
  fromRow: (row: CredentialEntry, report: CredentialReportData) => EvidenceItem[],
): { items: EvidenceItem[]; gaps: Unreadable[] } {
  const summary = snapshot.iam?.summary ?? null;
  const report = snapshot.credentialReport;
  const row = rootRow(snapshot);
  const items: EvidenceItem[] = [];
  const gaps: Unreadable[] = [];
  if (summary !== null) items.push(fromSummary(summary));
  else gaps.push(unreadable(snapshot, 'iam', 'The account summary', permissions.accountSummary));
  if (report === null) gaps.push(unreadable(snapshot, 'credentialReport', 'The credential report', permissions.credentialReport));
  else if (row === null) items.push(missingRootRow());
  else items.push(...fromRow(row, report));
  return { items, gaps };
}

// ---------------------------------------------------------------------------------------------
// 1. Root account MFA enabled
// ---------------------------------------------------------------------------------------------

function evaluateRootMfa(snapshot: AccountSnapshot): RuleOutcome {
  const { items, gaps } = summaryAndRootRow(
    snapshot,
    (summary) =>
      evidence(
        'account',
        'account-summary',
        'Account summary (GetAccountSummary)',
        summary.accountMfaEnabled ? 'pass' : 'fail',
        `AccountMFAEnabled is ${summary.accountMfaEnabled ? 1 : 0}.`,
        { accountMfaEnabled: summary.accountMfaEnabled },
      ),
    (row, report) => [
      evidence('root', '<root_account>', 'Root user (credential report)', row.mfaActive ? 'pass' : 'fail',
        `mfa_active is ${row.mfaActive} in the report generated ${report.generatedAt.toISOString()}.`,
        { mfaActive: row.mfaActive, reportGeneratedAt: report.generatedAt }),
    ],
  );

  const decided = items.filter((item) => item.status === 'pass' || item.status === 'fail');
  const failed = decided.some((item) => item.status === 'fail');
  const commands = [
    'aws iam get-account-summary --query SummaryMap.AccountMFAEnabled',
    `aws iam list-virtual-mfa-devices --assignment-status Assigned --query "VirtualMFADevices[?User.Arn=='${rootArn(snapshot)}']"`,
  ];
  if (decided.length === 0) {
    return unknownOutcome(gaps, { commands, then: 'root MFA cannot be judged without them' }, { evidence: items });
  }
  if (failed) {
    const disagree = decided.some((item) => item.status === 'pass');
    return {
      verdict: 'fail',
      summary: `Root MFA is not enabled${disagree ? ' according to at least one source (the sources disagree; the credential report may predate a change)' : ''}.`,
      evidence: items,
      remedy: {
        text: 'Sign in as the root user and assign an MFA device under Security credentials; a hardware key is preferred to a virtual app (CIS 1.6). Only the root user can do this.',
        commands,
      },
      missingPermissions: gaps.flatMap((gap) => gap.missingPermissions),
    };
  }

  // Enabled: say which kind of device, since the seed prefers a hardware key.
  const devices = snapshot.iam?.mfaDevices ?? null;
  let kind = '';
  const missing = gaps.flatMap((gap) => gap.missingPermissions);
  let remedyText = 'Nothing to do. Keep the root MFA device in a safe place with a documented recovery path.';
  if (devices === null) {
    const gap = unreadable(snapshot, 'iam', 'The virtual MFA device list', permissions.virtualMfaDevices);
    items.push(evidence('mfa-device', 'root-mfa-device', 'Root MFA device', 'noted', `Device type unknown: ${gap.sentence}`));
    missing.push(...gap.missingPermissions);
    kind = ' (device type unknown)';
  } else {
    const virtual = findRootVirtualMfa(snapshot, devices);
    if (virtual !== null) {
      items.push(
        evidence('mfa-device', virtual.serialNumber, `Virtual MFA device ${virtual.serialNumber}`, 'noted',
          'A virtual MFA device is assigned to root; the seed prefers a hardware key.',
          { serialNumber: virtual.serialNumber, enableDate: virtual.enableDate, isVirtual: true }),
      );
      kind = ' with a virtual device (a hardware key is preferred)';
      remedyText = 'Replace the root user\'s virtual MFA device with a hardware key (sign in as root → Security credentials).';
    } else {
      items.push(
        evidence('mfa-device', 'root-mfa-device', 'Root MFA device', 'pass',
          'No virtual MFA device is assigned to root: the device is a hardware key or passkey.'),
      );
      kind = ' with a hardware key or passkey';
    }
  }
  return {
    verdict: 'pass',
    summary: `Root MFA is enabled${kind}.`,
    evidence: items,
    remedy: { text: remedyText, commands },
    missingPermissions: missing,
  };
}

export const rootMfaRule: ChecklistRule = {
  number: 1,
  slug: 'root-mfa',
  title: 'Root account MFA enabled',
  severity: 'critical',
  references: [
    cis('1.5', 'Ensure MFA is enabled for the "root user" account'),
    cis('1.6', 'Ensure hardware MFA is enabled for the "root user" account'),
    securityHub('IAM.9', 'MFA should be enabled for the root user'),
    securityHub('IAM.6', 'Hardware MFA should be enabled for the root user'),
  ],
  semantics: {
    counts: "Pass when GetAccountSummary says AccountMFAEnabled = 1 and the credential report's <root_account> row says mfa_active = true; fail when either says no. The virtual MFA list tells a hardware device from a virtual one (noted, not failed).",
    restsOn: ["iam:GetAccountSummary", "iam:GenerateCredentialReport / GetCredentialReport (the <root_account> row)", "iam:ListVirtualMFADevices (device type, optional)"],
    differs: "CIS 1.6 / Security Hub IAM.6 require hardware MFA; Warden passes any MFA and notes a virtual device, because the seed asks for MFA, not for hardware.",
  },
  sources: ['iam', 'credentialReport'],
  evaluate: evaluateRootMfa,
};

// ---------------------------------------------------------------------------------------------
// 2. Root access keys deleted
// ---------------------------------------------------------------------------------------------

function evaluateRootAccessKeys(snapshot: AccountSnapshot): RuleOutcome {
  const { items, gaps } = summaryAndRootRow(
    snapshot,
    (summary) =>
      evidence('account', 'account-summary', 'Account summary (GetAccountSummary)',
        summary.accountAccessKeysPresent ? 'fail' : 'pass',
        `AccountAccessKeysPresent is ${summary.accountAccessKeysPresent ? 1 : 0}.`,
        { accountAccessKeysPresent: summary.accountAccessKeysPresent }),
    (row) => {
      const found: EvidenceItem[] = [];
      const keys = accessKeySlots(row).filter((key) => key.exists);
      for (const key of keys) {
        found.push(
          evidence('access-key', `<root_account>/key-${key.slot}`, `Root access key ${key.slot}`, 'fail',
            key.active
              ? `Active root access key (created ${key.lastRotated?.toISOString() ?? 'unknown'}, last used ${dateOrSentinel(key.lastUsedDate, key.lastUsedDateSentinel) ?? 'unknown'}).`
              : 'Inactive root access key: it still exists and can be re-activated.',
            {
              active: key.active,
              lastRotated: dateOrSentinel(key.lastRotated, key.lastRotatedSentinel),
              lastUsedDate: dateOrSentinel(key.lastUsedDate, key.lastUsedDateSentinel),
              lastUsedRegion: key.lastUsedRegion,
              lastUsedService: key.lastUsedService,
            }),
        );
      }
      if (keys.length === 0) {
        found.push(
          evidence('root', '<root_account>', 'Root user (credential report)', 'pass',
            'Both access-key slots of the <root_account> row are empty.',
            { accessKey1Active: row.accessKey1Active, accessKey2Active: row.accessKey2Active }),
        );
      }
      return found;
    },
  );

  const decided = items.filter((item) => item.status === 'pass' || item.status === 'fail');
  const remedy = {
    text: 'Sign in as the root user, check the keys\' last use below, and delete them under Security credentials (or with the CLI using the root user\'s own credentials). Use IAM roles for automation instead.',
    commands: [
      'aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent',
      'aws iam list-access-keys',
      'aws iam delete-access-key --access-key-id <root access key id from list-access-keys>',
    ],
  };
  if (decided.length === 0) return unknownOutcome(gaps, remedy, { evidence: items });
  const missingPermissions = gaps.flatMap((gap) => gap.missingPermissions);
  const failing = items.filter((item) => item.status === 'fail');
  if (failing.length > 0) {
    const activeKeys = failing.filter((item) => item.kind === 'access-key' && item.values['active'] === true).length;
    return {
      verdict: 'fail',
      summary:
        activeKeys > 0
          ? `The root user has ${plural(activeKeys, 'active access key')}.`
          : 'The root user has an access key (present, not deleted).',
      evidence: items,
      remedy,
      missingPermissions,
    };
  }
  return { verdict: 'pass', summary: 'The root user has no access keys.', evidence: items, remedy, missingPermissions };
}

export const rootAccessKeysRule: ChecklistRule = {
  number: 2,
  slug: 'root-access-keys',
  title: 'Root access keys deleted',
  severity: 'critical',
  references: [
    cis('1.4', 'Ensure no "root" user account access key exists'),
    securityHub('IAM.4', 'IAM root user access key should not exist'),
  ],
  semantics: {
    counts: "Pass when GetAccountSummary says AccountAccessKeysPresent = 0 and the <root_account> row has neither access key active; fail when either shows a root key.",
    restsOn: ["iam:GetAccountSummary", "iam:GenerateCredentialReport / GetCredentialReport"],
  },
  sources: ['iam', 'credentialReport'],
  evaluate: evaluateRootAccessKeys,
};

// ---------------------------------------------------------------------------------------------
// 15. Root user activity (seed: "Never use root for daily operations")
// ---------------------------------------------------------------------------------------------

const maxEventEvidence = 25;

function evaluateRootActivity(snapshot: AccountSnapshot): RuleOutcome {
  const days = snapshot.thresholds.rootActivityDays;
  const windowStart = new Date(snapshot.now.getTime() - days * DAY_MS);
  const thresholds = [showThreshold(snapshot, 'rootActivityDays', 'days')];
  const region = snapshot.regions[0] ?? 'us-east-1';
  const remedy = {
    text: 'Find out who used the root user and why, move that task to an IAM role, and alarm on every future root use (the seed\'s metric filter and alarm; use the CloudWatch Logs group your trail delivers to).',
    commands: [
      `aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --start-time ${windowStart.toISOString()}`,
      `aws logs put-metric-filter --log-group-name CloudTrail/DefaultLogGroup --filter-name RootAccountUsage --filter-pattern '{ $.userIdentity.type = "Root" }' --metric-transformations metricName=RootAccountUsageCount,metricNamespace=CloudTrailMetrics,metricValue=1`,
      `aws cloudwatch put-metric-alarm --alarm-name RootAccountUsage --metric-name RootAccountUsageCount --namespace CloudTrailMetrics --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions arn:aws:sns:${region}:${snapshot.account.id}:security-alerts`,
    ],
  };

  // The credential report also records root sign-ins and key use: it can prove activity on its own.
  const items: EvidenceItem[] = [];
  const row = rootRow(snapshot);
  if (row !== null) {
    if (row.passwordLastUsed !== null && row.passwordLastUsed >= windowStart) {
      items.push(
        evidence('root', '<root_account>/password', 'Root console sign-in (credential report)', 'fail',
          `The root password was last used ${row.passwordLastUsed.toISOString()} (${plural(daysSince(snapshot.now, row.passwordLastUsed), 'day')} ago).`,
          { passwordLastUsed: row.passwordLastUsed }),
      );
    }
    for (const key of accessKeySlots(row)) {
      if (key.lastUsedDate !== null && key.lastUsedDate >= windowStart) {
        items.push(
          evidence('access-key', `<root_account>/key-${key.slot}`, `Root access key ${key.slot} (credential report)`, 'fail',
            `Root access key ${key.slot} was last used ${key.lastUsedDate.toISOString()} (${key.lastUsedService ?? 'unknown service'}, ${key.lastUsedRegion ?? 'unknown region'}).`,
            { lastUsedDate: key.lastUsedDate, lastUsedService: key.lastUsedService, lastUsedRegion: key.lastUsedRegion }),
        );
      }
    }
  }

  const rootEvents = snapshot.cloudtrail?.rootEvents ?? null;
  if (rootEvents === null) {
    const gap = unreadable(snapshot, 'cloudtrail', 'Root-user CloudTrail events', permissions.lookupEvents);
    if (items.length > 0) {
      return {
        verdict: 'fail',
        summary: `The root user was used in the last ${days} days (from the credential report; ${gap.sentence})`,
        evidence: items,
        remedy,
        thresholds,
        missingPermissions: gap.missingPermissions,
      };
    }
    return unknownOutcome([gap], remedy, { thresholds });
  }

  const recent = rootEvents
    .filter((event) => event.eventTime >= windowStart && event.eventTime <= snapshot.now)
    .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
  for (const event of recent.slice(0, maxEventEvidence)) {
    items.push(
      evidence('event', event.eventId, `${event.eventName} at ${event.eventTime.toISOString()}`, 'fail',
        `Root called ${event.eventName} (${event.eventSource}) in ${event.region}${event.sourceIp === null ? '' : ` from ${event.sourceIp}`}${event.errorCode === null ? '' : `, failing with ${event.errorCode}`}.`,
        {
          eventName: event.eventName,
          eventTime: event.eventTime,
          eventSource: event.eventSource,
          region: event.region,
          sourceIp: event.sourceIp,
          userAgent: event.userAgent,
          mfaUsed: event.mfaUsed,
          errorCode: event.errorCode,
        }),
    );
  }
  if (recent.length > maxEventEvidence) {
    items.push(
      evidence('event', 'more-events', `${recent.length - maxEventEvidence} more root events`, 'fail',
        `Only the newest ${maxEventEvidence} of ${recent.length} root events are listed.`, { count: recent.length }),
    );
  }
  if (items.length > 0) {
    const names = [...new Set(recent.map((event) => event.eventName))];
    return {
      verdict: 'fail',
      summary:
        recent.length > 0
          ? `The root user made ${plural(recent.length, 'call')} in the last ${days} days (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}).`
          : `The root user was used in the last ${days} days (credential report), though CloudTrail lookups found no root events in ${snapshot.regions.join(', ') || 'the configured regions'}.`,
      evidence: items,
      remedy,
      thresholds,
    };
  }
  // Console sign-ins and IAM calls are recorded in us-east-1 whatever region is configured: "no root
  // activity" needs that region's lookup, and every configured region's, to have answered.
  const required = [...new Set(['us-east-1', ...snapshot.regions])];
  const answered = snapshot.cloudtrail?.rootRegionsRead ?? null;
  const unanswered = answered === null ? [] : required.filter((r) => !answered.includes(r));
  if (unanswered.length > 0) {
    const gap = unreadable(snapshot, 'cloudtrail', `Root-user events of ${unanswered.join(', ')}`, permissions.lookupEvents);
    return {
      verdict: 'unknown',
      summary: `No root-user activity in the regions read${unanswered.includes('us-east-1') ? ', but us-east-1, where console sign-ins and IAM calls are recorded, was not read' : ''}. ${gap.sentence}`,
      evidence: [...items, ...unanswered.map((region) => evidence('region', region, region, 'unknown', `The root-user lookup of ${region} did not answer.`, { region }))],
      remedy,
      thresholds,
      missingPermissions: gap.missingPermissions,
    };
  }
  const coverage = regionCoverage(snapshot);
  if (coverage.gap) {
    return { verdict: 'unknown', summary: `No root-user activity in the regions read. ${coverage.gap.sentence}`, evidence: items, remedy, thresholds, missingPermissions: coverage.gap.missingPermissions };
  }
  if (coverage.note) items.push(coverage.note);
  if (snapshot.credentialReport !== null) items.push(reportEvidence(snapshot, snapshot.credentialReport.generatedAt));
  return {
    verdict: 'pass',
    summary: `No root-user activity in the last ${days} days (CloudTrail in ${required.join(', ')}${row !== null ? ' and the credential report' : ''}).`,
    evidence: items,
    remedy,
    thresholds,
  };
}

export const rootActivityRule: ChecklistRule = {
  number: 15,
  slug: 'root-activity',
  title: 'Root user not used for daily operations',
  severity: 'high',
  references: [
    cis('1.7', 'Eliminate use of the "root" user for administrative and daily tasks'),
    securityHub('CloudWatch.1', 'A log metric filter and alarm should exist for usage of the "root" user'),
  ],
  semantics: {
    counts: "Fail when the root password or a root key was used within rootActivityDays (credential report), or CloudTrail holds a root-user event in that window. Pass only when the root-user lookups of us-east-1 (where console sign-ins and IAM calls are recorded) and of every configured region answered and found nothing.",
    restsOn: ["cloudtrail:LookupEvents (Username=root) in us-east-1 and every configured region", "the credential report's <root_account> row"],
    differs: "CIS 1.7 is a policy statement; Warden judges the last rootActivityDays (default 90, CloudTrail's event history) of evidence.",
  },
  sources: ['cloudtrail'],
  evaluate: evaluateRootActivity,
};
