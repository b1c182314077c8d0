import { z } from 'zod';
import { searchTextParam } from '@/lib/query-params';
import { accountIdSchema } from '@/lib/accounts/schema';
import { ouPathSchema } from '@/lib/organization/ou-path';
import { readUrlState } from '@/lib/url-state';
import type { CredentialSentinel } from '@/lib/credential-report/parse';

// Payloads of /api/credentials, /api/credentials/summary and /api/credentials/export, shared by
// the route handlers and the client hooks.

export const sentinelSchema = z.enum(['N/A', 'no_information', 'not_supported']);
// The credential-report parser's sentinels: a type error here means the two lists drifted apart.
sentinelSchema.options satisfies readonly CredentialSentinel[];

export const credentialFilterNames = ['no-mfa', 'old-keys', 'unused', 'programmatic-only', 'root', 'crossing'] as const;
export type CredentialFilter = (typeof credentialFilterNames)[number];

export const credentialSortKeys = [
  'user',
  'account',
  'console',
  'passwordLastUsed',
  'mfa',
  'key1Status',
  'key1Age',
  'key1LastUsed',
  'key2Status',
  'key2Age',
  'key2LastUsed',
] as const;
export type CredentialSortKey = (typeof credentialSortKeys)[number];

export const maxCredentialsPageSize = 200;

const splitList = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

/** The view's filters: shared by the page query and the CSV export. Unknown parameters are refused. */
export const credentialsViewQuerySchema = z.strictObject({
  account: accountIdSchema.optional(),
  /** Only the accounts in this OU or below it (an OU path such as Root/Workloads). */
  ou: ouPathSchema.optional(),
  q: searchTextParam,
  filter: z
    .string()
    .optional()
    .transform(splitList)
    .pipe(
      z.array(
        z.enum(credentialFilterNames, {
          error: (issue) => `unknown filter ${JSON.stringify(issue.input)}; expected one of ${credentialFilterNames.join(', ')}`,
        }),
      ),
    )
    .transform((list) => [...new Set(list)]),
  sort: z.enum(credentialSortKeys, { error: `sort must be one of ${credentialSortKeys.join(', ')}` }).default('user'),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).default('asc'),
});
export type CredentialsViewQuery = z.infer<typeof credentialsViewQuerySchema>;

export const credentialsQuerySchema = credentialsViewQuerySchema.extend({
  page: z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be at least 1').default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int('pageSize must be a whole number')
    .min(1, 'pageSize must be at least 1')
    .max(maxCredentialsPageSize, `pageSize must be at most ${maxCredentialsPageSize}`)
    .default(50),
});
export type CredentialsQuery = z.infer<typeof credentialsQuerySchema>;

export const credentialsSummaryQuerySchema = z.strictObject({ account: accountIdSchema.optional(), ou: ouPathSchema.optional() });

/** The query string of a view (defaults left out), for the API and for the page's own URL. */
export function credentialsSearchParams(query: Partial<CredentialsQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (query.account) p.set('account', query.account);
  if (query.ou) p.set('ou', query.ou);
  if (query.q) p.set('q', query.q);
  if (query.filter && query.filter.length > 0) p.set('filter', query.filter.join(','));
  if (query.sort && query.sort !== 'user') p.set('sort', query.sort);
  if (query.order && query.order !== 'asc') p.set('order', query.order);
  if (query.page && query.page !== 1) p.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== 50) p.set('pageSize', String(query.pageSize));
  return p;
}

/** A date column of the report: the date, or the sentinel AWS wrote instead; days since the date. */
export const dateCellSchema = z.object({
  at: z.string().nullable(),
  sentinel: sentinelSchema.nullable(),
  days: z.number().int().nullable(),
});
export type DateCell = z.infer<typeof dateCellSchema>;

export const textCellSchema = z.object({ value: z.string().nullable(), sentinel: sentinelSchema.nullable() });
export type TextCell = z.infer<typeof textCellSchema>;

export const accessKeyViewSchema = z.object({
  slot: z.union([z.literal(1), z.literal(2)]),
  active: z.boolean(),
  lastRotated: dateCellSchema,
  lastUsed: dateCellSchema,
  lastUsedService: textCellSchema,
  lastUsedRegion: textCellSchema,
});
export type AccessKeyView = z.infer<typeof accessKeyViewSchema>;

