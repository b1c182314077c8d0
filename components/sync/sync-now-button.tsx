'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '@/components/auth/viewer-role';
import { useRefreshWhenSyncFinishes, useStartSync, useSyncRuns } from '@/lib/sync/hooks';

export function SyncNowButton() {
  const runs = useSyncRuns(1);
  const start = useStartSync();
  const client = useQueryClient();
  const mayStart = useCan('admin');
  const latest = runs.data?.runs[0];
  // The server says whether it is syncing: a run left "running" by a crash must not block Sync now.
  const running = Boolean(runs.data?.running);
  useRefreshWhenSyncFinishes(running);
  const done = latest?.tally.done ?? 0;
  const total = latest?.tally.total ?? 0;
  return (
    <div className="flex items-center gap-3">
      {running ? (
        <span role="status" className="text-sm text-slate-600">
          Syncing… {total === 0 ? 'starting' : done < total ? `${done} of ${total} sources done` : 'all sources read, finishing'}
        </span>
      ) : null}
      {start.error ? (
        <span role="alert" className="text-sm text-red-700">
          Sync could not start: {start.error.message}
        </span>
      ) : null}
      <button
        type="button"
        disabled={running || start.isPending || !mayStart}
        title={mayStart ? undefined : 'Only an administrator can start a sync; the schedule keeps the data fresh.'}
        onClick={() => start.mutate(undefined, { onSuccess: () => void client.invalidateQueries({ queryKey: ['sync'] }) })}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {running ? 'Syncing…' : 'Sync now'}
      </button>
    </div>
  );
}
