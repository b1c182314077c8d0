'use client';

import { useCallback } from 'react';
import { OuSelect } from '@/components/shell/ou-select';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { StatusBadge, actionLabels, typeLabel } from '@/components/findings/labels';
import { formatUtc } from '@/components/ui/format-utc';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { useFindingAudit, type ScreenParam } from '@/lib/findings/hooks';
import type { AuditQuery } from '@/lib/findings/schema';
import { isoDate } from '@/lib/dates';

// Every triage action (archive, re-activate, expiry) across findings, filterable by OU (shared with
// the list), action, actor, finding and date.

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function AuditTrail({ query, update, onOpen }: { query: AuditQuery; update: (changes: Partial<Record<ScreenParam, string | number | undefined>>) => void; onOpen: (key: string) => void }) {
  const audit = useFindingAudit(query);
  const [finding, setFinding] = useDebouncedText(query.finding, useCallback((v: string | undefined) => update({ finding: v }), [update]));
  const filtered = Boolean(query.ou || query.action || query.actor || query.finding || query.from || query.to);

  return (
    <div className="space-y-4">
      <div role="group" aria-label="Audit trail filters" className="flex flex-wrap items-end gap-3">
        <OuSelect value={query.ou} onChange={(ou) => update({ ou, auditPage: undefined })} />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Action
          <select className={inputClass} value={query.action ?? ''} onChange={(e) => update({ action: e.target.value || undefined })}>
            <option value="">All actions</option>
            <option value="archive">Archived</option>
            <option value="unarchive">Re-activated</option>
            <option value="expire">Archive expired</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Actor
          <select className={inputClass} value={query.actor ?? ''} onChange={(e) => update({ actor: e.target.value || undefined })}>
            <option value="">Everyone</option>
            {[...new Set([...(audit.data?.actors ?? []), ...(query.actor ? [query.actor] : [])])].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Finding (key or resource)
          <input type="search" className={`${inputClass} w-72`} value={finding} maxLength={2048} placeholder="ARN or part of it" onChange={(e) => setFinding(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          From (UTC)
          <input type="date" className={inputClass} value={query.from ?? ''} max={query.to} onChange={(e) => update({ from: e.target.value || undefined })} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          To (UTC)
          <input type="date" className={inputClass} value={query.to ?? ''} min={query.from} onChange={(e) => update({ to: e.target.value || undefined })} />
        </label>
        {filtered ? (
          <button
            type="button"
            className="rounded-md px-2 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-50"
            onClick={() => {
              setFinding('');
              update({ ou: undefined, action: undefined, actor: undefined, finding: undefined, from: undefined, to: undefined, auditPage: undefined });
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>

      {audit.isLoading ? <p className="text-sm text-slate-500">Loading the audit trail…</p> : null}
      {audit.error ? (
        <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">
          The audit trail could not be loaded: {audit.error.message}{' '}
          <button type="button" className="font-medium underline" onClick={() => void audit.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {audit.data && audit.data.total === 0 ? (
        <EmptyState title={filtered ? 'No triage action matches these filters' : 'No triage actions yet'}>
          <p>Archiving or re-activating a finding from Warden records who did it, when and why here.</p>
        </EmptyState>
      ) : null}
      {audit.data && audit.data.total > 0 ? (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-sm">
              <caption className="sr-only">Triage audit trail</caption>
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">When (UTC)</th>
                  <th scope="col" className="px-3 py-2 font-medium">Action</th>
                  <th scope="col" className="px-3 py-2 font-medium">Actor</th>
                  <th scope="col" className="px-3 py-2 font-medium">Finding</th>
                  <th scope="col" className="px-3 py-2 font-medium">Change</th>
                  <th scope="col" className="px-3 py-2 font-medium">Reason</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.entries.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap px-3 py-2 text-slate-700">{formatUtc(e.at)}</td>
                    <td className="whitespace-nowrap px-3 py-2 font-medium">{actionLabels[e.action] ?? e.action}</td>
                    <td className="whitespace-nowrap px-3 py-2">{e.actor}</td>
                    <td className="max-w-sm px-3 py-2">
                      <button type="button" onClick={() => onOpen(e.findingKey)} className="text-left font-mono text-xs break-all text-sky-800 hover:underline" aria-label={`Details of the finding on ${e.finding.resource}`}>
                        {e.finding.resource}
                      </button>
                      <div className="text-xs text-slate-500">
                        {typeLabel(e.finding.findingType)} · {e.finding.accountName} · currently <span className="font-medium">{e.finding.status.toLowerCase()}</span>
                      </div>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <StatusBadge status={e.fromStatus} /> <span aria-hidden>→</span>
                      <span className="sr-only">to</span> <StatusBadge status={e.toStatus} />
                      {e.expiresAt ? <div className="mt-0.5 text-xs text-slate-500">expires {isoDate(e.expiresAt)}</div> : null}
                    </td>
                    <td className="max-w-md whitespace-pre-wrap break-words px-3 py-2 text-slate-800">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Audit trail pages" page={audit.data.page} pageSize={audit.data.pageSize} total={audit.data.total} onPage={(p) => update({ auditPage: p === 1 ? undefined : p })} />
        </>
      ) : null}
    </div>
  );
}
