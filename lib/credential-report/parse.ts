import { parse } from 'csv-parse/sync';
import { z } from 'zod';

// The three values AWS writes into a credential-report cell instead of a date or flag.
export const credentialSentinels = ['N/A', 'no_information', 'not_supported'] as const;
export type CredentialSentinel = (typeof credentialSentinels)[number];

export function isCredentialSentinel(value: unknown): value is CredentialSentinel {
  return typeof value === 'string' && (credentialSentinels as readonly string[]).includes(value);
}

// The 22 columns of the IAM credential report, in the order AWS writes them.
export const credentialReportColumns = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
export type CredentialReportColumn = (typeof credentialReportColumns)[number];

export const rootAccountUser = '<root_account>';

/**
 * One credential-report row, typed. Field names are exactly the Prisma CredentialReportEntry
 * columns (minus id and snapshotId) so the store maps 1:1: a column that can hold a sentinel
 * has a nullable typed value and a `<column>Sentinel` saying which sentinel stood there instead.
 */
export interface CredentialEntry {
  isRoot: boolean;
  user: string;
  arn: string;
  userCreationTime: Date;
  passwordEnabled: boolean | null;
  passwordEnabledSentinel: CredentialSentinel | null;
  passwordLastUsed: Date | null;
  passwordLastUsedSentinel: CredentialSentinel | null;
  passwordLastChanged: Date | null;
  passwordLastChangedSentinel: CredentialSentinel | null;
  passwordNextRotation: Date | null;
  passwordNextRotationSentinel: CredentialSentinel | null;
  mfaActive: boolean;
  accessKey1Active: boolean;
  accessKey1LastRotated: Date | null;
  accessKey1LastRotatedSentinel: CredentialSentinel | null;
  accessKey1LastUsedDate: Date | null;
  accessKey1LastUsedDateSentinel: CredentialSentinel | null;
  accessKey1LastUsedRegion: string | null;
  accessKey1LastUsedRegionSentinel: CredentialSentinel | null;
  accessKey1LastUsedService: string | null;
  accessKey1LastUsedServiceSentinel: CredentialSentinel | null;
  accessKey2Active: boolean;
  accessKey2LastRotated: Date | null;
  accessKey2LastRotatedSentinel: CredentialSentinel | null;
  accessKey2LastUsedDate: Date | null;
  accessKey2LastUsedDateSentinel: CredentialSentinel | null;
  accessKey2LastUsedRegion: string | null;
  accessKey2LastUsedRegionSentinel: CredentialSentinel | null;
  accessKey2LastUsedService: string | null;
  accessKey2LastUsedServiceSentinel: CredentialSentinel | null;
  cert1Active: boolean;
  cert1LastRotated: Date | null;
  cert1LastRotatedSentinel: CredentialSentinel | null;
  cert2Active: boolean;
  cert2LastRotated: Date | null;
  cert2LastRotatedSentinel: CredentialSentinel | null;
}

export class CredentialReportParseError extends Error {
  readonly line: number | null;
  readonly column: string | null;
  readonly value: string | null;

  constructor(message: string, where: { line?: number; column?: string; value?: string } = {}) {
    super(message);
    this.name = 'CredentialReportParseError';
    this.line = where.line ?? null;
    this.column = where.column ?? null;
    this.value = where.value ?? null;
  }
}

// csv-parse's sync typings do not describe the `info: true` shape, so the output is checked.
const parsedRecordsSchema = z.array(
  z.object({ info: z.object({ lines: z.number() }), record: z.array(z.string()) }),
);

// ISO 8601 with a zone, as AWS writes it (2024-03-01T10:00:00+00:00); anything looser is a bad value.
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

interface Row {
  line: number;
  user: string;
  cells: Map<CredentialReportColumn, string>;
}

function cell(row: Row, column: CredentialReportColumn): string {
  const value = row.cells.get(column);
  if (value === undefined) {
    throw new CredentialReportParseError(`Line ${row.line}: column "${column}" is missing`, {
      line: row.line,
      column,
    });
  }
  return value;
}

