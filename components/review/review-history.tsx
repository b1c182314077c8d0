'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDay, formatUtc } from '@/components/ui/format-utc';
import { DecisionBadge, OutcomeBadge, ReviewStatusBadge } from '@/components/review/review-badges';
import { StartReviewForm } from '@/components/review/start-review-form';
import { itemTitle } from '@/lib/review/labels';
import { parseSubject } from '@/lib/review/subject';
import { useReviews } from '@/lib/review/hooks';
import { reviewListQuerySchema, type DecisionOutcome, type ReviewSummary } from '@/lib/review/schema';
import { OuSelect } from '@/components/shell/ou-select';
import { useUrlState } from '@/lib/use-url-state';
import { useNow } from '@/components/ui/relative-time';
import { useCan } from '@/components/auth/viewer-role';
import { DAY_MS } from '@/lib/dates';

// The Review screen: start a review, and every review so far with what became of its decisions.

export function ReviewHistory() {
  const { value: view, update } = useUrlState(reviewListQuerySchema);
  const reviews = useReviews(view.ou);
  const mayReview = useCan('triager');
  const list = reviews.data?.reviews ?? [];
  const drafts = list.filter((r) => r.review.status === 'draft');
  const lastSigned = list.find((r) => r.review.status === 'signed' && r.review.signedAt !== null);
  return (
    <div className="space-y-6">
      {reviews.data ? <NextDue lastSigned={lastSigned} intervalDays={reviews.data.reviewIntervalDays} /> : null}
      <OuSelect value={view.ou} onChange={(ou) => update({ ou })} layout="inline" />
      <Card title="Start a review">
        {mayReview ? <StartReviewForm drafts={drafts} ou={view.ou} /> : <p className="text-sm text-slate-600">Reviews are run by triagers and administrators; you can read everything here.</p>}
      </Card>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold tracking-tight">
          History
        </h2>
        {reviews.isLoading ? <p className="text-sm text-slate-500">Loading reviews…</p> : null}
        {reviews.error ? (
          <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">
            The reviews could not be loaded: {reviews.error.message}
          </p>
        ) : null}
        {reviews.data && list.length === 0 ? (
          <EmptyState title={view.ou ? `No review of an account in ${view.ou} yet` : 'No review yet'}>
            <p>Start the first one above. Its agenda lists every user and key that needs a decision.</p>
          </EmptyState>
        ) : null}
        {list.length > 0 ? <HistoryTable reviews={list} ou={view.ou} /> : null}
      </section>
    </div>
  );
}

function NextDue({ lastSigned, intervalDays }: { lastSigned: ReviewSummary | undefined; intervalDays: number }) {
  const now = useNow();
  if (!lastSigned?.review.signedAt) {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        No review has been signed off yet: checklist item 14 “Credential report reviewed monthly” fails until one is.
      </p>
    );
  }
  const signedAt = new Date(lastSigned.review.signedAt);
  const due = new Date(signedAt.getTime() + intervalDays * DAY_MS);
  const overdue = now !== null && due.getTime() < now;
  return (
    <p className={`rounded-md border px-4 py-3 text-sm ${overdue ? 'border-red-300 bg-red-50 text-red-900' : 'border-emerald-300 bg-emerald-50 text-emerald-900'}`}>
      Last sign-off: <span className="font-medium">{lastSigned.review.title}</span>, {formatUtc(lastSigned.review.signedAt)} by {lastSigned.review.signedBy}.{' '}
      {overdue
        ? `The next review was due by ${formatDay(due.toISOString())} (${intervalDays} days later): checklist item 14 fails until a review is signed off.`
        : `The next review is due by ${formatDay(due.toISOString())} (${intervalDays} days later).`}
    </p>
  );
}

