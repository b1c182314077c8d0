import 'server-only';

import type { CloudTrailEventRecord } from './model';

// LookupEvents over hundreds of thousands of events: one index per lookup attribute (built on
// first use), each list newest first, so a time window is two binary searches and a page is a slice.

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export function isLookupAttributeKey(value: string): value is LookupAttributeKey {
  return (LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(value);
}

function valuesOf(event: CloudTrailEventRecord, key: LookupAttributeKey): string[] {
  switch (key) {
    case 'EventId':
      return [event.eventId];
    case 'EventName':
      return [event.eventName];
    case 'ReadOnly':
      return [event.readOnly ? 'true' : 'false'];
    case 'Username':
      return event.username === null ? [] : [event.username];
    case 'ResourceType':
      return [...new Set(event.resources.map((resource) => resource.type))];
    case 'ResourceName':
      return [...new Set(event.resources.map((resource) => resource.name))];
    case 'EventSource':
      return [event.eventSource];
    case 'AccessKeyId':
      return event.accessKeyId === null ? [] : [event.accessKeyId];
  }
}

export class EventIndex {
  private readonly byKey = new Map<LookupAttributeKey, Map<string, CloudTrailEventRecord[]>>();

  /** `events` must be newest first. */
  constructor(readonly events: CloudTrailEventRecord[]) {}

  /** Events matching one lookup attribute (or all events), newest first. */
  select(key: LookupAttributeKey | null, value: string): CloudTrailEventRecord[] {
    if (key === null) return this.events;
    let index = this.byKey.get(key);
    if (!index) {
      index = new Map();
      for (const event of this.events) {
        for (const v of valuesOf(event, key)) {
          let list = index.get(v);
          if (!list) {
            list = [];
            index.set(v, list);
          }
          list.push(event);
        }
      }
      this.byKey.set(key, index);
    }
    return index.get(value) ?? [];
  }
}

/** [from, to) of a newest-first list such that every event in it lies within [startMs, endMs]. */
export function timeWindow(list: CloudTrailEventRecord[], startMs: number, endMs: number): [number, number] {
  const firstAtOrBefore = (limit: number, inclusive: boolean): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = list[mid]?.eventTime.getTime() ?? 0;
      if (inclusive ? t <= limit : t < limit) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const from = firstAtOrBefore(endMs, true);
  const to = firstAtOrBefore(startMs, false);
  return [from, Math.max(from, to)];
}

const indexes = new WeakMap<CloudTrailEventRecord[], { length: number; index: EventIndex }>();

/** The (cached) index of one account-region's events; rebuilt if events were added. */
export function eventIndexFor(events: CloudTrailEventRecord[]): EventIndex {
  const cached = indexes.get(events);
  if (cached && cached.length === events.length) return cached.index;
  const index = new EventIndex(events);
  indexes.set(events, { length: events.length, index });
  return index;
}
