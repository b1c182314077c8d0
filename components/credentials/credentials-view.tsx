'use client';

import { usePathname } from 'next/navigation';
import { OuSelect } from '@/components/shell/ou-select';
import { ScreenToolbar } from '@/components/shell/screen-toolbar';
import { useCallback } from 'react';
import { CredentialsTable } from '@/components/credentials/credentials-table';
import { CrossingKeys } from '@/components/credentials/crossing-keys';
import { KeyAgePanel } from '@/components/credentials/key-age-panel';
import { ReportTimes } from '@/components/credentials/report-times';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { NoDataYet } from '@/components/sync/no-data-yet';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Pagination } from '@/components/ui/pagination';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { credentialFilterHelp, credentialFilterLabel } from '@/lib/credentials/filters';
import { credentialsExportUrl, useCredentials, useCredentialsSummary } from '@/lib/credentials/hooks';
import { credentialFilterNames, credentialsSearchParams, credentialsUrlSchema, type CredentialFilter } from '@/lib/credentials/schema';
import type { UrlStateOptions } from '@/lib/url-state';
import { useUrlState } from '@/lib/use-url-state';

// Any change but paging goes back to page 1.
const credentialsUrl: UrlStateOptions<typeof credentialsUrlSchema> = { resets: ['page'] };

/** The credentials screen; the view (account, search, filters, sort, page) lives in the URL. */
export function CredentialsView() {
  const pathname = usePathname();
  const { value: view, update: setView } = useUrlState(credentialsUrlSchema, credentialsUrl);
  const accountId = view.account ?? null;

  // The search box updates the URL (and so the query) once typing pauses.
  const [search, setSearch] = useDebouncedText(view.q, useCallback((q: string | undefined) => setView({ q }), [setView]), 300);

  const page = useCredentials(view);
  const summary = useCredentialsSummary(accountId, view.ou);
  const data = page.data;

  const toggleFilter = (f: CredentialFilter) => setView({ filter: view.filter.includes(f) ? view.filter.filter((x) => x !== f) : [...view.filter, f] });
  const clearFilters = () => {
    setSearch('');
    setView({ filter: [], q: undefined });
  };
  const thresholds = data?.thresholds ?? summary.data?.thresholds ?? { keyRotationDays: 90, unusedCredentialDays: 45, reviewIntervalDays: 31 };
  const crossingHref = `${pathname}?${credentialsSearchParams({ account: view.account, ou: view.ou, filter: ['crossing'], sort: 'key1Age', order: 'desc' }).toString()}`;
  const noReport = data !== undefined && data.reports.length === 0;

  return (
    <div className="space-y-6">
      <ScreenToolbar />

      {noReport ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <NoDataYet what={accountId ? `The credential report of account ${accountId}` : 'The credential report'} />
          </div>
          <Card title="Credential report freshness">
            <FreshnessPanel accountId={accountId} sources={['credential-report']} ou={view.ou} />
          </Card>
        </div>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title="Active key ages">
              {summary.isLoading ? (
                <div className="h-[200px] animate-pulse rounded bg-slate-100" />
              ) : summary.error ? (
                <ErrorAlert what="Key ages" message={summary.error.message} />
              ) : summary.data ? (
                <KeyAgePanel summary={summary.data} />
              ) : null}
            </Card>
            <Card title={`Crossing ${thresholds.keyRotationDays} days before the next review`}>
              {summary.isLoading ? (
                <div className="h-[200px] animate-pulse rounded bg-slate-100" />
              ) : summary.error ? (
                <ErrorAlert what="The review calendar" message={summary.error.message} />
              ) : summary.data ? (
                <CrossingKeys summary={summary.data} tableHref={crossingHref} />
              ) : null}
            </Card>
            <Card title="Credential report freshness">
              <FreshnessPanel accountId={accountId} sources={['credential-report']} ou={view.ou} />
            </Card>
          </div>

          <section aria-labelledby="users-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <div className="space-y-3 border-b border-slate-200 p-4">
              <div className="flex flex-wrap items-end justify-between gap-3">
                <div>
                  <h2 id="users-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
                    Users and keys
                    {page.isPlaceholderData ? (
                      <span role="status" className="ml-2 font-normal normal-case tracking-normal text-slate-400">
                        updating…
                      </span>
                    ) : null}
                  </h2>
                  {data ? <ReportTimes reports={data.reports} missing={data.accountsWithoutReport} /> : null}
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <OuSelect value={view.ou} onChange={(ou) => setView({ ou })} layout="inline" />
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    <span>Search users</span>
                    <input
                      type="search"
                      value={search}
                      onChange={(e) => setSearch(e.target.value)}
                      placeholder="user name"
                      maxLength={128}
                      className="w-48 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    />
                  </label>
                  <a
                    href={credentialsExportUrl(view)}
                    download
                    className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
                  >
                    Export CSV
                  </a>
                </div>
              </div>
              <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-2">
                {credentialFilterNames.map((f) => {
                  const on = view.filter.includes(f);
                  return (
                    <button
                      key={f}
                      type="button"
                      aria-pressed={on}
                      title={credentialFilterHelp[f]}
                      onClick={() => toggleFilter(f)}
                      className={`rounded-full border px-3 py-1 text-xs font-medium ${
                        on ? 'border-sky-700 bg-sky-700 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
                      }`}
                    >
                      {credentialFilterLabel(f, thresholds)}
                    </button>
                  );
                })}
                {view.filter.length > 0 || view.q ? (
                  <button type="button" onClick={clearFilters} className="text-xs font-medium text-sky-700 hover:underline">
                    Clear filters
                  </button>
                ) : null}
              </div>
            </div>

            {page.isLoading ? (
              <p className="p-6 text-sm text-slate-500">Loading the credential report…</p>
            ) : page.error ? (
              <div className="p-4">
                <ErrorAlert what="The credential report" message={page.error.message} />
              </div>
            ) : data && data.rows.length === 0 && data.total > 0 ? (
              <div className="p-4">
                <EmptyState title={`Page ${data.page} is past the end`}>
                  <p>
                    The view has {data.pageCount} {data.pageCount === 1 ? 'page' : 'pages'}.{' '}
                    <button type="button" onClick={() => setView({ page: data.pageCount })} className="font-medium text-sky-700 hover:underline">
                      Go to the last page
                    </button>
                  </p>
                </EmptyState>
              </div>
            ) : data && data.rows.length === 0 ? (
              <div className="p-4">
                <EmptyState title="No user matches this view">
                  <p>
                    {view.q ? `No user name contains “${view.q}”` : 'No user'}
                    {view.filter.length > 0 ? ` with: ${view.filter.map((f) => credentialFilterLabel(f, thresholds).toLowerCase()).join('; ')}` : ''}.{' '}
                    <button type="button" onClick={clearFilters} className="font-medium text-sky-700 hover:underline">
                      Clear filters
                    </button>
                  </p>
                </EmptyState>
              </div>
            ) : data ? (
              <>
                <CredentialsTable
                  rows={data.rows}
                  sort={{ sort: view.sort, order: view.order }}
                  onSort={(s) => setView({ sort: s.sort, order: s.order })}
                  keyRotationDays={data.thresholds.keyRotationDays}
                  showAccount={accountId === null}
                  caption="Credential report: users, console access, MFA and access keys"
                />
                <div className="border-t border-slate-200 px-4 py-3">
                  <Pagination
                    label="Pages of users"
                    page={data.page}
                    pageSize={data.pageSize}
                    total={data.total}
                    onPage={(p) => setView({ page: p })}
                    onPageSize={(s) => setView({ pageSize: s })}
                  />
                </div>
              </>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
