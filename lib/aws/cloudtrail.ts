import 'server-only';
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, LookupEventsCommand, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import { managementEventCoverage, type ManagementEventCoverage } from '@/lib/cloudtrail/event-selectors';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';
import { realSleep, type Sleep } from '@/lib/aws/iam';

// CloudTrail readers. LookupEvents is limited to 2 requests/s per account and region: every call
// goes through a RateLimiter shared by the account's sync.

export type TrailRecord = {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  logFileValidation: boolean;
  s3BucketName: string | null;
  isLogging: boolean | null;
  latestDeliveryTime: Date | null;
  latestDeliveryError: string | null;
  statusError: string | null;
  /** Which management events the trail's selectors record; null when they were not read. */
  managementEvents: ManagementEventCoverage | null;
  /** Why GetEventSelectors failed, when it did. */
  selectorsError: string | null;
};

export type LookupEventRecord = {
  eventId: string;
  eventName: string;
  eventTime: Date;
  eventSource: string;
  username: string | null;
  /** The full CloudTrail event document, JSON text as AWS sends it. */
  cloudTrailEvent: string;
};

/** A simple spacing limiter: at most `perSecond` starts per second, in order. */
export class RateLimiter {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  async take(): Promise<void> {
    const gap = 1000 / this.perSecond;
    const t = this.now();
    const start = Math.max(t, this.next);
    this.next = start + gap;
    if (start > t) await this.sleep(start - t);
  }
}

export async function describeTrails(clients: AwsClients, region: string): Promise<TrailRecord[]> {
  const res = await callAws('cloudtrail:DescribeTrails', () =>
    clients.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  const out: TrailRecord[] = [];
  for (const t of res.trailList ?? []) {
    if (!t.TrailARN || !t.Name) throw new AwsCallError('malformed', 'cloudtrail:DescribeTrails', 'MalformedResponse', 'a trail lacks its ARN or name');
    out.push({
      name: t.Name,
      arn: t.TrailARN,
      homeRegion: t.HomeRegion ?? region,
      isMultiRegion: t.IsMultiRegionTrail ?? false,
      isOrganizationTrail: t.IsOrganizationTrail ?? false,
      logFileValidation: t.LogFileValidationEnabled ?? false,
      s3BucketName: t.S3BucketName ?? null,
      isLogging: null,
      latestDeliveryTime: null,
      latestDeliveryError: null,
      statusError: null,
      managementEvents: null,
      selectorsError: null,
    });
  }
  return out;
}

/** Fills in logging status from the trail's home region; a failure is kept on the trail. */
export async function readTrailStatus(clients: AwsClients, trail: TrailRecord): Promise<TrailRecord> {
  try {
    const s = await callAws('cloudtrail:GetTrailStatus', () =>
      clients.cloudTrail(trail.homeRegion).send(new GetTrailStatusCommand({ Name: trail.arn })),
    );
    return {
      ...trail,
      isLogging: s.IsLogging ?? null,
      latestDeliveryTime: s.LatestDeliveryTime ?? null,
      latestDeliveryError: s.LatestDeliveryError ?? null,
    };
  } catch (error) {
    if (error instanceof AwsCallError && (error.kind === 'access-denied' || error.kind === 'not-found')) {
      return { ...trail, statusError: error.describe() };
    }
    throw error;
  }
}

/** Fills in which management events the trail records (GetEventSelectors, basic or advanced). */
export async function readEventSelectors(clients: AwsClients, trail: TrailRecord): Promise<TrailRecord> {
  try {
    const res = await callAws('cloudtrail:GetEventSelectors', () =>
      clients.cloudTrail(trail.homeRegion).send(new GetEventSelectorsCommand({ TrailName: trail.arn })),
    );
    const coverage = managementEventCoverage({
      EventSelectors: (res.EventSelectors ?? []).map((selector) => ({
        ReadWriteType: selector.ReadWriteType,
        IncludeManagementEvents: selector.IncludeManagementEvents,
        ExcludeManagementEventSources: selector.ExcludeManagementEventSources,
      })),
      AdvancedEventSelectors: (res.AdvancedEventSelectors ?? []).map((selector) => ({
        Name: selector.Name,
        FieldSelectors: (selector.FieldSelectors ?? []).map((field) => ({ ...field })),
      })),
    });
    return { ...trail, managementEvents: coverage };
  } catch (error) {
    // A denial is the caller's to record as a missing permission; a trail deleted meanwhile is a fact.
    if (error instanceof AwsCallError && error.kind === 'not-found') return { ...trail, selectorsError: error.describe() };
    throw error;
  }
}

/**
 * All events matching one lookup attribute in [start, end), newest first as AWS returns them.
 * `onPage` sees each page so that a caller can store progressively.
 */
export async function lookupEvents(
  clients: AwsClients,
  region: string,
  attribute: { key: LookupAttributeKey; value: string },
  window: { start: Date; end: Date },
  limiter: RateLimiter,
  onPage: (events: LookupEventRecord[]) => Promise<void> | void,
): Promise<number> {
  let token: string | undefined;
  let total = 0;
  do {
    await limiter.take();
    const res = await callAws('cloudtrail:LookupEvents', () =>
      clients.cloudTrail(region).send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }],
          StartTime: window.start,
          EndTime: window.end,
          MaxResults: 50,
          NextToken: token,
        }),
      ),
    );
    const page: LookupEventRecord[] = [];
    for (const e of res.Events ?? []) {
      if (!e.EventId || !e.EventTime || !e.EventName) continue;
      page.push({
        eventId: e.EventId,
        eventName: e.EventName,
        eventTime: e.EventTime,
        eventSource: e.EventSource ?? '',
        username: e.Username ?? null,
        cloudTrailEvent: e.CloudTrailEvent ?? '{}',
      });
    }
    total += page.length;
    await onPage(page);
    token = res.NextToken && res.NextToken.length > 0 ? res.NextToken : undefined;
  } while (token);
  return total;
}
