import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { credentialCsvHeader, credentialsCsv, credentialsCsvFilename } from '@/lib/credentials/csv';
import { csvCell as escapeCsvCell, toCsv } from '@/lib/csv';
import { sampleRow } from '@/lib/credentials/test-rows';

test('escapeCsvCell quotes commas, quotes and line breaks', () => {
  assert.equal(escapeCsvCell('plain'), 'plain');
  assert.equal(escapeCsvCell('a,b'), '"a,b"');
  assert.equal(escapeCsvCell('say "hi"'), '"say ""hi"""');
  assert.equal(escapeCsvCell('two\nlines'), '"two\nlines"');
  assert.equal(escapeCsvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(escapeCsvCell(null), '');
  assert.equal(escapeCsvCell(42), '42');
  assert.equal(escapeCsvCell(true), 'true');
});

test('escapeCsvCell defuses cells a spreadsheet would run as a formula', () => {
  assert.equal(escapeCsvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
  assert.equal(escapeCsvCell('+1'), "'+1");
  assert.equal(escapeCsvCell('-svc'), "'-svc");
  assert.equal(escapeCsvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(escapeCsvCell('\t=1'), "'\t=1");
  assert.equal(escapeCsvCell('\r=1'), `"'\r=1"`);
  assert.equal(escapeCsvCell('a=b'), 'a=b', 'only a leading character matters');
});

test('toCsv round-trips through a CSV parser, formula prefix aside', () => {
  const rows = [
    ['alice', 'x,y', 'multi\nline', null],
    ['=cmd', '"quoted"', '', 7],
  ];
  const text = toCsv(['a', 'b', 'c', 'd'], rows);
  assert.ok(text.endsWith('\r\n'));
  const parsed = parse(text) as string[][];
  assert.deepEqual(parsed, [
    ['a', 'b', 'c', 'd'],
    ['alice', 'x,y', 'multi\nline', ''],
    ["'=cmd", '"quoted"', '', '7'],
  ]);
});

test('credentialsCsv writes one line per row with sentinels as words', () => {
  const row = sampleRow({ user: '=evil+user', console: { enabled: false, sentinel: null } });
  const text = credentialsCsv([row], [{ accountId: row.accountId, accountName: row.accountName, generatedAt: '2026-06-15T10:00:00.000Z', takenAt: '2026-06-15T10:01:00.000Z', users: 1 }]);
  const [header, line, ...rest] = parse(text) as string[][];
  assert.deepEqual(header, [...credentialCsvHeader]);
  assert.equal(rest.length, 0);
  const record = Object.fromEntries(credentialCsvHeader.map((h, i) => [h, line?.[i]]));
  assert.equal(record.user, "'=evil+user");
  assert.equal(record.console_access, 'no');
  assert.equal(record.password_last_used, 'no password');
  assert.equal(record.key_1_status, 'active');
  assert.equal(record.key_1_age_days, '100');
  assert.equal(record.key_1_last_used_service, 's3');
  assert.equal(record.key_2_status, 'none');
  assert.equal(record.key_2_age_days, '');
  assert.equal(record.key_2_last_used, 'never');
  assert.equal(record.report_generated_at, '2026-06-15T10:00:00.000Z');
});

test('credentialsCsvFilename names the account (or all accounts) and the day', () => {
  const now = new Date('2026-06-15T23:59:00Z');
  assert.equal(credentialsCsvFilename('123456789012', now), 'warden-credentials-123456789012-2026-06-15.csv');
  assert.equal(credentialsCsvFilename(undefined, now), 'warden-credentials-all-accounts-2026-06-15.csv');
});
