import { currentTime } from '@/lib/clock';
import type { Metadata } from 'next';
import { RefreshOnAccountChange } from '@/components/shell/refresh-on-account-change';
import { ScreenToolbar } from '@/components/shell/screen-toolbar';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { LiveSync } from '@/components/sync/live-sync';
import { SyncRunList } from '@/components/sync/sync-run-list';
import { UnreadAccounts } from '@/components/sync/unread-accounts';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/server';
import { effectiveSchedule } from '@/lib/settings/store';
import { countSyncRuns, listSyncRuns } from '@/lib/sync/queries';
import { nextScheduledSync } from '@/lib/sync/scheduler';
import { syncPageQuerySchema, syncRunsPerPage } from '@/lib/sync/schema';
import { utcMinute } from '@/lib/dates';

export const metadata: Metadata = { title: 'Sync' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SyncPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  await requireRole('viewer', '/sync');
  const raw = await searchParams;
  const { page, account } = syncPageQuerySchema.parse({ page: raw.page, account: raw.account });
  const [schedule, total, runs] = await Promise.all([
    effectiveSchedule(),
    countSyncRuns({ accountId: account }),
    listSyncRuns({ take: syncRunsPerPage, skip: (page - 1) * syncRunsPerPage, accountId: account }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / syncRunsPerPage));
  const href = (p: number) => `/sync?${new URLSearchParams({ ...(account ? { account } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
  const now = currentTime();
  const nextRun = nextScheduledSync();
  return (
    <>
      <PageHeader title="Sync" description="Every sync run: when, how long, what it read and how it went; open a run for its accounts, those with a problem first, and each source's outcome, API calls, records stored and errors." />
      <div className="space-y-6">
        <ScreenToolbar />
        {/* The runs below are read on the server for ?account=; the picker changes it without a navigation. */}
        <Suspense>
          <RefreshOnAccountChange rendered={account ?? null} />
        </Suspense>
        <p className="text-sm text-slate-600" aria-label="Schedule">
          {schedule.expression === 'off' ? (
            <>The scheduled sync is off ({schedule.source}); syncs run only when started.</>
          ) : (
            <>
              Scheduled sync: <code className="rounded bg-slate-100 px-1">{schedule.expression}</code> in UTC ({schedule.source})
              {nextRun ? <>, next at <time dateTime={nextRun.toISOString()}>{utcMinute(nextRun)}</time></> : null}.
            </>
          )}{' '}
          Admins change it under Settings.
        </p>
        <LiveSync accountId={account ?? null} />
        <section aria-labelledby="runs-heading" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="runs-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
              Sync runs{account ? ` that read account ${account}` : ''}
            </h2>
            {total > 0 ? (
              <p className="text-sm text-slate-600">
                {total} {total === 1 ? 'run' : 'runs'} · page {Math.min(page, pageCount)} of {pageCount}
              </p>
            ) : null}
          </div>
          {total === 0 ? (
            <EmptyState title="No sync has run yet">
              <p>Runs appear here with their per-account, per-source outcome. Start one with “Sync now”.</p>
            </EmptyState>
          ) : runs.length === 0 ? (
            <EmptyState title={`Page ${page} is past the end`}>
              <p>
                <Link className="font-medium text-sky-700 hover:underline" href={href(pageCount)}>
                  Go to the last page
                </Link>
              </p>
            </EmptyState>
          ) : (
            <SyncRunList runs={runs} now={now} openFirst={page === 1} accountId={account ?? null} />
          )}
          {pageCount > 1 ? (
            <nav aria-label="Pages of sync runs" className="flex items-center justify-between text-sm">
              {page > 1 ? (
                <Link className="font-medium text-sky-700 hover:underline" href={href(page - 1)}>
                  ← Newer runs
                </Link>
              ) : (
                <span />
              )}
              {page < pageCount ? (
                <Link className="font-medium text-sky-700 hover:underline" href={href(page + 1)}>
                  Older runs →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
        <Card title="Accounts not read">
          <UnreadAccounts />
        </Card>
        <Card title="Source freshness">
          <Suspense>
            <FreshnessPanel accountId={account ?? null} />
          </Suspense>
        </Card>
      </div>
    </>
  );
}
