'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { AgendaItem } from '@/components/review/agenda-item';
import { AttendeesForm } from '@/components/review/attendees-form';
import { ChangesList } from '@/components/review/changes-list';
import { formatUtc } from '@/components/ui/format-utc';
import { ReviewStatusBadge } from '@/components/review/review-badges';
import { SignOffForm } from '@/components/review/sign-off-form';
import { OuSelect } from '@/components/shell/ou-select';
import { useReview } from '@/lib/review/hooks';
import { reviewDetailQuerySchema, type ReviewDetail } from '@/lib/review/schema';
import { useUrlState } from '@/lib/use-url-state';
import { useCan } from '@/components/auth/viewer-role';

// The review meeting: what it is based on, what changed, the agenda with decisions, attendees and
// sign-off. A signed review is shown read-only. ?ou= shows only its accounts in that OU and below
// (a meeting of one team); the sign-off still covers the whole review.

export function ReviewWorkspace({ id }: { id: string }) {
  const { value: view, update } = useUrlState(reviewDetailQuerySchema);
  const review = useReview(id, view.ou);
  if (review.isLoading) return <p className="text-sm text-slate-500">Loading the review…</p>;
  if (review.error || !review.data) {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">
        The review could not be loaded: {review.error?.message ?? 'no data'}. <Link className="font-medium underline" href="/review">Back to the reviews</Link>
      </p>
    );
  }
  return <Workspace detail={review.data} ou={view.ou} onOu={(ou) => update({ ou })} />;
}

