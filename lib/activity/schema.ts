import { z } from 'zod';
import { accountIdSchema } from '@/lib/accounts/schema';
import { keyEventNames } from '@/lib/cloudtrail/parse-event';

// Payloads of /api/activity/coverage, /api/activity/daily and /api/activity/events, shared by the
// route handlers and the client hooks.

export const maxActivityDays = 90;
export const maxEventsPageSize = 200;

export const activityEventKinds = ['all', 'root', 'console-without-mfa', 'cross-account'] as const;
export type ActivityEventKind = (typeof activityEventKinds)[number];

/** A CloudTrail user name as the activity links carry it: IAM's characters, or "root". */
export const activityUserSchema = z
  .string()
  .min(1, 'user must not be empty')
  .max(128, 'user must be at most 128 characters')
  .regex(/^[\w+=,.@-]+$/, 'user must be an IAM user or role name (letters, digits and + = , . @ _ -)');

export const coverageQuerySchema = z.strictObject({ account: accountIdSchema.optional() });

export const dailyQuerySchema = z.strictObject({
  account: accountIdSchema.optional(),
  event: z.enum(keyEventNames, { error: `event must be one of ${keyEventNames.join(', ')}` }).optional(),
  days: z.coerce
    .number({ error: 'days must be a number' })
    .int('days must be a whole number')
    .min(1, 'days must be at least 1')
    .max(maxActivityDays, `days must be at most ${maxActivityDays}`)
    .default(maxActivityDays),
});
export type DailyQuery = z.infer<typeof dailyQuerySchema>;

export const eventsQuerySchema = z.strictObject({
  account: accountIdSchema.optional(),
  kind: z.enum(activityEventKinds, { error: `kind must be one of ${activityEventKinds.join(', ')}` }).default('all'),
  user: activityUserSchema.optional(),
  page: z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be at least 1').default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int('pageSize must be a whole number')
    .min(1, 'pageSize must be at least 1')
    .max(maxEventsPageSize, `pageSize must be at most ${maxEventsPageSize}`)
    .default(25),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

/** The Activity screen's URL besides the account: one user's events (as /api/activity/events takes it), one key event's days (as /api/activity/daily does). */
export const activityViewSchema = z.strictObject({ user: eventsQuerySchema.shape.user, event: dailyQuerySchema.shape.event });

export const trailViewSchema = z.object({
  name: z.string(),
  arn: z.string(),
  homeRegion: z.string(),
  isMultiRegion: z.boolean(),
  isOrganizationTrail: z.boolean(),
  logFileValidation: z.boolean(),
  /** Null when GetTrailStatus could not be read. */
  isLogging: z.boolean().nullable(),
  latestDeliveryTime: z.string().nullable(),
  latestDeliveryError: z.string().nullable(),
  s3BucketName: z.string().nullable(),
  statusError: z.string().nullable(),
});
export type TrailView = z.infer<typeof trailViewSchema>;

export const regionStatusSchema = z.enum(['logging', 'not-logging', 'no-trail', 'unknown']);
export type RegionStatus = z.infer<typeof regionStatusSchema>;

export const regionCoverageSchema = z.object({
  region: z.string(),
  status: regionStatusSchema,
  /** Whether a logging trail recording this region validates its log files. */
  validated: z.boolean(),
  /** The trails that record this region (multi-region trails, or trails homed here). */
  trails: z.array(trailViewSchema),
});
export type RegionCoverage = z.infer<typeof regionCoverageSchema>;

export const accountCoverageSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  /** The newest CloudTrail snapshot, or null when CloudTrail was never read. */
  readAt: z.string().nullable(),
  /** False when DescribeTrails was denied: the coverage is unknown, not empty. */
  trailsRead: z.boolean(),
  missingPermissions: z.array(z.string()),
  regions: z.array(regionCoverageSchema),
  /** Single-region trails homed outside the regions Warden reads. */
  otherTrails: z.array(trailViewSchema),
});
export type AccountCoverage = z.infer<typeof accountCoverageSchema>;

export const coverageResponseSchema = z.object({ accounts: z.array(accountCoverageSchema) });
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

export const dailyResponseSchema = z.object({
  /** First and last day of the window (YYYY-MM-DD, UTC), both included. */
  from: z.string(),
  to: z.string(),
  eventNames: z.array(z.string()),
  days: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number().int()) })),
  totals: z.record(z.string(), z.number().int()),
});
export type DailyResponse = z.infer<typeof dailyResponseSchema>;

export const trailEventViewSchema = z.object({
  eventId: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  region: z.string(),
  eventTime: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  userType: z.string().nullable(),
  userName: z.string().nullable(),
  userArn: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  mfaUsed: z.boolean().nullable(),
  errorCode: z.string().nullable(),
  isRoot: z.boolean(),
  isConsoleLogin: z.boolean(),
  isCrossAccount: z.boolean(),
  recipientAccountId: z.string().nullable(),
  /** The caller's account, and its name when it is one Warden reads (one of the team's own). */
  callerAccountId: z.string().nullable(),
  callerAccountName: z.string().nullable(),
  /** For AssumeRole: the role assumed. */
  targetRoleArn: z.string().nullable(),
});
export type TrailEventView = z.infer<typeof trailEventViewSchema>;

export const eventsResponseSchema = z.object({
  rows: z.array(trailEventViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;
