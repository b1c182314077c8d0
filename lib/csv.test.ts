import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvCell, toCsv } from '@/lib/csv';

test('a cell starting with = + - @, a tab or a carriage return is written as text', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\t=1'), "'\t=1");
  assert.equal(csvCell('\r=1'), `"'\r=1"`);
  assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
  // Spreadsheets that normalise full-width characters would run these too.
  assert.equal(csvCell('＝1+1'), "'＝1+1");
  assert.equal(csvCell('＠SUM(A1)'), "'＠SUM(A1)");
  assert.equal(csvCell('a=b'), 'a=b', 'only the first character matters');
  assert.equal(csvCell('alice@example.com'), 'alice@example.com');
});

test('numbers are numbers, not formulas; booleans are words; null is an empty cell', () => {
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(42), '42');
  assert.equal(csvCell(true), 'true');
  assert.equal(csvCell(false), 'false');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(''), '');
});

test('a lone line feed or carriage return is quoted, as are commas and quotes', () => {
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
});

test('toCsv ends every line with CRLF and reads back through a CSV parser', () => {
  const text = toCsv(['name', 'note', 'days'], [
    ['=cmd|" /C calc"!A0', 'multi\nline, quoted "too"', -5],
    [null, '-svc', 0],
  ]);
  assert.ok(text.endsWith('\r\n'));
  assert.deepEqual(parse(text), [
    ['name', 'note', 'days'],
    [`'=cmd|" /C calc"!A0`, 'multi\nline, quoted "too"', '-5'],
    ['', "'-svc", '0'],
  ]);
});
