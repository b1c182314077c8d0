'use client';

import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { sourceLabel } from '@/components/sync/source-labels';
import { useAccounts } from '@/lib/accounts/hooks';

/** When each source was last read, per account, and its last error. */
export function FreshnessPanel({ accountId, sources }: { accountId: string | null; sources?: string[] }) {
  const accounts = useAccounts();
  if (accounts.isLoading) return <p className="text-sm text-slate-500">Loading freshness…</p>;
  if (accounts.error) return <p role="alert" className="text-sm text-red-700">Freshness could not be loaded: {accounts.error.message}</p>;
  const list = (accounts.data?.accounts ?? []).filter((a) => !accountId || a.id === accountId);
  if (list.length === 0) return <p className="text-sm text-slate-500">No account has been synced yet.</p>;
  // With a single source shown, its name is the card's subject, not a column.
  const showSource = !sources || sources.length !== 1;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Data freshness per account and source</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-1 pr-4 font-medium">Account</th>
            {showSource ? <th className="py-1 pr-4 font-medium">Source</th> : null}
            <th className="py-1 pr-4 font-medium">Last read</th>
            <th className="py-1 font-medium">Last attempt</th>
          </tr>
        </thead>
        <tbody>
          {list.flatMap((a) =>
            a.sources
              .filter((s) => !sources || sources.includes(s.source))
              .map((s) => (
                <tr key={`${a.id}-${s.source}`} className="border-t border-slate-100 align-top">
                  <td className="py-1.5 pr-4 whitespace-nowrap">{a.name}</td>
                  {showSource ? <td className="py-1.5 pr-4 whitespace-nowrap">{sourceLabel(s.source)}</td> : null}
                  <td className="py-1.5 pr-4 whitespace-nowrap">
                    <RelativeTime value={s.lastReadAt} />
                  </td>
                  <td className="py-1.5">
                    {s.lastStatus === 'failed' ? (
                      <span className="text-red-800">
                        <Badge tone="red">failed</Badge> <span className="break-all">{s.lastError}</span>
                      </span>
                    ) : s.lastStatus ? (
                      <Badge tone={s.lastStatus === 'ok' ? 'green' : 'slate'}>{s.lastStatus}</Badge>
                    ) : (
                      <span className="text-slate-500">never</span>
                    )}
                    {s.missingPermissions.length > 0 ? (
                      <div className="mt-1 text-xs text-amber-800">Missing permission: {s.missingPermissions.join(', ')}</div>
                    ) : null}
                  </td>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </div>
  );
}
