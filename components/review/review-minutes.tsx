import { ActivityLine } from '@/components/review/activity-line';
import { ChangesList } from '@/components/review/changes-list';
import { isOverdue } from '@/components/review/format';
import { formatUtc } from '@/components/ui/format-utc';
import { decisionLabel, itemTitle, reasonLabel } from '@/lib/review/labels';
import type { ReviewDetail } from '@/lib/review/schema';

// The review as the meeting's minutes: what it covered, what changed, what was decided by whom,
// who attended, and the sign-off. Server-rendered; styled for paper by app/review/[id]/print/print.css.

export function ReviewMinutes({ detail, demo }: { detail: ReviewDetail; demo: boolean }) {
  const { review } = detail;
  const signed = review.status === 'signed';
  const snapshotOf = new Map(detail.accounts.map((a) => [a.accountId, a.reportGeneratedAt]));
  return (
    <article className="review-minutes space-y-6 bg-white text-slate-900" aria-label="Review minutes">
      <header className="border-b border-slate-300 pb-3">
        <p className="text-xs uppercase tracking-wide text-slate-500">Warden · minutes of the credential-report review</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{review.title}</h1>
        {!signed ? (
          <p className="mt-2 rounded border-2 border-amber-500 px-3 py-1.5 text-sm font-semibold text-amber-900">
            Draft — not signed off. These minutes are not final.
          </p>
        ) : null}
        {demo ? <p className="mt-2 text-sm text-amber-900">Demo mode: the data comes from Warden&apos;s built-in sandbox, not from AWS.</p> : null}
        {review.notes ? <p className="mt-2 text-sm text-violet-900">{review.notes}</p> : null}
        <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">Started</dt>
          <dd>
            {formatUtc(review.startedAt)} by {review.startedBy}
          </dd>
          <dt className="text-slate-500">Attendees</dt>
          <dd>{review.attendees.length > 0 ? review.attendees.join(', ') : 'none recorded'}</dd>
          <dt className="text-slate-500">Sign-off</dt>
          <dd className="font-medium">{signed ? `${review.signedBy}, ${formatUtc(review.signedAt)}` : 'not signed off'}</dd>
        </dl>
      </header>

      <section aria-labelledby="minutes-accounts">
        <h2 id="minutes-accounts" className="text-base font-semibold">1. Accounts and credential reports</h2>
        <table className="minutes-table mt-2 w-full text-sm">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Credential report (frozen)</th>
              <th scope="col">Compared with</th>
            </tr>
          </thead>
          <tbody>
            {detail.accounts.map((a) => (
              <tr key={a.accountId}>
                <td>
                  {a.accountName} ({a.accountId})
                </td>
                <td>{formatUtc(a.reportGeneratedAt)}</td>
                <td>{a.baseline ? `${formatUtc(a.baseline.reportGeneratedAt)}${a.baseline.reviewTitle ? ` — ${a.baseline.reviewTitle}` : ''}` : 'no earlier signed review'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="minutes-changes">
        <h2 id="minutes-changes" className="text-base font-semibold">2. Changes since the last signed review ({detail.counts.changes})</h2>
        <div className="mt-2">
          <ChangesList accounts={detail.accounts} />
        </div>
      </section>

      <section aria-labelledby="minutes-decisions">
        <h2 id="minutes-decisions" className="text-base font-semibold">
          3. Decisions ({detail.counts.decided} of {detail.counts.items} items decided)
        </h2>
        {detail.items.length === 0 ? (
          <p className="mt-2 text-sm">Nothing needed a decision.</p>
        ) : (
          <table className="minutes-table mt-2 w-full table-fixed text-xs">
            <colgroup>
              <col className="w-[11%]" />
              <col className="w-[12%]" />
              <col className="w-[15%]" />
              <col className="w-[25%]" />
              <col className="w-[15%]" />
              <col className="w-[10%]" />
              <col className="w-[12%]" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Item</th>
                <th scope="col">Why on the agenda</th>
                <th scope="col">Evidence and activity</th>
                <th scope="col">Decision</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {detail.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.accountName}</td>
                  <td className="font-medium">{itemTitle(item)}</td>
                  <td>
                    {item.reasons.map((r) => reasonLabel(r, detail.thresholds)).join('; ')}
                    {item.carriedFrom ? (
                      <div className="mt-1 italic">
                        Carried over: {decisionLabel(item.carriedFrom.decision)}
                        {item.carriedFrom.dueDate ? `, due ${item.carriedFrom.dueDate}${isOverdue(item.carriedFrom.dueDate, snapshotOf.get(item.accountId) ?? review.startedAt) ? ' (overdue)' : ''}` : ''}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {item.evidence.join(' ')}
                    <ActivityLine activity={item.activity} />
                  </td>
                  <td>
                    <span className="font-medium">{item.decision ? decisionLabel(item.decision) : 'UNDECIDED'}</span>
                    {item.justification ? <div className="mt-0.5">{item.justification}</div> : null}
                  </td>
                  <td>{item.owner ?? '—'}</td>
                  <td className="whitespace-nowrap">{item.dueDate ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="minutes-signoff" className="review-keep-together">
        <h2 id="minutes-signoff" className="text-base font-semibold">4. Sign-off</h2>
        {signed ? (
          <p className="mt-2 text-sm">
            Signed off by <span className="font-semibold">{review.signedBy}</span> on {formatUtc(review.signedAt)}. Recorded in Warden; the review can no longer be
            edited, a correction is a new review.
          </p>
        ) : (
          <p className="mt-2 text-sm font-semibold text-amber-900">Not signed off.</p>
        )}
      </section>
    </article>
  );
}
