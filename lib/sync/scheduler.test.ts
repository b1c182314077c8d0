import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Cron } from 'croner';
import { db } from '@/lib/db';
import { defaultSyncSchedule } from '@/lib/settings/schema';
import { stopSyncQueue } from '@/lib/sync/queue';
import { applySchedule, followStoredSchedule, nextScheduledSync, startScheduler, validateSchedule } from '@/lib/sync/scheduler';

after(async () => {
  applySchedule('off');
  // On PostgreSQL, startScheduler also starts this process's sync queue (pg-boss), whose
  // connections and timers would keep the test process alive.
  await stopSyncQueue();
});

function restore(schedule: string | undefined) {
  if (schedule === undefined) delete process.env.WARDEN_SYNC_SCHEDULE;
  else process.env.WARDEN_SYNC_SCHEDULE = schedule;
}

function nextOf(expression: string): Date | null {
  const cron = new Cron(expression, { paused: true, timezone: 'UTC' });
  const next = cron.nextRun();
  cron.stop();
  return next;
}

test('the schedule is a cron expression, or off; anything else is refused naming the variable', () => {
  assert.equal(validateSchedule('0 */6 * * *'), null);
  assert.equal(validateSchedule('off'), null);
  assert.match(validateSchedule('every six hours') ?? '', /^WARDEN_SYNC_SCHEDULE is not a cron expression/);
  assert.match(validateSchedule('61 * * * *') ?? '', /WARDEN_SYNC_SCHEDULE/);
});

test('the default schedule runs every 6 hours (UTC)', () => {
  const cron = new Cron(defaultSyncSchedule, { paused: true, timezone: 'UTC' });
  const next = cron.nextRuns(3, new Date('2026-11-28T07:30:00Z'));
  cron.stop();
  assert.deepEqual(next.map((d) => d.toISOString()), ['2026-11-28T12:00:00.000Z', '2026-11-28T18:00:00.000Z', '2026-11-29T00:00:00.000Z']);
});

test('a refusal names where the expression was set', () => {
  assert.match(validateSchedule('every day', 'syncSchedule') ?? '', /^syncSchedule is not a cron expression \(.+\)$/);
});

test('the scheduler runs on WARDEN_SYNC_SCHEDULE, else the schedule set in Settings, else every 6 hours', async () => {
  // A run already happened, so starting the scheduler starts no sync of its own.
  await db.syncRun.create({ data: { trigger: 'cli', mode: 'demo', status: 'ok', finishedAt: currentTime() } });
  const pinned = process.env.WARDEN_SYNC_SCHEDULE;
  try {
    delete process.env.WARDEN_SYNC_SCHEDULE;
    await startScheduler();
    assert.deepEqual(nextScheduledSync(), nextOf('0 */6 * * *'));

    await db.setting.create({ data: { key: 'syncSchedule', value: '0 0 1 1 *', updatedBy: 'alice@example.com' } });
    await startScheduler();
    assert.deepEqual(nextScheduledSync(), nextOf('0 0 1 1 *'));

    process.env.WARDEN_SYNC_SCHEDULE = '30 2 * * *';
    await startScheduler();
    assert.deepEqual(nextScheduledSync(), nextOf('30 2 * * *'));

    process.env.WARDEN_SYNC_SCHEDULE = 'off';
    await startScheduler();
    assert.equal(nextScheduledSync(), null);
  } finally {
    restore(pinned);
    await db.setting.deleteMany();
  }
});

test('a stored schedule croner refuses stops start-up, naming where it was set', async () => {
  const pinned = process.env.WARDEN_SYNC_SCHEDULE;
  try {
    delete process.env.WARDEN_SYNC_SCHEDULE;
    await db.setting.create({ data: { key: 'syncSchedule', value: '61 * * * *', updatedBy: 'alice@example.com' } });
    await assert.rejects(startScheduler(), /^Error: the sync schedule set in Settings is not a cron expression/);
  } finally {
    restore(pinned);
    await db.setting.deleteMany();
  }
});

test('a schedule saved by another instance is picked up by this one', async () => {
  const pinned = process.env.WARDEN_SYNC_SCHEDULE;
  try {
    delete process.env.WARDEN_SYNC_SCHEDULE;
    applySchedule('0 */6 * * *');
    // Another instance saved it: this process's job still runs the old expression…
    await db.setting.create({ data: { key: 'syncSchedule', value: '15 3 * * *', updatedBy: 'alice@example.com' } });
    assert.deepEqual(nextScheduledSync(), nextOf('0 */6 * * *'));
    // … until it looks again (every minute while the server runs).
    await followStoredSchedule();
    assert.deepEqual(nextScheduledSync(), nextOf('15 3 * * *'));
    await db.setting.update({ where: { key: 'syncSchedule' }, data: { value: 'off' } });
    await followStoredSchedule();
    assert.equal(nextScheduledSync(), null);
  } finally {
    restore(pinned);
    await db.setting.deleteMany();
  }
});
