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
  sources: z.array(sourceFreshnessSchema),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const accountListSchema = z.object({ accounts: z.array(accountViewSchema), mode: z.enum(['demo', 'aws']) });
export type AccountList = z.infer<typeof accountListSchema>;

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id');
