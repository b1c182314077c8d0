import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LookupEventRecord } from '@/lib/aws/cloudtrail';
import { DAY_MS } from '@/lib/dates';
import { aggregateLookups, emptyAggregate, lookupStart, mergeAggregates, newSinceCursor, plannedLookups } from '@/lib/sync/diff/cloudtrail';

// What a CloudTrail read adds, without a database: the events new since the stored cursor, and the
// daily counts and notable events they make. Event documents as LookupEvents returns them.

const at = (s: string) => new Date(`2026-11-20T${s}Z`);
const doc = (fields: Record<string, unknown>) => JSON.stringify({ eventVersion: '1.08', recipientAccountId: '111122223333', ...fields });
function event(eventId: string, eventName: string, time: Date, cloudTrailEvent: string): LookupEventRecord {
  return { eventId, eventName, eventTime: time, eventSource: 'iam.amazonaws.com', username: null, cloudTrailEvent };
}
const createUser = (id: string, time: Date) =>
  event(id, 'CreateUser', time, doc({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ops', accountId: '111122223333', userName: 'ops' }, eventName: 'CreateUser' }));
const rootLogin = (id: string, time: Date) =>
  event(id, 'ConsoleLogin', time, doc({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' }, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', additionalEventData: { MFAUsed: 'No' } }));

test('a first read takes everything; the cursor stands at the newest second with every id of it', () => {
  const r = newSinceCursor(null, [createUser('c', at('10:00:02')), createUser('b', at('10:00:02')), createUser('a', at('10:00:01'))]);
  assert.deepEqual(r.events.map((e) => e.eventId), ['c', 'b', 'a']);
  assert.deepEqual(r.cursor, { lastEventTime: at('10:00:02'), lastEventIds: ['c', 'b'] });
});

test('a later read skips what was counted at the cursor\'s second and before, and keeps a late event of that second', () => {
  const previous = { lastEventTime: at('10:00:02'), lastEventIds: ['c', 'b'] };
  const r = newSinceCursor(previous, [createUser('d', at('10:00:05')), createUser('late', at('10:00:02')), createUser('c', at('10:00:02')), createUser('a', at('10:00:01'))]);
  assert.deepEqual(r.events.map((e) => e.eventId), ['d', 'late']);
  assert.deepEqual(r.cursor, { lastEventTime: at('10:00:05'), lastEventIds: ['d'] });
  assert.deepEqual(newSinceCursor(previous, []).cursor, previous, 'nothing new: the cursor stays');
});

test('counts come from EventName lookups only; notable events once each; an unreadable document still counts', () => {
  const broken = event('x', 'CreateUser', at('11:00:00'), '{not json');
  const { counts, notable, unparseable } = aggregateLookups('111122223333', [
    { lookup: { region: 'us-east-1', key: 'EventName', value: 'CreateUser' }, events: [createUser('u1', at('10:00:00')), createUser('u2', at('23:59:59')), broken], cursor: null },
    { lookup: { region: 'us-east-1', key: 'EventName', value: 'ConsoleLogin' }, events: [rootLogin('r1', at('09:00:00'))], cursor: null },
    { lookup: { region: 'us-east-1', key: 'Username', value: 'root' }, events: [rootLogin('r1', at('09:00:00'))], cursor: null },
  ]);
  assert.deepEqual(counts, [
    { region: 'us-east-1', day: '2026-11-20', eventName: 'CreateUser', count: 3 },
    { region: 'us-east-1', day: '2026-11-20', eventName: 'ConsoleLogin', count: 1 },
  ]);
  assert.deepEqual([...notable.keys()], ['r1'], 'the root sign-in once, though two lookups found it');
  assert.equal(notable.get('r1')?.isRoot, true);
  assert.equal(unparseable, 1);
});

test('lookups always include us-east-1, where IAM, sign-in and STS global events are recorded', () => {
  const lookups = plannedLookups(['eu-west-1']);
  const regions = [...new Set(lookups.map((l) => l.region))].sort();
  assert.deepEqual(regions, ['eu-west-1', 'us-east-1']);
  assert.ok(lookups.some((l) => l.region === 'us-east-1' && l.key === 'EventName' && l.value === 'CreateUser'), 'IAM events are looked up in us-east-1');
  assert.ok(!lookups.some((l) => l.region === 'eu-west-1' && l.value === 'CreateUser'), 'and only there');
  for (const region of regions) assert.ok(lookups.some((l) => l.region === region && l.key === 'Username' && l.value === 'root'), `root lookup in ${region}`);
});

test('a lookup window starts at its cursor, but never further back than the days kept', () => {
  const now = at('12:00:00');
  assert.deepEqual(lookupStart(null, now, 1), new Date(now.getTime() - DAY_MS));
  assert.deepEqual(lookupStart({ lastEventTime: at('10:00:02'), lastEventIds: ['c'] }, now, 1), at('10:00:02'));
  assert.deepEqual(lookupStart({ lastEventTime: at('10:00:02'), lastEventIds: ['c'] }, new Date(now.getTime() + 5 * DAY_MS), 1), new Date(now.getTime() + 4 * DAY_MS), 'an old cursor is floored');
});

test('pages aggregated one at a time (the reader keeps no page) give what the whole read gives', () => {
  const lookup = { region: 'us-east-1', key: 'EventName' as const, value: 'CreateUser' };
  const previous = { lastEventTime: at('10:00:02'), lastEventIds: ['c'] };
  const page1 = [createUser('e', at('10:00:09')), createUser('d', at('10:00:05'))];
  const page2 = [createUser('late', at('10:00:02')), createUser('c', at('10:00:02')), rootLogin('r', at('10:00:01'))];
  const whole = newSinceCursor(previous, [...page1, ...page2]);
  let cursor: typeof previous | null = previous;
  let aggregate = emptyAggregate();
  for (const page of [page1, page2]) {
    const fresh = newSinceCursor(previous, page).events;
    cursor = newSinceCursor(cursor, fresh).cursor ?? cursor;
    aggregate = mergeAggregates(aggregate, aggregateLookups('111122223333', [{ lookup, events: fresh, cursor: null }]));
  }
  assert.deepEqual(cursor, whole.cursor);
  const all = aggregateLookups('111122223333', [{ lookup, events: whole.events, cursor: null }]);
  assert.deepEqual(aggregate.counts, all.counts);
  assert.deepEqual([...aggregate.notable.keys()].sort(), [...all.notable.keys()].sort());
  assert.equal(aggregate.unparseable, all.unparseable);
});
