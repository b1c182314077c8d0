'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Pagination } from '@/components/ui/pagination';
import { useAccounts } from '@/lib/accounts/hooks';
import { notReadReason } from '@/lib/accounts/schema';

// The accounts a sync does not read, and why: excluded, suspended or closing in the organization,
// no member role configured, the member role missing, paused. Never silently skipped.

const pageSize = 20;

export function UnreadAccounts() {
  const [page, setPage] = useState(1);
  const accounts = useAccounts({ reading: 'not-read', page, pageSize });
  if (accounts.isLoading) return <p className="text-sm text-slate-500">Loading accounts…</p>;
  if (accounts.error) return <p role="alert" className="text-sm text-red-700">The accounts could not be loaded: {accounts.error.message}</p>;
  const data = accounts.data;
  if (!data || data.total === 0) return <p className="text-sm text-slate-600">Every account Warden knows is read by the syncs.</p>;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Accounts the syncs do not read, and why</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-1 pr-3 font-medium">
                Account
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                OU
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                In the organization
              </th>
              <th scope="col" className="py-1 font-medium">
                Why it is not read
              </th>
            </tr>
          </thead>
          <tbody>
            {data.accounts.map((a) => (
              <tr key={a.id} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                  <div className="font-medium">{a.name}</div>
                  <div className="font-mono text-xs text-slate-500">{a.id}</div>
                </th>
                <td className="py-1.5 pr-3">{a.ouPath ?? <span className="text-slate-500">—</span>}</td>
                <td className="py-1.5 pr-3">
                  {a.orgStatus !== null ? <Badge tone={a.orgStatus === 'ACTIVE' ? 'slate' : 'red'}>{a.orgStatus.toLowerCase().replaceAll('_', ' ')}</Badge> : <span className="text-slate-500">not listed</span>}
                </td>
                <td className={`max-w-xl break-words py-1.5 ${a.exclusion === null && a.lastReachError === null ? 'text-amber-800' : 'text-red-800'}`}>{notReadReason(a)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.total > pageSize ? <Pagination label="Pages of accounts not read" page={page} pageSize={pageSize} total={data.total} onPage={setPage} /> : null}
    </div>
  );
}
