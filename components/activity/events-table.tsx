'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Pagination } from '@/components/ui/pagination';
import { useTrailEvents } from '@/lib/activity/hooks';
import type { ActivityEventKind, TrailEventView } from '@/lib/activity/schema';
import { utcSecond } from '@/lib/dates';

// A page of the notable CloudTrail events. Everything AWS sent is rendered as text.

export type EventColumn = 'time' | 'account' | 'region' | 'event' | 'who' | 'role' | 'sourceIp' | 'mfa' | 'outcome' | 'userAgent';

const headers: Record<EventColumn, string> = {
  time: 'Time (UTC)',
  account: 'Account',
  region: 'Region',
  event: 'Event',
  who: 'Who',
  role: 'Role assumed',
  sourceIp: 'Source IP',
  mfa: 'MFA',
  outcome: 'Outcome',
  userAgent: 'User agent',
};

const accountOfArn = (arn: string | null) => (arn ? (/^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? null) : null);

function Cell({ column, e }: { column: EventColumn; e: TrailEventView }) {
  switch (column) {
    case 'time':
      return <time dateTime={e.eventTime} className="whitespace-nowrap font-mono text-xs">{utcSecond(new Date(e.eventTime), true)}</time>;
    case 'account':
      return (
        <span>
          <span className="whitespace-nowrap">{e.accountName}</span>
          <span className="block font-mono text-[11px] text-slate-500">{e.accountId}</span>
        </span>
      );
    case 'region':
      return <span className="whitespace-nowrap">{e.region}</span>;
    case 'event':
      return (
        <span>
          <span className="font-medium">{e.eventName}</span>
          <span className="block text-xs text-slate-500">{e.eventSource}</span>
        </span>
      );
    case 'who': {
      const callerAccount = e.callerAccountId ?? accountOfArn(e.userArn);
      return (
        <span title={e.userArn ?? undefined}>
          <span className="font-medium break-all">{e.userName ?? 'unknown'}</span>
          <span className="block text-xs text-slate-500">
            {e.userType ?? 'unknown type'}
            {callerAccount && callerAccount !== e.accountId
              ? e.callerAccountName
                ? ` · from ${e.callerAccountName} (${callerAccount})`
                : ` · from outside account ${callerAccount}`
              : ''}
          </span>
        </span>
      );
    }
    case 'role':
      return e.targetRoleArn ? (
        <span className="font-mono text-xs break-all" title={e.targetRoleArn}>
          {e.targetRoleArn.replace(/^arn:[^:]+:iam::/, '')}
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      );
    case 'sourceIp':
      return <span className="font-mono text-xs break-all">{e.sourceIp ?? '—'}</span>;
    case 'mfa':
      return e.mfaUsed === null ? <span className="text-slate-400">—</span> : e.mfaUsed ? <Badge tone="green">yes</Badge> : <Badge tone="red">no</Badge>;
    case 'outcome':
      return e.errorCode ? <Badge tone="amber">{e.errorCode}</Badge> : <span className="text-slate-600">success</span>;
    case 'userAgent':
      return (
        <span className="block max-w-[18rem] truncate text-xs text-slate-500" title={e.userAgent ?? undefined}>
          {e.userAgent ?? '—'}
        </span>
      );
  }
}

export function EventsTable({
  accountId,
  kind,
  user,
  columns,
  caption,
  empty,
}: {
  accountId: string | null;
  kind: ActivityEventKind;
  user: string | null;
  columns: EventColumn[];
  caption: string;
  empty: string;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const shown = accountId ? columns.filter((c) => c !== 'account') : columns;
  const events = useTrailEvents({ account: accountId, kind, user, page, pageSize });
  if (events.isLoading) return <div className="h-24 animate-pulse rounded bg-slate-100" />;
  if (events.error) return <ErrorAlert what={caption} message={events.error.message} />;
  const data = events.data;
  if (!data) return null;
  if (data.total === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {shown.map((c) => (
                <th key={c} scope="col" className="px-2 py-1 font-medium">
                  {headers[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((e) => (
              <tr key={e.eventId} className="border-t border-slate-100 align-top">
                {shown.map((c) => (
                  <td key={c} className="px-2 py-1.5">
                    <Cell column={c} e={e} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        label={`Pages: ${caption}`}
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={setPage}
        onPageSize={(s) => {
          setPageSize(s);
          setPage(1);
        }}
        pageSizes={[10, 25, 50, 100, 200]}
      />
    </div>
  );
}
