'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { EvidenceBadge, SeverityBadge, VerdictBadge } from '@/components/checklist/verdict-badge';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import { useChecklist } from '@/lib/checklist/hooks';
import type { AccountChecklist, ChecklistItemWithSince } from '@/lib/checklist/schema';

// The checklist as a matrix: one row per item, one column per account. A row opens to the
// evidence, remedy, references and thresholds of every account.

type Row = { number: number; slug: string; title: string; cells: { account: AccountChecklist; item: ChecklistItemWithSince | undefined }[] };

function rows(accounts: AccountChecklist[]): Row[] {
  const bySlug = new Map<string, { number: number; title: string }>();
  for (const a of accounts) for (const i of a.items) if (!bySlug.has(i.slug)) bySlug.set(i.slug, { number: i.number, title: i.title });
  return [...bySlug]
    .sort(([, a], [, b]) => a.number - b.number)
    .map(([slug, { number, title }]) => ({ number, slug, title, cells: accounts.map((account) => ({ account, item: account.items.find((i) => i.slug === slug) })) }));
}

const referenceLabel: Record<ChecklistItemWithSince['references'][number]['framework'], string> = {
  'CIS AWS Foundations Benchmark v3.0.0': 'CIS',
  'AWS Security Hub': 'Security Hub',
  'AWS IAM User Guide': 'IAM User Guide',
  'Rhino Security Labs': 'Rhino Security Labs',
};

export function ChecklistView({ accountId }: { accountId: string | null }) {
  const checklist = useChecklist(accountId);
  const [open, setOpen] = useState<string | null>(null);
  if (checklist.isLoading) return <p className="text-sm text-slate-500">Loading the checklist…</p>;
  if (checklist.error) return <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">The checklist could not be loaded: {checklist.error.message}</p>;
  const accounts = checklist.data?.accounts ?? [];
  if (accounts.length === 0) {
    return (
      <EmptyState title="No checklist yet">
        <p>The checklist is evaluated after each sync. Start one with “Sync now”.</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">Security checklist verdicts per account</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-10 px-3 py-2 font-medium">#</th>
            <th scope="col" className="px-3 py-2 font-medium">Checklist item</th>
            {accounts.map((a) => (
              <th scope="col" key={a.accountId} className="px-3 py-2 font-medium normal-case">
                <div className="text-slate-700">{a.accountName}</div>
                <div className="font-mono text-[11px] text-slate-500">{a.accountId}</div>
                {a.paused ? (
                  <div className="text-[11px] text-amber-800" title="An admin paused syncing this account: these verdicts judge data read before.">
                    paused: not synced
                  </div>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows(accounts).map((row) => {
            const expanded = open === row.slug;
            return (
              <Fragment key={row.slug}>
                <tr className="border-t border-slate-100 hover:bg-slate-50">
                  <td className="px-3 py-2 text-slate-500">{row.number}</td>
                  <td className="px-3 py-2">
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={`item-${row.slug}`}
                      onClick={() => setOpen(expanded ? null : row.slug)}
                      className="text-left font-medium text-slate-900 hover:text-sky-800"
                    >
                      <span aria-hidden className="mr-1 inline-block w-3 text-slate-400">{expanded ? '▾' : '▸'}</span>
                      {row.title}
                    </button>
                  </td>
                  {row.cells.map(({ account, item }) => (
                    <td key={account.accountId} className="px-3 py-2" title={item?.summary}>
                      {item ? <VerdictBadge verdict={item.verdict} /> : <span className="text-slate-400">—</span>}
                    </td>
                  ))}
                </tr>
                {expanded ? (
                  <tr id={`item-${row.slug}`} className="border-t border-slate-100 bg-slate-50/60">
                    <td />
                    <td colSpan={accounts.length + 1} className="px-3 pb-4 pt-2">
                      <div className="space-y-4">
                        {row.cells.map(({ account, item }) =>
                          item ? <ItemDetail key={account.accountId} account={account} item={item} showAccount={accounts.length > 1} /> : null,
                        )}
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ItemDetail({ account, item, showAccount }: { account: AccountChecklist; item: ChecklistItemWithSince; showAccount: boolean }) {
  const [all, setAll] = useState(false);
  const evidence = [...item.evidence].sort((a, b) => rank(a.status) - rank(b.status));
  const shown = all ? evidence : evidence.slice(0, 25);
  return (
    <section aria-label={`${item.title} — ${account.accountName}`} className="rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        {showAccount ? <span className="font-semibold">{account.accountName}</span> : null}
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
      {evidence.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-xs">
            <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence</caption>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.kind}-${e.id}`} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-2">
                    <EvidenceBadge status={e.status} />
                  </td>
                  <td className="py-1 pr-3 font-medium break-all">{e.label}</td>
                  <td className="py-1 pr-3 text-slate-700">{e.detail}</td>
                  <td className="py-1 font-mono text-[11px] text-slate-500 break-all">
                    {Object.entries(e.values)
                      .filter(([, v]) => v !== null && v !== '')
                      .map(([k, v]) => `${k}=${String(v)}`)
                      .join('  ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {evidence.length > shown.length ? (
            <button type="button" className="mt-1 text-xs font-medium text-sky-700 hover:underline" onClick={() => setAll(true)}>
              Show all {evidence.length} evidence items
            </button>
          ) : null}
        </div>
      ) : null}
      {item.verdict !== 'pass' && item.verdict !== 'not_applicable' && (item.remedy.text || item.remedy.commands.length > 0) ? (
        <div className="mt-3">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Remedy</h4>
          <p className="mt-1 text-slate-800">{item.remedy.text}</p>
          {item.remedy.commands.length > 0 ? (
            <div className="mt-2 rounded-md bg-slate-900 p-3">
              <div className="mb-2 flex justify-end">
                <CopyButton text={item.remedy.commands.join('\n')} label="Copy commands" />
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

function rank(status: string): number {
  return ['fail', 'unknown', 'noted', 'pass', 'excluded'].indexOf(status);
}
