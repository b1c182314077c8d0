import { describeConsole, describeDay, describePasswordLastUsed, describeText, keyStatus } from '@/lib/credentials/display';
import type { CredentialReportInfo, CredentialRow } from '@/lib/credentials/schema';
import { toCsv, type CsvValue } from '@/lib/csv';
import { isoDate } from '@/lib/dates';

// CSV export of the credentials view; quoting and formula escaping are lib/csv.ts's.

export const credentialCsvHeader = [
  'account_id',
  'account_name',
  'user',
  'arn',
  'root',
  'console_access',
  'password_last_used',
  'mfa_active',
  'key_1_status',
  'key_1_last_rotated',
  'key_1_age_days',
  'key_1_last_used',
  'key_1_last_used_service',
  'key_1_last_used_region',
  'key_2_status',
  'key_2_last_rotated',
  'key_2_age_days',
  'key_2_last_used',
  'key_2_last_used_service',
  'key_2_last_used_region',
  'report_generated_at',
] as const;

export function credentialCsvRow(row: CredentialRow, report: CredentialReportInfo | undefined): CsvValue[] {
  const keyCells = row.keys.flatMap((k) => {
    const status = keyStatus(k);
    return [
      status,
      describeDay(k.lastRotated),
      status === 'none' ? null : k.lastRotated.days,
      describeDay(k.lastUsed),
      describeText(k.lastUsedService),
      describeText(k.lastUsedRegion),
    ];
  });
  return [
    row.accountId,
    row.accountName,
    row.user,
    row.arn,
    row.isRoot ? 'yes' : 'no',
    describeConsole(row),
    describePasswordLastUsed(row),
    row.mfaActive ? 'yes' : 'no',
    ...keyCells,
    report?.generatedAt ?? null,
  ];
}

export function credentialsCsv(rows: readonly CredentialRow[], reports: readonly CredentialReportInfo[]): string {
  const byAccount = new Map(reports.map((r) => [r.accountId, r]));
  return toCsv(
    credentialCsvHeader,
    rows.map((r) => credentialCsvRow(r, byAccount.get(r.accountId))),
  );
}

export function credentialsCsvFilename(accountId: string | undefined, now: Date): string {
  return `warden-credentials-${accountId ?? 'all-accounts'}-${isoDate(now)}.csv`;
}
