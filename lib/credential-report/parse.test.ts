import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialReportParseError, credentialReportColumns, parseCredentialReport } from '@/lib/credential-report/parse';

// A report as GetCredentialReport returns it (base64-decoded): the real header, a root row with
// not_supported password fields, users with N/A and no_information, both keys and certificates.
const header = credentialReportColumns.join(',');
const rows = [
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-04T09:15:22+00:00,not_supported,2024-05-30T08:01:44+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2020-01-10T12:00:00+00:00,true,2024-06-01T07:30:00+00:00,2024-02-01T10:00:00+00:00,2024-05-01T10:00:00+00:00,true,true,2024-03-15T09:00:00+00:00,2024-06-01T06:59:00+00:00,us-east-1,s3,true,2023-01-02T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'legacy,arn:aws:iam::123456789012:user/ops/legacy,2013-06-01T00:00:00+00:00,true,no_information,2013-06-01T00:00:00+00:00,N/A,false,false,2013-06-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2015-01-01T00:00:00+00:00,true,2016-01-01T00:00:00+00:00',
  'ci-bot,arn:aws:iam::123456789012:user/ci-bot,2023-09-09T09:09:09+00:00,false,N/A,N/A,N/A,false,true,2023-09-09T09:10:00+00:00,2024-06-02T01:02:03+00:00,eu-west-1,sts,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
];
const report = `${header}\n${rows.join('\n')}\n`;

function reportWith(replace: (line: string, index: number) => string): string {
  return [header, ...rows.map(replace)].join('\n');
}

test('parses every row of a real-format report with typed columns', () => {
  const entries = parseCredentialReport(report);
  assert.equal(entries.length, 4);
  assert.deepEqual(entries.map((entry) => entry.user), ['<root_account>', 'alice', 'legacy', 'ci-bot']);
});

test('the <root_account> row is root and keeps not_supported as a sentinel', () => {
  const [root] = parseCredentialReport(report);
  assert.ok(root);
  assert.equal(root.isRoot, true);
  assert.equal(root.arn, 'arn:aws:iam::123456789012:root');
  assert.equal(root.passwordEnabled, null);
  assert.equal(root.passwordEnabledSentinel, 'not_supported');
  assert.equal(root.passwordLastChangedSentinel, 'not_supported');
  assert.equal(root.passwordNextRotationSentinel, 'not_supported');
  assert.deepEqual(root.passwordLastUsed, new Date('2024-05-30T08:01:44Z'));
  assert.equal(root.passwordLastUsedSentinel, null);
  assert.equal(root.mfaActive, true);
  assert.equal(root.accessKey1Active, false);
  assert.equal(root.accessKey1LastRotatedSentinel, 'N/A');
});

test('a user with both keys: dates, region and service typed; N/A kept as sentinel', () => {
  const alice = parseCredentialReport(report)[1];
  assert.ok(alice);
  assert.equal(alice.isRoot, false);
  assert.equal(alice.passwordEnabled, true);
  assert.deepEqual(alice.userCreationTime, new Date('2020-01-10T12:00:00Z'));
  assert.deepEqual(alice.passwordNextRotation, new Date('2024-05-01T10:00:00Z'));
  assert.equal(alice.accessKey1Active, true);
  assert.deepEqual(alice.accessKey1LastUsedDate, new Date('2024-06-01T06:59:00Z'));
  assert.equal(alice.accessKey1LastUsedRegion, 'us-east-1');
  assert.equal(alice.accessKey1LastUsedService, 's3');
  assert.equal(alice.accessKey2Active, true);
  assert.deepEqual(alice.accessKey2LastRotated, new Date('2023-01-02T00:00:00Z'));
  assert.equal(alice.accessKey2LastUsedDate, null);
  assert.equal(alice.accessKey2LastUsedDateSentinel, 'N/A');
  assert.equal(alice.accessKey2LastUsedRegionSentinel, 'N/A');
  assert.equal(alice.accessKey2LastUsedServiceSentinel, 'N/A');
});

