import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, runDurationMs, syncPageQuerySchema, tallySources } from '@/lib/sync/schema';

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

test('tallySources counts outcomes and sums records and calls', () => {
  const t = tallySources([
    { status: 'ok', records: 10, apiCalls: 3 },
    { status: 'failed', records: 0, apiCalls: 2 },
    { status: 'running', records: 0, apiCalls: 1 },
    { status: 'pending', records: 0, apiCalls: 0 },
    { status: 'skipped', records: 0, apiCalls: 0 },
  ]);
  assert.deepEqual(t, { total: 5, done: 3, ok: 1, failed: 1, skipped: 1, records: 10, apiCalls: 6 });
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
