import { z } from 'zod';

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
