import { z } from 'zod';
import { ouPathSchema } from '@/lib/organization/ou-path';

// Payloads of /api/findings/*: parsed by the route handlers, typing the client hooks.

export const findingStatuses = ['ACTIVE', 'ARCHIVED', 'RESOLVED'] as const;
export const findingStatusSchema = z.enum(findingStatuses);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const findingTypes = ['ExternalAccess', 'InternalAccess', 'UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission'] as const;

/** The most findings one list page may hold. */
export const maxPageSize = 200;
/** The most findings one archive or re-activation may name. */
export const maxTriageKeys = 1000;
/** The longest reason kept with a triage action. */
export const maxReasonLength = 1000;

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const analyzerArn = z
  .string()
  .max(1024, 'must be at most 1024 characters')
  .regex(/^arn:[a-z-]+:access-analyzer:[a-z0-9-]+:\d{12}:analyzer\/[A-Za-z][A-Za-z0-9_.-]*$/, 'must be an Access Analyzer analyzer ARN');

/** Warden's key of a finding: analyzer ARN + "/" + AWS finding id. */
export const findingKeySchema = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .regex(/^arn:[a-z-]+:access-analyzer:[a-z0-9-]+:\d{12}:analyzer\/[A-Za-z][A-Za-z0-9_.-]*\/[A-Za-z0-9_.:-]+$/, 'must be a finding key (analyzer ARN/finding id)');

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const findingSortFields = ['createdAt', 'updatedAt', 'analyzedAt', 'resource', 'resourceType', 'findingType', 'status', 'account'] as const;
export const findingSortSchema = z.enum(findingSortFields);
export type FindingSort = z.infer<typeof findingSortSchema>;

/** GET /api/findings query string. Strings because that is what a URL holds. */
export const findingListQuerySchema = z.object({
  account: accountId.optional(),
  /** Only findings of accounts in this OU or below it (an OU path such as Root/Workloads). */
  ou: ouPathSchema.optional(),
  analyzer: analyzerArn.optional(),
  type: z.string().regex(/^[A-Za-z]{1,64}$/, 'must be a finding type such as ExternalAccess').optional(),
  status: z.enum([...findingStatuses, 'all'], { error: `must be one of ${findingStatuses.join(', ')} or all` }).default('ACTIVE'),
  resourceType: z.string().max(128, 'must be at most 128 characters').regex(/^[A-Za-z0-9:]+$/, 'must be a resource type such as AWS::S3::Bucket').optional(),
  resource: z.string().trim().min(1, 'must not be empty').max(512, 'must be at most 512 characters').optional(),
  /** Only findings created at least this many days ago. */
  minAgeDays: wholeNumber(0, 36500).optional(),
  /** Only findings created at most this many days ago. */
  maxAgeDays: wholeNumber(0, 36500).optional(),
  sort: findingSortSchema.default('createdAt'),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('desc'),
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, maxPageSize).default(50),
}).refine((q) => q.minAgeDays === undefined || q.maxAgeDays === undefined || q.minAgeDays <= q.maxAgeDays, { path: ['maxAgeDays'], message: 'must not be less than minAgeDays' });
export type FindingListQuery = z.infer<typeof findingListQuerySchema>;
export type FindingListQueryInput = z.input<typeof findingListQuerySchema>;

/** findingDetails of GetFindingV2 as Warden stores them (lib/aws/access-analyzer.ts FindingDetailRecord). */
const stringMap = z.record(z.string(), z.string());
export const findingDetailSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('externalAccess'), action: z.array(z.string()), condition: stringMap, isPublic: z.boolean().nullable(), principal: stringMap, sources: z.array(z.string()) }),
  z.object({
    kind: z.literal('internalAccess'),
    action: z.array(z.string()),
    condition: stringMap,
    principal: stringMap,
    principalOwnerAccount: z.string().nullable(),
    accessType: z.string().nullable(),
    principalType: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('unusedPermission'),
    serviceNamespace: z.string(),
    lastAccessed: z.string().nullable(),
    actions: z.array(z.object({ action: z.string(), lastAccessed: z.string().nullable() })),
  }),
  z.object({ kind: z.literal('unusedIamUserAccessKey'), accessKeyId: z.string(), lastAccessed: z.string().nullable() }),
  z.object({ kind: z.literal('unusedIamRole'), lastAccessed: z.string().nullable() }),
  z.object({ kind: z.literal('unusedIamUserPassword'), lastAccessed: z.string().nullable() }),
  z.object({ kind: z.literal('unknown'), raw: z.string() }),
]);
export type FindingDetail = z.infer<typeof findingDetailSchema>;

/** One line that says who has what access (or what is unused), for the list. */
export const findingGistSchema = z.object({
  principal: z.string().nullable(),
  isPublic: z.boolean().nullable(),
  actions: z.array(z.string()),
  /** Unused access: when it was last used (null: never, or not reported). */
  lastAccessed: z.string().nullable(),
  text: z.string(),
});
export type FindingGist = z.infer<typeof findingGistSchema>;