function badValue(row: Row, column: CredentialReportColumn, value: string, expected: string): never {
  const who = row.user === '' ? '' : ` (user "${row.user}")`;
  return fail(
    `Line ${row.line}${who}: column "${column}" has the unexpected value ${JSON.stringify(value)} (expected ${expected})`,
    row,
    column,
    value,
  );
}

function fail(message: string, row: Row, column: CredentialReportColumn, value: string): never {
  throw new CredentialReportParseError(message, { line: row.line, column, value });
}

function toDate(row: Row, column: CredentialReportColumn, value: string, expected: string): Date {
  const date = isoDateTime.test(value) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) return badValue(row, column, value, expected);
  return date;
}

function readText(row: Row, column: CredentialReportColumn): string {
  const value = cell(row, column);
  if (value === '') return badValue(row, column, value, 'a non-empty value');
  return value;
}

function readDate(row: Row, column: CredentialReportColumn): Date {
  return toDate(row, column, cell(row, column), 'an ISO 8601 date');
}

function readBool(row: Row, column: CredentialReportColumn): boolean {
  const value = cell(row, column);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return badValue(row, column, value, 'true or false');
}

const sentinelList = credentialSentinels.join(', ');

function readDateOrSentinel(
  row: Row,
  column: CredentialReportColumn,
): { value: Date | null; sentinel: CredentialSentinel | null } {
  const value = cell(row, column);
  if (isCredentialSentinel(value)) return { value: null, sentinel: value };
  return { value: toDate(row, column, value, `an ISO 8601 date or ${sentinelList}`), sentinel: null };
}

function readBoolOrSentinel(
  row: Row,
  column: CredentialReportColumn,
): { value: boolean | null; sentinel: CredentialSentinel | null } {
  const value = cell(row, column);
  if (isCredentialSentinel(value)) return { value: null, sentinel: value };
  if (value === 'true') return { value: true, sentinel: null };
  if (value === 'false') return { value: false, sentinel: null };
  return badValue(row, column, value, `true, false or ${sentinelList}`);
}

function readTextOrSentinel(
  row: Row,
  column: CredentialReportColumn,
): { value: string | null; sentinel: CredentialSentinel | null } {
  const value = cell(row, column);
  if (isCredentialSentinel(value)) return { value: null, sentinel: value };
  if (value === '') return badValue(row, column, value, `a value or ${sentinelList}`);
  return { value, sentinel: null };
}

function checkHeader(header: string[]): void {
  const known = new Set<string>(credentialReportColumns);
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name)) {
      throw new CredentialReportParseError(
        `Line 1: unknown column "${name}" in the credential report header`,
        { line: 1, column: name },
      );
    }
    if (seen.has(name)) {
      throw new CredentialReportParseError(`Line 1: column "${name}" appears twice in the header`, {
        line: 1,
        column: name,
      });
    }
    seen.add(name);
  }
  const missing = credentialReportColumns.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new CredentialReportParseError(
      `Line 1: the credential report header lacks the column${missing.length > 1 ? 's' : ''} ${missing
        .map((name) => `"${name}"`)
        .join(', ')}`,
      { line: 1, column: missing[0] },
    );
  }
}

