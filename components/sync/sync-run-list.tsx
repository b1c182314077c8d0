import { RunDetails } from '@/components/sync/run-details';
import { RunStatusBadge } from '@/components/sync/run-status-badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { formatDuration, runDurationMs, type SyncRunView } from '@/lib/sync/schema';
import { formatCount } from '@/components/ui/format-count';
import { utcSecond } from '@/lib/dates';

// Every sync run, newest first, with what its sources add up to; each opens to its accounts.

function RunSummary({ run, now }: { run: SyncRunView; now: Date }) {
  const took = runDurationMs(run, now);
  const t = run.tally;
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
        {formatCount(t.accounts)} {t.accounts === 1 ? 'account' : 'accounts'}: {formatCount(t.ok)} of {formatCount(t.total)} sources ok
        {t.incomplete > 0 ? <span className="text-amber-800"> ({formatCount(t.incomplete)} incomplete)</span> : null}
        {t.failed > 0 ? <span className="font-medium text-red-700">, {formatCount(t.failed)} failed</span> : null}
        {t.skipped > 0 ? <span className="text-slate-500">, {formatCount(t.skipped)} skipped</span> : null}
      </span>
    </div>
  );
}

export function SyncRunList({ runs, now, openFirst, accountId }: { runs: SyncRunView[]; now: Date; openFirst: boolean; accountId: string | null }) {
  return (
    <ol aria-label="Sync runs" className="space-y-3">
      {runs.map((run, i) => (
        <li key={run.id}>
          <RunDetails
            runId={run.id}
            defaultOpen={openFirst && i === 0}
            accountId={accountId}
            summary={<RunSummary run={run} now={now} />}
            error={run.error}
            caption={`Sources read in the run started ${utcSecond(new Date(run.startedAt))}`}
          />
        </li>
      ))}
    </ol>
  );
}
