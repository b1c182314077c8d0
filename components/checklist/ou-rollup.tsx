import { ItemColumnHead } from '@/components/checklist/verdict-cell';
import { formatCount } from '@/components/ui/format-count';
import type { ChecklistItemHead, OuRollup } from '@/lib/checklist/schema';
import { ouName } from '@/lib/organization/ou-path';

// The roll-up per OU: for each OU (with its sub-OUs), how many accounts fail each item and how
// many cannot be judged on it. Choosing an OU filters the accounts below to it.

function TallyCell({ item, fail, unknown }: { item: ChecklistItemHead; fail: number; unknown: number }) {
  const label = `${item.number}. ${item.title}: ${fail} failing, ${unknown} unknown`;
  return (
    <td aria-label={label} title={label} className="px-0.5 py-1.5 text-center tabular-nums">
      {fail > 0 ? <span className="font-semibold text-red-700">{formatCount(fail)}</span> : null}
      {unknown > 0 ? <span className="ml-0.5 text-[11px] text-amber-700">?{formatCount(unknown)}</span> : null}
      {fail === 0 && unknown === 0 ? <span className="text-slate-300">·</span> : null}
    </td>
  );
}

export function OuRollupTable({
  ous,
  items,
  selected,
  onSelect,
}: {
  ous: OuRollup[];
  items: ChecklistItemHead[];
  selected: string | undefined;
  onSelect: (ou: string | undefined) => void;
}) {
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Accounts failing each checklist item, per OU</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                OU
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                Accounts
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium" title="Accounts left out of the sync (excluded, suspended, removed) or that it could not reach">
                Not read
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium" title="Accounts failing at least one item">
                Failing
              </th>
              {items.map((i) => (
                <ItemColumnHead key={i.slug} item={i} />
              ))}
            </tr>
          </thead>
          <tbody>
            {ous.map((o) => {
              const current = o.path !== null && o.path === selected;
              return (
                <tr key={o.path ?? '(none)'} className={`border-t border-slate-100 ${current ? 'bg-sky-50' : 'hover:bg-slate-50'}`}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                    <span style={{ paddingLeft: `${o.depth * 1.25}rem` }} className="inline-block">
                      {o.path === null ? (
                        <span className="text-slate-600">Not in an organization</span>
                      ) : (
                        <button
                          type="button"
                          aria-pressed={current}
                          title={`Show the accounts of ${o.path} and its sub-OUs`}
                          onClick={() => onSelect(current ? undefined : o.path ?? undefined)}
                          className="font-medium text-sky-800 hover:underline"
                        >
                          {ouName(o.path)}
                        </button>
                      )}
                    </span>
                  </th>
                  <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(o.accounts)}</td>
                  <td className={`px-2 py-1.5 text-right tabular-nums ${o.notRead > 0 ? 'font-semibold text-red-700' : 'text-slate-400'}`}>{formatCount(o.notRead)}</td>
                  <td className={`px-2 py-1.5 text-right tabular-nums ${o.failing > 0 ? 'text-red-700' : 'text-slate-400'}`}>{formatCount(o.failing)}</td>
                  {items.map((i) => (
                    <TallyCell key={i.slug} item={i} fail={o.items[i.slug]?.fail ?? 0} unknown={o.items[i.slug]?.unknown ?? 0} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Each number counts the OU&apos;s accounts (sub-OUs included) failing the item;{' '}
        <span className="text-amber-700">?n</span> counts those that cannot be judged on it (unknown, or never read). Accounts left out on purpose count under
        “Not read” only.
      </p>
    </div>
  );
}
