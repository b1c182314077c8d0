import { RunStatusBadge } from '@/components/sync/run-status-badge';
import { sourceLabel } from '@/components/sync/source-labels';
import { formatDuration, runDurationMs, type SyncRunAccount, type SyncSourceRunView } from '@/lib/sync/schema';
import { formatCount } from '@/components/ui/format-count';

/** What a source's last column says; the same for every source of an account (it could not be reached) is said once. */
const problemKey = (s: SyncSourceRunView) => JSON.stringify([s.error, s.errorCode, s.missingPermissions]);

function Problems({ source: s }: { source: SyncSourceRunView }) {
  return (
    <>
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
    </>
  );
}

/** Per account and source: outcome, time taken, API calls, records stored, error, missing permissions. */
export function SourceRunsTable({ accounts, now, caption }: { accounts: SyncRunAccount[]; now: Date; caption: string }) {
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
          {accounts.flatMap((a) => {
            const first = a.sources[0];
            // Every source with the same error (the account could not be reached): said once, beside them all.
            const shared = first !== undefined && a.sources.length > 1 && first.error !== null && a.sources.every((s) => problemKey(s) === problemKey(first));
            return a.sources.map((s, i) => {
              const took = runDurationMs(s, now);
              return (
                <tr key={`${a.accountId}-${s.source}`} className={`align-top ${i === 0 ? 'border-t border-slate-200' : 'border-t border-slate-50'}`}>
                  <td className="px-2 py-1.5 whitespace-nowrap">
                    {i === 0 ? (
                      <>
                        {a.accountName}
                        <span className="block font-mono text-[11px] text-slate-500">{a.accountId}</span>
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
                  {shared && i > 0 ? null : (
                    <td className="px-2 py-1.5 text-xs" rowSpan={shared ? a.sources.length : undefined}>
                      {shared ? <span className="mb-0.5 block font-medium text-slate-600">All {a.sources.length} sources:</span> : null}
                      <Problems source={s} />
                    </td>
                  )}
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </div>
  );
}