export const findingRowSchema = z.object({
  key: z.string(),
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  analyzerArn: z.string(),
  analyzerName: z.string(),
  analyzerType: z.string(),
  region: z.string(),
  findingType: z.string(),
  resourceType: z.string(),
  resource: z.string(),
  resourceOwnerAccount: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  analyzedAt: z.string(),
  error: z.string().nullable(),
  archiveExpiresAt: z.string().nullable(),
  gist: findingGistSchema,
});
export type FindingRow = z.infer<typeof findingRowSchema>;

export const typeStatusCountSchema = z.object({ findingType: z.string(), status: z.string(), count: z.number().int() });

export const findingListResponseSchema = z.object({
  findings: z.array(findingRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Findings per type and status under every filter except status. */
  counts: z.array(typeStatusCountSchema),
  /** What the filters can choose from (for the selected account, or all). */
  facets: z.object({
    analyzers: z.array(z.object({ arn: z.string(), name: z.string(), type: z.string(), region: z.string(), accountId: z.string(), status: z.string() })),
    resourceTypes: z.array(z.string()),
    findingTypes: z.array(z.string()),
  }),
  /** When the findings shown were last read from AWS (newest access-analyzer snapshot), null if never. */
  readAt: z.string().nullable(),
});
export type FindingListResponse = z.infer<typeof findingListResponseSchema>;

export const triageActions = ['archive', 'unarchive', 'expire'] as const;
export const triageActionSchema = z.enum(triageActions);
export type TriageAction = z.infer<typeof triageActionSchema>;

export const triageEntrySchema = z.object({
  id: z.string(),
  findingKey: z.string(),
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
  expiresAt: z.string().nullable(),
});
export type TriageEntry = z.infer<typeof triageEntrySchema>;

export const findingDetailResponseSchema = z.object({
  finding: findingRowSchema.extend({
    details: z.array(findingDetailSchema).nullable(),
    detailsFetchedAt: z.string().nullable(),
    /** Why the details could not be read from AWS when the finding was opened; null when they were, or need not be. */
    detailsError: z.string().nullable().default(null),
    lastSeenAt: z.string(),
    analyzerStatus: z.string(),
  }),
  triage: z.array(triageEntrySchema),
});
export type FindingDetailResponse = z.infer<typeof findingDetailResponseSchema>;

/** POST /api/findings/status: archive or re-activate findings, in AWS first. */
export const triageRequestSchema = z
  .object({
    action: z.enum(['archive', 'unarchive'], { error: 'must be archive or unarchive' }),
    keys: z
      .array(findingKeySchema, { error: 'must be a list of finding keys' })
      .min(1, 'must name at least one finding')
      .max(maxTriageKeys, `must name at most ${maxTriageKeys} findings per request`),
    reason: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required: say why')
      .max(maxReasonLength, `must be at most ${maxReasonLength} characters`),
    /** Archive only: when Warden re-activates the finding (ISO date-time, in the future). */
    expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2030-01-31T00:00:00Z' }).optional(),
  })
  .strict()
  .refine((r) => r.expiresAt === undefined || r.action === 'archive', { path: ['expiresAt'], message: 'only an archive can expire' });
export type TriageRequest = z.infer<typeof triageRequestSchema>;

export const triageGroupSchema = z.object({
  accountId: z.string(),
  analyzerArn: z.string(),
  region: z.string(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
  /** AWS's answer when it rejected (part of) the group: action, code and message. */
  error: z.string().nullable(),
});

export const triageResultSchema = z.object({
  action: z.enum(['archive', 'unarchive']),
  toStatus: findingStatusSchema,
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
  groups: z.array(triageGroupSchema),
  /** Non-fatal problems after AWS accepted (e.g. the checklist could not be re-evaluated). */
  warnings: z.array(z.string()),
});
export type TriageResult = z.infer<typeof triageResultSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2025-01-31');

/** GET /api/findings/audit query string. */
export const auditQuerySchema = z.object({
  account: accountId.optional(),
  /** Only actions on findings of accounts in this OU or below it. */
  ou: ouPathSchema.optional(),
  action: triageActionSchema.optional(),
  actor: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  /** A finding key, or part of its resource ARN. */
  finding: z.string().trim().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters').optional(),
  /** First day included (UTC). */
  from: day.optional(),
  /** Last day included (UTC). */
  to: day.optional(),
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, maxPageSize).default(50),
}).refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditQueryInput = z.input<typeof auditQuerySchema>;

/** The Findings screen's own URL values besides the list's and the audit trail's: the tab and the open finding. */
export const findingsScreenSchema = z.object({
  tab: z.enum(['findings', 'audit']).default('findings'),
  open: findingKeySchema.optional(),
});

export const auditEntrySchema = triageEntrySchema.extend({
  finding: z.object({ resource: z.string(), resourceType: z.string(), findingType: z.string(), accountId: z.string(), accountName: z.string(), status: z.string() }),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  actors: z.array(z.string()),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;
