import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DatabaseCopyError, checkTarget, differingFields, foreignKeyOrder, sqliteDateTimeToMs, toPostgresValue } from '@/scripts/lib/copy-database';

// The pure parts of npm run db:copy: how SQLite's values become PostgreSQL's, the order tables are
// filled in, and the refusals of a bad --to. scripts/db-copy.test.ts copies a real database.

const place = { table: 'AuditEvent', column: 'at', row: 'a1' };

test('DateTime values in every format Prisma reads from SQLite become the same instant', () => {
  const instant = Date.UTC(2026, 10, 29, 9, 0, 0, 123);
  // The better-sqlite3 adapter's default (iso8601), its other format (unixepoch-ms), and plain ISO.
  assert.equal(sqliteDateTimeToMs('2026-11-29T09:00:00.123+00:00'), instant);
  assert.equal(sqliteDateTimeToMs(BigInt(instant)), instant);
  assert.equal(sqliteDateTimeToMs(instant), instant);
  assert.equal(sqliteDateTimeToMs('2026-11-29T09:00:00.123Z'), instant);
  // Another offset is the same instant; digits beyond milliseconds are dropped, not rounded.
  assert.equal(sqliteDateTimeToMs('2026-11-29T10:30:00.123+01:30'), instant);
  assert.equal(sqliteDateTimeToMs('2026-11-29T09:00:00.123999Z'), instant);
  // SQLite's CURRENT_TIMESTAMP (a column default): UTC, whole seconds.
  assert.equal(sqliteDateTimeToMs('2026-11-29 09:00:00'), instant - 123);
  assert.equal(sqliteDateTimeToMs('1969-07-20T20:17:40.000+00:00'), Date.UTC(1969, 6, 20, 20, 17, 40));
  for (const notADate of ['yesterday', '2026-02-31T00:00:00Z', '2026-11-29T09:00:00+0x', '']) assert.equal(sqliteDateTimeToMs(notADate), null, notADate);

  // To PostgreSQL: UTC text, which a timestamp(3) column takes as it is.
  assert.equal(toPostgresValue('2026-11-29T09:00:00.123+00:00', 'timestamp', place), '2026-11-29T09:00:00.123Z');
  assert.throws(() => toPostgresValue('next tuesday', 'timestamp', place), /AuditEvent\.at of the row a1 holds "next tuesday", which is not a timestamp value/);
});

test('booleans, integers, JSON and text are converted by the target column type', () => {
  assert.equal(toPostgresValue(1n, 'bool', place), true);
  assert.equal(toPostgresValue(0n, 'bool', place), false);
  assert.throws(() => toPostgresValue(2n, 'bool', place), DatabaseCopyError);
  assert.equal(toPostgresValue(42n, 'int4', place), 42);
  assert.throws(() => toPostgresValue(2n ** 40n, 'int4', place), /out of range/);
  assert.equal(toPostgresValue(2n ** 62n, 'int8', place), '4611686018427387904');
  assert.equal(toPostgresValue(1.5, 'float8', place), 1.5);
  assert.equal(toPostgresValue('{"a":[1,"ü"]}', 'jsonb', place), '{"a":[1,"ü"]}');
  assert.equal(toPostgresValue(null, 'jsonb', place), null);
  const hostile = `'; DROP TABLE "Account"; -- <img src=x onerror=alert(1)> 🛡️ \\ $1`;
  assert.equal(toPostgresValue(hostile, 'text', place), hostile);
  assert.deepEqual(toPostgresValue(Buffer.from([0, 1, 2]), 'bytea', place), Buffer.from([0, 1, 2]));
});

test('what PostgreSQL cannot hold is refused with its table, column and row named', () => {
  assert.throws(() => toPostgresValue('before\u0000after', 'text', place), /AuditEvent\.at of the row a1 contains the character U\+0000, which PostgreSQL text cannot hold/);
  assert.throws(() => toPostgresValue('{"a":"\\u0000"}', 'jsonb', place), /jsonb cannot hold/);
  assert.throws(() => toPostgresValue('x', 'tsvector', place), /PostgreSQL tsvector column, a type db:copy does not convert/);
});

test('tables are filled after the tables they reference; a cycle is refused', () => {
  const order = foreignKeyOrder(
    ['Finding', 'Account', 'FindingTriage', 'Analyzer', 'Setting'],
    [
      { from: 'Finding', to: 'Analyzer' },
      { from: 'Finding', to: 'Account' },
      { from: 'Analyzer', to: 'Account' },
      { from: 'FindingTriage', to: 'Finding' },
    ],
  );
  assert.equal(order.length, 5);
  const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b} in ${order.join(', ')}`);
  before('Account', 'Analyzer');
  before('Analyzer', 'Finding');
  before('Finding', 'FindingTriage');
  assert.throws(() => foreignKeyOrder(['A', 'B'], [{ from: 'A', to: 'B' }, { from: 'B', to: 'A' }]), /A → B → A form a cycle/);
});

test('--to must be a usable postgresql:// URL, and the messages never show its password', () => {
  assert.throws(() => checkTarget(undefined), /--to is missing/);
  assert.throws(() => checkTarget('mysql://root:hunter2@db/warden'), (error: Error) => {
    assert.match(error.message, /^--to must be a file: URL \(SQLite\) or a postgresql:\/\/ URL \(PostgreSQL\), not a mysql: URL/);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
  assert.throws(() => checkTarget('file:./data/other.db'), /--to must be a postgresql:\/\/ URL/);
  assert.throws(() => checkTarget('postgresql://warden:hunter2@db.internal:5432/'), (error: Error) => {
    assert.match(error.message, /--to names no database/);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
  assert.equal(checkTarget('postgresql://warden:hunter2@db.internal:5432/warden'), 'postgresql://warden:hunter2@db.internal:5432/warden');
});

test('rows read through Prisma compare field by field, whatever the order of JSON keys', () => {
  const at = new Date('2026-11-29T09:00:00.123Z');
  assert.deepEqual(differingFields({ at, details: { a: 1, b: [2] }, ok: true }, { at: new Date(at), details: { b: [2], a: 1 }, ok: true }), []);
  assert.deepEqual(differingFields({ at, ok: true, n: null }, { at: new Date(at.getTime() + 1), ok: false }), ['at', 'n', 'ok']);
});
