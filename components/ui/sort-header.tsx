// A sortable column: its header button shows the order (▲ ascending, ▼ descending, ↕ not sorted
// by it) and the header cell tells assistive technology through aria-sort.

export type SortOrder = 'asc' | 'desc';
export type SortState<K extends string> = { sort: K; order: SortOrder };

/** A click on the sorted column turns its order round; on another column it starts with `firstOrder`. */
export function nextSortOrder<K extends string>(key: K, current: SortState<K>, firstOrder: SortOrder = 'asc'): SortOrder {
  if (current.sort !== key) return firstOrder;
  return current.order === 'asc' ? 'desc' : 'asc';
}

export function ariaSort<K extends string>(keys: readonly K[], current: SortState<K>): 'ascending' | 'descending' | 'none' {
  return keys.includes(current.sort) ? (current.order === 'asc' ? 'ascending' : 'descending') : 'none';
}

type ButtonProps<K extends string> = {
  label: string;
  sortKey: K;
  current: SortState<K>;
  onSort: (next: SortState<K>) => void;
  /** The order of a first click: descending suits dates (newest first). */
  firstOrder?: SortOrder;
};

export function SortButton<K extends string>({ label, sortKey, current, onSort, firstOrder = 'asc' }: ButtonProps<K>) {
  const active = current.sort === sortKey;
  return (
    <button
      type="button"
      className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
      onClick={() => onSort({ sort: sortKey, order: nextSortOrder(sortKey, current, firstOrder) })}
    >
      {label}
      <span aria-hidden className={`text-[10px] ${active ? 'text-slate-700' : 'text-slate-400'}`}>
        {active ? (current.order === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
}

/** A header cell with one sort button; `className` adds to its padding and weight (px-… is the caller's). */
export function SortHeader<K extends string>({ title, className = '', ...button }: ButtonProps<K> & { title?: string; className?: string }) {
  return (
    <th scope="col" aria-sort={ariaSort([button.sortKey], button.current)} className={`py-2 font-medium ${className}`} title={title}>
      <SortButton {...button} />
    </th>
  );
}
