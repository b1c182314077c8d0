'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { AuditTrail } from '@/components/findings/audit-trail';
import { FindingCounts } from '@/components/findings/finding-counts';
import { FindingDetailPanel } from '@/components/findings/finding-detail';
import { FindingFilters } from '@/components/findings/finding-filters';
import { FindingsTable } from '@/components/findings/findings-table';
import { TriageDialog, type TriageTarget } from '@/components/findings/triage-dialog';
import { AccountPicker } from '@/components/shell/account-picker';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { SyncNowButton } from '@/components/sync/sync-now-button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { useFindings, useFindingsScreenState } from '@/lib/findings/hooks';
import type { FindingListQuery, FindingRow, TriageResult } from '@/lib/findings/schema';
import { useCan } from '@/components/auth/viewer-role';

// The Findings screen: counts, filters, the paginated list with a selection that spans pages,
// archive / re-activate with a reason, one finding's details, and the audit trail tab.

type Pending = { action: 'archive' | 'unarchive'; targets: TriageTarget[]; skipped: number } | null;

const fmt = new Intl.NumberFormat('en-US');

function isDefaultView(q: FindingListQuery): boolean {
  return !q.ou && !q.analyzer && !q.type && !q.resourceType && !q.resource && q.minAgeDays === undefined && q.maxAgeDays === undefined && q.status === 'ACTIVE';
}

function TableSkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <span className="sr-only">Loading findings…</span>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-6 rounded bg-slate-100" />
      ))}
    </div>
  );
}

