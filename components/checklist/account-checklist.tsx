'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { EvidenceBadge, SeverityBadge, VerdictBadge } from '@/components/checklist/verdict-badge';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatCount } from '@/components/ui/format-count';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { useAccountItems, useEvidence } from '@/lib/checklist/hooks';
import { evidenceStatusOrder, type AccountItems, type ChecklistItemWithoutEvidence, type EvidenceStatus } from '@/lib/checklist/schema';

// One account's checklist: a row per item; an item opens to its evidence (read a page at a time,
// failing first: a large account has thousands of entries), remedy, references and thresholds.

const referenceLabel: Record<ChecklistItemWithoutEvidence['references'][number]['framework'], string> = {
  'CIS AWS Foundations Benchmark v3.0.0': 'CIS',
  'AWS Security Hub': 'Security Hub',
  'AWS IAM User Guide': 'IAM User Guide',
  'Rhino Security Labs': 'Rhino Security Labs',
};

function AccountHeading({ account, evaluatedAt }: { account: AccountItems['account']; evaluatedAt: string | null }) {
  const notRead = account.exclusion ?? (account.lastReachError !== null ? `the last sync could not reach it: ${account.lastReachError}` : null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-lg font-semibold tracking-tight text-slate-900">{account.name}</h2>
        <span className="font-mono text-xs text-slate-500">{account.id}</span>
        {account.ouPath !== null ? <span className="text-sm text-slate-600">{account.ouPath}</span> : <span className="text-sm text-slate-500">not in an organization</span>}
        {account.orgStatus !== null && account.orgStatus !== 'ACTIVE' ? <Badge tone="red">{account.orgStatus.toLowerCase().replaceAll('_', ' ')}</Badge> : null}
        {evaluatedAt ? (
          <span className="text-xs text-slate-500">
            evaluated <RelativeTime value={evaluatedAt} />
          </span>
        ) : null}
        <Link href="/" className="text-sm font-medium text-sky-700 hover:underline">
          All accounts
        </Link>
      </div>
      {notRead !== null ? (
        <p role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="font-semibold">Not read:</span> <span className="break-words">{notRead}</span>
          {evaluatedAt ? '. The verdicts below judge what was read before; none passes on data older than the staleness limit (WARDEN_STALE_DATA_HOURS).' : '. Nothing of it has been read: no item passes.'}
        </p>
      ) : null}
      {account.paused ? (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Paused: an admin stopped syncing this account. The verdicts judge data read before.
        </p>
      ) : null}
    </div>
  );
}

