import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvCell, toCsv } from '@/lib/csv';
import { reviewCsv, reviewCsvHeader } from '@/lib/review/csv';
import type { ReviewDetail } from '@/lib/review/schema';

test('cells a spreadsheet would run as formulas stay text', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell('alice@example.com'), 'alice@example.com');
  assert.equal(csvCell('a-b'), 'a-b');
});

test('commas, quotes and line breaks are quoted; empty values are empty cells', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell(null), '');
  assert.equal(toCsv(['a', '1'], [[null, 'b']]), 'a,1\r\n,b\r\n');
});

const detail: ReviewDetail = {
  review: { id: 'r1', title: 'March review', status: 'signed', startedBy: 'demo-admin', startedAt: '2026-03-02T10:00:00.000Z', attendees: ['Alice'], signedBy: 'Alice', signedAt: '2026-03-02T11:00:00.000Z', notes: null },
  thresholds: { unusedCredentialDays: 45, keyRotationDays: 90 },
  ou: null,
  inReview: { accounts: 1, items: 1, undecided: 0 },
  accounts: [{ accountId: '123456789012', accountName: 'prod', snapshotId: 's1', snapshotTakenAt: '2026-03-01T12:00:00.000Z', reportGeneratedAt: '2026-03-01T12:00:00.000Z', baseline: null, changes: [] }],
  items: [
    {
      id: 'i1',
      accountId: '123456789012',
      accountName: 'prod',
      subject: 'key:ci:1',
      kind: 'key',
      userName: 'ci',
      slot: 1,
      reasons: ['stale-key', 'old-key'],
      evidence: ['Access key 1: active, created 2025-01-01, 424 days old.'],
      activity: { windowStart: '', windowEnd: '', total: 0, byEvent: [], latest: [] },
      decision: 'keep',
      justification: '=cmd|" /C calc"!A0, used by the nightly job',
      owner: '@platform',
      dueDate: null,
      decidedBy: 'demo-admin',
      decidedAt: '2026-03-02T10:30:00.000Z',
      carriedFrom: null,
    },
  ],
  counts: { items: 1, decided: 1, undecided: 0, changes: 0, carriedOver: 0 },
};

test('the review CSV has one row per agenda item with its decision, formulas neutralised', () => {
  const text = reviewCsv(detail);
  const rows: string[][] = parse(text);
  assert.deepEqual(rows[0], [...reviewCsvHeader]);
  assert.equal(rows.length, 2);
  const row = Object.fromEntries(reviewCsvHeader.map((name, index) => [name, rows[1]?.[index]]));
  assert.equal(row['subject'], 'key:ci:1');
  assert.equal(row['credential'], 'access key 1');
  assert.equal(row['reasons'], 'Key unused > 45 days; Key older than 90 days');
  assert.equal(row['decision'], 'keep');
  assert.equal(row['justification'], `'=cmd|" /C calc"!A0, used by the nightly job`);
  assert.equal(row['owner'], "'@platform");
  assert.equal(row['signed_by'], 'Alice');
});
