import { z } from 'zod';
import { searchTextParam, wholeNumberParam } from '@/lib/query-params';
import { ouPathSchema } from '@/lib/organization/ou-path';

// The checklist's payloads, shared by the rules (lib/checks), the API route and the UI.

export const verdictSchema = z.enum(['pass', 'fail', 'unknown', 'not_applicable']);
export type Verdict = z.infer<typeof verdictSchema>;

export const severitySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof severitySchema>;

/**
 * An evidence item's own status: "fail" decides a failing verdict, "noted" is worth showing
 * without failing, "unknown" could not be read, "excluded" was left out on purpose (with why).
 */
export const evidenceStatusSchema = z.enum(['pass', 'fail', 'noted', 'unknown', 'excluded']);
export type EvidenceStatus = z.infer<typeof evidenceStatusSchema>;

export const evidenceKindSchema = z.enum([
  'account',
  'root',
  'user',
  'password',
  'access-key',
  'mfa-device',
  'password-policy',
  'credential-report',
  'role',
  'group',
  'policy',
  'trail',
  'analyzer',
  'region',
  'finding',
  'event',
  'organization',
  'scp',
  'review',
]);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

export const evidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type EvidenceValue = z.infer<typeof evidenceValueSchema>;

export const evidenceItemSchema = z.object({
  kind: evidenceKindSchema,
  /** Stable identifier within the item: a user name, "alice/key-1", a role or policy ARN. */
  id: z.string(),
  /** What a person reads: "alice — access key 1". */
  label: z.string(),
  status: evidenceStatusSchema,
  /** Why this evidence has its status, in one sentence. */
  detail: z.string(),
  /** The values that decided it; dates as ISO 8601 strings. */
  values: z.record(z.string(), evidenceValueSchema),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const remedySchema = z.object({
  text: z.string(),
  /** Shell commands with the account's real names filled in; placeholders look like <this>. */
  commands: z.array(z.string()),
});
export type Remedy = z.infer<typeof remedySchema>;

export const referenceSchema = z.object({
  framework: z.enum(['CIS AWS Foundations Benchmark v3.0.0', 'AWS Security Hub', 'AWS IAM User Guide', 'Rhino Security Labs']),
  id: z.string(),
  title: z.string(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const thresholdShownSchema = z.object({
  name: z.string(),
  value: z.union([z.number(), z.boolean(), z.string()]),
  unit: z.string().nullable(),
  /** Where the value comes from: "seed: …", "CIS …" or "WARDEN_… env". */
  source: z.string(),
});
export type ThresholdShown = z.infer<typeof thresholdShownSchema>;

export const checklistItemResultSchema = z.object({
  /** The item's number in the seed's checklist (1–14); extra rules are 15 and up. */
  number: z.number().int().min(1),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string(),
  verdict: verdictSchema,
  severity: severitySchema,
  summary: z.string(),
  evidence: z.array(evidenceItemSchema),
  remedy: remedySchema,
  references: z.array(referenceSchema),
  thresholds: z.array(thresholdShownSchema),
  /** IAM actions whose absence made (part of) this item unreadable. */
  missingPermissions: z.array(z.string()),
});
export type ChecklistItemResult = z.infer<typeof checklistItemResultSchema>;

export const checklistItemWithSinceSchema = checklistItemResultSchema.extend({
  /** Since when the current verdict has held without interruption. */
  since: z.coerce.date(),
});
export type ChecklistItemWithSince = z.infer<typeof checklistItemWithSinceSchema>;

export const accountChecklistSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  accountName: z.string(),
  /** An admin paused syncing this account: these verdicts judge what was read before. */
  paused: z.boolean(),
  evaluatedAt: z.coerce.date(),
  items: z.array(checklistItemWithSinceSchema),
});
export type AccountChecklist = z.infer<typeof accountChecklistSchema>;

export const checklistResponseSchema = z.object({
  accounts: z.array(accountChecklistSchema),
});
export type ChecklistResponse = z.infer<typeof checklistResponseSchema>;

// ---------------------------------------------------------------------------------------------
// The Overview at organization scale: a roll-up per OU and a page of accounts with their verdicts
// (GET /api/checklist/summary), one account's items without evidence (GET /api/checklist/items),
// and one item's evidence a page at a time (GET /api/checklist/evidence).
// ---------------------------------------------------------------------------------------------


const accountIdParam = z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id');

/** What a column of the matrix names: the item, not any account's verdict on it. */
export const checklistItemHeadSchema = z.object({
  number: z.number().int(),
  slug: z.string(),
  title: z.string(),
  severity: severitySchema,
});
export type ChecklistItemHead = z.infer<typeof checklistItemHeadSchema>;

export const checklistSummarySorts = ['worst', 'name', 'ou'] as const;
export const maxSummaryPageSize = 200;

/** GET /api/checklist/summary query string. */
export const checklistSummaryQuerySchema = z.object({
  /** Only accounts in this OU or below it (an OU path such as Root/Workloads). */
  ou: ouPathSchema.optional(),
  /** Part of an account's name or id. */
  q: searchTextParam,
  /** worst: most failing items first, then most unknown. */
  sort: z.enum(checklistSummarySorts, { error: `sort must be one of ${checklistSummarySorts.join(', ')}` }).default('worst'),
  page: wholeNumberParam('page', 1, 1_000_000).default(1),
  pageSize: wholeNumberParam('pageSize', 1, maxSummaryPageSize).default(50),
});
export type ChecklistSummaryQuery = z.infer<typeof checklistSummaryQuerySchema>;

export const verdictCountsSchema = z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), notApplicable: z.number().int() });
export type VerdictCounts = z.infer<typeof verdictCountsSchema>;

