import { z } from 'zod';

// /api/accounts: the accounts Warden reads and how fresh each source is.

export const sourceFreshnessSchema = z.object({
  source: z.string(),
  /** When the newest good data of this source was read. */
  lastReadAt: z.string().nullable(),
  /** The newest attempt's outcome. */
  lastStatus: z.enum(['pending', 'running', 'ok', 'failed', 'skipped']).nullable(),
  lastAttemptAt: z.string().nullable(),
  /** The newest attempt's error, when it failed. */
  lastError: z.string().nullable(),
  missingPermissions: z.array(z.string()),
});
export type SourceFreshness = z.infer<typeof sourceFreshnessSchema>;

export const accountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  access: z.string(),
  regions: z.array(z.string()),
  /** An admin paused syncing it: what is shown is what was read before. */
  paused: z.boolean(),
  sources: z.array(sourceFreshnessSchema),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const accountListSchema = z.object({ accounts: z.array(accountViewSchema), mode: z.enum(['demo', 'aws']) });
export type AccountList = z.infer<typeof accountListSchema>;

/** The account a role ARN belongs to (arn:aws:iam::123456789012:role/… → 123456789012), null when it is not one. */
export function accountIdOfRole(roleArn: string): string | null {
  return /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? null;
}

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id');

/** The account picker's part of a screen's URL (?account=); one that does not parse means all accounts. */
export const selectedAccountUrlSchema = z.object({ account: accountIdSchema.optional() });

// ---------------------------------------------------------------------------------------------
// Managing accounts (admin screen /admin/accounts, WARDEN_ACCOUNTS_FILE): one definition of what
// an account reached with STS AssumeRole looks like, shared by the file, the API and the form.
// ---------------------------------------------------------------------------------------------

export const roleArnSchema = z
  .string()
  .trim()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/WardenReadOnly');

// AWS's own limits for sts:ExternalId: 2–1224 characters of [\w+=,.@:/-].
export const externalIdSchema = z
  .string()
  .trim()
  .min(2, 'externalId must be at least 2 characters')
  .max(1224, 'externalId must be at most 1224 characters')
  .regex(/^[\w+=,.@:/-]+$/, 'externalId may only contain letters, digits and + = , . @ : / - _');

export const accountNameSchema = z.string().trim().min(1, 'name is required').max(100, 'name must be at most 100 characters');

export const assumedAccountSchema = z.object({
  name: accountNameSchema,
  roleArn: roleArnSchema,
  externalId: externalIdSchema.optional(),
  /** Whether the operator owns it (cross-account trust between own accounts is fine). */
  isOwn: z.boolean().optional(),
});
export type AssumedAccountInput = z.infer<typeof assumedAccountSchema>;

/** POST /api/admin/accounts */
export const createAccountSchema = assumedAccountSchema.strict();

/** PATCH /api/admin/accounts/:id — every field optional; externalId null removes it. */
export const updateAccountSchema = z
  .object({
    name: accountNameSchema.optional(),
    roleArn: roleArnSchema.optional(),
    externalId: externalIdSchema.nullable().optional(),
    isOwn: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: send name, roleArn, externalId, isOwn or enabled');
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

/** POST /api/admin/accounts/check — an account already configured, or a role not saved yet. */
export const checkAccountSchema = z.union([
  z.object({ accountId: accountIdSchema }).strict(),
  z.object({ roleArn: roleArnSchema, externalId: externalIdSchema.optional() }).strict(),
]);
export type CheckAccountInput = z.infer<typeof checkAccountSchema>;

export const accountCheckSchema = z.object({
  /** The account the role (or the credentials) reached, from sts:GetCallerIdentity. */
  reachedAccountId: z.string().nullable(),
  callerArn: z.string().nullable(),
  ok: z.boolean(),
  steps: z.array(
    z.object({
      label: z.string(),
      action: z.string(),
      status: z.enum(['ok', 'denied', 'failed', 'not-run']),
      detail: z.string(),
    }),
  ),
});
export type AccountCheck = z.infer<typeof accountCheckSchema>;

export const managedAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  access: z.enum(['credentials', 'assume-role']),
  roleArn: z.string().nullable(),
  /** Whether an ExternalId is set; the value itself is not sent back. */
  externalIdSet: z.boolean(),
  isOwn: z.boolean(),
  enabled: z.boolean(),
  /** Where it comes from: the configured credentials, WARDEN_ACCOUNTS_FILE, the demo organisation, or an admin. */
  origin: z.enum(['credentials', 'file', 'demo', 'admin']),
  addedBy: z.string().nullable(),
  /** Not synced yet: only then can it be removed (nothing of it is stored). */
  synced: z.boolean(),
  /** Taken out of WARDEN_ACCOUNTS_FILE (or the demo): its data stays, but no sync reads it. */
  noLongerConfigured: z.boolean(),
  lastSync: z.object({ at: z.string().nullable(), status: z.string().nullable(), error: z.string().nullable() }),
});
export type ManagedAccount = z.infer<typeof managedAccountSchema>;

export const managedAccountListSchema = z.object({
  accounts: z.array(managedAccountSchema),
  mode: z.enum(['demo', 'aws']),
  /** Set when WARDEN_ACCOUNTS_FILE is configured (its path), so the screen can say where file accounts live. */
  accountsFile: z.string().nullable(),
});
export type ManagedAccountList = z.infer<typeof managedAccountListSchema>;
