'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { SourceRunsTable } from '@/components/sync/source-runs-table';
import { ErrorAlert } from '@/components/ui/error-alert';
import { RelativeTime } from '@/components/ui/relative-time';
import { useSyncRunAccounts, useSyncRuns } from '@/lib/sync/hooks';
import { formatCount } from '@/components/ui/format-count';

/**
 * The run in progress, its tally polled every second; when a run starts or finishes, the
 * server-rendered history below is refreshed (its newest run is open and follows the accounts).
 * With an account chosen, that account's sources in the run.
 */
export function LiveSync({ accountId }: { accountId: string | null }) {
  const runs = useSyncRuns(1);
  const router = useRouter();
  const latest = runs.data?.runs[0];
  const running = latest?.status === 'running' && runs.data?.running === true;
  const interrupted = latest?.status === 'running' && runs.data?.running === false;
  const seen = useRef<string | null>(null);
  const state = latest ? `${latest.id}:${latest.status}` : null;
  useEffect(() => {
    if (state === null) return;
    if (seen.current !== null && seen.current !== state) router.refresh();
    seen.current = state;
  }, [state, router]);

  if (runs.error) return <ErrorAlert what="The current sync" message={runs.error.message} />;
  if (latest && interrupted) {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        The run started <RelativeTime value={latest.startedAt} /> is still marked running, but this Warden server is not syncing: it was
        interrupted (a restart or a crash) or another Warden instance runs it. Its sources below show how far it got.
      </p>
    );
  }
  if (!latest || !running) return null;
  const t = latest.tally;
  return (
    <section aria-labelledby="live-sync-heading" className="rounded-lg border border-sky-200 bg-sky-50/50 p-4 shadow-sm">
      <h2 id="live-sync-heading" className="text-sm font-semibold text-sky-900">
        Sync in progress ({latest.trigger}), started <RelativeTime value={latest.startedAt} />
      </h2>
      <div className="mt-2 flex items-center gap-3">
        <progress className="h-2 w-64 overflow-hidden rounded" max={Math.max(1, t.total)} value={t.done} aria-label="Sources done" />
        <span role="status" className="text-sm text-sky-900">
          {t.total === 0
            ? 'Starting…'
            : t.done < t.total
              ? `${formatCount(t.done)} of ${formatCount(t.total)} sources done (${formatCount(t.accounts)} ${t.accounts === 1 ? 'account' : 'accounts'})`
              : `All ${formatCount(t.total)} sources read; evaluating the checklist…`}{' '}
          · {formatCount(latest.apiCalls > 0 ? latest.apiCalls : t.apiCalls)} API calls
          {t.failed > 0 ? ` · ${formatCount(t.failed)} failed` : ''}
        </span>
      </div>
      {accountId ? <LiveAccount runId={latest.id} accountId={accountId} /> : null}
    </section>
  );
}

function LiveAccount({ runId, accountId }: { runId: string; accountId: string }) {
  const account = useSyncRunAccounts(runId, { account: accountId });
  if (account.error) return <ErrorAlert what={`Account ${accountId} in the sync in progress`} message={account.error.message} />;
  if (!account.data || account.data.accounts.length === 0) return null;
  return (
    <div className="mt-3 rounded-md bg-white p-2">
      <SourceRunsTable accounts={account.data.accounts} now={new Date()} caption="Sources of the sync in progress" />
    </div>
  );
}
