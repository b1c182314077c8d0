import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimumSyncIntervalMinutes, scheduleFloorProblem } from '@/lib/settings/schedule-floor';
import { settingsUpdateSchema } from '@/lib/settings/schema';

test(`schedules firing more often than every ${minimumSyncIntervalMinutes} minutes are refused, naming where they were set`, () => {
  const cases: [string, RegExp][] = [
    ['* * * * * *', /^WARDEN_SYNC_SCHEDULE would sync every 1 second; the shortest interval Warden allows is 15 minutes/],
    ['* * * * *', /every 1 minute;/],
    // 0, 14, 28, 42, 56 — and 4 minutes from :56 to the next hour's :00.
    ['*/14 * * * *', /every 4 minutes;/],
    ['0,5 0 1 1 *', /every 5 minutes;/],
    ['* * 29 2 *', /every 1 minute;/],
  ];
  for (const [expression, message] of cases) assert.match(scheduleFloorProblem(expression, 'WARDEN_SYNC_SCHEDULE') ?? '', message, expression);
});

test('the default, hourly, daily, every 15 minutes and "off" pass; what croner cannot read is left to its own check', () => {
  for (const expression of ['0 */6 * * *', '0 * * * *', '30 2 * * *', '*/15 * * * *', '0 0 * * 1', 'off', '61 * * * *']) {
    assert.equal(scheduleFloorProblem(expression, 'x'), null, expression);
  }
});

test('the Settings schema refuses a too-frequent schedule with a message naming the field', () => {
  const r = settingsUpdateSchema.safeParse({ syncSchedule: '*/5 * * * *' });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')), ['syncSchedule']);
});
