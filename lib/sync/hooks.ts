'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import { syncRunAccountsSchema, syncRunListSchema, syncStartedSchema, type SyncRunAccountsQueryInput } from '@/lib/sync/schema';

export const syncKeys = {
  runs: (take: number) => ['sync', 'runs', take] as const,
  runAccounts: (runId: string, query: SyncRunAccountsQueryInput) => ['sync', 'run-accounts', runId, runAccountsQueryString(query)] as const,
};

function runAccountsQueryString(query: SyncRunAccountsQueryInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/**
 * Recent runs with their tallies; polls every second while this server syncs, every 10 s while a
 * run is marked running elsewhere (another instance, or a run a crash left behind).
 */
export function useSyncRuns(take = 20) {
  return useQuery({
    queryKey: syncKeys.runs(take),
    queryFn: () => fetchJson(`/api/sync?take=${take}`, syncRunListSchema),
    refetchInterval: (q) => (q.state.data?.running ? 1000 : q.state.data?.runs.some((r) => r.status === 'running') ? 10_000 : false),
  });
}

/** A page of one run's accounts with their sources; followed every 2 s while the run is running. */
export function useSyncRunAccounts(runId: string, query: SyncRunAccountsQueryInput) {
  return useQuery({
    queryKey: syncKeys.runAccounts(runId, query),
    queryFn: () => fetchJson(`/api/sync/runs/${encodeURIComponent(runId)}/accounts${runAccountsQueryString(query)}`, syncRunAccountsSchema),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.runStatus === 'running' ? 2000 : false),
  });
}

export function useStartSync() {
  return useMutation({ mutationFn: () => fetchJson('/api/sync', syncStartedSchema, { method: 'POST', body: '{}' }) });
}

/** When a running sync finishes, everything shown may have changed: refetch it all. */
export function useRefreshWhenSyncFinishes(running: boolean) {
  const client = useQueryClient();
  const was = useRef(running);
  useEffect(() => {
    if (was.current && !running) void client.invalidateQueries();
    was.current = running;
  }, [running, client]);
}
