import { formatUtc } from '@/components/ui/format-utc';
import { changeGroupLabels } from '@/lib/review/labels';
import { changeGroups, type ReviewAccountView } from '@/lib/review/schema';

// What changed since the last signed review, per account and kind of change. Server-safe (no
// hooks): the review page and the printed minutes both show it.

function baselineKey(account: ReviewAccountView): string {
  return account.baseline ? `${account.baseline.reviewId ?? ''}|${account.baseline.reportGeneratedAt}` : '';
}

function BaselineLine({ account, withReport }: { account: ReviewAccountView; withReport: boolean }) {
  const baseline = account.baseline;
  if (!baseline) return null;
  return (
    <>
      {withReport ? `Report of ${formatUtc(account.reportGeneratedAt)} compared with the report of ${formatUtc(baseline.reportGeneratedAt)}` : `Compared with the report of ${formatUtc(baseline.reportGeneratedAt)}`}
      {baseline.reviewTitle ? (
        <>
          {' '}
          of the last signed review, <span className="font-medium">{baseline.reviewTitle}</span>, signed {formatUtc(baseline.signedAt)}
          {baseline.signedBy ? ` by ${baseline.signedBy}` : ''}
        </>
      ) : null}
      .
    </>
  );
}

export function ChangesList({ accounts }: { accounts: ReviewAccountView[] }) {
  // One line for the comparison when every account is compared with the same review.
  const first = accounts[0];
  const shared = first !== undefined && first.baseline !== null && accounts.every((a) => baselineKey(a) === baselineKey(first));
  return (
    <div className="space-y-5">
      {shared && first ? (
        <p className="text-sm text-slate-700">
          <BaselineLine account={first} withReport={false} />
        </p>
      ) : null}
      {accounts.map((account) => (
        <section key={account.accountId} aria-label={`Changes in ${account.accountName}`} className="review-keep-together">
          <h3 className="flex flex-wrap items-baseline gap-x-2 text-sm font-semibold text-slate-900">
            {account.accountName}
            <span className="font-mono text-xs font-normal text-slate-500">{account.accountId}</span>
          </h3>
          {account.baseline === null ? (
            <p className="mt-1 text-sm text-slate-600">No earlier signed review covers this account: there is nothing to compare with. Everything on the agenda is new.</p>
          ) : (
            <>
              {shared ? null : (
                <p className="mt-1 text-xs text-slate-600">
                  <BaselineLine account={account} withReport />
                </p>
              )}
              {account.changes.length === 0 ? (
                <p className="mt-2 text-sm text-slate-700">No changes.</p>
              ) : (
                <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm md:grid-cols-[15rem_1fr]">
                  {changeGroups
                    .map((group) => ({ group, changes: account.changes.filter((c) => c.group === group) }))
                    .filter(({ changes }) => changes.length > 0)
                    .map(({ group, changes }) => (
                      <div key={group} className="contents">
                        <dt className="font-medium text-slate-700">
                          {changeGroupLabels[group]} <span className="text-slate-500">({changes.length})</span>
                        </dt>
                        <dd>
                          <ul className="space-y-0.5 text-slate-800">
                            {changes.map((change, index) => (
                              <li key={`${change.kind}-${change.user}-${index}`}>{change.detail}</li>
                            ))}
                          </ul>
                        </dd>
                      </div>
                    ))}
                </dl>
              )}
            </>
          )}
        </section>
      ))}
    </div>
  );
}
