import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, runDurationMs, syncPageQuerySchema, syncRunAccountsQuerySchema, tallySources } from '@/lib/sync/schema';

test('formatDuration: ms, seconds, minutes, hours', () => {
  assert.equal(formatDuration(0), '0 ms');
  assert.equal(formatDuration(340), '340 ms');
  assert.equal(formatDuration(1_500), '1.5 s');
  assert.equal(formatDuration(21_800), '22 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(3_780_000), '1 h 3 min');
});

test('runDurationMs: finished runs from start to finish, running ones until now, pending ones not at all', () => {
  const now = new Date('2026-01-01T00:01:00Z');
  assert.equal(runDurationMs({ startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:21.800Z' }, now), 21_800);
  assert.equal(runDurationMs({ startedAt: '2026-01-01T00:00:30.000Z', finishedAt: null }, now), 30_000);
  assert.equal(runDurationMs({ startedAt: null, finishedAt: null }, now), null);
});

test('tallySources counts outcomes and sums records and calls, of single sources or of groups', () => {
  const t = tallySources([
    { status: 'ok', records: 10, apiCalls: 3 },
    { status: 'ok', incomplete: true, records: 4, apiCalls: 1 },
    { status: 'failed', records: 0, apiCalls: 2 },
    { status: 'running', records: 0, apiCalls: 1 },
    { status: 'pending', records: 0, apiCalls: 0 },
    { status: 'skipped', records: 0, apiCalls: 0 },
  ]);
  assert.deepEqual(t, { total: 6, done: 4, ok: 2, incomplete: 1, failed: 1, skipped: 1, records: 14, apiCalls: 7 });
  // The database's groups: the same sources, counted.
  const grouped = tallySources([
    { status: 'ok', incomplete: false, count: 1, records: 10, apiCalls: 3 },
    { status: 'ok', incomplete: true, count: 1, records: 4, apiCalls: 1 },
    { status: 'failed', count: 1, records: 0, apiCalls: 2 },
    { status: 'running', count: 1, records: 0, apiCalls: 1 },
    { status: 'pending', count: 1, records: 0, apiCalls: 0 },
    { status: 'skipped', count: 1, records: 0, apiCalls: 0 },
  ]);
  assert.deepEqual(grouped, t);
  assert.deepEqual(tallySources([{ status: 'failed', count: 40, records: 0, apiCalls: 80 }]), { total: 40, done: 40, ok: 0, incomplete: 0, failed: 40, skipped: 0, records: 0, apiCalls: 80 });
});

test('a run’s accounts query: defaults, and 400-worthy values named', () => {
  assert.deepEqual(syncRunAccountsQuerySchema.parse({}), { page: 1, pageSize: 50, problems: 'first' });
  assert.deepEqual(syncRunAccountsQuerySchema.parse({ page: '3', q: '  prod ', problems: 'only', account: '123456789012' }), {
    page: 3,
    pageSize: 50,
    q: 'prod',
    problems: 'only',
    account: '123456789012',
  });
  const error = (input: Record<string, string>) => {
    const r = syncRunAccountsQuerySchema.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  assert.match(error({ page: '0' }) ?? '', /^page: page must be at least 1$/);
  assert.match(error({ page: 'two' }) ?? '', /^page: page must be a number$/);
  assert.match(error({ pageSize: '500' }) ?? '', /^pageSize: pageSize must be at most 200$/);
  assert.match(error({ problems: 'all' }) ?? '', /^problems: problems must be first or only$/);
  assert.match(error({ account: '12' }) ?? '', /^account: account must be a 12-digit AWS account id$/);
  assert.match(error({ q: 'x'.repeat(129) }) ?? '', /^q: q must be at most 128 characters$/);
});

test('the sync page URL falls back to defaults', () => {
  const read = (input: Record<string, unknown>) => {
    const q = syncPageQuerySchema.parse(input);
    return [q.page, q.account];
  };
  assert.deepEqual(read({}), [1, undefined]);
  assert.deepEqual(read({ page: '3', account: '123456789012' }), [3, '123456789012']);
  assert.deepEqual(read({ page: '-2', account: 'nope' }), [1, undefined]);
  assert.deepEqual(read({ page: ['2', '3'] }), [1, undefined]);
});
