'use client';

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useAccountDirectory, useSelectedAccount } from '@/lib/accounts/hooks';
import { notReadReason, type AccountEntry } from '@/lib/accounts/schema';
import { compareOuPaths } from '@/lib/organization/ou-path';

// The account picker: a combobox that filters as one types (name, id or OU path), its list grouped
// by OU. Keyboard: ↓/↑ move, Enter chooses, Escape closes (again: clears the text). An
// organization has up to 1,000 accounts: the list shows the first matches and says how many more.

const maxShown = 100;

function byOuThenName(a: AccountEntry, b: AccountEntry): number {
  if (a.ouPath !== b.ouPath) {
    if (a.ouPath === null) return 1;
    if (b.ouPath === null) return -1;
    return compareOuPaths(a.ouPath, b.ouPath);
  }
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function matches(a: AccountEntry, needle: string): boolean {
  if (needle === '') return true;
  return a.name.toLowerCase().includes(needle) || a.id.includes(needle) || (a.ouPath ?? '').toLowerCase().includes(needle);
}

const groupLabel = (ouPath: string | null) => ouPath ?? 'Not in an organization';

export function AccountPicker() {
  const directory = useAccountDirectory();
  const [selected, select] = useSelectedAccount();
  const [open, setOpen] = useState(false);
  // What is typed; null while not typing (the box shows the chosen account).
  const [typed, setTyped] = useState<string | null>(null);
  const [activeChoice, setActive] = useState(0);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const accounts = useMemo(() => [...(directory.data?.accounts ?? [])].sort(byOuThenName), [directory.data]);
  const needle = (typed ?? '').trim().toLowerCase();
  const found = useMemo(() => accounts.filter((a) => matches(a, needle)), [accounts, needle]);
  const shown = found.slice(0, maxShown);
  // Option 0 is "All accounts"; option i + 1 is shown[i].
  const options: (AccountEntry | null)[] = [null, ...shown];
  // The highlighted option, within what the text now matches.
  const active = Math.min(activeChoice, options.length - 1);
  const current = accounts.find((a) => a.id === selected);
  const label = current ? `${current.name} (${current.id})` : (selected ?? '');

  useEffect(() => {
    if (open) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);

  const openList = () => {
    const at = options.findIndex((o) => (o?.id ?? null) === selected);
    setActive(at >= 0 ? at : 0);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const choose = (entry: AccountEntry | null) => {
    select(entry?.id ?? null);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) openList();
      else setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) openList();
      else setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      if (!open) return;
      e.preventDefault();
      const option = options[active];
      if (option !== undefined) choose(option);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        close();
      } else if (typed !== null) setTyped(null);
    }
  };

  // Options grouped by OU, in the order shown.
  const groups: { ouPath: string | null; entries: { entry: AccountEntry; index: number }[] }[] = [];
  shown.forEach((entry, i) => {
    const last = groups.at(-1);
    if (last && last.ouPath === entry.ouPath) last.entries.push({ entry, index: i + 1 });
    else groups.push({ ouPath: entry.ouPath, entries: [{ entry, index: i + 1 }] });
  });

  const optionClass = (index: number, chosen: boolean) =>
    `flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${index === active ? 'bg-sky-100 text-sky-950' : 'text-slate-800'} ${chosen ? 'font-semibold' : ''}`;

  return (
    <div className="relative flex items-center gap-2 text-sm text-slate-700">
      <label htmlFor={`${id}-input`}>Account</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={directory.isLoading ? 'Loading accounts…' : 'All accounts'}
        value={typed ?? label}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(e.target.value.trim() === '' ? 0 : 1);
          setOpen(true);
        }}
        onFocus={(e) => {
          e.target.select();
          openList();
        }}
        onClick={() => {
          if (!open) openList();
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
        className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm placeholder:text-slate-600"
      />
      {open ? (
        <div
          id={listId}
          role="listbox"
          aria-label="Accounts"
          className="absolute left-0 top-full z-30 mt-1 max-h-96 w-[28rem] overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          <div
            id={optionId(0)}
            role="option"
            aria-selected={selected === null}
            className={optionClass(0, selected === null)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(null)}
          >
            All accounts
            {directory.data ? <span className="text-xs font-normal text-slate-500">{directory.data.accounts.length}</span> : null}
          </div>
          {groups.map((g) => (
            <div key={g.ouPath ?? '(none)'} role="group" aria-labelledby={`${id}-group-${g.entries[0]?.index ?? 0}`}>
              <div id={`${id}-group-${g.entries[0]?.index ?? 0}`} className="sticky top-0 bg-slate-50 px-3 py-1 font-mono text-[11px] text-slate-600">
                {groupLabel(g.ouPath)}
              </div>
              {g.entries.map(({ entry, index }) => {
                const why = notReadReason(entry);
                const notRead = entry.exclusion !== null || entry.lastReachError !== null;
                return (
                  <div
                    key={entry.id}
                    id={optionId(index)}
                    role="option"
                    aria-selected={entry.id === selected}
                    className={optionClass(index, entry.id === selected)}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => setActive(index)}
                    onClick={() => choose(entry)}
                  >
                    <span className="truncate">{entry.name}</span>
                    <span className="font-mono text-xs font-normal text-slate-500">{entry.id}</span>
                    {why !== null ? (
                      <span className={`ml-auto whitespace-nowrap text-xs font-normal ${notRead ? 'text-red-700' : 'text-amber-800'}`} title={why}>
                        {notRead ? 'not read' : 'paused'}
                      </span>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ))}
          {directory.isLoading ? <p className="px-3 py-2 text-sm text-slate-500">Loading accounts…</p> : null}
          {directory.error ? <p className="px-3 py-2 text-sm text-red-700">The accounts could not be loaded: {directory.error.message}</p> : null}
          {directory.data && found.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">No account name, id or OU contains “{typed?.trim()}”.</p> : null}
          {found.length > shown.length ? (
            <p className="px-3 py-2 text-xs text-slate-500">
              {found.length - shown.length} more {found.length - shown.length === 1 ? 'account matches' : 'accounts match'}: type to narrow.
            </p>
          ) : null}
        </div>
      ) : null}
      {selected !== null ? (
        <button type="button" onClick={() => select(null)} className="text-xs font-medium text-sky-700 hover:underline">
          All accounts
        </button>
      ) : null}
    </div>
  );
}
