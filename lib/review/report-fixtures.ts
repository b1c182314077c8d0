import { credentialReportColumns, parseCredentialReport, type CredentialEntry } from '@/lib/credential-report/parse';
import { DAY_MS } from '@/lib/dates';

// Test fixtures: credential reports written exactly as AWS writes them (the 22-column header,
// dates as 2024-01-02T03:04:05+00:00, the N/A / no_information / not_supported sentinels), so
// the review's tests go through parseCredentialReport like production data does.

export const reportTime = new Date('2026-03-01T12:00:00Z');

/** A date `days` before `from` in the report's format. */
export function daysAgo(days: number, from: Date = reportTime): string {
  return new Date(from.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export interface KeySpec {
  active: boolean;
  lastRotated: string;
  lastUsed?: string;
  region?: string;
  service?: string;
}

export interface UserSpec {
  user: string;
  created?: string;
  /** Omitted: no console password. */
  password?: { lastUsed?: string; lastChanged?: string };
  mfa?: boolean;
  key1?: KeySpec;
  key2?: KeySpec;
}

export interface RootSpec {
  created?: string;
  passwordLastUsed?: string;
  mfa?: boolean;
  key1?: KeySpec;
  key2?: KeySpec;
}

const account = '123456789012';

function keyCells(key: KeySpec | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsed ?? 'N/A';
  return [String(key.active), key.lastRotated, used, used === 'N/A' ? 'N/A' : (key.region ?? 'us-east-1'), used === 'N/A' ? 'N/A' : (key.service ?? 's3')];
}

export function rootRow(spec: RootSpec = {}): string[] {
  return [
    '<root_account>',
    `arn:aws:iam::${account}:root`,
    spec.created ?? '2019-01-01T00:00:00+00:00',
    'not_supported',
    spec.passwordLastUsed ?? 'no_information',
    'not_supported',
    'not_supported',
    String(spec.mfa ?? true),
    ...keyCells(spec.key1),
    ...keyCells(spec.key2),
    'false',
    'N/A',
    'false',
    'N/A',
  ];
}

export function userRow(spec: UserSpec): string[] {
  const password = spec.password;
  return [
    spec.user,
    `arn:aws:iam::${account}:user/${spec.user}`,
    spec.created ?? '2024-01-01T00:00:00+00:00',
    password ? 'true' : 'false',
    password ? (password.lastUsed ?? 'no_information') : 'N/A',
    password ? (password.lastChanged ?? spec.created ?? '2024-01-01T00:00:00+00:00') : 'N/A',
    'N/A',
    String(spec.mfa ?? false),
    ...keyCells(spec.key1),
    ...keyCells(spec.key2),
    'false',
    'N/A',
    'false',
    'N/A',
  ];
}

export function reportCsv(root: RootSpec, users: UserSpec[]): string {
  return [credentialReportColumns.join(','), rootRow(root).join(','), ...users.map((user) => userRow(user).join(','))].join('\n');
}

export function report(root: RootSpec, users: UserSpec[]): CredentialEntry[] {
  return parseCredentialReport(reportCsv(root, users));
}