export function AccountChecklist({ accountId }: { accountId: string }) {
  const checklist = useAccountItems(accountId);
  const [open, setOpen] = useState<string | null>(null);
  if (checklist.isLoading) return <p className="text-sm text-slate-500">Loading the checklist…</p>;
  if (checklist.error) return <ErrorAlert what="The checklist" message={checklist.error.message} />;
  const data = checklist.data;
  if (!data) return null;
  return (
    <div className="space-y-4">
      <AccountHeading account={data.account} evaluatedAt={data.evaluatedAt} />
      {data.items.length === 0 ? (
        <EmptyState title="No checklist for this account yet">
          <p>The checklist is evaluated after each sync that reaches the account.</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">Checklist of {data.account.name}</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="w-10 px-3 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Checklist item
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Verdict
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
                  Summary
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => {
                const expanded = open === item.slug;
                return (
                  <Fragment key={item.slug}>
                    <tr className="border-t border-slate-100 hover:bg-slate-50">
                      <td className="px-3 py-2 text-slate-500">{item.number}</td>
                      <td className="px-3 py-2">
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-controls={`item-${item.slug}`}
                          onClick={() => setOpen(expanded ? null : item.slug)}
                          className="text-left font-medium text-slate-900 hover:text-sky-800"
                        >
                          <span aria-hidden className="mr-1 inline-block w-3 text-slate-400">
                            {expanded ? '▾' : '▸'}
                          </span>
                          {item.title}
                        </button>
                      </td>
                      <td className="px-3 py-2">
                        <VerdictBadge verdict={item.verdict} />
                      </td>
                      <td className="hidden max-w-xl px-3 py-2 text-slate-600 md:table-cell">
                        <span className="line-clamp-2">{item.summary}</span>
                      </td>
                    </tr>
                    {expanded ? (
                      <tr id={`item-${item.slug}`} className="border-t border-slate-100 bg-slate-50/60">
                        <td />
                        <td colSpan={3} className="px-3 pb-4 pt-2">
                          <ItemDetail accountId={data.account.id} accountName={data.account.name} item={item} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ItemDetail({ accountId, accountName, item }: { accountId: string; accountName: string; item: ChecklistItemWithoutEvidence }) {
  return (
    <section aria-label={`${item.title} — ${accountName}`} className="rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <VerdictBadge verdict={item.verdict} />
        <SeverityBadge severity={item.severity} />
        <span className="text-xs text-slate-500">
          since <RelativeTime value={item.since} />
        </span>
      </div>
      <p className="mt-2 text-slate-800">{item.summary}</p>
      {item.missingPermissions.length > 0 ? (
        <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-amber-900">
          Could not be read. Grant Warden: <code className="font-mono">{item.missingPermissions.join(', ')}</code>
        </p>
      ) : null}
      <Evidence accountId={accountId} slug={item.slug} />
      {item.verdict !== 'pass' && item.verdict !== 'not_applicable' && (item.remedy.text || item.remedy.commands.length > 0) ? (
        <div className="mt-3">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Remedy</h4>
          <p className="mt-1 text-slate-800">{item.remedy.text}</p>
          {item.remedy.commands.length > 0 ? (
            <div className="mt-2 rounded-md bg-slate-900 p-3">
              <div className="mb-2 flex items-center justify-end gap-3">
                {item.remedy.commandsTotal > item.remedy.commands.length ? (
                  <span className="text-xs text-slate-300">
                    The first {item.remedy.commands.length} of {formatCount(item.remedy.commandsTotal)} commands.{' '}
                    <a
                      className="font-semibold text-sky-300 underline"
                      href={`/api/checklist/remedy?${new URLSearchParams({ account: accountId, item: item.slug }).toString()}`}
                      download
                    >
                      Download all {formatCount(item.remedy.commandsTotal)}
                    </a>
                  </span>
                ) : null}
                <CopyButton text={item.remedy.commands.join('\n')} label={item.remedy.commandsTotal > item.remedy.commands.length ? 'Copy these' : 'Copy commands'} />
              </div>
              <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-slate-100">{item.remedy.commands.join('\n')}</pre>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
        <Link href={`/reference#${item.slug}`} className="font-semibold text-sky-800 underline">
          How this item is judged
        </Link>
        {item.references.length > 0 ? (
          <div>
            <span className="font-semibold">References: </span>
            {item.references.map((r) => `${referenceLabel[r.framework]} ${r.id}`).join(', ')}
          </div>
        ) : null}
        {item.thresholds.length > 0 ? (
          <div>
            <span className="font-semibold">Thresholds: </span>
            {item.thresholds.map((t) => (
              <span key={t.name} title={t.source} className="mr-3">
                {t.name} {String(t.value)}
                {t.unit ? ` ${t.unit}` : ''} <span className="text-slate-400">({t.source})</span>
              </span>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}

const evidencePageSize = 25;

/** The item's evidence, a page at a time, failing first; narrowed to one status on request. */
function Evidence({ accountId, slug }: { accountId: string; slug: string }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<EvidenceStatus | undefined>(undefined);
  const evidence = useEvidence({ account: accountId, item: slug, status, page, pageSize: evidencePageSize });
  if (evidence.isLoading) return <p className="mt-3 text-xs text-slate-500">Loading the evidence…</p>;
  if (evidence.error) return <div className="mt-3"><ErrorAlert what="The evidence" message={evidence.error.message} /></div>;
  const data = evidence.data;
  if (!data) return null;
  const all = evidenceStatusOrder.reduce((n, s) => n + data.counts[s], 0);
  if (all === 0) return null;
  const choose = (next: EvidenceStatus | undefined) => {
    setStatus(next);
    setPage(1);
  };
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-semibold uppercase tracking-wide text-slate-500">Evidence</span>
        <div role="group" aria-label="Evidence by status" className="flex flex-wrap gap-1.5">
          <button type="button" aria-pressed={status === undefined} onClick={() => choose(undefined)} className={chip(status === undefined)}>
            all {formatCount(all)}
          </button>
          {evidenceStatusOrder
            .filter((s) => data.counts[s] > 0)
            .map((s) => (
              <button key={s} type="button" aria-pressed={status === s} onClick={() => choose(s)} className={chip(status === s)}>
                {s} {formatCount(data.counts[s])}
              </button>
            ))}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-xs">
          <caption className="sr-only">Evidence{status ? ` (${status})` : ''}, failing first</caption>
          <tbody>
            {data.evidence.map((e) => (
              <tr key={`${e.kind}-${e.id}`} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-2">
                  <EvidenceBadge status={e.status} />
                </td>
                <td className="break-all py-1 pr-3 font-medium">{e.label}</td>
                <td className="py-1 pr-3 text-slate-700">{e.detail}</td>
                <td className="break-all py-1 font-mono text-[11px] text-slate-500">
                  {Object.entries(e.values)
                    .filter(([, v]) => v !== null && v !== '')
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join('  ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.total > evidencePageSize ? <Pagination label="Pages of evidence" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} /> : null}
    </div>
  );
}

function chip(on: boolean): string {
  return `rounded-full border px-2 py-0.5 font-medium ${on ? 'border-sky-700 bg-sky-700 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`;
}
