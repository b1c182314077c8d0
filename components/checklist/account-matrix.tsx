import Link from 'next/link';
import { ItemColumnHead, VerdictCell } from '@/components/checklist/verdict-cell';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import type { AccountVerdicts, ChecklistItemHead } from '@/lib/checklist/schema';

// The account × item matrix, one page of accounts: a row per account (its own checklist a click
// away), a compact verdict per item. An account Warden does not read says so instead of verdicts.

function notReadText(a: AccountVerdicts): string | null {
  if (a.exclusion !== null) return a.exclusion;
  if (a.lastReachError !== null) return `the last sync could not reach it: ${a.lastReachError}`;
  return null;
}

function AccountCell({ a }: { a: AccountVerdicts }) {
  const why = notReadText(a);
  return (
    <th scope="row" className="max-w-72 py-1.5 pl-4 pr-3 text-left font-normal">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <Link href={`/?account=${a.id}`} className="font-medium text-sky-800 hover:underline">
          {a.name}
        </Link>
        <span className="font-mono text-[11px] text-slate-500">{a.id}</span>
        {a.orgStatus !== null && a.orgStatus !== 'ACTIVE' ? <Badge tone="red">{a.orgStatus.toLowerCase().replaceAll('_', ' ')}</Badge> : null}
        {why !== null ? (
          <Badge tone="red" title={why}>
            not read
          </Badge>
        ) : null}
        {a.paused ? (
          <Badge tone="amber" title="An admin paused syncing this account: its verdicts judge data read before.">
            paused
          </Badge>
        ) : null}
      </div>
      {a.ouPath !== null ? (
        <div className="truncate text-[11px] text-slate-500" title={a.ouPath}>
          {a.ouPath}
        </div>
      ) : null}
      {why !== null && a.evaluatedAt !== null ? (
        <div className="line-clamp-2 text-[11px] text-red-700" title={why}>
          {why}; the verdicts judge data read before.
        </div>
      ) : null}
    </th>
  );
}

function Counts({ a }: { a: AccountVerdicts }) {
  if (a.evaluatedAt === null) return <td className="px-2 py-1.5" />;
  const label = `${a.counts.fail} failing, ${a.counts.unknown} unknown, ${a.counts.pass} passing`;
  return (
    <td className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums" title={label} aria-label={label}>
      <span className={a.counts.fail > 0 ? 'font-semibold text-red-700' : 'text-slate-400'}>{a.counts.fail}</span>
      <span className={`ml-1.5 text-[11px] ${a.counts.unknown > 0 ? 'text-amber-700' : 'text-slate-300'}`}>?{a.counts.unknown}</span>
    </td>
  );
}

export function AccountMatrix({ accounts, items }: { accounts: AccountVerdicts[]; items: ChecklistItemHead[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Checklist verdicts per account</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pl-4 pr-3 font-medium">
              Account
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium" title="Items failing, and (after ?) items that cannot be judged">
              Fail
            </th>
            {items.map((i) => (
              <ItemColumnHead key={i.slug} item={i} />
            ))}
            <th scope="col" className="px-3 py-2 font-medium">
              Evaluated
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className="border-t border-slate-100 align-top hover:bg-slate-50">
              <AccountCell a={a} />
              <Counts a={a} />
              {a.evaluatedAt === null ? (
                <td colSpan={items.length} className="px-2 py-1.5 text-xs">
                  <span className={notReadText(a) !== null ? 'font-medium text-red-700' : 'text-slate-600'}>
                    {notReadText(a) !== null ? `Not read: ${notReadText(a)}` : 'Not read yet: no sync has reached this account.'}
                  </span>{' '}
                  <span className="text-slate-500">No verdict: nothing of it passes.</span>
                </td>
              ) : (
                items.map((i) => <VerdictCell key={i.slug} item={i} verdict={a.verdicts[i.slug]} />)
              )}
              <td className="whitespace-nowrap px-3 py-1.5 text-xs text-slate-500">
                <RelativeTime value={a.evaluatedAt} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
