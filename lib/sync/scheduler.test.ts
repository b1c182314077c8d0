import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cron } from 'croner';
import { parseEnv } from '@/lib/env';
import { validateSchedule } from '@/lib/sync/scheduler';

test('the schedule is a cron expression, or off; anything else is refused naming the variable', () => {
  assert.equal(validateSchedule('0 */6 * * *'), null);
  assert.equal(validateSchedule('off'), null);
  assert.match(validateSchedule('every six hours') ?? '', /^WARDEN_SYNC_SCHEDULE is not a cron expression/);
  assert.match(validateSchedule('61 * * * *') ?? '', /WARDEN_SYNC_SCHEDULE/);
});

test('the default schedule runs every 6 hours (UTC)', () => {
  const { WARDEN_SYNC_SCHEDULE } = parseEnv({ NODE_ENV: 'test' });
  const cron = new Cron(WARDEN_SYNC_SCHEDULE, { paused: true, timezone: 'UTC' });
  const next = cron.nextRuns(3, new Date('2026-11-28T07:30:00Z'));
  cron.stop();
  assert.deepEqual(next.map((d) => d.toISOString()), ['2026-11-28T12:00:00.000Z', '2026-11-28T18:00:00.000Z', '2026-11-29T00:00:00.000Z']);
});