export function FindingsScreen() {
  const mayTriage = useCan('triager');
  const { list, audit, tab, open, update } = useFindingsScreenState();
  const findings = useFindings(list);
  const [selected, setSelected] = useState<Map<string, FindingRow>>(new Map());
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = findings.data;

  // Selected rows follow what the server says about them now (e.g. after an archive elsewhere):
  // adjusted while rendering when a new page of data arrives, not in an effect.
  const [reconciledWith, setReconciledWith] = useState(data);
  if (data !== reconciledWith) {
    setReconciledWith(data);
    if (data) {
      setSelected((prev) => {
        let changed = false;
        const next = new Map(prev);
        for (const f of data.findings) {
          const old = next.get(f.key);
          if (old && old.status !== f.status) {
            changed = true;
            if (f.status === 'RESOLVED') next.delete(f.key);
            else next.set(f.key, f);
          }
        }
        return changed ? next : prev;
      });
    }
  }

  // A page past the end (the filters changed under it) goes to the last page.
  useEffect(() => {
    if (data && data.total > 0 && data.findings.length === 0 && list.page > 1) update({ page: Math.ceil(data.total / list.pageSize) });
  }, [data, list.page, list.pageSize, update]);

  const selection = useMemo(() => [...selected.values()], [selected]);
  const activeSelected = selection.filter((f) => f.status === 'ACTIVE');
  const archivedSelected = selection.filter((f) => f.status === 'ARCHIVED');

  const startTriage = (action: 'archive' | 'unarchive', rows: FindingRow[] | TriageTarget[], total: number) => {
    setNotice(null);
    setPending({ action, targets: rows.map((r) => ({ key: r.key, resource: r.resource, status: r.status })), skipped: total - rows.length });
  };

  const onDone = (result: TriageResult) => {
    const verb = result.action === 'archive' ? 'Archived' : 'Re-activated';
    setNotice(`${verb} ${result.accepted.length} finding${result.accepted.length === 1 ? '' : 's'} in AWS.${result.warnings.length > 0 ? ` ${result.warnings.join(' ')}` : ''}`);
    setSelected((prev) => {
      const next = new Map(prev);
      for (const k of result.accepted) next.delete(k);
      return next;
    });
    setPending(null);
  };

  const noData = data !== undefined && data.total === 0 && data.facets.analyzers.length === 0 && data.readAt === null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <AccountPicker />
        <div role="tablist" aria-label="Findings views" className="flex rounded-lg border border-slate-300 bg-white p-0.5 text-sm">
          {(
            [
              ['findings', 'Findings'],
              ['audit', 'Audit trail'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              onClick={() => update({ tab: id === 'findings' ? undefined : id })}
              className={`rounded-md px-3 py-1 font-medium ${tab === id ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {label}
            </button>
          ))}
        </div>
        <SyncNowButton />
      </div>

      {notice ? (
        <div role="status" className="flex items-start justify-between gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
          <span>{notice}</span>
          <button type="button" className="text-emerald-800 underline" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {tab === 'audit' ? (
        <section id="panel-audit" role="tabpanel" aria-labelledby="tab-audit">
          <AuditTrail query={audit} update={update} onOpen={(key) => update({ open: key })} />
        </section>
      ) : (
        <section id="panel-findings" role="tabpanel" aria-labelledby="tab-findings" className="space-y-5">
          <div className="grid gap-5 lg:grid-cols-5">
            {noData ? (
              <div className="lg:col-span-3">
                <EmptyState title="No Access Analyzer data yet">
                  <p>
                    Findings appear here after the first sync of Access Analyzer. See the{' '}
                    <Link className="font-medium text-sky-700 hover:underline" href="/sync">
                      Sync
                    </Link>{' '}
                    screen, or use “Sync now”.
                  </p>
                </EmptyState>
              </div>
            ) : (
              <Card title="Findings by type and status" className="lg:col-span-3">
                {data ? (
                  <>
                    <FindingCounts counts={data.counts} query={list} update={update} />
                    <p className="mt-2 text-xs text-slate-500">
                      Counts follow the filters (all statuses). Only active findings are open: archived and resolved ones are counted apart, never as open.
                    </p>
                  </>
                ) : findings.error ? (
                  <p className="text-sm text-slate-500">Counts are unavailable.</p>
                ) : (
                  <p className="text-sm text-slate-500">Counting…</p>
                )}
              </Card>
            )}
            <Card title="Access Analyzer data" className="lg:col-span-2">
              {data ? (
                <p className="mb-2 text-sm text-slate-700">
                  {data.readAt ? (
                    <>
                      Findings as read from AWS <RelativeTime value={data.readAt} />.
                    </>
                  ) : (
                    'Findings have not been read from AWS yet.'
                  )}{' '}
                  Archiving and re-activating are made in AWS at once.
                </p>
              ) : null}
              <FreshnessPanel accountId={list.account ?? null} sources={['access-analyzer']} />
            </Card>
          </div>

          {noData ? null : <FindingFilters query={list} facets={data?.facets} update={update} />}

          {selection.length > 0 ? (
            <div role="region" aria-label="Selection" className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm shadow-sm">
              <span className="font-medium text-sky-950">
                {fmt.format(selection.length)} selected
                <span className="font-normal text-sky-900">
                  {' '}
                  ({fmt.format(activeSelected.length)} active, {fmt.format(archivedSelected.length)} archived)
                </span>
              </span>
              {mayTriage ? (
                <>
                <button
                  type="button"
                  disabled={activeSelected.length === 0}
                  onClick={() => startTriage('archive', activeSelected, selection.length)}
                  className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-40"
                >
                  {activeSelected.length > 0 ? `Archive ${fmt.format(activeSelected.length)}…` : 'Archive…'}
                </button>
                <button
                  type="button"
                  disabled={archivedSelected.length === 0}
                  onClick={() => startTriage('unarchive', archivedSelected, selection.length)}
                  className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-40"
                >
                  {archivedSelected.length > 0 ? `Re-activate ${fmt.format(archivedSelected.length)}…` : 'Re-activate…'}
                </button>
                </>
              ) : (
                <span className="text-sky-900">Archiving and re-activating need the triager role.</span>
              )}
              <button type="button" onClick={() => setSelected(new Map())} className="ml-auto text-sky-900 underline">
                Clear selection
              </button>
            </div>
          ) : null}

          {findings.isLoading ? <TableSkeleton /> : null}
          {findings.error && !data ? (
            <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">
              The findings could not be loaded: {findings.error.message}{' '}
              <button type="button" className="font-medium underline" onClick={() => void findings.refetch()}>
                Try again
              </button>
            </div>
          ) : null}
          {data && !noData && data.total === 0 ? (
            <EmptyState title={isDefaultView(list) ? 'No active findings' : 'No findings match these filters'}>
              <p>
                {isDefaultView(list)
                  ? 'Nothing is open: every finding is archived or resolved. Choose another status to see them.'
                  : 'Change or clear the filters to see more.'}
              </p>
            </EmptyState>
          ) : null}
          {data && data.total > 0 ? (
            <>
              {findings.error ? (
                <p role="alert" className="text-sm text-red-700">
                  Showing the last answer: the newest could not be loaded ({findings.error.message}).
                </p>
              ) : null}
              <FindingsTable
                rows={data.findings}
                query={list}
                selected={selected}
                busy={findings.isFetching && findings.isPlaceholderData}
                onToggle={(row) =>
                  setSelected((prev) => {
                    const next = new Map(prev);
                    if (next.has(row.key)) next.delete(row.key);
                    else next.set(row.key, row);
                    return next;
                  })
                }
                onTogglePage={(rows, select) =>
                  setSelected((prev) => {
                    const next = new Map(prev);
                    for (const r of rows) {
                      if (select) next.set(r.key, r);
                      else next.delete(r.key);
                    }
                    return next;
                  })
                }
                onOpen={(key) => update({ open: key })}
                onSort={(sort, order) => update({ sort: sort === 'createdAt' ? undefined : sort, order: order === 'desc' ? undefined : order })}
              />
              <Pagination
                label="Findings pages"
                page={list.page}
                pageSize={list.pageSize}
                total={data.total}
                onPage={(p) => update({ page: p === 1 ? undefined : p })}
                onPageSize={(s) => update({ pageSize: s === 50 ? undefined : s })}
              />
            </>
          ) : null}
        </section>
      )}

      <FindingDetailPanel
        findingKey={open}
        onClose={() => update({ open: undefined })}
        onTriage={(action, detail) => startTriage(action, [{ key: detail.finding.key, resource: detail.finding.resource, status: detail.finding.status }], 1)}
      />
      <TriageDialog action={pending?.action ?? null} targets={pending?.targets ?? []} skipped={pending?.skipped ?? 0} onClose={() => setPending(null)} onDone={onDone} />
    </div>
  );
}
