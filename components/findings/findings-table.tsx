'use client';

import { StatusBadge, typeLabel } from '@/components/findings/labels';
import { formatDay } from '@/components/ui/format-utc';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { ariaSort, SortButton, SortHeader, type SortState } from '@/components/ui/sort-header';
import type { FindingListQuery, FindingRow, FindingSort } from '@/lib/findings/schema';
import { DAY_MS, isoDate } from '@/lib/dates';

// The findings of one page. Sorting is the server's; selection spans pages (the parent keeps it).

const selectable = (f: FindingRow) => f.status === 'ACTIVE' || f.status === 'ARCHIVED';

/** Dates sort newest first on a first click, everything else A to Z. */
const firstOrder = (field: FindingSort) => (field === 'createdAt' || field === 'updatedAt' ? 'desc' : 'asc');

export function FindingsTable({
  rows,
  query,
  selected,
  onToggle,
  onTogglePage,
  onOpen,
  onSort,
  busy,
}: {
  rows: FindingRow[];
  query: FindingListQuery;
  selected: ReadonlyMap<string, FindingRow>;
  onToggle: (row: FindingRow) => void;
  onTogglePage: (rows: FindingRow[], select: boolean) => void;
  onOpen: (key: string) => void;
  onSort: (field: FindingSort, order: 'asc' | 'desc') => void;
  busy: boolean;
}) {
  const current: SortState<FindingSort> = { sort: query.sort, order: query.order };
  const sortBy = (next: SortState<FindingSort>) => onSort(next.sort, next.order);
  const header = (label: string, field: FindingSort) => (
    <SortHeader label={label} sortKey={field} current={current} onSort={sortBy} firstOrder={firstOrder(field)} className="px-3" />
  );
  const pageSelectable = rows.filter(selectable);
  const allOnPage = pageSelectable.length > 0 && pageSelectable.every((r) => selected.has(r.key));
  const someOnPage = pageSelectable.some((r) => selected.has(r.key));
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity ${busy ? 'opacity-60' : ''}`} aria-busy={busy}>
      <table className="w-full text-sm">
        <caption className="sr-only">Access Analyzer findings</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select every finding on this page"
                checked={allOnPage}
                ref={(el) => {
                  if (el) el.indeterminate = someOnPage && !allOnPage;
                }}
                disabled={pageSelectable.length === 0}
                onChange={() => onTogglePage(pageSelectable, !allOnPage)}
              />
            </th>
            {header('Resource', 'resource')}
            {header('Type', 'findingType')}
            <th scope="col" className="px-3 py-2 font-medium uppercase tracking-wide">
              Access / what is unused
            </th>
            {header('Account', 'account')}
            {header('Status', 'status')}
            <th scope="col" aria-sort={ariaSort(['createdAt', 'updatedAt'], current)} className="whitespace-nowrap px-3 py-2 font-medium">
              <SortButton label="Created" sortKey="createdAt" current={current} onSort={sortBy} firstOrder="desc" />
              <span className="text-slate-300"> / </span>
              <SortButton label="Updated" sortKey="updatedAt" current={current} onSort={sortBy} firstOrder="desc" />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.key} className={`border-t border-slate-100 align-top hover:bg-slate-50 ${selected.has(f.key) ? 'bg-sky-50/60' : ''}`}>
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select finding on ${f.resource}`}
                  checked={selected.has(f.key)}
                  disabled={!selectable(f)}
                  title={selectable(f) ? undefined : 'Resolved by AWS: cannot be archived or re-activated'}
                  onChange={() => onToggle(f)}
                />
              </td>
              <td className="min-w-[16rem] max-w-[24rem] px-3 py-2">
                <button type="button" onClick={() => onOpen(f.key)} className="text-left font-mono text-xs break-all text-sky-800 hover:underline" aria-label={`Details of the finding on ${f.resource}`}>
                  {f.resource}
                </button>
                <div className="mt-0.5 text-xs text-slate-500" title={`Analyzer ${f.analyzerName}`}>
                  {f.resourceType} · {f.region}
                </div>
              </td>
              <td className="whitespace-nowrap px-3 py-2" title={f.findingType}>
                {typeLabel(f.findingType)}
              </td>
              <td className="min-w-[11rem] max-w-[16rem] px-3 py-2">
                {f.gist.isPublic ? (
                  <span className="mr-1">
                    <Badge tone="red">Public</Badge>
                  </span>
                ) : null}
                <span className="break-words text-slate-800">{f.gist.text}</span>
                {f.gist.lastAccessed ? <div className="text-xs text-slate-500">last used {formatDay(f.gist.lastAccessed)}</div> : null}
                {f.error ? <div className="text-xs text-red-700">Analysis error: {f.error}</div> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <div>{f.accountName}</div>
                <div className="font-mono text-xs text-slate-500">{f.accountId}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <StatusBadge status={f.status} />
                {f.archiveExpiresAt ? <div className="mt-0.5 text-xs text-slate-500">until {isoDate(f.archiveExpiresAt)}</div> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                <RelativeTime value={f.createdAt} />
                {Math.abs(new Date(f.updatedAt).getTime() - new Date(f.createdAt).getTime()) > DAY_MS ? (
                  <div className="text-xs text-slate-500">
                    updated <RelativeTime value={f.updatedAt} />
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
