'use client';

import { typeLabel } from '@/components/findings/labels';
import type { FindingListQuery, FindingListResponse } from '@/lib/findings/schema';
import type { ScreenParam } from '@/lib/findings/hooks';

// Findings per type and status under the current filters (status aside). Only ACTIVE findings are
// open: archived and resolved ones are counted apart and never added to the open total.

const fmt = new Intl.NumberFormat('en-US');
const statuses = [
  { status: 'ACTIVE', label: 'Open (active)' },
  { status: 'ARCHIVED', label: 'Archived' },
  { status: 'RESOLVED', label: 'Resolved' },
] as const;

export function FindingCounts({
  counts,
  query,
  update,
}: {
  counts: FindingListResponse['counts'];
  query: FindingListQuery;
  update: (changes: Partial<Record<ScreenParam, string | number | undefined>>) => void;
}) {
  const types = [...new Set(counts.map((c) => c.findingType))];
  const cell = (type: string | null, status: string) =>
    counts.filter((c) => (type === null || c.findingType === type) && c.status === status).reduce((n, c) => n + c.count, 0);
  const select = (type: string | null, status: string) => update({ type: type ?? undefined, status: status === 'ACTIVE' ? undefined : status });
  const isCurrent = (type: string | null, status: string) => (query.type ?? null) === type && query.status === status;

  if (types.length === 0) return <p className="text-sm text-slate-500">No findings under these filters.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Findings by type and status</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="py-1 pr-3 font-medium">Type</th>
          {statuses.map((s) => (
            <th key={s.status} scope="col" className="py-1 pr-3 text-right font-medium">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {types.map((t) => (
          <tr key={t} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-800" title={t}>
              {typeLabel(t)}
            </th>
            {statuses.map((s) => {
              const n = cell(t, s.status);
              return (
                <td key={s.status} className="py-1 pr-3 text-right tabular-nums">
                  {n === 0 ? (
                    <span className="text-slate-300">0</span>
                  ) : (
                    <button
                      type="button"
                      aria-pressed={isCurrent(t, s.status)}
                      aria-label={`${fmt.format(n)} ${s.label.toLowerCase()} ${typeLabel(t)} findings`}
                      onClick={() => select(t, s.status)}
                      className={`rounded px-1.5 hover:bg-sky-50 hover:text-sky-800 ${s.status === 'ACTIVE' ? 'font-semibold text-amber-800' : 'text-slate-600'} ${isCurrent(t, s.status) ? 'bg-sky-100 ring-1 ring-sky-300' : ''}`}
                    >
                      {fmt.format(n)}
                    </button>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
        <tr className="border-t border-slate-300">
          <th scope="row" className="py-1 pr-3 text-left font-semibold">
            All types
          </th>
          {statuses.map((s) => (
            <td key={s.status} className="py-1 pr-3 text-right font-semibold tabular-nums">
              <button
                type="button"
                aria-pressed={isCurrent(null, s.status)}
                aria-label={`${fmt.format(cell(null, s.status))} ${s.label.toLowerCase()} findings of all types`}
                onClick={() => select(null, s.status)}
                className={`rounded px-1.5 hover:bg-sky-50 hover:text-sky-800 ${isCurrent(null, s.status) ? 'bg-sky-100 ring-1 ring-sky-300' : ''}`}
              >
                {fmt.format(cell(null, s.status))}
              </button>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
