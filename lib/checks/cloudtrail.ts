import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  cis,
  evidence,
  permissions,
  securityHub,
  shellArg,
  unknownOutcome,
  unreadRemedyText,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot, TrailData } from '@/lib/checks/types';
import { managementCoverageShortfall } from '@/lib/cloudtrail/event-selectors';

// Item 7: a multi-region trail that is logging, delivering, with log file validation, and that
// records read and write management events (CIS 3.1, Security Hub CloudTrail.1): a trail of data
// events only, or of read-only events, records no IAM change at all.

function qualifies(trail: TrailData): boolean {
  return (
    trail.isMultiRegion &&
    trail.logFileValidation &&
    trail.isLogging === true &&
    trail.latestDeliveryError === null &&
    trail.managementEvents !== null &&
    managementCoverageShortfall(trail.managementEvents) === null
  );
}

function shortfalls(trail: TrailData): string[] {
  const missing: string[] = [];
  if (!trail.isMultiRegion) missing.push('single-region');
  if (!trail.logFileValidation) missing.push('no log file validation');
  if (trail.isLogging === false) missing.push('not logging');
  if (trail.isLogging === true && trail.latestDeliveryError !== null) missing.push(`logging, but delivery fails (${trail.latestDeliveryError})`);
  const coverage = trail.managementEvents === null ? null : managementCoverageShortfall(trail.managementEvents);
  if (coverage !== null) missing.push(coverage);
  return missing;
}

/** What is not known about a trail that would otherwise count: its logging status or its selectors. */
function unknowns(trail: TrailData): string[] {
  const open: string[] = [];
  if (trail.isLogging === null) open.push(`whether it is logging (${trail.statusError ?? 'GetTrailStatus not read'})`);
  if (trail.managementEvents === null) open.push(`which events it records (${trail.selectorsError ?? 'GetEventSelectors not read'})`);
  return open;
}

function fixCommands(trail: TrailData): string[] {
  const target = `--name ${shellArg(trail.name)} --region ${trail.homeRegion}`;
  const commands: string[] = [];
  const flags: string[] = [];
  if (!trail.isMultiRegion) flags.push('--is-multi-region-trail');
  if (!trail.logFileValidation) flags.push('--enable-log-file-validation');
  if (flags.length > 0) commands.push(`aws cloudtrail update-trail ${target} ${flags.join(' ')}`);
  if (trail.isLogging !== true) commands.push(`aws cloudtrail start-logging ${target}`);
  if (trail.managementEvents !== null && managementCoverageShortfall(trail.managementEvents) !== null) {
    commands.push(`aws cloudtrail put-event-selectors --trail-name ${shellArg(trail.name)} --region ${trail.homeRegion} --advanced-event-selectors '[{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]'`);
  }
  if (trail.latestDeliveryError !== null) commands.push(`aws cloudtrail get-trail-status --name ${shellArg(trail.name)} --region ${trail.homeRegion}  # then fix the bucket policy or KMS key named in LatestDeliveryError`);
  return commands;
}

