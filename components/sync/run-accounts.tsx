'use client';

import { useCallback, useState } from 'react';
import { SourceRunsTable } from '@/components/sync/source-runs-table';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatCount } from '@/components/ui/format-count';
import { Pagination } from '@/components/ui/pagination';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { useSyncRunAccounts } from '@/lib/sync/hooks';
import { runAccountsPageSize } from '@/lib/sync/schema';

// A run's accounts with their sources, a page at a time from the server: accounts with a failed,
// skipped or incomplete source first, then by name. Search by name or id; or only the problems.
// With an account chosen in the picker, just that account's sources.

export function RunAccounts({ runId, accountId, caption }: { runId: string; accountId: string | null; caption: string }) {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [search, setSearch] = useDebouncedText(
    q,
    useCallback((value: string | undefined) => {
      setQ(value);
      setPage(1);
    }, []),
    300,
  );
  const accounts = useSyncRunAccounts(runId, accountId ? { account: accountId } : { page, q, problems: problemsOnly ? 'only' : 'first' });
  const data = accounts.data;
  const filtered = q !== undefined || problemsOnly;

  return (
    <div className="space-y-3">
      {accountId === null ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <input
            type="search"
            aria-label="Search the run’s accounts"
            placeholder="Account name or id"
            maxLength={128}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm placeholder:text-slate-500"
          />
          <label className="flex items-center gap-2 text-slate-700">
            <input
              type="checkbox"
              checked={problemsOnly}
              onChange={(e) => {
                setProblemsOnly(e.target.checked);
                setPage(1);
              }}
            />
            Only accounts with a problem
          </label>
          {data ? (
            <p className="text-slate-600" aria-live="polite">
              {data.problemAccounts > 0 ? (
                <>
                  <span className="font-medium text-red-700">
                    {formatCount(data.problemAccounts)} {data.problemAccounts === 1 ? 'account' : 'accounts'} with a failed, skipped or incomplete source
                  </span>
                  {problemsOnly ? null : ', listed first'}
                </>
              ) : (
                `No account ${filtered ? 'found ' : ''}has a failed, skipped or incomplete source`
              )}
            </p>
          ) : null}
        </div>
      ) : null}
      {accounts.error ? <ErrorAlert what="The run’s accounts" message={accounts.error.message} /> : null}
      {accounts.isLoading ? <p className="text-sm text-slate-500">Loading the run’s accounts…</p> : null}
      {data && data.total === 0 ? (
        <p className="text-sm text-slate-500">
          {accountId !== null
            ? `Account ${accountId} was not read in this run.`
            : q !== undefined
              ? `No account of this run has a name or id containing “${q}”${problemsOnly ? ' and a problem' : ''}.`
              : problemsOnly
                ? 'No account of this run has a problem.'
                : 'No account was read in this run.'}
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          {accountId === null ? (
            <Pagination label="Pages of the run’s accounts" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          ) : null}
          <div className={accounts.isPlaceholderData ? 'opacity-60' : undefined}>
            <SourceRunsTable accounts={data.accounts} now={new Date()} caption={caption} />
          </div>
          {accountId === null && data.total > runAccountsPageSize ? (
            <Pagination label="Pages of the run’s accounts, below the table" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
