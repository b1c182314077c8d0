'use client';

// "Showing 51–100 of 12,034" with previous/next and a page size, for server-paginated tables.

const fmt = new Intl.NumberFormat('en-US');
const buttonClass = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50 disabled:opacity-40';

export function Pagination({
  label,
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
  pageSizes = [25, 50, 100, 200],
}: {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  pageSizes?: number[];
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        {total === 0 ? 'Nothing to show' : `Showing ${fmt.format(from)}–${fmt.format(to)} of ${fmt.format(total)}`}
        {pages > 1 ? ` · page ${fmt.format(page)} of ${fmt.format(pages)}` : ''}
      </p>
      <div className="flex items-center gap-2">
        {onPageSize ? (
          <label className="flex items-center gap-1">
            <span>Per page</span>
            <select className="rounded-md border border-slate-300 bg-white px-1.5 py-1" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {pages > 2 ? (
          <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => onPage(1)}>
            First
          </button>
        ) : null}
        <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <button type="button" className={buttonClass} disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </button>
        {pages > 2 ? (
          <button type="button" className={buttonClass} disabled={page >= pages} onClick={() => onPage(pages)}>
            Last
          </button>
        ) : null}
      </div>
    </nav>
  );
}
