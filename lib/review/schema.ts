import { z } from 'zod';
import { accountIdSchema } from '@/lib/accounts/schema';
import { ouPathSchema } from '@/lib/organization/ou-path';

// The credential-report review's payloads, shared by the route handlers (app/api/reviews/**) and
// the client hooks (lib/review/hooks.ts).

// ---------------------------------------------------------------------------------------------
// Closed sets
// ---------------------------------------------------------------------------------------------

/** Why an item is on the agenda. */
export const agendaReasons = ['no-mfa', 'unused-password', 'programmatic-only', 'stale-key', 'old-key', 'root-key', 'root-no-mfa', 'carried-over'] as const;
export const agendaReasonSchema = z.enum(agendaReasons);
export type AgendaReason = z.infer<typeof agendaReasonSchema>;

export const decisionKinds = ['keep', 'rotate', 'deactivate', 'delete', 'convert-to-role'] as const;
export const decisionKindSchema = z.enum(decisionKinds);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

export const reviewStatusSchema = z.enum(['draft', 'signed']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const changeKinds = [
  'user-added',
  'user-removed',
  'password-enabled',
  'password-disabled',
  'mfa-enabled',
  'mfa-disabled',
  'key-created',
  'key-rotated',
  'key-deactivated',
  'key-reactivated',
  'key-deleted',
  'key-became-stale',
  'key-became-old',
  'root-password-used',
  'root-key-used',
] as const;
export const changeKindSchema = z.enum(changeKinds);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/** How the changes are grouped on screen and in the minutes. */
export const changeGroups = ['users', 'console', 'mfa', 'keys', 'thresholds', 'root'] as const;
export const changeGroupSchema = z.enum(changeGroups);
export type ChangeGroup = z.infer<typeof changeGroupSchema>;

export const outcomeStatusSchema = z.enum(['done', 'open']);
export type OutcomeStatus = z.infer<typeof outcomeStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const personName = (field: string) =>
  z
    .string({ error: `${field} must be a text` })
    .trim()
    .min(1, `${field} must name a person`)
    .max(200, `${field} must be at most 200 characters`);

const isoDayString = z
  .string({ error: 'must be a date (YYYY-MM-DD)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date');

export const startReviewSchema = z.object({
  accountIds: z.array(accountIdSchema, { error: 'accountIds must be a list of 12-digit AWS account ids' }).min(1, 'accountIds must name at least one account'),
  title: z.string({ error: 'title must be a text' }).trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters').optional(),
});
export type StartReviewInput = z.infer<typeof startReviewSchema>;

export const decideSchema = z
  .object({
    itemId: z.string({ error: 'itemId must be the id of an agenda item' }).min(1, 'itemId must be the id of an agenda item'),
    decision: decisionKindSchema,
    justification: z.string({ error: 'justification must be a text' }).trim().max(2000, 'justification must be at most 2000 characters').optional(),
    owner: personName('owner'),
    dueDate: isoDayString.nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'keep' && (value.justification ?? '') === '') {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'a "keep" decision needs a justification' });
    }
    if (value.decision !== 'keep' && (value.dueDate ?? null) === null) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: `a "${value.decision}" decision needs a due date` });
    }
  });
export type DecideInput = z.infer<typeof decideSchema>;

export const attendeesSchema = z.object({
  attendees: z.array(personName('attendees[]'), { error: 'attendees must be a list of names' }).max(50, 'attendees must list at most 50 people'),
});
export type AttendeesInput = z.infer<typeof attendeesSchema>;

/**
 * Sign-off names no one: it is recorded under the signed-in caller (lib/actor.ts), so nobody can
 * sign a review off in someone else's name. A `signedBy` sent by an older client is refused.
 */
export const signOffSchema = z.strictObject(
  {},
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')}: not accepted; a review is signed off under the name you are signed in with`
        : issue.code === 'invalid_type'
          ? 'the body must be a JSON object ({})'
          : undefined,
  },
);
export type SignOffInput = z.infer<typeof signOffSchema>;

// ---------------------------------------------------------------------------------------------
// Responses (dates as ISO 8601 strings; due dates as YYYY-MM-DD)
// ---------------------------------------------------------------------------------------------

export const thresholdsViewSchema = z.object({ unusedCredentialDays: z.number(), keyRotationDays: z.number() });

export const changeSchema = z.object({
  kind: changeKindSchema,
  group: changeGroupSchema,
  /** The IAM user name; "<root_account>" for root. */
  user: z.string(),
  slot: z.union([z.literal(1), z.literal(2)]).nullable(),
  detail: z.string(),
});
export type Change = z.infer<typeof changeSchema>;

export const baselineSchema = z.object({
  reviewId: z.string().nullable(),
  reviewTitle: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  snapshotTakenAt: z.string(),
  reportGeneratedAt: z.string(),
});