test('no_information and certificates', () => {
  const legacy = parseCredentialReport(report)[2];
  assert.ok(legacy);
  assert.equal(legacy.passwordLastUsed, null);
  assert.equal(legacy.passwordLastUsedSentinel, 'no_information');
  assert.equal(legacy.accessKey1Active, false);
  assert.deepEqual(legacy.accessKey1LastRotated, new Date('2013-06-01T00:00:00Z'));
  assert.equal(legacy.cert1Active, true);
  assert.deepEqual(legacy.cert1LastRotated, new Date('2015-01-01T00:00:00Z'));
  assert.equal(legacy.cert2Active, true);
  assert.deepEqual(legacy.cert2LastRotated, new Date('2016-01-01T00:00:00Z'));
});

test('a user without a console password', () => {
  const bot = parseCredentialReport(report)[3];
  assert.ok(bot);
  assert.equal(bot.passwordEnabled, false);
  assert.equal(bot.passwordLastUsedSentinel, 'N/A');
  assert.equal(bot.passwordLastChangedSentinel, 'N/A');
});

test('accepts CRLF line endings and a byte-order mark', () => {
  const entries = parseCredentialReport(`\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
  assert.equal(entries.length, 4);
  assert.equal(entries[0]?.isRoot, true);
});

test('a header-only report has no entries', () => {
  assert.deepEqual(parseCredentialReport(`${header}\n`), []);
});

test('an empty report is an error', () => {
  assert.throws(() => parseCredentialReport(''), /empty/);
});

test('a missing column is named', () => {
  const short = credentialReportColumns.filter((name) => name !== 'cert_2_last_rotated').join(',');
  assert.throws(() => parseCredentialReport(`${short}\n`), (error: unknown) => {
    assert.ok(error instanceof CredentialReportParseError);
    assert.match(error.message, /lacks the column "cert_2_last_rotated"/);
    assert.equal(error.column, 'cert_2_last_rotated');
    return true;
  });
});

test('an unknown column is named', () => {
  assert.throws(() => parseCredentialReport(`${header},password_strength\n`), /unknown column "password_strength"/);
});

test('a duplicated column is named', () => {
  assert.throws(() => parseCredentialReport(`${header},mfa_active\n`), /column "mfa_active" appears twice/);
});

test('"maybe" in a boolean names the line, column, user and value', () => {
  const text = reportWith((line, index) => (index === 1 ? line.replace(',true,true,2024-03-15', ',maybe,true,2024-03-15') : line));
  assert.throws(() => parseCredentialReport(text), (error: unknown) => {
    assert.ok(error instanceof CredentialReportParseError);
    assert.equal(error.line, 3);
    assert.equal(error.column, 'mfa_active');
    assert.equal(error.value, 'maybe');
    assert.match(error.message, /Line 3 \(user "alice"\): column "mfa_active" has the unexpected value "maybe"/);
    return true;
  });
});

test('a garbage date is an error, not a sentinel', () => {
  const text = reportWith((line, index) => (index === 2 ? line.replace('2015-01-01T00:00:00+00:00', 'last tuesday') : line));
  assert.throws(() => parseCredentialReport(text), /Line 4 \(user "legacy"\): column "cert_1_last_rotated" has the unexpected value "last tuesday"/);
});

test('a date without a time zone is rejected', () => {
  const text = reportWith((line, index) => (index === 1 ? line.replace('2020-01-10T12:00:00+00:00', '2020-01-10 12:00') : line));
  assert.throws(() => parseCredentialReport(text), /column "user_creation_time"/);
});

test('a sentinel where AWS never writes one (mfa_active) is rejected', () => {
  const text = reportWith((line, index) => (index === 3 ? line.replace('N/A,false,true,2023-09-09', 'N/A,N/A,true,2023-09-09') : line));
  assert.throws(() => parseCredentialReport(text), /column "mfa_active" has the unexpected value "N\/A"/);
});

test('an empty required value is rejected', () => {
  const text = reportWith((line, index) => (index === 1 ? line.replace('arn:aws:iam::123456789012:user/alice', '') : line));
  assert.throws(() => parseCredentialReport(text), /column "arn" has the unexpected value ""/);
});

test('a row with a missing cell is a CSV error naming the line', () => {
  const text = reportWith((line, index) => (index === 1 ? line.replace(/,N\/A$/, '') : line));
  assert.throws(() => parseCredentialReport(text), (error: unknown) => {
    assert.ok(error instanceof CredentialReportParseError);
    assert.match(error.message, /not valid CSV.*line 3/i);
    return true;
  });
});

test('a user listed twice is rejected', () => {
  assert.throws(() => parseCredentialReport(`${report}${rows[1] ?? ''}\n`), /user "alice" appears twice/);
});
