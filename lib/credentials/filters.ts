import { crossesBeforeReview } from '@/lib/credentials/age';
import type { AccessKeyView, CredentialFilter, CredentialRow, CredentialThresholds } from '@/lib/credentials/schema';
import { daysSince } from '@/lib/dates';

// What each filter of the credentials table means, as a predicate over one row. The server
// filters with the same meaning in SQL (lib/credentials/queries.ts); tests hold the two together.

export const credentialFilterLabels: Record<CredentialFilter, string> = {
  'no-mfa': 'Console access without MFA',
  'old-keys': 'Active key older than 90 days',
  unused: 'Unused for 45+ days',
  'programmatic-only': 'Programmatic-only users',
  root: 'Root user',
  crossing: 'Key crosses 90 days before next review',
};

export function credentialFilterLabel(filter: CredentialFilter, t: Pick<CredentialThresholds, 'keyRotationDays' | 'unusedCredentialDays'>): string {
  if (filter === 'old-keys') return `Active key older than ${t.keyRotationDays} days`;
  if (filter === 'unused') return `Unused for ${t.unusedCredentialDays}+ days`;
  if (filter === 'crossing') return `Key crosses ${t.keyRotationDays} days before next review`;
  return credentialFilterLabels[filter];
}

export const credentialFilterHelp: Record<CredentialFilter, string> = {
  'no-mfa': 'Users with a console password, and the root user, without an active MFA device.',
  'old-keys': 'An active access key last rotated more than the rotation limit ago.',
  unused:
    'An enabled password or active key not used for the unused-credential limit; never-used credentials count from when they were set.',
  'programmatic-only': 'IAM users with an active access key and no console password.',
  root: 'The account root user.',
  crossing: 'An active key within the rotation limit today that will be over it at the account’s next monthly review.',
};

export type FilterContext = {
  now: Date;
  thresholds: Pick<CredentialThresholds, 'keyRotationDays' | 'unusedCredentialDays'>;
  /** The next review of a row's account. */
  nextReviewAt: (accountId: string) => Date;
};

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

function passwordLastUse(row: CredentialRow): Date {
  return date(row.passwordLastUsed.at) ?? date(row.passwordLastChanged.at) ?? new Date(row.userCreationTime);
}

function keyLastUse(row: CredentialRow, key: AccessKeyView): Date {
  return date(key.lastUsed.at) ?? date(key.lastRotated.at) ?? new Date(row.userCreationTime);
}

export function credentialMatches(row: CredentialRow, filter: CredentialFilter, ctx: FilterContext): boolean {
  const { now, thresholds } = ctx;
  switch (filter) {
    case 'no-mfa':
      return !row.mfaActive && (row.isRoot || row.console.enabled === true);
    case 'old-keys':
      return row.keys.some((k) => k.active && k.lastRotated.at !== null && daysSince(now, new Date(k.lastRotated.at)) > thresholds.keyRotationDays);
    case 'unused':
      return (
        (row.console.enabled === true && daysSince(now, passwordLastUse(row)) >= thresholds.unusedCredentialDays) ||
        row.keys.some((k) => k.active && daysSince(now, keyLastUse(row, k)) >= thresholds.unusedCredentialDays)
      );
    case 'programmatic-only':
      return !row.isRoot && row.console.enabled === false && row.keys.some((k) => k.active);
    case 'root':
      return row.isRoot;
    case 'crossing':
      return row.keys.some(
        (k) => k.active && k.lastRotated.at !== null && crossesBeforeReview(new Date(k.lastRotated.at), now, ctx.nextReviewAt(row.accountId), thresholds.keyRotationDays),
      );
  }
}

/** Every filter must hold (the table's filters narrow one another). */
export function credentialMatchesAll(row: CredentialRow, filters: readonly CredentialFilter[], ctx: FilterContext): boolean {
  return filters.every((f) => credentialMatches(row, f, ctx));
}
