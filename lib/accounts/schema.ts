import { z } from 'zod';
import { searchTextParam, wholeNumberParam } from '@/lib/query-params';
import { ouCountSchema, ouPathSchema } from '@/lib/organization/ou-path';

// /api/accounts: the accounts Warden reads and how fresh each source is.

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id');

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

/** Where an account comes from: configuration (or the demo), an admin, or organization discovery. */
export const managedBySchema = z.enum(['config', 'admin', 'organization']);
export type ManagedBy = z.infer<typeof managedBySchema>;

/** The stored managedBy, read defensively (an unknown value counts as configuration). */
export function managedByOf(value: string): ManagedBy {
  const r = managedBySchema.safeParse(value);
  return r.success ? r.data : 'config';
}

/** Where the organization lists an account, and why Warden does not read it. */
export const accountPlacementSchema = z.object({
  /** The OU names from the root ("Root/Workloads/Production"); null: not in an organization Warden discovered. */
  ouPath: z.string().nullable(),
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE as AWS lists it, REMOVED once it is no longer listed; null: never listed. */
  orgStatus: z.string().nullable(),
  /** Why a sync leaves it out ("excluded by its account id", "suspended in the organization", …); null: read. */
  exclusion: z.string().nullable(),
  /** Why the last sync could not reach it (the member role missing…); null: reached. */
  lastReachError: z.string().nullable(),
  managedBy: managedBySchema,
});
export type AccountPlacement = z.infer<typeof accountPlacementSchema>;

/** Why Warden does not read an account now, in words; null when it does. */
export function notReadReason(a: Pick<AccountPlacement, 'exclusion' | 'lastReachError'> & { paused: boolean }): string | null {
  if (a.exclusion !== null) return a.exclusion;
  if (a.lastReachError !== null) return `could not be reached: ${a.lastReachError}`;
  if (a.paused) return 'paused by an admin';
  return null;
}

export const accountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  access: z.string(),
  regions: z.array(z.string()),
  /** An admin paused syncing it: what is shown is what was read before. */
  paused: z.boolean(),
  ...accountPlacementSchema.shape,
  sources: z.array(sourceFreshnessSchema),
});
export type AccountView = z.infer<typeof accountViewSchema>;


/** The most accounts one page of GET /api/accounts may hold. */
export const maxAccountsPageSize = 1000;

/** GET /api/accounts: every account by default; narrowed, sorted and paged when asked. */
export const accountListQuerySchema = z.object({
  account: accountIdSchema.optional(),
  /** Only accounts in this OU or below it. */
  ou: ouPathSchema.optional(),
  /** Part of the name, id or OU path. */
  q: searchTextParam,
  /** not-read: only accounts a sync leaves out, could not reach, or that are paused. */
  reading: z.enum(['all', 'not-read'], { error: 'reading must be all or not-read' }).default('all'),
  /** problems: accounts not read, then failed sources, then missing permissions, first. */
  sort: z.enum(['name', 'problems'], { error: 'sort must be name or problems' }).default('name'),
  page: wholeNumberParam('page', 1, 1_000_000).default(1),
  /** Without it, every matching account. */
  pageSize: wholeNumberParam('pageSize', 1, maxAccountsPageSize).optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;
export type AccountListQueryInput = z.input<typeof accountListQuerySchema>;

export const accountListSchema = z.object({
  accounts: z.array(accountViewSchema),
  mode: z.enum(['demo', 'aws']),
  /** Accounts matching the query (all of them when not paged). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int().nullable(),
});
export type AccountList = z.infer<typeof accountListSchema>;

/** One account as the picker and the account lists of other screens need it: no freshness. */
export const accountEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  paused: z.boolean(),
  ...accountPlacementSchema.shape,
  /** Whether a credential report of it has been read (a review needs one). */
  hasCredentialReport: z.boolean(),
});
export type AccountEntry = z.infer<typeof accountEntrySchema>;

/** The most matches one answer of GET /api/accounts/directory holds. */
export const maxDirectoryMatches = 100;

/** GET /api/accounts/directory: the account picker's search, on the server. */
export const accountDirectoryQuerySchema = z.object({
  /** Part of the name, id or OU path, case-insensitive; none: every account. */
  q: searchTextParam,
  /** How many of the matches to send (0: only the counts and the selected account). */
  take: wholeNumberParam('take', 0, maxDirectoryMatches).default(maxDirectoryMatches),
  /** The account chosen in the picker: its own entry comes back whether it matches or not. */
  selected: z.string().regex(/^\d{12}$/, 'selected must be a 12-digit AWS account id').optional(),
  /** Only accounts in this OU or below it. */
  ou: ouPathSchema.optional(),
  /** read: only accounts with a credential report read (a review needs one); not-read: only those without. */
  report: z.enum(['any', 'read', 'not-read'], { error: 'report must be any, read or not-read' }).default('any'),
});
export type AccountDirectoryQuery = z.infer<typeof accountDirectoryQuerySchema>;
export type AccountDirectoryQueryInput = z.input<typeof accountDirectoryQuerySchema>;

export const accountDirectorySchema = z.object({
  /** The first matches, by OU (in tree order, accounts in no OU last), then name and id. */
  accounts: z.array(accountEntrySchema),
  /** How many accounts match the search, and how many Warden knows. */
  matches: z.number().int(),
  total: z.number().int(),
  /** The selected account's entry (null: none asked for, or no such account). */
  selected: accountEntrySchema.nullable(),
  mode: z.enum(['demo', 'aws']),
});
export type AccountDirectory = z.infer<typeof accountDirectorySchema>;

/** GET /api/accounts/ous: the OU paths with their account counts, for the OU filters. */
export const ouListSchema = z.object({ ous: z.array(ouCountSchema), withoutOu: z.number().int() });
export type OuList = z.infer<typeof ouListSchema>;

/** The account a role ARN belongs to (arn:aws:iam::123456789012:role/… → 123456789012), null when it is not one. */
export function accountIdOfRole(roleArn: string): string | null {
  return /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? null;
}


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
  /** Where it comes from: the configured credentials, WARDEN_ACCOUNTS_FILE, the demo organisation, an admin, or organization discovery. */
  origin: z.enum(['credentials', 'file', 'demo', 'admin', 'organization']),
  addedBy: z.string().nullable(),
  ...accountPlacementSchema.shape,
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

/** The Accounts screen's URL (?q=, ?show=, ?page=): anything malformed falls back to its default. */
export const adminAccountsPageSchema = z.object({
  q: z
    .string()
    .max(128)
    .optional()
    .transform((s) => (s && s.trim().length > 0 ? s.trim() : undefined))
    .catch(undefined),
  show: z.enum(['all', 'not-read']).catch('all'),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
