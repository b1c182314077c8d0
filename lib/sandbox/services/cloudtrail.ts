import 'server-only';

import type { RequestContext } from '../context';
import { AwsError } from '../errors';
import { eventIndexFor, isLookupAttributeKey, LOOKUP_ATTRIBUTE_KEYS, timeWindow, type LookupAttributeKey } from '../event-index';
import { renderCloudTrailEvent } from '../events';
import { JsonInput } from '../json-input';
import type { JsonObject, Trail } from '../model';
import { fingerprint } from '../tokens';
import { isoSeconds } from '../xml';
import { DAY_MS } from '@/lib/dates';

// CloudTrail over JSON 1.1 (X-Amz-Target: CloudTrail_20131101.*). Timestamps are epoch seconds.

export type JsonHandler = (ctx: RequestContext, body: JsonObject) => JsonObject;

const epoch = (date: Date): number => Math.floor(date.getTime() / 1000);
const LOOKBACK_MS = 90 * DAY_MS;

function invalid(code: string, message: string): AwsError {
  return new AwsError(400, code, message);
}

function input(body: JsonObject): JsonInput {
  return new JsonInput(body, (field, message) => invalid('InvalidParameterException', `${field}: ${message}`));
}

/** Trails visible from a region: its own, plus multi-region trails homed elsewhere (shadow trails). */
function visibleTrails(ctx: RequestContext, includeShadow: boolean): Trail[] {
  return ctx.account.trails.filter((trail) => trail.homeRegion === ctx.region || (includeShadow && trail.isMultiRegion));
}

function trailJson(trail: Trail): JsonObject {
  const json: JsonObject = {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegion,
    HomeRegion: trail.homeRegion,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    HasCustomEventSelectors: trail.hasCustomEventSelectors,
    HasInsightSelectors: trail.hasInsightSelectors,
    IsOrganizationTrail: trail.isOrganizationTrail,
  };
  if (trail.s3KeyPrefix !== null) json.S3KeyPrefix = trail.s3KeyPrefix;
  if (trail.kmsKeyId !== null) json.KmsKeyId = trail.kmsKeyId;
  if (trail.cloudWatchLogsLogGroupArn !== null) json.CloudWatchLogsLogGroupArn = trail.cloudWatchLogsLogGroupArn;
  if (trail.cloudWatchLogsRoleArn !== null) json.CloudWatchLogsRoleArn = trail.cloudWatchLogsRoleArn;
  return json;
}

function describeTrails(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const names = args.stringList('trailNameList', 100);
  const includeShadow = args.raw('includeShadowTrails') !== false;
  let trails = visibleTrails(ctx, includeShadow);
  if (names && names.length > 0) trails = trails.filter((trail) => names.includes(trail.name) || names.includes(trail.arn));
  return { trailList: trails.map(trailJson) };
}

function findTrail(ctx: RequestContext, name: string | undefined): Trail {
  if (!name) throw invalid('InvalidTrailNameException', 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).');
  const trail = visibleTrails(ctx, true).find((t) => t.arn === name || (t.name === name && t.homeRegion === ctx.region));
  if (!trail) {
    const arn = name.startsWith('arn:') ? name : `arn:aws:cloudtrail:${ctx.region}:${ctx.account.id}:trail/${name}`;
    throw invalid('TrailNotFoundException', `Unknown trail: ${arn} for the user: ${ctx.account.id}`);
  }
  return trail;
}

/** GetEventSelectors: basic EventSelectors or AdvancedEventSelectors, as the trail has them. */
function getEventSelectors(ctx: RequestContext, body: JsonObject): JsonObject {
  const trail = findTrail(ctx, input(body).string('TrailName', { max: 2048 }));
  const selectors = trail.eventSelectors;
  return selectors.kind === 'basic'
    ? { TrailARN: trail.arn, EventSelectors: selectors.selectors.map((s) => ({ ...s })) }
    : { TrailARN: trail.arn, AdvancedEventSelectors: selectors.selectors.map((s) => ({ ...s })) };
}

function getTrailStatus(ctx: RequestContext, body: JsonObject): JsonObject {
  const trail = findTrail(ctx, input(body).string('Name', { max: 2048 }));
  const json: JsonObject = {
    IsLogging: trail.isLogging,
    StartLoggingTime: epoch(trail.startLoggingTime),
    TimeLoggingStarted: isoSeconds(trail.startLoggingTime),
    LatestDeliveryAttemptTime: trail.latestDeliveryTime ? isoSeconds(trail.latestDeliveryTime) : '',
    LatestDeliveryAttemptSucceeded: trail.latestDeliveryTime ? isoSeconds(trail.latestDeliveryTime) : '',
    LatestNotificationAttemptTime: '',
    LatestNotificationAttemptSucceeded: '',
    TimeLoggingStopped: trail.stopLoggingTime ? isoSeconds(trail.stopLoggingTime) : '',
  };
  if (trail.latestDeliveryTime) json.LatestDeliveryTime = epoch(trail.latestDeliveryTime);
  if (trail.latestDeliveryError) json.LatestDeliveryError = trail.latestDeliveryError;
  if (trail.stopLoggingTime) json.StopLoggingTime = epoch(trail.stopLoggingTime);
  if (trail.logFileValidationEnabled && trail.latestDeliveryTime) json.LatestDigestDeliveryTime = epoch(new Date(trail.latestDeliveryTime.getTime() - 1_200_000));
  if (trail.cloudWatchLogsLogGroupArn && trail.latestDeliveryTime) json.LatestCloudWatchLogsDeliveryTime = epoch(trail.latestDeliveryTime);
  return json;
}

