'use client';

import { formatCount } from '@/components/ui/format-count';

// Previous / next through a server-paginated list, with the page size to choose.

export function Pager({
  page,
  pageCount,
  total,
  pageSize,
  noun,
  onPage,
  onPageSize,
  pageSizes = [25, 50, 100, 200],
  busy = false,
  label,
}: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  noun: [string, string];
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  pageSizes?: number[];
  busy?: boolean;
  /** Names the navigation when a screen has several lists. */
  label?: string;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const count = `${formatCount(total)} ${total === 1 ? noun[0] : noun[1]}`;
  return (
    <nav aria-label={label ?? `Pages of ${noun[1]}`} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <span aria-live="polite">
        {total === 0 ? count : `${formatCount(first)}–${formatCount(last)} of ${count}`}
        {busy ? <span className="ml-2 text-slate-400">updating…</span> : null}
      </span>
      <div className="flex items-center gap-3">
        {onPageSize ? (
          <label className="flex items-center gap-1.5">
            <span>Per page</span>
            <select className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          Previous
        </button>
        <span>
          Page {formatCount(Math.min(page, pageCount))} of {formatCount(pageCount)}
        </span>
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
          disabled={page >= pageCount}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
