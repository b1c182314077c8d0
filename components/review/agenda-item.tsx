import { ActivitySummary } from '@/components/review/activity-summary';
import { DecisionForm } from '@/components/review/decision-form';
import { isOverdue } from '@/components/review/format';
import { formatUtc } from '@/components/ui/format-utc';
import { DecisionBadge, ReasonBadge } from '@/components/review/review-badges';
import { decisionLabel, itemTitle } from '@/lib/review/labels';
import type { AgendaItemView, ReviewDetail } from '@/lib/review/schema';
import { useCan } from '@/components/auth/viewer-role';

// One agenda item: why it is on the agenda, the evidence from the frozen report, recent activity,
// what the last review decided if it is still open, and this meeting's decision.

export function AgendaItem({ detail, item, snapshotAt }: { detail: ReviewDetail; item: AgendaItemView; snapshotAt: string }) {
  const title = itemTitle(item);
  const signed = detail.review.status === 'signed';
  const mayReview = useCan('triager');
  const carried = item.carriedFrom;
  return (
    <article
      aria-label={`${item.accountName}: ${title}`}
      className={`rounded-lg border bg-white p-4 shadow-sm ${item.decision ? 'border-slate-200' : 'border-amber-300'}`}
    >
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-3">
          <header className="flex flex-wrap items-center gap-2">
            <h4 className="text-base font-semibold text-slate-900">{title}</h4>
            <DecisionBadge decision={item.decision} />
            {item.reasons.map((reason) => (
              <ReasonBadge key={reason} reason={reason} thresholds={detail.thresholds} />
            ))}
          </header>
          {carried ? (
            <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              <p>
                <span className="font-semibold">Carried over, open when this review started:</span> {carried.reviewTitle} decided <span className="font-medium">{decisionLabel(carried.decision)}</span>
                {carried.owner ? `, owner ${carried.owner}` : ''}
                {carried.dueDate ? (
                  <>
                    , due {carried.dueDate}
                    {isOverdue(carried.dueDate, snapshotAt) ? <span className="font-semibold text-red-800"> (overdue)</span> : null}
                  </>
                ) : null}
                .
              </p>
              <p className="mt-0.5 text-amber-900">{carried.note}</p>
            </div>
          ) : null}
          <div>
            <h5 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence (credential report)</h5>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800">
              {item.evidence.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          <div>
            <h5 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Recent activity (CloudTrail)</h5>
            <div className="mt-1">
              <ActivitySummary activity={item.activity} who={item.kind === 'root' ? 'root' : item.userName} isRoot={item.kind === 'root'} ofKey={item.kind === 'key'} />
            </div>
          </div>
        </div>
        <div className="border-t border-slate-100 pt-3 lg:border-l lg:border-t-0 lg:pl-4 lg:pt-0">
          {signed || !mayReview ? (
            <DecisionRecord item={item} />
          ) : (
            <DecisionForm reviewId={detail.review.id} item={item} />
          )}
        </div>
      </div>
    </article>
  );
}

function DecisionRecord({ item }: { item: AgendaItemView }) {
  if (!item.decision) return <p className="text-sm text-slate-600">No decision recorded.</p>;
  return (
    <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-1 text-sm">
      <dt className="text-slate-500">Decision</dt>
      <dd className="font-medium">{decisionLabel(item.decision)}</dd>
      <dt className="text-slate-500">Owner</dt>
      <dd>{item.owner ?? '—'}</dd>
      <dt className="text-slate-500">Due</dt>
      <dd>{item.dueDate ?? '—'}</dd>
      <dt className="text-slate-500">Why</dt>
      <dd>{item.justification ?? '—'}</dd>
      <dt className="text-slate-500">Recorded</dt>
      <dd className="text-slate-600">
        {item.decidedBy ?? '—'}, {formatUtc(item.decidedAt)}
      </dd>
    </dl>
  );
}