export const credentialRowSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  user: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  userCreationTime: z.string(),
  console: z.object({ enabled: z.boolean().nullable(), sentinel: sentinelSchema.nullable() }),
  passwordLastUsed: dateCellSchema,
  passwordLastChanged: dateCellSchema,
  mfaActive: z.boolean(),
  keys: z.tuple([accessKeyViewSchema, accessKeyViewSchema]),
});
export type CredentialRow = z.infer<typeof credentialRowSchema>;

export const credentialReportInfoSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  /** When AWS generated the report (GetCredentialReport's GeneratedTime). */
  generatedAt: z.string().nullable(),
  /** When Warden read it. */
  takenAt: z.string(),
  users: z.number().int(),
});
export type CredentialReportInfo = z.infer<typeof credentialReportInfoSchema>;

export const credentialThresholdsSchema = z.object({
  keyRotationDays: z.number().int(),
  unusedCredentialDays: z.number().int(),
  reviewIntervalDays: z.number().int(),
});
export type CredentialThresholds = z.infer<typeof credentialThresholdsSchema>;

export const credentialsPageSchema = z.object({
  rows: z.array(credentialRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  /** The clock every age and filter was computed with. */
  asOf: z.string(),
  reports: z.array(credentialReportInfoSchema),
  /** Accounts in scope that have no credential report yet. */
  accountsWithoutReport: z.array(z.object({ id: z.string(), name: z.string() })),
  thresholds: credentialThresholdsSchema,
});
export type CredentialsPage = z.infer<typeof credentialsPageSchema>;

export const keyAgeBucketNames = ['under-30', '30-90', '91-180', '181-365', 'over-365'] as const;
export type KeyAgeBucketName = (typeof keyAgeBucketNames)[number];

export const keyAgeBucketSchema = z.object({ bucket: z.enum(keyAgeBucketNames), label: z.string(), count: z.number().int() });
export type KeyAgeBucket = z.infer<typeof keyAgeBucketSchema>;

export const reviewScheduleSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  lastSignedAt: z.string().nullable(),
  lastReviewTitle: z.string().nullable(),
  /** 31 days after the last signed review, or 31 days from today when there is none. */
  nextReviewAt: z.string(),
  overdue: z.boolean(),
});
export type ReviewSchedule = z.infer<typeof reviewScheduleSchema>;

export const crossingKeySchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  user: z.string(),
  arn: z.string(),
  slot: z.union([z.literal(1), z.literal(2)]),
  lastRotated: z.string(),
  ageDays: z.number().int(),
  /** The first day the key is older than the rotation limit. */
  overLimitOn: z.string(),
  nextReviewAt: z.string(),
});
export type CrossingKey = z.infer<typeof crossingKeySchema>;

export const maxCrossingKeysListed = 100;

export const credentialsSummarySchema = z.object({
  asOf: z.string(),
  thresholds: credentialThresholdsSchema,
  activeKeys: z.number().int(),
  /** Active keys whose last_rotated is a sentinel: their age is unknown. */
  unknownAge: z.number().int(),
  buckets: z.array(keyAgeBucketSchema),
  reviews: z.array(reviewScheduleSchema),
  /** The first keys (soonest first) that will be over the limit at their account's next review. */
  crossing: z.array(crossingKeySchema),
  crossingTotal: z.number().int(),
});
export type CredentialsSummary = z.infer<typeof credentialsSummarySchema>;

/**
 * The view as the page's URL holds it (lib/url-state.ts): the route's query, except that an
 * unknown filter in a hand-edited link is skipped rather than refused.
 */
export const credentialsUrlSchema = credentialsQuerySchema.extend({
  filter: z
    .string()
    .optional()
    .transform((s) => [...new Set(splitList(s).filter((f): f is CredentialFilter => (credentialFilterNames as readonly string[]).includes(f)))]),
});

/** The view a page URL holds: anything malformed falls back to its default. */
export function readCredentialsView(params: URLSearchParams): CredentialsQuery {
  const view = readUrlState(credentialsUrlSchema, params).value;
  return { account: view.account, ou: view.ou, q: view.q, filter: view.filter, sort: view.sort, order: view.order, page: view.page, pageSize: view.pageSize };
}