export const reviewAccountSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  snapshotId: z.string(),
  snapshotTakenAt: z.string(),
  reportGeneratedAt: z.string(),
  /** Null when no earlier signed review covers this account. */
  baseline: baselineSchema.nullable(),
  changes: z.array(changeSchema),
});
export type ReviewAccountView = z.infer<typeof reviewAccountSchema>;

export const carriedFromSchema = z.object({
  decisionId: z.string(),
  reviewId: z.string(),
  reviewTitle: z.string(),
  reviewSignedAt: z.string().nullable(),
  decision: decisionKindSchema,
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  justification: z.string().nullable(),
  /** Why it is still open, judged from this review's snapshot. */
  note: z.string(),
});
export type CarriedFrom = z.infer<typeof carriedFromSchema>;

export const activityEventSchema = z.object({
  eventTime: z.string(),
  eventName: z.string(),
  region: z.string(),
  sourceIp: z.string().nullable(),
  errorCode: z.string().nullable(),
  mfaUsed: z.boolean().nullable(),
});

export const activitySchema = z.object({
  windowStart: z.string(),
  windowEnd: z.string(),
  total: z.number().int(),
  byEvent: z.array(z.object({ eventName: z.string(), count: z.number().int() })),
  latest: z.array(activityEventSchema),
});
export type Activity = z.infer<typeof activitySchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  subject: z.string(),
  kind: z.enum(['user', 'key', 'root']),
  userName: z.string(),
  slot: z.union([z.literal(1), z.literal(2)]).nullable(),
  reasons: z.array(agendaReasonSchema),
  /** Sentences from the frozen report; empty when the subject is no longer in it. */
  evidence: z.array(z.string()),
  activity: activitySchema,
  decision: decisionKindSchema.nullable(),
  justification: z.string().nullable(),
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  carriedFrom: carriedFromSchema.nullable(),
});
export type AgendaItemView = z.infer<typeof agendaItemSchema>;

export const reviewHeaderSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: reviewStatusSchema,
  startedBy: z.string(),
  startedAt: z.string(),
  attendees: z.array(z.string()),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  notes: z.string().nullable(),
});
export type ReviewHeader = z.infer<typeof reviewHeaderSchema>;

export const reviewDetailSchema = z.object({
  review: reviewHeaderSchema,
  thresholds: thresholdsViewSchema,
  /** The OU whose accounts are shown (?ou=), null: every account of the review. */
  ou: z.string().nullable(),
  /** The whole review, whatever is shown: its sign-off needs every item decided. */
  inReview: z.object({ accounts: z.number().int(), items: z.number().int(), undecided: z.number().int() }),
  /** The accounts shown, their agenda items, and what those add up to. */
  accounts: z.array(reviewAccountSchema),
  items: z.array(agendaItemSchema),
  counts: z.object({ items: z.number().int(), decided: z.number().int(), undecided: z.number().int(), changes: z.number().int(), carriedOver: z.number().int() }),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const decisionOutcomeSchema = z.object({
  decisionId: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  subject: z.string(),
  userName: z.string(),
  decision: decisionKindSchema,
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: outcomeStatusSchema,
  note: z.string(),
});
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export const reviewSummarySchema = z.object({
  review: reviewHeaderSchema,
  accounts: z.array(z.object({ accountId: z.string(), accountName: z.string(), snapshotTakenAt: z.string(), reportGeneratedAt: z.string() })),
  counts: z.object({
    items: z.number().int(),
    decided: z.number().int(),
    /** Null when no account of the review had an earlier signed review to compare with. */
    changes: z.number().int().nullable(),
    carriedOver: z.number().int(),
  }),
  /** What became of the decisions; null for a draft (nothing decided on the record yet). */
  outcomes: z
    .object({
      /** "the next review (<title>)" or "the latest credential report (<date>)". */
      judgedFrom: z.string(),
      done: z.number().int(),
      open: z.number().int(),
      decisions: z.array(decisionOutcomeSchema),
    })
    .nullable(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

/** GET /api/reviews query string, and the Review screen's URL. */
export const reviewListQuerySchema = z.object({
  /** Only reviews that cover an account in this OU or below it; the start form offers its accounts. */
  ou: ouPathSchema.optional(),
});
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

/** GET /api/reviews/:id query string, and the review page's URL: only the accounts of an OU and below it. */
export const reviewDetailQuerySchema = z.object({ ou: ouPathSchema.optional() });

export const reviewListSchema = z.object({
  reviews: z.array(reviewSummarySchema),
  /** Checklist item 14 passes while the last sign-off is at most this many days old. */
  reviewIntervalDays: z.number().int(),
});
export type ReviewList = z.infer<typeof reviewListSchema>;

export const reviewStartedSchema = z.object({ id: z.string() });
