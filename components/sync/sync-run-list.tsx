import { RunStatusBadge } from '@/components/sync/run-status-badge';
import { SourceRunsTable } from '@/components/sync/source-runs-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { formatDuration, runDurationMs, tallySources, type SyncRunView } from '@/lib/sync/schema';
import { formatCount } from '@/components/ui/format-count';
import { utcSecond } from '@/lib/dates';

// Every sync run, newest first; each opens to its per-account, per-source outcomes.

function RunSummary({ run, now }: { run: SyncRunView; now: Date }) {
  const took = runDurationMs(run, now);
  const t = tallySources(run.sources);
  const accounts = new Set(run.sources.map((s) => s.accountId)).size;
  return (
    <div className="flex flex-1 flex-wrap items-center gap-x-5 gap-y-1 text-sm">
      <span>
        <span className="sr-only">Run status: </span>
        <RunStatusBadge status={run.status} />
      </span>
      <span className="font-medium text-slate-900">
        <time dateTime={run.startedAt}>{utcSecond(new Date(run.startedAt))}</time>
        <span className="ml-1 font-normal text-slate-500">
          (<RelativeTime value={run.startedAt} />)
        </span>
      </span>
      <span>
        <span className="text-slate-500">took </span>
        {took === null ? '—' : run.status === 'running' ? `${formatDuration(took)} so far` : formatDuration(took)}
      </span>
      <span>
        <span className="text-slate-500">trigger </span>
        {run.trigger}
        {run.actor ? <span className="text-slate-500"> by {run.actor}</span> : null}
      </span>
      <span>
        <span className="text-slate-500">mode </span>
        {run.mode}
      </span>
      <span className="tabular-nums">{formatCount(run.status === 'running' ? t.apiCalls : run.apiCalls)} API calls</span>
      <span className="tabular-nums">{formatCount(t.records)} records</span>
      <span>
        {accounts} {accounts === 1 ? 'account' : 'accounts'}: {t.ok} of {t.total} sources ok
        {t.failed > 0 ? <span className="font-medium text-red-700">, {t.failed} failed</span> : null}
        {t.skipped > 0 ? <span className="text-slate-500">, {t.skipped} skipped</span> : null}
      </span>
    </div>
  );
}

export function SyncRunList({ runs, now, openFirst }: { runs: SyncRunView[]; now: Date; openFirst: boolean }) {
  return (
    <ol aria-label="Sync runs" className="space-y-3">
      {runs.map((run, i) => (
        <li key={run.id}>
          <details open={openFirst && i === 0} className="group rounded-lg border border-slate-200 bg-white shadow-sm">
            <summary className="flex cursor-pointer list-none items-start gap-3 px-4 py-3 hover:bg-slate-50">
              <span aria-hidden className="mt-0.5 inline-block w-3 text-slate-400 group-open:rotate-90">▸</span>
              <RunSummary run={run} now={now} />
            </summary>
            <div className="space-y-3 border-t border-slate-200 px-4 py-3">
              {run.error ? (
                <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
                  {run.error}
                </p>
              ) : null}
              <SourceRunsTable sources={run.sources} now={now} caption={`Sources read in the run started ${utcSecond(new Date(run.startedAt))}`} />
              <p className="font-mono text-[11px] text-slate-400">run {run.id}</p>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
