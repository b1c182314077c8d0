import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  cis,
  evidence,
  permissions,
  securityHub,
  shellArg,
  unknownOutcome,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot, TrailData } from '@/lib/checks/types';

// Item 7: a multi-region trail that is logging, with log file validation.

function qualifies(trail: TrailData): boolean {
  return trail.isMultiRegion && trail.logFileValidation && trail.isLogging === true;
}

function shortfalls(trail: TrailData): string[] {
  const missing: string[] = [];
  if (!trail.isMultiRegion) missing.push('single-region');
  if (!trail.logFileValidation) missing.push('no log file validation');
  if (trail.isLogging === false) missing.push('not logging');
  return missing;
}

function fixCommands(trail: TrailData): string[] {
  const target = `--name ${shellArg(trail.name)} --region ${trail.homeRegion}`;
  const commands: string[] = [];
  const flags: string[] = [];
  if (!trail.isMultiRegion) flags.push('--is-multi-region-trail');
  if (!trail.logFileValidation) flags.push('--enable-log-file-validation');
  if (flags.length > 0) commands.push(`aws cloudtrail update-trail ${target} ${flags.join(' ')}`);
  if (trail.isLogging !== true) commands.push(`aws cloudtrail start-logging ${target}`);
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
      { text: 'Grant Warden the permission named, then sync.', commands: [] },
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
    };
    const label = `Trail ${trail.name}${trail.isOrganizationTrail ? ' (organization trail)' : ''}`;
    if (qualifies(trail)) {
      const delivery = trail.latestDeliveryError === null ? '' : ` The last delivery failed: ${trail.latestDeliveryError}.`;
      return evidence('trail', trail.arn, label, 'pass', `Multi-region, logging, with log file validation.${delivery}`, values);
    }
    const missing = shortfalls(trail);
    if (trail.isLogging === null && missing.length === 0) {
      const gap = unreadable(snapshot, 'cloudtrail', `The status of trail ${trail.name}`, permissions.trailStatus);
      if (!anyQualifies) missingPermissions.push(...gap.missingPermissions);
      return evidence('trail', trail.arn, label, anyQualifies ? 'noted' : 'unknown',
        `Multi-region with log file validation, but whether it is logging is unknown: ${trail.statusError ?? gap.sentence}`, values);
    }
    return evidence('trail', trail.arn, label, anyQualifies ? 'noted' : 'fail', `Does not count: ${missing.join(', ')}.`, values);
  });

  if (anyQualifies) {
    const good = trails.filter(qualifies);
    const failing = good.filter((trail) => trail.latestDeliveryError !== null);
    return {
      verdict: 'pass',
      summary: `${good.map((trail) => trail.name).join(', ')} ${good.length === 1 ? 'is a' : 'are'} multi-region trail${good.length === 1 ? '' : 's'}, logging, with log file validation${failing.length === good.length ? ' (but its last delivery failed)' : ''}.`,
      evidence: items,
      remedy: { text: 'Nothing to do. Check that management events (read and write) are selected on the trail.', commands: [] },
    };
  }
  if (items.some((item) => item.status === 'unknown')) {
    return {
      verdict: 'unknown',
      summary: 'A multi-region trail with log file validation exists, but whether it is logging could not be read.',
      evidence: items,
      remedy: { text: 'Grant Warden cloudtrail:GetTrailStatus, then sync.', commands: [] },
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
    summary: `No trail is multi-region, logging and validating log files: ${trails.map((trail) => `${trail.name} (${shortfalls(trail).join(', ')})`).join('; ')}.`,
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
  sources: ['cloudtrail'],
  evaluate: evaluateCloudTrail,
};
