import { RunStatusBadge } from '@/components/sync/run-status-badge';
import { sourceLabel } from '@/components/sync/source-labels';
import { formatDuration, runDurationMs, type SyncSourceRunView } from '@/lib/sync/schema';
import { formatCount } from '@/components/ui/format-count';

/** Per account and source: outcome, time taken, API calls, records stored, error, missing permissions. */
export function SourceRunsTable({ sources, now, caption }: { sources: SyncSourceRunView[]; now: Date; caption: string }) {
  if (sources.length === 0) return <p className="text-sm text-slate-500">No account was read in this run.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">Account</th>
            <th scope="col" className="px-2 py-1 font-medium">Source</th>
            <th scope="col" className="px-2 py-1 font-medium">Outcome</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Took</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">API calls</th>
            <th scope="col" className="px-2 py-1 text-right font-medium">Records</th>
            <th scope="col" className="px-2 py-1 font-medium">Errors and missing permissions</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s, i) => {
            const first = i === 0 || sources[i - 1]?.accountId !== s.accountId;
            const took = runDurationMs(s, now);
            return (
              <tr key={`${s.accountId}-${s.source}`} className={`align-top ${first ? 'border-t border-slate-200' : 'border-t border-slate-50'}`}>
                <td className="px-2 py-1.5 whitespace-nowrap">
                  {first ? (
                    <>
                      {s.accountName ?? s.accountId}
                      <span className="block font-mono text-[11px] text-slate-500">{s.accountId}</span>
                    </>
                  ) : null}
                </td>
                <td className="px-2 py-1.5 whitespace-nowrap">{sourceLabel(s.source)}</td>
                <td className="px-2 py-1.5">
                  <RunStatusBadge status={s.status} />
                </td>
                <td className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums">{took === null ? '—' : formatDuration(took)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(s.apiCalls)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(s.records)}</td>
                <td className="px-2 py-1.5 text-xs">
                  {s.error ? (
                    <span className="block break-words text-red-800">
                      {s.errorCode && !s.error.includes(s.errorCode) ? <span className="font-medium">{s.errorCode}: </span> : null}
                      {s.error}
                    </span>
                  ) : null}
                  {s.missingPermissions.length > 0 ? (
                    <span className="block text-amber-800">
                      Missing permission: <code className="font-mono">{s.missingPermissions.join(', ')}</code>
                    </span>
                  ) : null}
                  {!s.error && s.missingPermissions.length === 0 ? <span className="text-slate-400">none</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