function Workspace({ detail, ou, onOu }: { detail: ReviewDetail; ou: string | undefined; onOu: (ou: string | undefined) => void }) {
  const { review, counts } = detail;
  const signed = review.status === 'signed';
  const mayReview = useCan('triager');
  const [undecidedOnly, setUndecidedOnly] = useState(false);
  const items = detail.items.filter((item) => !undecidedOnly || item.decision === null);
  const snapshotOf = new Map(detail.accounts.map((a) => [a.accountId, a.reportGeneratedAt]));
  const byAccount = detail.accounts
    .map((account) => ({ account, items: items.filter((item) => item.accountId === account.accountId) }))
    .filter((group) => group.items.length > 0);

  return (
    <div className="space-y-6">
      <PageHeader
        title={review.title}
        description={`Credential-report review of ${detail.accounts.map((a) => a.accountName).join(', ')}. Started by ${review.startedBy}, ${formatUtc(review.startedAt)}.`}
        actions={
          <>
            <Link href={`/review/${review.id}/print`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Printable minutes
            </Link>
            <a href={`/api/reviews/${review.id}/csv`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Download CSV
            </a>
          </>
        }
      />
      <div className="-mt-3 flex flex-wrap items-center gap-3 text-sm">
        <ReviewStatusBadge status={review.status} />
        <Link href={ou ? `/review?${new URLSearchParams({ ou }).toString()}` : '/review'} className="text-sky-700 hover:underline">
          All reviews
        </Link>
        <OuSelect value={ou} onChange={onOu} layout="inline" />
      </div>
      {detail.ou !== null ? (
        <p role="status" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          {detail.accounts.length === 0
            ? `No account of this review is in ${detail.ou} or below it.`
            : `Showing the ${detail.accounts.length} of ${detail.inReview.accounts} accounts of this review in ${detail.ou} and below, with their ${counts.items} of ${detail.inReview.items} agenda items.`}{' '}
          The sign-off, the minutes and the CSV cover the whole review.
        </p>
      ) : null}

      {review.notes ? <p className="rounded-md border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-950">{review.notes}</p> : null}

      {signed ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
          <span className="font-semibold">Signed off by {review.signedBy}</span> on {formatUtc(review.signedAt)}. This review is closed and can no longer be
          edited; a correction is a new review.
        </p>
      ) : null}

      <Card title="Based on">
        <table className="w-full text-sm">
          <caption className="sr-only">Frozen credential reports of this review</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">Account</th>
              <th scope="col" className="py-1 pr-4 font-medium">Credential report (frozen)</th>
              <th scope="col" className="py-1 pr-4 font-medium">Compared with</th>
              <th scope="col" className="py-1 pr-4 font-medium">Changes</th>
              <th scope="col" className="py-1 font-medium">Agenda items</th>
            </tr>
          </thead>
          <tbody>
            {detail.accounts.map((a) => (
              <tr key={a.accountId} className="border-t border-slate-100">
                <td className="py-1.5 pr-4">
                  {a.accountName} <span className="font-mono text-xs text-slate-500">{a.accountId}</span>
                </td>
                <td className="py-1.5 pr-4 whitespace-nowrap">{formatUtc(a.reportGeneratedAt)}</td>
                <td className="py-1.5 pr-4">
                  {a.baseline ? (
                    <>
                      report of {formatUtc(a.baseline.reportGeneratedAt)}
                      {a.baseline.reviewTitle ? <span className="text-slate-500"> ({a.baseline.reviewTitle})</span> : null}
                    </>
                  ) : (
                    <span className="text-slate-500">no earlier signed review</span>
                  )}
                </td>
                <td className="py-1.5 pr-4">{a.baseline ? a.changes.length : '—'}</td>
                <td className="py-1.5">{detail.items.filter((i) => i.accountId === a.accountId).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <section aria-labelledby="changes-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="changes-heading" className="mb-3 text-lg font-semibold tracking-tight">
          Changes since the last signed review <span className="text-sm font-normal text-slate-500">({counts.changes})</span>
        </h2>
        <ChangesList accounts={detail.accounts} />
      </section>

      <section aria-labelledby="agenda-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="agenda-heading" className="text-lg font-semibold tracking-tight">
              Agenda
            </h2>
            <p className="text-sm text-slate-600">
              {counts.decided} of {counts.items} items decided{detail.ou !== null ? ` in ${detail.ou}` : ''}
              {counts.carriedOver > 0 ? ` · ${counts.carriedOver} carried over from the last review` : ''}. Judged from the frozen reports with the
              checklist&apos;s limits: unused {'>'} {detail.thresholds.unusedCredentialDays} days, keys older than {detail.thresholds.keyRotationDays} days.
            </p>
          </div>
          {!signed ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={undecidedOnly} onChange={(e) => setUndecidedOnly(e.target.checked)} />
              Undecided only
            </label>
          ) : null}
        </div>
        <div className="h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden>
          <div className="h-full bg-emerald-600" style={{ width: `${counts.items === 0 ? 100 : Math.round((counts.decided / counts.items) * 100)}%` }} />
        </div>
        {detail.items.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-700">
            Nothing needs a decision: no user or key in these reports is flagged, and nothing is open from the last review.
          </p>
        ) : null}
        {undecidedOnly && items.length === 0 && detail.items.length > 0 ? <p className="text-sm text-emerald-800">Every item is decided.</p> : null}
        {byAccount.map(({ account, items: accountItems }) => (
          <section key={account.accountId} aria-label={`Agenda for ${account.accountName}`} className="space-y-3">
            <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
              {account.accountName} <span className="font-mono normal-case">{account.accountId}</span>
            </h3>
            {accountItems.map((item) => (
              <AgendaItem key={item.id} detail={detail} item={item} snapshotAt={snapshotOf.get(item.accountId) ?? review.startedAt} />
            ))}
          </section>
        ))}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Attendees">
          {signed ? (
            <ul className="list-disc pl-5 text-sm">
              {review.attendees.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          ) : (
            mayReview ? <AttendeesForm reviewId={review.id} attendees={review.attendees} /> : <p className="text-sm text-slate-600">Reviews are run by triagers and administrators; you can read everything here.</p>
          )}
        </Card>
        <Card title="Sign-off">
          {signed ? (
            <p className="text-sm">
              Signed off by <span className="font-semibold">{review.signedBy}</span> on {formatUtc(review.signedAt)}.
            </p>
          ) : (
            mayReview ? <SignOffForm detail={detail} /> : <p className="text-sm text-slate-600">Reviews are run by triagers and administrators; you can read everything here.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
