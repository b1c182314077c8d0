'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { formatCount } from '@/components/ui/format-count';
import { useAccountDirectory } from '@/lib/accounts/hooks';
import { maxDirectoryMatches } from '@/lib/accounts/schema';
import { useStartReview } from '@/lib/review/hooks';
import type { ReviewSummary } from '@/lib/review/schema';

/**
 * Picks the accounts (those of the OU chosen on the screen, or all) and starts a review on their
 * newest credential reports. An account without a report cannot be reviewed yet: it is listed, not offered.
 * The server sends the first 100 accounts of the scope (by OU, then name) and how many there are:
 * a larger organization is reviewed an OU at a time.
 */
export function StartReviewForm({ drafts, ou }: { drafts: ReviewSummary[]; ou: string | undefined }) {
  const accounts = useAccountDirectory({ ou, report: 'read', take: maxDirectoryMatches });
  const unread = useAccountDirectory({ ou, report: 'not-read', take: 10 });
  const start = useStartReview();
  const router = useRouter();
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [title, setTitle] = useState('');
  const list = accounts.data?.accounts ?? [];
  const chosen = list.filter((a) => !unchecked.has(a.id)).map((a) => a.id);
  const withoutReport = unread.data?.accounts ?? [];
  const withoutReportCount = unread.data?.matches ?? 0;
  const notListed = (accounts.data?.matches ?? 0) - list.length;

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate(
      { accountIds: chosen, ...(title.trim() ? { title: title.trim() } : {}) },
      { onSuccess: ({ id }) => router.push(`/review/${id}`) },
    );
  }

  if (accounts.isLoading) return <p className="text-sm text-slate-500">Loading accounts…</p>;
  if (accounts.error) return <p role="alert" className="text-sm text-red-700">The accounts could not be loaded: {accounts.error.message}</p>;
  if (list.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No account{ou ? ` in ${ou}` : ''} has a credential report yet: a review needs one. See the Sync screen.
      </p>
    );
  }

  return (
    <form onSubmit={submit} aria-label="Start a review" className="space-y-4">
      <p className="text-sm text-slate-600">
        The review freezes each account&apos;s newest credential report: later syncs do not change what the meeting decides on.
      </p>
      {drafts.length > 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {drafts.length === 1 ? 'A review is still open: ' : 'Reviews still open: '}
          {drafts.map((d, i) => (
            <span key={d.review.id}>
              {i > 0 ? ', ' : ''}
              <Link className="font-medium underline" href={`/review/${d.review.id}`}>
                {d.review.title}
              </Link>
            </span>
          ))}
          . Continue it rather than starting another, unless this one is a correction.
        </p>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">
          Accounts{ou ? ` in ${ou} and below` : ''} <span className="font-normal text-slate-500">({chosen.length} of {list.length} chosen)</span>
        </legend>
        {notListed > 0 ? (
          <p className="mt-1 text-xs text-amber-800">
            The first {formatCount(list.length)} of {formatCount(accounts.data?.matches ?? 0)} accounts are listed; {formatCount(notListed)} more have a credential
            report{ou ? ` in ${ou}` : ''}: choose an OU above to review the others.
          </p>
        ) : null}
        {list.length > 8 ? (
          <div className="mt-1 flex gap-3 text-xs">
            <button type="button" className="font-medium text-sky-700 hover:underline" onClick={() => setUnchecked(new Set())}>
              Choose all
            </button>
            <button type="button" className="font-medium text-sky-700 hover:underline" onClick={() => setUnchecked(new Set(list.map((a) => a.id)))}>
              Choose none
            </button>
          </div>
        ) : null}
        <div className="mt-2 flex max-h-64 flex-wrap gap-x-6 gap-y-2 overflow-y-auto">
          {list.map((a) => (
            <label key={a.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={!unchecked.has(a.id)}
                onChange={(e) => {
                  const next = new Set(unchecked);
                  if (e.target.checked) next.delete(a.id);
                  else next.add(a.id);
                  setUnchecked(next);
                }}
              />
              <span>
                {a.name} <span className="font-mono text-xs text-slate-500">{a.id}</span>
              </span>
            </label>
          ))}
        </div>
        {withoutReport.length > 0 ? (
          <p className="mt-2 text-xs text-amber-800">
            No credential report read yet for {withoutReport.map((a) => a.name).join(', ')}
            {withoutReportCount > withoutReport.length ? ` and ${formatCount(withoutReportCount - withoutReport.length)} more` : ''}: not offered until a sync reads one.
          </p>
        ) : null}
      </fieldset>
      <label className="block max-w-xl text-sm">
        <span className="font-medium text-slate-800">Title</span> <span className="text-slate-500">(optional)</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Credential-report review, <month year>"
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      {start.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The review could not be started: {start.error.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={chosen.length === 0 || start.isPending}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {start.isPending ? 'Starting…' : `Start review of ${chosen.length} account${chosen.length === 1 ? '' : 's'}`}
      </button>
    </form>
  );
}