function toEntry(row: Row): CredentialEntry {
  const user = readText(row, 'user');
  const passwordEnabled = readBoolOrSentinel(row, 'password_enabled');
  const passwordLastUsed = readDateOrSentinel(row, 'password_last_used');
  const passwordLastChanged = readDateOrSentinel(row, 'password_last_changed');
  const passwordNextRotation = readDateOrSentinel(row, 'password_next_rotation');
  const key1Rotated = readDateOrSentinel(row, 'access_key_1_last_rotated');
  const key1Used = readDateOrSentinel(row, 'access_key_1_last_used_date');
  const key1Region = readTextOrSentinel(row, 'access_key_1_last_used_region');
  const key1Service = readTextOrSentinel(row, 'access_key_1_last_used_service');
  const key2Rotated = readDateOrSentinel(row, 'access_key_2_last_rotated');
  const key2Used = readDateOrSentinel(row, 'access_key_2_last_used_date');
  const key2Region = readTextOrSentinel(row, 'access_key_2_last_used_region');
  const key2Service = readTextOrSentinel(row, 'access_key_2_last_used_service');
  const cert1Rotated = readDateOrSentinel(row, 'cert_1_last_rotated');
  const cert2Rotated = readDateOrSentinel(row, 'cert_2_last_rotated');
  return {
    isRoot: user === rootAccountUser,
    user,
    arn: readText(row, 'arn'),
    userCreationTime: readDate(row, 'user_creation_time'),
    passwordEnabled: passwordEnabled.value,
    passwordEnabledSentinel: passwordEnabled.sentinel,
    passwordLastUsed: passwordLastUsed.value,
    passwordLastUsedSentinel: passwordLastUsed.sentinel,
    passwordLastChanged: passwordLastChanged.value,
    passwordLastChangedSentinel: passwordLastChanged.sentinel,
    passwordNextRotation: passwordNextRotation.value,
    passwordNextRotationSentinel: passwordNextRotation.sentinel,
    mfaActive: readBool(row, 'mfa_active'),
    accessKey1Active: readBool(row, 'access_key_1_active'),
    accessKey1LastRotated: key1Rotated.value,
    accessKey1LastRotatedSentinel: key1Rotated.sentinel,
    accessKey1LastUsedDate: key1Used.value,
    accessKey1LastUsedDateSentinel: key1Used.sentinel,
    accessKey1LastUsedRegion: key1Region.value,
    accessKey1LastUsedRegionSentinel: key1Region.sentinel,
    accessKey1LastUsedService: key1Service.value,
    accessKey1LastUsedServiceSentinel: key1Service.sentinel,
    accessKey2Active: readBool(row, 'access_key_2_active'),
    accessKey2LastRotated: key2Rotated.value,
    accessKey2LastRotatedSentinel: key2Rotated.sentinel,
    accessKey2LastUsedDate: key2Used.value,
    accessKey2LastUsedDateSentinel: key2Used.sentinel,
    accessKey2LastUsedRegion: key2Region.value,
    accessKey2LastUsedRegionSentinel: key2Region.sentinel,
    accessKey2LastUsedService: key2Service.value,
    accessKey2LastUsedServiceSentinel: key2Service.sentinel,
    cert1Active: readBool(row, 'cert_1_active'),
    cert1LastRotated: cert1Rotated.value,
    cert1LastRotatedSentinel: cert1Rotated.sentinel,
    cert2Active: readBool(row, 'cert_2_active'),
    cert2LastRotated: cert2Rotated.value,
    cert2LastRotatedSentinel: cert2Rotated.sentinel,
  };
}

function parseCsv(csvText: string): { line: number; fields: string[] }[] {
  let raw: unknown;
  try {
    raw = parse(csvText, { bom: true, info: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] });
  } catch (error) {
    // csv-parse already names the line; the wrapper says which document was malformed.
    const message = error instanceof Error ? error.message : String(error);
    throw new CredentialReportParseError(`The credential report is not valid CSV: ${message}`);
  }
  return parsedRecordsSchema.parse(raw).map(({ info, record }) => ({ line: info.lines, fields: record }));
}

/**
 * Parses the IAM credential report (the CSV text GetCredentialReport returns, base64-decoded).
 * Throws CredentialReportParseError naming the line, column and value of anything unexpected:
 * a report Warden cannot read exactly must not be half-read into verdicts.
 */
export function parseCredentialReport(csvText: string): CredentialEntry[] {
  const records = parseCsv(csvText);
  const first = records[0];
  if (first === undefined) {
    throw new CredentialReportParseError('The credential report is empty: no header line');
  }
  const header = first.fields.map((name) => name.trim());
  checkHeader(header);

  const entries: CredentialEntry[] = [];
  const users = new Set<string>();
  for (const record of records.slice(1)) {
    const cells = new Map<CredentialReportColumn, string>();
    header.forEach((name, index) => {
      const column = credentialReportColumns.find((known) => known === name);
      const value = record.fields[index];
      if (column !== undefined && value !== undefined) cells.set(column, value);
    });
    const row: Row = { line: record.line, user: cells.get('user') ?? '', cells };
    const entry = toEntry(row);
    if (users.has(entry.user)) {
      fail(`Line ${row.line}: user "${entry.user}" appears twice in the report`, row, 'user', entry.user);
    }
    users.add(entry.user);
    entries.push(entry);
  }
  return entries;
}
