'use client';

import { useState, type ReactNode } from 'react';
import { RunAccounts } from '@/components/sync/run-accounts';

/** One run of the list: its summary, and once opened, its accounts a page at a time. */
export function RunDetails({
  runId,
  defaultOpen,
  accountId,
  summary,
  error,
  caption,
}: {
  runId: string;
  defaultOpen: boolean;
  accountId: string | null;
  summary: ReactNode;
  error: string | null;
  caption: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="group rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="flex cursor-pointer list-none items-start gap-3 px-4 py-3 hover:bg-slate-50">
        <span aria-hidden className="mt-0.5 inline-block w-3 text-slate-400 group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-4 py-3">
        {error ? (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        {open ? <RunAccounts runId={runId} accountId={accountId} caption={caption} /> : null}
        <p className="font-mono text-[11px] text-slate-400">run {runId}</p>
      </div>
    </details>
  );
}
