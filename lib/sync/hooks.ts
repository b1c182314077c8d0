'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import { syncRunListSchema, syncStartedSchema } from '@/lib/sync/schema';

export const syncKeys = { runs: (take: number) => ['sync', 'runs', take] as const };

/**
 * Recent runs; polls every second while this server syncs, every 10 s while a run is marked running
 * elsewhere (another instance, or a run a crash left behind).
 */
export function useSyncRuns(take = 20) {
  return useQuery({
    queryKey: syncKeys.runs(take),
    queryFn: () => fetchJson(`/api/sync?take=${take}`, syncRunListSchema),
    refetchInterval: (q) => (q.state.data?.running ? 1000 : q.state.data?.runs.some((r) => r.status === 'running') ? 10_000 : false),
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
