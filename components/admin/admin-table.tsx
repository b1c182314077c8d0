import type { ReactNode } from 'react';

/** The administration screens' table: a caption for screen readers, column headings, the rows. */
export function AdminTable({ caption, columns, children, alignTop = false }: { caption: string; columns: string[]; children: ReactNode; alignTop?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-4 py-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100${alignTop ? ' align-top' : ''}`}>{children}</tbody>
      </table>
    </div>
  );
}
