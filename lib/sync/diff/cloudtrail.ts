import type { LookupEventRecord } from '@/lib/aws/cloudtrail';
import { CloudTrailEventError, globalIamEventNames, parseCloudTrailEvent, regionalEventNames, type ParsedTrailEvent } from '@/lib/cloudtrail/parse-event';
import { DAY_MS, isoDate } from '@/lib/dates';

// What a CloudTrail read adds to the store, decided without the database: which events are new
// since the stored cursor (and where the cursor moves), and what they add to the daily counts and
// the notable events. Pure, unit-tested in lib/sync/diff/cloudtrail.test.ts.

export type Lookup = { region: string; key: 'EventName' | 'Username'; value: string };

/** The newest event counted for one lookup: its second, and the ids already counted in it. */
export type Cursor = { lastEventTime: Date; lastEventIds: string[] };

export type LookupResult = { lookup: Lookup; events: LookupEventRecord[]; cursor: Cursor | null };

/** IAM's events are recorded in us-east-1 whatever region the caller used. */
const iamEventRegion = 'us-east-1';

/**
 * The lookups a read makes. Global services' events (IAM, STS's global endpoint, console sign-in)
 * are recorded in us-east-1 whatever regions are configured: the IAM and root lookups always
 * include it.
 */
export function plannedLookups(regions: string[]): Lookup[] {
  const lookups: Lookup[] = globalIamEventNames.map((value) => ({ region: iamEventRegion, key: 'EventName', value }));
  const withHome = [...new Set([iamEventRegion, ...regions])];
  for (const region of withHome) {
    for (const value of regionalEventNames) lookups.push({ region, key: 'EventName', value });
    lookups.push({ region, key: 'Username', value: 'root' });
  }
  return lookups;
}

/** How a lookup's cursor is stored: by region and "key=value". */
export const lookupName = (l: Lookup) => `${l.key}=${l.value}`;
export const cursorKey = (region: string, lookup: string) => `${region}|${lookup}`;

/** Where a lookup's window starts: at its cursor, but no further back than the days AWS keeps. */
export function lookupStart(previous: Cursor | null, now: Date, days: number): Date {
  const floor = new Date(now.getTime() - days * DAY_MS);
  return previous && previous.lastEventTime > floor ? previous.lastEventTime : floor;
}

/**
 * The events of a lookup window not counted before, and the cursor after them. The window starts
 * at the cursor's second (LookupEvents' start is inclusive, to the second): events of that second
 * already counted are skipped, older ones too.
 */
export function newSinceCursor(previous: Cursor | null, listed: LookupEventRecord[]): { events: LookupEventRecord[]; cursor: Cursor | null } {
  const seenAtBoundary = new Set(previous?.lastEventIds ?? []);
  const events = listed.filter((e) => {
    if (!previous) return true;
    if (e.eventTime < previous.lastEventTime) return false;
    return !(e.eventTime.getTime() === previous.lastEventTime.getTime() && seenAtBoundary.has(e.eventId));
  });
  let cursor = previous;
  for (const e of events) {
    if (!cursor || e.eventTime > cursor.lastEventTime) cursor = { lastEventTime: e.eventTime, lastEventIds: [e.eventId] };
    else if (e.eventTime.getTime() === cursor.lastEventTime.getTime() && !cursor.lastEventIds.includes(e.eventId)) {
      cursor = { lastEventTime: cursor.lastEventTime, lastEventIds: [...cursor.lastEventIds, e.eventId] };
    }
  }
  return { events, cursor };
}

export type DailyCount = { region: string; day: string; eventName: string; count: number };

export function notableRow(accountId: string, region: string, e: LookupEventRecord, p: ParsedTrailEvent) {
  return {
    eventId: e.eventId,
    accountId,
    region,
    eventTime: e.eventTime,
    eventName: e.eventName,
    eventSource: e.eventSource,
    userType: p.userType,
    userName: p.userName ?? e.username,
    userArn: p.userArn,
    sourceIp: p.sourceIp,
    userAgent: p.userAgent,
    mfaUsed: p.mfaUsed,
    errorCode: p.errorCode,
    isRoot: p.isRoot,
    isConsoleLogin: p.isConsoleLogin,
    isCrossAccount: p.isCrossAccount,
    recipientAccountId: p.recipientAccountId,
    userAccountId: p.userAccountId,
    targetRoleArn: p.targetRoleArn,
  };
}

/**
 * Daily counts of the key events (EventName lookups only: a root event found by the Username
 * lookup is not counted twice) and the notable events (root, console sign-ins, cross-account
 * AssumeRole) by id; an event whose document cannot be parsed still counts, and is tallied.
 */
export function aggregateLookups(accountId: string, results: LookupResult[]): { counts: DailyCount[]; notable: Map<string, ReturnType<typeof notableRow>>; unparseable: number } {
  const counts = new Map<string, DailyCount>();
  const notable = new Map<string, ReturnType<typeof notableRow>>();
  let unparseable = 0;
  for (const { lookup, events } of results) {
    for (const e of events) {
      let parsed: ParsedTrailEvent | null = null;
      try {
        parsed = parseCloudTrailEvent(e.cloudTrailEvent, e.eventName);
      } catch (error) {
        if (!(error instanceof CloudTrailEventError)) throw error;
        unparseable += 1;
      }
      if (lookup.key === 'EventName') {
        const day = isoDate(e.eventTime);
        const k = `${lookup.region}|${day}|${e.eventName}`;
        const c = counts.get(k);
        if (c) c.count += 1;
        else counts.set(k, { region: lookup.region, day, eventName: e.eventName, count: 1 });
      }
      if (parsed && (parsed.isRoot || parsed.isConsoleLogin || parsed.isCrossAccount)) notable.set(e.eventId, notableRow(accountId, lookup.region, e, parsed));
    }
  }
  return { counts: [...counts.values()], notable, unparseable };
}

export type LookupAggregate = { counts: DailyCount[]; notable: Map<string, ReturnType<typeof notableRow>>; unparseable: number };

export const emptyAggregate = (): LookupAggregate => ({ counts: [], notable: new Map(), unparseable: 0 });

/** Two aggregates as one (pages of a read aggregated one at a time, so that no page is held after it is counted). */
export function mergeAggregates(a: LookupAggregate, b: LookupAggregate): LookupAggregate {
  const counts = new Map(a.counts.map((c) => [`${c.region}|${c.day}|${c.eventName}`, { ...c }]));
  for (const c of b.counts) {
    const k = `${c.region}|${c.day}|${c.eventName}`;
    const known = counts.get(k);
    if (known) known.count += c.count;
    else counts.set(k, { ...c });
  }
  const notable = new Map(a.notable);
  for (const [id, row] of b.notable) notable.set(id, row);
  return { counts: [...counts.values()], notable, unparseable: a.unparseable + b.unparseable };
}
