'use client';

import dynamic from 'next/dynamic';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useDailyEvents } from '@/lib/activity/hooks';
import { keyEventNames, type KeyEventName } from '@/lib/cloudtrail/parse-event';
import { formatCount } from '@/components/ui/format-count';

const KeyEventsChart = dynamic(() => import('@/components/activity/key-events-chart'), { ssr: false, loading: () => <div className="h-[260px]" /> });

/** The seed's key events per day over 90 days, stacked by event name. */
export function KeyEventsPanel({ accountId, event, onEvent }: { accountId: string | null; event: KeyEventName | null; onEvent: (e: KeyEventName | null) => void }) {
  const daily = useDailyEvents(accountId, event);
  const total = daily.data ? Object.values(daily.data.totals).reduce((n, c) => n + c, 0) : 0;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <span>Event</span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={event ?? ''}
            onChange={(e) => onEvent(e.target.value === '' ? null : (keyEventNames.find((n) => n === e.target.value) ?? null))}
          >
            <option value="">All key events</option>
            {keyEventNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {daily.data ? (
          <p className="text-sm text-slate-600">
            {formatCount(total)} {total === 1 ? 'event' : 'events'} from {daily.data.from} to {daily.data.to} (UTC)
          </p>
        ) : null}
      </div>
      {daily.isLoading ? (
        <div className="h-[260px] animate-pulse rounded bg-slate-100" />
      ) : daily.error ? (
        <ErrorAlert what="Daily event counts" message={daily.error.message} />
      ) : daily.data && total === 0 ? (
        <p className="flex h-[120px] items-center justify-center rounded border border-dashed border-slate-300 text-sm text-slate-500">
          No {event ?? 'key'} events recorded in the last 90 days.
        </p>
      ) : daily.data ? (
        <>
          <KeyEventsChart data={daily.data} />
          <table className="sr-only">
            <caption>Key events in the last 90 days by name</caption>
            <tbody>
              {Object.entries(daily.data.totals).map(([name, count]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
