import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayWindow, fillDailySeries } from '@/lib/activity/daily';

test('dayWindow: the last N UTC days ending today, oldest first', () => {
  const now = new Date('2026-03-02T23:30:00Z');
  assert.deepEqual(dayWindow(now, 3), ['2026-02-28', '2026-03-01', '2026-03-02']);
  const ninety = dayWindow(now, 90);
  assert.equal(ninety.length, 90);
  assert.equal(ninety[89], '2026-03-02');
  assert.equal(new Set(ninety).size, 90);
});

test('fillDailySeries: every day and event name, zeros for quiet days, rows outside the window ignored', () => {
  const window = ['2026-03-01', '2026-03-02'];
  const { days, totals } = fillDailySeries(
    [
      { day: '2026-03-01', eventName: 'CreateUser', count: 2 },
      { day: '2026-03-01', eventName: 'CreateUser', count: 1 },
      { day: '2026-03-02', eventName: 'ConsoleLogin', count: 5 },
      { day: '2026-02-01', eventName: 'CreateUser', count: 9 },
      { day: '2026-03-02', eventName: 'DeleteUser', count: 4 },
    ],
    window,
    ['CreateUser', 'ConsoleLogin'],
  );
  assert.deepEqual(days, [
    { day: '2026-03-01', counts: { CreateUser: 3, ConsoleLogin: 0 } },
    { day: '2026-03-02', counts: { CreateUser: 0, ConsoleLogin: 5 } },
  ]);
  assert.deepEqual(totals, { CreateUser: 3, ConsoleLogin: 5 });
});
