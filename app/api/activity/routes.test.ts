import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { GET as coverageRoute } from '@/app/api/activity/coverage/route';
import { GET as dailyRoute } from '@/app/api/activity/daily/route';
import { GET as eventsRoute } from '@/app/api/activity/events/route';
import { coverageResponseSchema, dailyResponseSchema, eventsResponseSchema, type EventsResponse } from '@/lib/activity/schema';
import { regionCoverage } from '@/lib/activity/coverage';
import { keyEventNames } from '@/lib/cloudtrail/parse-event';
import { db } from '@/lib/db';
import { isoDate } from '@/lib/dates';

// The activity API against a store filled by a real sync of a seeded sandbox.

let fixture: DemoFixture;

before(async () => {
  fixture = await startDemoFixture({ seed: 5 });
  await fixture.sync();
});

after(async () => {
  await fixture.close();
});

async function get(handler: (r: Request) => Promise<Response>, path: string) {
  const res = await handler(new Request(`http://localhost${path}`));
  return { res, body: (await res.json()) as unknown };
}

async function ok<T>(handler: (r: Request) => Promise<Response>, path: string, parse: (b: unknown) => T): Promise<T> {
  const { res, body } = await get(handler, path);
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(body)}`);
  return parse(body);
}

async function expectError(handler: (r: Request) => Promise<Response>, path: string, status: number, message: RegExp) {
  const { res, body } = await get(handler, path);
  assert.equal(res.status, status, path);
  assert.match((body as { error: string }).error, message, path);
}

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

test('coverage: every account and region Warden reads, with the trails recording it', async () => {
  const { accounts } = await ok(coverageRoute, '/api/activity/coverage', (b) => coverageResponseSchema.parse(b));
  const stored = await db.account.findMany();
  assert.equal(accounts.length, stored.length);
  for (const a of accounts) {
    const account = stored.find((s) => s.id === a.accountId);
    assert.ok(account);
    assert.ok(a.readAt, `${a.accountName} was read`);
    assert.ok(a.trailsRead);
    assert.deepEqual(a.regions.map((r) => r.region), account.regions);
    const sandboxTrails = fixture.sandbox.state.accounts.find((s) => s.id === a.accountId)?.trails ?? [];
    const listed = new Set([...a.regions.flatMap((r) => r.trails), ...a.otherTrails].map((t) => t.name));
    assert.deepEqual([...listed].sort(), sandboxTrails.map((t) => t.name).sort(), `${a.accountName}: the sandbox's trails`);
    const trails = [...new Map([...a.regions.flatMap((r) => r.trails), ...a.otherTrails].map((t) => [t.arn, t])).values()];
    assert.deepEqual(a.regions, regionCoverage(account.regions as string[], trails).regions);
  }
  const statuses = new Set(accounts.flatMap((a) => a.regions.map((r) => r.status)));
  assert.ok(statuses.has('logging'), 'the demo has logged regions');
  assert.ok(statuses.has('no-trail'), 'the demo has a region no trail records');
  const trail = accounts.flatMap((a) => a.regions.flatMap((r) => r.trails)).find((t) => t.isLogging);
  assert.ok(trail?.latestDeliveryTime, 'a logging trail has a latest delivery');
});

test('coverage: one account, and bad input', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'asc' } });
  const { accounts } = await ok(coverageRoute, `/api/activity/coverage?account=${account.id}`, (b) => coverageResponseSchema.parse(b));
  assert.deepEqual(accounts.map((a) => a.accountId), [account.id]);
  await expectError(coverageRoute, '/api/activity/coverage?account=12', 400, /account must be a 12-digit AWS account id/);
  await expectError(coverageRoute, '/api/activity/coverage?account=000000000001', 404, /account 000000000001 is not known/);
  await expectError(coverageRoute, '/api/activity/coverage?region=us-east-1', 400, /region/);
});

// ---------------------------------------------------------------------------------------------
// Daily key-event counts
// ---------------------------------------------------------------------------------------------

test('daily: 90 days of every key event, summing the stored counts in the window', async () => {
  const daily = await ok(dailyRoute, '/api/activity/daily', (b) => dailyResponseSchema.parse(b));
  assert.equal(daily.days.length, 90);
  assert.equal(daily.to, isoDate(currentTime()));
  assert.deepEqual(daily.eventNames, [...keyEventNames]);
  assert.ok(daily.days.every((d) => keyEventNames.every((n) => typeof d.counts[n] === 'number')), 'zeros filled in');
  const stored = await db.eventDailyCount.groupBy({ by: ['eventName'], where: { day: { gte: daily.from, lte: daily.to } }, _sum: { count: true } });
  for (const n of keyEventNames) {
    const expected = stored.find((s) => s.eventName === n)?._sum.count ?? 0;
    assert.equal(daily.totals[n], expected, n);
    assert.equal(daily.days.reduce((sum, d) => sum + (d.counts[n] ?? 0), 0), expected, n);
  }
  assert.ok((daily.totals.ConsoleLogin ?? 0) > 0 && (daily.totals.CreateUser ?? 0) > 0, 'the demo has key events');
});

test('daily: filtered by event name and by account', async () => {
  const account = await db.account.findFirstOrThrow({ where: { eventCounts: { some: { eventName: 'ConsoleLogin' } } } });
  const all = await ok(dailyRoute, '/api/activity/daily?event=ConsoleLogin', (b) => dailyResponseSchema.parse(b));
  assert.deepEqual(all.eventNames, ['ConsoleLogin']);
  assert.ok(all.days.every((d) => Object.keys(d.counts).join() === 'ConsoleLogin'));
  const one = await ok(dailyRoute, `/api/activity/daily?event=ConsoleLogin&account=${account.id}`, (b) => dailyResponseSchema.parse(b));
  const expected = await db.eventDailyCount.aggregate({ where: { accountId: account.id, eventName: 'ConsoleLogin', day: { gte: one.from } }, _sum: { count: true } });
  assert.equal(one.totals.ConsoleLogin, expected._sum.count ?? 0);
  assert.ok((one.totals.ConsoleLogin ?? 0) < (all.totals.ConsoleLogin ?? 0), 'one account has fewer than all');
  const week = await ok(dailyRoute, '/api/activity/daily?days=7', (b) => dailyResponseSchema.parse(b));
  assert.equal(week.days.length, 7);
});