/** One row of the matrix: an account, where it sits, why it is not read, and its verdict per item. */
export const accountVerdictsSchema = z.object({
  id: z.string(),
  name: z.string(),
  ouPath: z.string().nullable(),
  orgStatus: z.string().nullable(),
  exclusion: z.string().nullable(),
  lastReachError: z.string().nullable(),
  paused: z.boolean(),
  /** The newest evaluation; null: never evaluated (nothing of it was ever read). */
  evaluatedAt: z.string().nullable(),
  counts: verdictCountsSchema,
  /** Item slug → verdict, from the newest evaluation. */
  verdicts: z.record(z.string(), verdictSchema),
});
export type AccountVerdicts = z.infer<typeof accountVerdictsSchema>;

/** Per item, how many accounts of an OU fail it and how many cannot be judged. */
export const itemTallySchema = z.object({ fail: z.number().int(), unknown: z.number().int() });

export const ouRollupSchema = z.object({
  /** The OU path; null for the accounts outside any OU. */
  path: z.string().nullable(),
  depth: z.number().int(),
  /** Accounts in the OU and below it. */
  accounts: z.number().int(),
  /** Of those, accounts a sync leaves out (excluded, suspended, removed) or could not reach. */
  notRead: z.number().int(),
  /** Accounts failing at least one item. */
  failing: z.number().int(),
  /**
   * Item slug → tally. An account Warden should read but has no verdict for counts as unknown;
   * an account left out on purpose counts in notRead only.
   */
  items: z.record(z.string(), itemTallySchema),
});
export type OuRollup = z.infer<typeof ouRollupSchema>;

export const checklistSummarySchema = z.object({
  items: z.array(checklistItemHeadSchema),
  /** The OU filtered on and every OU below it (or every OU), plus the accounts outside any OU. */
  ous: z.array(ouRollupSchema),
  accounts: z.array(accountVerdictsSchema),
  /** Accounts matching the OU and the search. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ChecklistSummary = z.infer<typeof checklistSummarySchema>;

/** GET /api/checklist/items query string. */
export const checklistItemsQuerySchema = z.object({ account: accountIdParam });

/** The most remedy commands the per-item view carries; the rest are downloaded (GET /api/checklist/remedy). */
export const remedyCommandsShown = 25;

/**
 * An item without its evidence, its remedy's commands cut to the first remedyCommandsShown: an
 * account of 5,000 users has some 5,000 commands per credential item (400 KB each).
 */
export const checklistItemWithoutEvidenceSchema = checklistItemWithSinceSchema.omit({ evidence: true }).extend({
  remedy: remedySchema.extend({ commandsTotal: z.number().int().nonnegative() }),
});
export type ChecklistItemWithoutEvidence = z.infer<typeof checklistItemWithoutEvidenceSchema>;

/** One account's newest checklist, without its evidence (that is read per item, a page at a time). */
export const accountItemsSchema = z.object({
  account: accountVerdictsSchema.omit({ verdicts: true, counts: true, evaluatedAt: true }),
  evaluatedAt: z.string().nullable(),
  items: z.array(checklistItemWithoutEvidenceSchema),
});
export type AccountItems = z.infer<typeof accountItemsSchema>;

export const maxEvidencePageSize = 500;

/** GET /api/checklist/evidence query string. */
export const evidenceQuerySchema = z.object({
  account: accountIdParam,
  item: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'item must be a checklist item slug such as password-policy'),
  /** Only evidence of this status. */
  status: evidenceStatusSchema.optional(),
  page: wholeNumberParam('page', 1, 1_000_000).default(1),
  pageSize: wholeNumberParam('pageSize', 1, maxEvidencePageSize).default(25),
});
export type EvidenceQuery = z.infer<typeof evidenceQuerySchema>;

/** GET /api/checklist/remedy query string: every remedy command of one item of one account. */
export const remedyQuerySchema = evidenceQuerySchema.pick({ account: true, item: true });
export type RemedyQuery = z.infer<typeof remedyQuerySchema>;

export const evidencePageSchema = z.object({
  accountId: z.string(),
  item: z.string(),
  /** Failing evidence first, then unknown, noted, pass and excluded; within a status, as the rule listed it. */
  evidence: z.array(evidenceItemSchema),
  /** Evidence of the status asked for (all of the item's when none). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The item's evidence per status, whatever the filter. */
  counts: z.record(evidenceStatusSchema, z.number().int()),
});
export type EvidencePage = z.infer<typeof evidencePageSchema>;

/** Evidence order: what decides a failing verdict first. */
export const evidenceStatusOrder: readonly EvidenceStatus[] = ['fail', 'unknown', 'noted', 'pass', 'excluded'];
