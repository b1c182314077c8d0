'use client';

import { useCallback } from 'react';
import { AccountMatrix } from '@/components/checklist/account-matrix';
import { OuRollupTable } from '@/components/checklist/ou-rollup';
import { ItemLegend } from '@/components/checklist/verdict-cell';
import { OuSelect } from '@/components/shell/ou-select';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Pagination } from '@/components/ui/pagination';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { useChecklistSummary } from '@/lib/checklist/hooks';
import { checklistSummaryQuerySchema } from '@/lib/checklist/schema';
import type { UrlStateOptions } from '@/lib/url-state';
import { useUrlState } from '@/lib/use-url-state';

// The Overview of every account: the roll-up per OU, then a page of accounts × items, worst first.
// The OU, the search, the order and the page live in the URL (?ou=, ?q=, ?sort=, ?page=).

const overviewUrl: UrlStateOptions<typeof checklistSummaryQuerySchema> = { resets: ['page'] };

const sortLabels = { worst: 'Most failures first', name: 'Name', ou: 'OU' } as const;

export function OrganizationChecklist() {
  const { value: view, update } = useUrlState(checklistSummaryQuerySchema, overviewUrl);
  const [search, setSearch] = useDebouncedText(view.q, useCallback((q: string | undefined) => update({ q }), [update]), 300);
  const summary = useChecklistSummary(view);
  const data = summary.data;

  if (summary.isLoading) return <p className="text-sm text-slate-500">Loading the checklist…</p>;
  if (summary.error) return <ErrorAlert what="The checklist" message={summary.error.message} />;
  if (!data) return null;
  if (data.items.length === 0 && data.total === 0 && !view.ou && !view.q) {
    return (
      <EmptyState title="No checklist yet">
        <p>The checklist is evaluated after each sync. Start one with “Sync now”.</p>
      </EmptyState>
    );
  }
  const showRollup = data.ous.some((o) => o.path !== null);

  return (
    <div className="space-y-6">
      {showRollup ? (
        <Card title={view.ou ? `By OU: ${view.ou} and below` : 'By OU'}>
          <OuRollupTable ous={data.ous} items={data.items} selected={view.ou} onSelect={(ou) => update({ ou })} />
        </Card>
      ) : null}
      <section aria-labelledby="matrix-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 p-4">
          <h2 id="matrix-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Accounts
            {view.ou ? <span className="ml-2 font-normal normal-case tracking-normal text-slate-600">in {view.ou} and below</span> : null}
            {summary.isPlaceholderData ? (
              <span role="status" className="ml-2 font-normal normal-case tracking-normal text-slate-400">
                updating…
              </span>
            ) : null}
          </h2>
          <div role="group" aria-label="Account filters" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Search accounts
              <input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="name or account id"
                maxLength={128}
                className="w-56 rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal text-slate-900"
              />
            </label>
            <OuSelect value={view.ou} onChange={(ou) => update({ ou })} />
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Order
              <select
                value={view.sort}
                onChange={(e) => update({ sort: e.target.value })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
              >
                {Object.entries(sortLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        {data.accounts.length === 0 ? (
          <div className="p-4">
            <EmptyState title={data.total > 0 ? `Page ${data.page} is past the end` : 'No account matches'}>
              {data.total > 0 ? (
                <button type="button" className="font-medium text-sky-700 hover:underline" onClick={() => update({ page: Math.ceil(data.total / data.pageSize) })}>
                  Go to the last page
                </button>
              ) : (
                <p>
                  {view.q ? `No account name or id contains “${view.q}”` : 'No account'}
                  {view.ou ? ` in ${view.ou}` : ''}.
                </p>
              )}
            </EmptyState>
          </div>
        ) : (
          <AccountMatrix accounts={data.accounts} items={data.items} />
        )}
        <div className="space-y-3 border-t border-slate-200 px-4 py-3">
          <Pagination
            label="Pages of accounts"
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(page) => update({ page })}
            onPageSize={(pageSize) => update({ pageSize })}
          />
          <ItemLegend items={data.items} />
        </div>
      </section>
    </div>
  );
}
