import type { AccessKeyView, CredentialRow, DateCell, TextCell } from '@/lib/credentials/schema';
import { isoDate } from '@/lib/dates';

// How report values read on screen and in the export: sentinels become words, never dates.

export type Sentinel = NonNullable<DateCell['sentinel']>;

const sentinelWords: Record<Sentinel, string> = {
  'N/A': 'never',
  no_information: 'no information',
  not_supported: 'not supported',
};

export function sentinelWord(sentinel: Sentinel): string {
  return sentinelWords[sentinel];
}

/** "2026-03-01", or the sentinel's word, or an em dash for an empty cell. */
export function describeDay(cell: DateCell): string {
  if (cell.at !== null) return isoDate(cell.at);
  if (cell.sentinel !== null) return sentinelWord(cell.sentinel);
  return '—';
}

export function describeText(cell: TextCell): string {
  if (cell.value !== null) return cell.value;
  if (cell.sentinel !== null) return sentinelWord(cell.sentinel);
  return '—';
}

/** A user without a console password has no password to have used: say so rather than "never". */
export function describePasswordLastUsed(row: Pick<CredentialRow, 'console' | 'passwordLastUsed'>): string {
  if (row.console.enabled === false && row.passwordLastUsed.at === null) return 'no password';
  return describeDay(row.passwordLastUsed);
}

export function describeConsole(row: Pick<CredentialRow, 'console'>): string {
  if (row.console.enabled === true) return 'yes';
  if (row.console.enabled === false) return 'no';
  return row.console.sentinel !== null ? sentinelWord(row.console.sentinel) : '—';
}

export type KeyStatus = 'active' | 'inactive' | 'none';

/** A key slot that was never created reads "none"; a created, deactivated key "inactive". */
export function keyStatus(key: Pick<AccessKeyView, 'active' | 'lastRotated'>): KeyStatus {
  if (key.active) return 'active';
  return key.lastRotated.at !== null ? 'inactive' : 'none';
}

/** CloudTrail names the root user "root"; the credential report "<root_account>". */
export function activityUserName(row: Pick<CredentialRow, 'user' | 'isRoot'>): string {
  return row.isRoot ? 'root' : row.user;
}