function evaluateCloudTrail(snapshot: AccountSnapshot): RuleOutcome {
  const trails = snapshot.cloudtrail?.trails ?? null;
  const createCommands = [
    'aws cloudtrail create-trail --name ManagementEventsTrail --s3-bucket-name <your-cloudtrail-bucket> --is-multi-region-trail --enable-log-file-validation',
    'aws cloudtrail start-logging --name ManagementEventsTrail',
  ];
  if (trails === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'cloudtrail', 'The account\'s trails', permissions.describeTrails)],
      {},
    );
  }
  const anyQualifies = trails.some(qualifies);
  const missingPermissions: string[] = [];
  const items: EvidenceItem[] = trails.map((trail) => {
    const values = {
      arn: trail.arn,
      homeRegion: trail.homeRegion,
      isMultiRegion: trail.isMultiRegion,
      isOrganizationTrail: trail.isOrganizationTrail,
      logFileValidation: trail.logFileValidation,
      isLogging: trail.isLogging,
      latestDeliveryTime: trail.latestDeliveryTime,
      latestDeliveryError: trail.latestDeliveryError,
      s3BucketName: trail.s3BucketName,
      recordsManagementReads: trail.managementEvents?.read ?? null,
      recordsManagementWrites: trail.managementEvents?.write ?? null,
    };
    const label = `Trail ${trail.name}${trail.isOrganizationTrail ? ' (organization trail)' : ''}`;
    if (qualifies(trail)) {
      const excluded = trail.managementEvents?.excludedSources ?? [];
      return evidence('trail', trail.arn, label, 'pass',
        `Multi-region, logging and delivering, with log file validation, recording read and write management events${excluded.length > 0 ? ` (except ${excluded.join(', ')})` : ''}.`, values);
    }
    const missing = shortfalls(trail);
    const open = unknowns(trail);
    if (missing.length === 0 && open.length > 0) {
      // A permission is named only when AWS denied it; any other failure is in the detail.
      const denied = snapshot.sources.cloudtrail.missingPermissions;
      if (!anyQualifies && trail.isLogging === null && denied.includes('cloudtrail:GetTrailStatus')) missingPermissions.push('cloudtrail:GetTrailStatus');
      if (!anyQualifies && trail.managementEvents === null && denied.includes('cloudtrail:GetEventSelectors')) missingPermissions.push('cloudtrail:GetEventSelectors');
      return evidence('trail', trail.arn, label, anyQualifies ? 'noted' : 'unknown',
        `Multi-region with log file validation, but not known: ${open.join('; ')}.`, values);
    }
    return evidence('trail', trail.arn, label, anyQualifies ? 'noted' : 'fail', `Does not count: ${missing.join(', ')}.`, values);
  });

  if (anyQualifies) {
    const good = trails.filter(qualifies);
    return {
      verdict: 'pass',
      summary: `${good.map((trail) => trail.name).join(', ')} ${good.length === 1 ? 'is a' : 'are'} multi-region trail${good.length === 1 ? '' : 's'}, logging and delivering, with log file validation, recording read and write management events.`,
      evidence: items,
      remedy: { text: 'Nothing to do.', commands: [] },
    };
  }
  if (items.some((item) => item.status === 'unknown')) {
    return {
      verdict: 'unknown',
      summary: 'A multi-region trail with log file validation exists, but whether it is logging, or which events it records, could not be read.',
      evidence: items,
      remedy: { text: unreadRemedyText([...new Set(missingPermissions)]), commands: [] },
      missingPermissions,
    };
  }
  if (trails.length === 0) {
    return {
      verdict: 'fail',
      summary: 'The account has no CloudTrail trail: only the 90-day event history records API calls.',
      evidence: items,
      remedy: { text: 'Create the seed\'s multi-region trail with log file validation, delivering to a dedicated bucket.', commands: createCommands },
    };
  }
  // Fix the trail closest to qualifying rather than adding another one.
  const best = [...trails].sort((a, b) => shortfalls(a).length - shortfalls(b).length)[0];
  const commands = best === undefined ? createCommands : fixCommands(best);
  return {
    verdict: 'fail',
    summary: `No trail is multi-region, logging and delivering, validating log files and recording read and write management events: ${trails.map((trail) => `${trail.name} (${shortfalls(trail).join(', ')})`).join('; ')}.`,
    evidence: items,
    remedy: {
      text: best?.isOrganizationTrail
        ? `Trail ${best.name} is an organization trail: change it from the organization's management account.`
        : `Bring ${best?.name ?? 'a trail'} up to the seed's settings (or create the seed's trail).`,
      commands,
    },
  };
}

export const cloudTrailRule: ChecklistRule = {
  number: 7,
  slug: 'cloudtrail-enabled',
  title: 'CloudTrail enabled',
  severity: 'high',
  references: [
    cis('3.1', 'Ensure CloudTrail is enabled in all regions'),
    cis('3.2', 'Ensure CloudTrail log file validation is enabled'),
    securityHub('CloudTrail.1', 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events'),
    securityHub('CloudTrail.4', 'CloudTrail log file validation should be enabled'),
  ],
  semantics: {
    counts: "Pass when one trail is multi-region, logging (GetTrailStatus), delivering without a LatestDeliveryError, validating log files, and whose event selectors (basic or advanced) record read and write management events with IAM's, STS's and sign-in's sources included. A data-events-only, read-only or write-only trail does not count.",
    restsOn: ["cloudtrail:DescribeTrails in every configured region", "cloudtrail:GetTrailStatus in the trail's home region", "cloudtrail:GetEventSelectors in the trail's home region"],
    differs: "CIS 3.1 / Security Hub CloudTrail.1 do not look at delivery errors; Warden does, because a trail that cannot deliver keeps nothing.",
  },
  sources: ['cloudtrail'],
  evaluate: evaluateCloudTrail,
};
