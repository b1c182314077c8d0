'use client';

import { useState } from 'react';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { useAccounts } from '@/lib/accounts/hooks';
import { notReadReason, type SourceFreshness } from '@/lib/accounts/schema';

const sourceLabels: Record<string, string> = {
  'credential-report': 'Credential report',
  account: 'IAM',
  'access-analyzer': 'Access Analyzer',
  cloudtrail: 'CloudTrail',
  organizations: 'Organizations',
};

function Cell({ s }: { s: SourceFreshness }) {
  const failed = s.lastStatus === 'failed';
  const partial = !failed && s.missingPermissions.length > 0;
  const tone = failed ? 'text-red-800' : partial ? 'text-amber-800' : s.lastReadAt ? 'text-slate-800' : 'text-slate-500';
  const dot = failed ? 'bg-red-500' : partial ? 'bg-amber-400' : s.lastReadAt ? 'bg-emerald-500' : 'bg-slate-300';
  const title = failed ? `Last attempt failed: ${s.lastError ?? 'unknown error'}` : partial ? `Missing permission: ${s.missingPermissions.join(', ')}` : undefined;
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap ${tone}`} title={title}>
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${dot}`} />
      <RelativeTime value={s.lastReadAt} compact />
      {failed ? <span className="sr-only">(last attempt failed)</span> : null}
    </span>
  );
}

const pageSize = 8;

/**
 * When each source was last read, per account; failures and missing permissions listed below.
 * Every account: a page at a time, accounts with problems first (an organization has hundreds).
 */
export function FreshnessPanel({ accountId, sources, ou }: { accountId: string | null; sources?: string[]; ou?: string }) {
  const [page, setPage] = useState(1);
  const accounts = useAccounts(accountId ? { account: accountId } : { ou, sort: 'problems', page, pageSize });
  if (accounts.isLoading) return <p className="text-sm text-slate-500">Loading freshness…</p>;
  if (accounts.error) return <p role="alert" className="text-sm text-red-700">Freshness could not be loaded: {accounts.error.message}</p>;
  const list = accounts.data?.accounts ?? [];
  const total = accounts.data?.total ?? 0;
  if (list.length === 0) return <p className="text-sm text-slate-500">No account has been synced yet.</p>;
  const shown = (a: (typeof list)[number]) => a.sources.filter((s) => !sources || sources.includes(s.source));
  const columns = list[0] ? shown(list[0]).map((s) => s.source) : [];
  const unread = list.filter((a) => a.exclusion !== null || a.lastReachError !== null);
  const problems = list.flatMap((a) =>
    shown(a)
      .filter((s) => s.lastStatus === 'failed' || s.missingPermissions.length > 0)
      .map((s) => ({ account: a.name, source: sourceLabels[s.source] ?? s.source, s })),
  );
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">When each source was last read, per account</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-1 pr-3 font-medium">Account</th>
              {columns.map((c) => (
                <th scope="col" key={c} className="py-1 pr-3 font-medium">
                  {sourceLabels[c] ?? c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap">
                  {a.name}
                  {a.paused ? <span className="ml-2 text-xs text-amber-800" title="An admin paused syncing this account; what is shown was read before.">paused</span> : null}
                  {a.exclusion !== null || a.lastReachError !== null ? (
                    <span className="ml-2 text-xs font-medium text-red-700" title={notReadReason(a) ?? undefined}>
                      not read
                    </span>
                  ) : null}
                </th>
                {shown(a).map((s) => (
                  <td key={s.source} className="py-1.5 pr-3">
                    <Cell s={s} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!accountId && total > pageSize ? (
        <div className="mt-2">
          <Pagination label="Pages of accounts' freshness" page={page} pageSize={pageSize} total={total} onPage={setPage} />
        </div>
      ) : null}
      {unread.length > 0 ? (
        <ul className="mt-3 space-y-1 text-xs">
          {unread.map((a) => (
            <li key={a.id} className="text-red-800">
              <span className="font-semibold">{a.name}:</span> <span className="break-words">not read — {notReadReason(a)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {problems.length > 0 ? (
        <ul className="mt-3 space-y-1 text-xs">
          {problems.map(({ account, source, s }) => (
            <li key={`${account}-${source}`} className={s.lastStatus === 'failed' ? 'text-red-800' : 'text-amber-800'}>
              <span className="font-semibold">
                {account} · {source}:
              </span>{' '}
              {s.lastStatus === 'failed' ? (
                <span className="break-all">last attempt failed — {s.lastError}</span>
              ) : (
                <span>partly read: {s.missingPermissions.join(', ')} denied</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