function timeArg(args: JsonInput, name: string): number | undefined {
  const value = args.raw(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('InvalidTimeRangeException', `${name} must be a timestamp.`);
  return Math.round(value * 1000);
}

function lookupEvents(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = input(body);
  const rawAttributes = args.raw('LookupAttributes');
  let key: LookupAttributeKey | null = null;
  let value = '';
  if (rawAttributes !== undefined && rawAttributes !== null) {
    if (!Array.isArray(rawAttributes)) throw invalid('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
    if (rawAttributes.length > 1) throw invalid('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
    const attribute = rawAttributes[0];
    if (attribute !== undefined) {
      if (attribute === null || typeof attribute !== 'object' || Array.isArray(attribute)) throw invalid('InvalidLookupAttributesException', 'Invalid lookup attribute.');
      const attributeKey = attribute.AttributeKey;
      const attributeValue = attribute.AttributeValue;
      if (typeof attributeKey !== 'string' || !isLookupAttributeKey(attributeKey)) {
        throw invalid('InvalidLookupAttributesException', `Value '${String(attributeKey)}' at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: Member must satisfy enum value set: [${LOOKUP_ATTRIBUTE_KEYS.join(', ')}]`);
      }
      if (typeof attributeValue !== 'string' || attributeValue.length < 1 || attributeValue.length > 2000) {
        throw invalid('InvalidLookupAttributesException', 'AttributeValue must be between 1 and 2000 characters.');
      }
      key = attributeKey;
      value = attributeValue;
    }
  }
  const category = args.string('EventCategory', { max: 16 });
  if (category !== undefined && category !== 'insight') throw invalid('InvalidEventCategoryException', 'The event category is not valid.');
  const maxResults = args.raw('MaxResults');
  if (maxResults !== undefined && maxResults !== null && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)) {
    throw invalid('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  }
  const pageSize = typeof maxResults === 'number' ? maxResults : 50;
  const requestedStart = timeArg(args, 'StartTime');
  const requestedEnd = timeArg(args, 'EndTime');
  const nowMs = ctx.now.getTime();
  const query = { key, value, s: requestedStart ?? null, e: requestedEnd ?? null };
  const scope = `ct:LookupEvents:${ctx.account.id}:${ctx.region}:${fingerprint(query)}`;

  let startMs: number;
  let endMs: number;
  let offset = 0;
  const token = args.string('NextToken', { max: 4096 });
  if (token !== undefined) {
    const payload = ctx.tokens.decode(scope, token);
    const o = payload?.o;
    const s = payload?.s;
    const e = payload?.e;
    if (typeof o !== 'number' || typeof s !== 'number' || typeof e !== 'number') {
      throw invalid('InvalidNextTokenException', 'Invalid NextToken. The token may have expired or the request parameters may have changed.');
    }
    offset = o;
    startMs = s;
    endMs = e;
  } else {
    endMs = Math.min(requestedEnd ?? nowMs, nowMs);
    startMs = Math.max(requestedStart ?? nowMs - LOOKBACK_MS, nowMs - LOOKBACK_MS);
    if (requestedStart !== undefined && requestedEnd !== undefined && requestedStart > requestedEnd) {
      throw invalid('InvalidTimeRangeException', 'Start time must be before end time.');
    }
  }
  if (category === 'insight') return { Events: [] };

  const events = ctx.account.events[ctx.region] ?? [];
  const list = eventIndexFor(events).select(key, value);
  const [from, to] = timeWindow(list, startMs, endMs);
  const begin = from + offset;
  const slice = list.slice(begin, Math.min(begin + pageSize, to));
  const next = begin + slice.length;
  const out: JsonObject = {
    Events: slice.map((event) => {
      const json: JsonObject = {
        EventId: event.eventId,
        EventName: event.eventName,
        ReadOnly: event.readOnly ? 'true' : 'false',
        EventTime: epoch(event.eventTime),
        EventSource: event.eventSource,
        Resources: event.resources.map((resource) => ({ ResourceType: resource.type, ResourceName: resource.name })),
        CloudTrailEvent: renderCloudTrailEvent(event),
      };
      if (event.accessKeyId !== null) json.AccessKeyId = event.accessKeyId;
      if (event.username !== null) json.Username = event.username;
      return json;
    }),
  };
  if (next < to) out.NextToken = ctx.tokens.encode(scope, { o: next - from, s: startMs, e: endMs });
  return out;
}

export const cloudTrailOperations: Record<string, JsonHandler> = {
  DescribeTrails: describeTrails,
  GetTrailStatus: getTrailStatus,
  GetEventSelectors: getEventSelectors,
  LookupEvents: lookupEvents,
};