function HistoryTable({ reviews, ou }: { reviews: ReviewSummary[]; ou: string | undefined }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">Credential-report reviews, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Review</th>
            <th scope="col" className="px-3 py-2 font-medium">Credential report</th>
            <th scope="col" className="px-3 py-2 font-medium">Agenda</th>
            <th scope="col" className="px-3 py-2 font-medium">Changes</th>
            <th scope="col" className="px-3 py-2 font-medium">Sign-off</th>
            <th scope="col" className="px-3 py-2 font-medium">What became of the decisions</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => {
            const expanded = open === r.review.id;
            const reports = [...new Set(r.accounts.map((a) => formatUtc(a.reportGeneratedAt)))];
            return (
              <Fragment key={r.review.id}>
                <tr className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <Link href={`/review/${r.review.id}${ou ? `?${new URLSearchParams({ ou }).toString()}` : ''}`} className="font-medium text-sky-800 hover:underline">
                      {r.review.title}
                    </Link>
                    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                      <ReviewStatusBadge status={r.review.status} />
                      <span>{r.accounts.map((a) => a.accountName).join(', ')}</span>
                    </div>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-700">{reports.join(', ')}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.counts.decided} of {r.counts.items} decided
                    {r.counts.carriedOver > 0 ? <div className="text-xs text-slate-500">{r.counts.carriedOver} carried over</div> : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.counts.changes === null ? <span className="text-slate-500">first review</span> : r.counts.changes === 0 ? 'none' : r.counts.changes}
                  </td>
                  <td className="px-3 py-2">
                    {r.review.signedAt ? (
                      <>
                        <div>{r.review.signedBy}</div>
                        <div className="text-xs text-slate-500">{formatUtc(r.review.signedAt)}</div>
                      </>
                    ) : (
                      <span className="text-slate-500">not signed off</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {r.outcomes ? (
                      <>
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-medium text-emerald-800">{r.outcomes.done} done</span>
                          <span className="text-slate-400">·</span>
                          <span className={`font-medium ${r.outcomes.open > 0 ? 'text-red-800' : 'text-slate-600'}`}>{r.outcomes.open} still open</span>
                          <button
                            type="button"
                            aria-expanded={expanded}
                            aria-controls={`outcomes-${r.review.id}`}
                            onClick={() => setOpen(expanded ? null : r.review.id)}
                            className="text-xs font-medium text-sky-700 hover:underline"
                          >
                            {expanded ? 'Hide decisions' : 'Show decisions'}
                          </button>
                        </div>
                        <div className="text-xs text-slate-500">judged from {r.outcomes.judgedFrom}</div>
                      </>
                    ) : (
                      <span className="text-slate-500">judged once signed off</span>
                    )}
                  </td>
                </tr>
                {expanded && r.outcomes ? (
                  <tr id={`outcomes-${r.review.id}`} className="bg-slate-50/60">
                    <td colSpan={6} className="px-3 pb-4 pt-1">
                      <OutcomeTable decisions={r.outcomes.decisions} title={r.review.title} />
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

function OutcomeTable({ decisions, title }: { decisions: DecisionOutcome[]; title: string }) {
  return (
    <table className="w-full text-xs">
      <caption className="mb-1 text-left font-semibold uppercase tracking-wide text-slate-500">Decisions of {title}</caption>
      <thead className="text-left text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Account</th>
          <th scope="col" className="py-1 pr-3 font-medium">Item</th>
          <th scope="col" className="py-1 pr-3 font-medium">Decision</th>
          <th scope="col" className="py-1 pr-3 font-medium">Owner, due</th>
          <th scope="col" className="py-1 pr-3 font-medium">Now</th>
          <th scope="col" className="py-1 font-medium">Why</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => {
          const subject = parseSubject(d.subject);
          const item = { kind: subject?.kind ?? 'user', slot: subject?.kind === 'key' ? subject.slot : null, userName: d.userName };
          return (
            <tr key={d.decisionId} className="border-t border-slate-200 align-top">
              <td className="py-1 pr-3 whitespace-nowrap">{d.accountName}</td>
              <td className="py-1 pr-3 whitespace-nowrap font-medium">{itemTitle(item)}</td>
              <td className="py-1 pr-3"><DecisionBadge decision={d.decision} /></td>
              <td className="py-1 pr-3 whitespace-nowrap">{d.owner ?? '—'}{d.dueDate ? `, ${d.dueDate}` : ''}</td>
              <td className="py-1 pr-3"><OutcomeBadge status={d.status} /></td>
              <td className="py-1 text-slate-700">{d.note}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
