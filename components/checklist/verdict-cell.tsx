import type { ChecklistItemHead, Verdict } from '@/lib/checklist/schema';

// One cell of the account × item matrix: a coloured mark a person scans, the verdict in words for
// a screen reader and on hover.

const marks: Record<Verdict, { mark: string; word: string; className: string }> = {
  pass: { mark: '✓', word: 'Pass', className: 'bg-emerald-100 text-emerald-800' },
  fail: { mark: '✕', word: 'Fail', className: 'bg-red-600 text-white' },
  unknown: { mark: '?', word: 'Unknown', className: 'bg-amber-200 text-amber-900' },
  not_applicable: { mark: '–', word: 'N/A', className: 'bg-slate-100 text-slate-500' },
};

export function verdictWord(verdict: Verdict | undefined): string {
  return verdict ? marks[verdict].word : 'not judged';
}

export function VerdictCell({ item, verdict }: { item: ChecklistItemHead; verdict: Verdict | undefined }) {
  const label = `${item.number}. ${item.title}: ${verdictWord(verdict)}`;
  return (
    <td aria-label={label} title={label} className="px-0.5 py-1 text-center">
      {verdict ? (
        <span aria-hidden className={`inline-flex h-5 w-5 items-center justify-center rounded text-[11px] font-bold ${marks[verdict].className}`}>
          {marks[verdict].mark}
        </span>
      ) : (
        <span aria-hidden className="text-slate-300">
          ·
        </span>
      )}
    </td>
  );
}

/** A matrix column's head: the item's number, its title for a screen reader and on hover. */
export function ItemColumnHead({ item }: { item: ChecklistItemHead }) {
  return (
    <th scope="col" title={`${item.number}. ${item.title}`} className="w-7 px-0.5 py-2 text-center font-medium tabular-nums">
      <span aria-hidden>{item.number}</span>
      <span className="sr-only">
        {item.number}. {item.title}
      </span>
    </th>
  );
}

/** The legend under a matrix: what each column number stands for. */
export function ItemLegend({ items }: { items: ChecklistItemHead[] }) {
  return (
    <details className="text-xs text-slate-600">
      <summary className="cursor-pointer font-medium text-slate-700">What the column numbers stand for</summary>
      <ol className="mt-2 grid gap-x-6 gap-y-0.5 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((i) => (
          <li key={i.slug}>
            <span className="inline-block w-6 text-right tabular-nums text-slate-500">{i.number}.</span> {i.title}
          </li>
        ))}
      </ol>
    </details>
  );
}
