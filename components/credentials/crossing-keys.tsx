'use client';

import Link from 'next/link';
import type { CredentialsSummary, ReviewSchedule } from '@/lib/credentials/schema';
import { formatCount } from '@/components/ui/format-count';
import { isoDate } from '@/lib/dates';

function ReviewLine({ reviews }: { reviews: ReviewSchedule[] }) {
  const overdue = reviews.filter((r) => r.overdue);
  const upcoming = reviews.filter((r) => !r.overdue);
  const days = [...new Set(upcoming.map((r) => isoDate(r.nextReviewAt)))];
  const basis = upcoming.every((r) => r.lastSignedAt === null) ? ' (no review signed yet: 31 days from today)' : '';
  return (
    <div className="mb-2 space-y-1 text-sm text-slate-700">
      {upcoming.length > 0 ? (
        days.length === 1 ? (
          <p>
            Next review: <span className="font-medium">{days[0]}</span>
            <span className="text-slate-500">{basis}</span>
          </p>
        ) : (
          <ul>
            {upcoming.map((r) => (
              <li key={r.accountId}>
                {r.accountName}: next review <span className="font-medium">{isoDate(r.nextReviewAt)}</span>
                {r.lastSignedAt ? <span className="text-slate-500"> (last signed {isoDate(r.lastSignedAt)})</span> : <span className="text-slate-500"> (none signed yet)</span>}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {overdue.map((r) => (
        <p key={r.accountId} className="text-amber-800">
          {r.accountName}: the monthly review was due {isoDate(r.nextReviewAt)} and is overdue.
        </p>
      ))}
    </div>
  );
}

/** Active keys under the rotation limit today that will be over it at the next monthly review. */
export function CrossingKeys({ summary, tableHref }: { summary: CredentialsSummary; tableHref: string }) {
  const limit = summary.thresholds.keyRotationDays;
  return (
    <div>
      <ReviewLine reviews={summary.reviews} />
      {summary.crossingTotal === 0 ? (
        <p className="text-sm text-slate-500">No active key will cross {limit} days before the next review.</p>
      ) : (
        <>
          <div className="max-h-56 overflow-y-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Keys that will be older than {limit} days at the next review</caption>
              <thead className="sticky top-0 bg-white text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">User</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Key</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Age</th>
                  <th scope="col" className="py-1 font-medium">Over {limit} d on</th>
                </tr>
              </thead>
              <tbody>
                {summary.crossing.map((k) => (
                  <tr key={`${k.accountId}/${k.user}/${k.slot}`} className="border-t border-slate-100">
                    <td className="py-1 pr-2 break-all" title={k.arn}>
                      {k.user}
                      {summary.reviews.length > 1 ? <span className="block text-xs text-slate-500">{k.accountName}</span> : null}
                    </td>
                    <td className="py-1 pr-2">{k.slot}</td>
                    <td className="py-1 pr-2 whitespace-nowrap">{k.ageDays} d</td>
                    <td className="py-1 whitespace-nowrap">{isoDate(k.overLimitOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-sm">
            {summary.crossingTotal > summary.crossing.length ? `Showing the first ${summary.crossing.length} of ${formatCount(summary.crossingTotal)}. ` : ''}
            <Link className="font-medium text-sky-700 hover:underline" href={tableHref}>
              {summary.crossingTotal === 1 ? 'Show it in the table' : `Show all ${formatCount(summary.crossingTotal)} in the table`}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