test('daily: bad input', async () => {
  await expectError(dailyRoute, '/api/activity/daily?event=DeleteUser', 400, /event must be one of CreateUser/);
  await expectError(dailyRoute, '/api/activity/daily?days=91', 400, /days must be at most 90/);
  await expectError(dailyRoute, '/api/activity/daily?days=week', 400, /days must be a number/);
  await expectError(dailyRoute, '/api/activity/daily?account=abc', 400, /account must be a 12-digit/);
  await expectError(dailyRoute, '/api/activity/daily?account=999999999999', 404, /not known/);
});

// ---------------------------------------------------------------------------------------------
// Notable events
// ---------------------------------------------------------------------------------------------

async function events(qs: string): Promise<EventsResponse> {
  return ok(eventsRoute, `/api/activity/events?${qs}`, (b) => eventsResponseSchema.parse(b));
}

async function allEvents(qs: string) {
  const first = await events(`${qs}&pageSize=200`);
  const rows = [...first.rows];
  for (let p = 2; p <= first.pageCount; p++) rows.push(...(await events(`${qs}&pageSize=200&page=${p}`)).rows);
  return { first, rows };
}

test('events: every root-user action, newest first', async () => {
  const { first, rows } = await allEvents('kind=root');
  const stored = await db.trailEvent.count({ where: { isRoot: true } });
  assert.ok(stored > 0, 'the demo has root activity');
  assert.equal(first.total, stored);
  assert.equal(rows.length, stored);
  assert.ok(rows.every((e) => e.isRoot && e.userType === 'Root'));
  const times = rows.map((e) => e.eventTime);
  assert.deepEqual(times, [...times].sort().reverse());
  assert.ok(rows.every((e) => e.accountName.length > 0 && e.accountName !== e.accountId));
});

test('events: console sign-ins without MFA, and cross-account AssumeRole calls', async () => {
  const noMfa = await allEvents('kind=console-without-mfa');
  assert.ok(noMfa.rows.length > 0);
  assert.ok(noMfa.rows.every((e) => e.eventName === 'ConsoleLogin' && e.mfaUsed === false));
  assert.equal(noMfa.first.total, await db.trailEvent.count({ where: { isConsoleLogin: true, mfaUsed: false } }));
  const cross = await allEvents('kind=cross-account');
  assert.ok(cross.rows.length > 0);
  assert.ok(cross.rows.every((e) => e.eventName === 'AssumeRole' && e.isCrossAccount));
  assert.equal(cross.first.total, await db.trailEvent.count({ where: { isCrossAccount: true } }));
  const all = await events('pageSize=1');
  assert.equal(all.total, await db.trailEvent.count());
});

test('events: one user (as linked from Credentials), one account, pages', async () => {
  const login = await db.trailEvent.findFirstOrThrow({ where: { isConsoleLogin: true, isRoot: false, userName: { not: null } } });
  const user = login.userName ?? '';
  const { rows, first } = await allEvents(`user=${encodeURIComponent(user)}`);
  assert.equal(first.total, await db.trailEvent.count({ where: { userName: user } }));
  assert.ok(rows.length > 0 && rows.every((e) => e.userName === user));
  const inAccount = await allEvents(`user=${encodeURIComponent(user)}&account=${login.accountId}`);
  assert.ok(inAccount.rows.length > 0 && inAccount.rows.every((e) => e.accountId === login.accountId && e.userName === user));
  const root = await allEvents('user=root&kind=root');
  assert.equal(root.first.total, await db.trailEvent.count({ where: { isRoot: true, userName: 'root' } }));

  const five = await events('kind=cross-account&pageSize=5');
  const a = await events('kind=cross-account&pageSize=2&page=1');
  const b = await events('kind=cross-account&pageSize=2&page=2');
  assert.deepEqual([...a.rows, ...b.rows].map((e) => e.eventId), five.rows.slice(0, 4).map((e) => e.eventId));
  assert.equal(a.pageCount, Math.ceil(a.total / 2));
  assert.equal((await events('user=nobody-at-all')).total, 0);
});

test('events: bad input', async () => {
  await expectError(eventsRoute, '/api/activity/events?kind=logins', 400, /kind must be one of all, root, console-without-mfa, cross-account/);
  await expectError(eventsRoute, '/api/activity/events?pageSize=500', 400, /pageSize must be at most 200/);
  await expectError(eventsRoute, '/api/activity/events?page=0', 400, /page must be at least 1/);
  await expectError(eventsRoute, '/api/activity/events?page=two', 400, /page must be a number/);
  await expectError(eventsRoute, `/api/activity/events?user=${encodeURIComponent('<script>')}`, 400, /user must be an IAM user or role name/);
  await expectError(eventsRoute, `/api/activity/events?user=${'a'.repeat(129)}`, 400, /user must be at most 128 characters/);
  await expectError(eventsRoute, '/api/activity/events?user=', 400, /user must not be empty/);
  await expectError(eventsRoute, '/api/activity/events?account=1234567890123', 400, /account must be a 12-digit/);
  await expectError(eventsRoute, '/api/activity/events?account=123456789012', 404, /not known/);
  await expectError(eventsRoute, '/api/activity/events?sort=time', 400, /sort/);
});
