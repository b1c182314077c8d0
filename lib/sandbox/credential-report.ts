import 'server-only';

import type { AccessKey, AccountState, IamUser } from './model';
import { credentialReportColumns } from '@/lib/credential-report/parse';
import { DAY_MS } from '@/lib/dates';

// The IAM credential report exactly as AWS writes it: 22 columns, a <root_account> row, dates as
// 2024-01-02T03:04:05+00:00 and the sentinels N/A, not_supported and no_information.

// One list of AWS's 22 columns for the writer here and Warden's parser (which checks the header).
export const CREDENTIAL_REPORT_COLUMNS = credentialReportColumns;

/** 2024-01-02T03:04:05+00:00 */
export function reportDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function keyColumns(key: AccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    key.status === 'Active' ? 'true' : 'false',
    reportDate(key.createDate),
    key.lastUsed ? reportDate(key.lastUsed.date) : 'N/A',
    key.lastUsed ? key.lastUsed.region : 'N/A',
    key.lastUsed ? key.lastUsed.service : 'N/A',
  ];
}

const NO_CERTS = ['false', 'N/A', 'false', 'N/A'];

function sortedKeys(keys: AccessKey[]): AccessKey[] {
  return [...keys].sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
}

function userRow(user: IamUser, account: AccountState): string[] {
  const [key1, key2] = sortedKeys(user.accessKeys);
  const maxAge = account.passwordPolicy?.maxPasswordAge ?? null;
  let nextRotation = 'N/A';
  if (user.passwordEnabled && maxAge !== null && user.passwordLastChanged) {
    nextRotation = reportDate(new Date(user.passwordLastChanged.getTime() + maxAge * DAY_MS));
  }
  return [
    user.userName,
    user.arn,
    reportDate(user.createDate),
    user.passwordEnabled ? 'true' : 'false',
    user.passwordEnabled ? (user.passwordLastUsed ? reportDate(user.passwordLastUsed) : 'no_information') : 'N/A',
    user.passwordEnabled && user.passwordLastChanged ? reportDate(user.passwordLastChanged) : 'N/A',
    nextRotation,
    user.mfaDevices.length > 0 ? 'true' : 'false',
    ...keyColumns(key1),
    ...keyColumns(key2),
    ...NO_CERTS,
  ];
}

function rootRow(account: AccountState): string[] {
  const [key1, key2] = sortedKeys(account.root.accessKeys);
  return [
    '<root_account>',
    account.root.arn,
    reportDate(account.root.createDate),
    'not_supported',
    account.root.passwordLastUsed ? reportDate(account.root.passwordLastUsed) : 'no_information',
    'not_supported',
    'not_supported',
    account.root.mfa ? 'true' : 'false',
    ...keyColumns(key1),
    ...keyColumns(key2),
    ...NO_CERTS,
  ];
}

/** The report's CSV text (user names and ARNs never contain commas or quotes in IAM). */
export function buildCredentialReportCsv(account: AccountState): string {
  const lines = [CREDENTIAL_REPORT_COLUMNS.join(','), rootRow(account).join(',')];
  for (const user of account.users) lines.push(userRow(user, account).join(','));
  return lines.join('\n');
}

/**
 * A report whose bytes are valid base64 but whose CSV is corrupt in the ways a parser must survive:
 * a header two columns short, a row with an unterminated quote, impossible dates, an extra column,
 * and a NUL byte.
 */
export function buildMalformedCredentialReportCsv(account: AccountState): string {
  const header = CREDENTIAL_REPORT_COLUMNS.slice(0, -2).join(',');
  const root = rootRow(account);
  const first = account.users[0];
  const rows = [header, root.join(',')];
  if (first) {
    const row = userRow(first, account);
    rows.push(`"${row.join(',')}`);
    rows.push(row.map((value) => (/^\d{4}-\d\d-\d\dT/.test(value) ? '2024-13-45T99:99:99+00:00' : value)).join(','));
    rows.push([...row, 'unexpected'].join(','));
  }
  rows.push(`broken\u0000user,arn:aws:iam::${account.id}:user/broken`);
  return rows.join('\n');
}
