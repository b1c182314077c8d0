'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json';
import { coverageResponseSchema, dailyResponseSchema, eventsResponseSchema, type ActivityEventKind } from '@/lib/activity/schema';
import type { KeyEventName } from '@/lib/cloudtrail/parse-event';

export const activityKeys = {
  all: ['activity'] as const,
  coverage: (accountId: string | null) => ['activity', 'coverage', accountId ?? 'all'] as const,
  daily: (accountId: string | null, event: KeyEventName | null) => ['activity', 'daily', accountId ?? 'all', event ?? 'all'] as const,
  events: (q: EventsParams) => ['activity', 'events', q] as const,
};

function search(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

export function useTrailCoverage(accountId: string | null) {
  return useQuery({
    queryKey: activityKeys.coverage(accountId),
    queryFn: () => fetchJson(`/api/activity/coverage${search({ account: accountId })}`, coverageResponseSchema),
  });
}

export function useDailyEvents(accountId: string | null, event: KeyEventName | null) {
  return useQuery({
    queryKey: activityKeys.daily(accountId, event),
    queryFn: () => fetchJson(`/api/activity/daily${search({ account: accountId, event })}`, dailyResponseSchema),
    placeholderData: keepPreviousData,
  });
}

export type EventsParams = { account: string | null; kind: ActivityEventKind; user: string | null; page: number; pageSize: number };

export function useTrailEvents(params: EventsParams) {
  return useQuery({
    queryKey: activityKeys.events(params),
    queryFn: () => fetchJson(`/api/activity/events${search(params)}`, eventsResponseSchema),
    placeholderData: keepPreviousData,
  });
}
