import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assumedAccountSchema } from '@/lib/accounts/schema';
import type { AssumedAccount } from '@/lib/sync/types';

// WARDEN_ACCOUNTS_FILE: the further accounts Warden reaches with STS AssumeRole.

export const accountsFileSchema = z.array(assumedAccountSchema).max(500);

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
  return parsed.data.map((a) => ({ ...a, managedBy: 'config' as const }));
}
