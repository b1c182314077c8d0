import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AssumedAccount } from '@/lib/sync/run-sync';

// WARDEN_ACCOUNTS_FILE: the further accounts Warden reaches with STS AssumeRole.

export const accountsFileSchema = z
  .array(
    z.object({
      name: z.string().min(1).max(100),
      roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'roleArn must be an IAM role ARN'),
      externalId: z.string().min(2).max(1224).optional(),
      isOwn: z.boolean().optional(),
    }),
  )
  .max(500);

export function readAccountsFile(path: string): AssumedAccount[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`WARDEN_ACCOUNTS_FILE (${path}) could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = accountsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ');
    throw new Error(`WARDEN_ACCOUNTS_FILE (${path}) is invalid: ${problems}`);
  }
  return parsed.data;
}
