'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { formatCount } from '@/components/ui/format-count';
import { accountDirectoryQuery, useAccountDirectory, useSelectedAccount } from '@/lib/accounts/hooks';
import { maxDirectoryMatches, notReadReason, type AccountEntry } from '@/lib/accounts/schema';

// The account picker: a combobox whose list the server searches as one types (name, id or OU
// path), grouped by OU. Keyboard: ↓/↑ move, Enter chooses, Escape closes (again: clears the text).
// An organization has 1,000 accounts and more: the server sends the first 100 matches and says how
// many more there are; the browser never holds every account.

const groupLabel = (ouPath: string | null) => ouPath ?? 'Not in an organization';

export function AccountPicker() {
  const [selected, select] = useSelectedAccount();
  const [open, setOpen] = useState(false);
  // What is typed; null while not typing (the box shows the chosen account).
  const [typed, setTyped] = useState<string | null>(null);
  // What the server is asked for: the typed text once typing pauses.
  const [needle, setNeedle] = useState<string | undefined>(undefined);
  const [, setSearch] = useDebouncedText(needle, setNeedle, 250);
  const [activeChoice, setActive] = useState(0);
  // The text as last typed, for an answer that arrives after Enter: chosen only if nothing was typed since.
  const lastTyped = useRef<string | null>(null);
  const client = useQueryClient();
  // The account last chosen here, to label the box until the server's answer names it.
  const [chosen, setChosen] = useState<AccountEntry | null>(null);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const searchOf = (q: string | undefined, take: number) => ({ q, take, selected: selected ?? undefined });
  const directory = useAccountDirectory(searchOf(needle, open ? maxDirectoryMatches : 0), { enabled: open || selected !== null });
  const data = directory.data;
  const typedNeedle = typed?.trim() || undefined;
  // The list on screen answers what is typed now (not a previous text, nor the closed box's counts).
  const settled = data !== undefined && !directory.isPlaceholderData && needle === typedNeedle;
  const shown = open && data ? data.accounts : [];
  // Option 0 is "All accounts"; option i + 1 is shown[i].
  const options: (AccountEntry | null)[] = [null, ...shown];
  // The highlighted option, within what the text now matches.
  const active = Math.min(activeChoice, options.length - 1);
  const current = data?.selected?.id === selected ? data?.selected : chosen?.id === selected ? chosen : null;
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
    setSearch('');
    setNeedle(undefined);
    lastTyped.current = null;
  };
  const choose = (entry: AccountEntry | null) => {
    setChosen(entry);
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
      if (!settled) {
        // Ask now rather than after the pause, and choose the highlighted match when the answer is in.
        const text = lastTyped.current;
        setNeedle(typedNeedle);
        void client
          .fetchQuery(accountDirectoryQuery(searchOf(typedNeedle, maxDirectoryMatches)))
          .then((answer) => {
            if (lastTyped.current !== text) return;
            const index = Math.min(active, answer.accounts.length);
            choose(index === 0 ? null : (answer.accounts[index - 1] ?? null));
          })
          .catch(() => {
            // The list shows the error of the same query.
          });
        return;
      }
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
  const more = data && open ? data.matches - data.accounts.length : 0;

  const optionClass = (index: number, isChosen: boolean) =>
    `flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${index === active ? 'bg-sky-100 text-sky-950' : 'text-slate-800'} ${isChosen ? 'font-semibold' : ''}`;

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
        placeholder={directory.isLoading && selected !== null ? 'Loading accounts…' : 'All accounts'}
        value={typed ?? label}
        onChange={(e) => {
          lastTyped.current = e.target.value;
          setTyped(e.target.value);
          setSearch(e.target.value);
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
          aria-busy={!settled}
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
            {data ? <span className="text-xs font-normal text-slate-500">{formatCount(data.total)}</span> : null}
          </div>
          {settled && typedNeedle && data.matches > 0 ? (
            <p className="px-3 py-1 text-xs text-slate-500">
              {formatCount(data.matches)} {data.matches === 1 ? 'account matches' : 'accounts match'}
              {more > 0 ? `; the first ${formatCount(data.accounts.length)} are listed` : ''}
            </p>
          ) : null}
          <div className={settled ? undefined : 'opacity-60'}>
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
          </div>
          {!settled && !directory.error ? (
            <p role="status" className="px-3 py-2 text-sm text-slate-500">
              {typedNeedle ? `Searching for “${typedNeedle}”…` : 'Loading accounts…'}
            </p>
          ) : null}
          {directory.error ? <p className="px-3 py-2 text-sm text-red-700">The accounts could not be loaded: {directory.error.message}</p> : null}
          {settled && data.matches === 0 ? <p className="px-3 py-2 text-sm text-slate-500">No account name, id or OU contains “{typedNeedle}”.</p> : null}
          {settled && more > 0 ? (
            <p className="px-3 py-2 text-xs text-slate-500">
              {formatCount(more)} more {more === 1 ? 'account matches' : 'accounts match'}: type to narrow.
            </p>
          ) : null}
        </div>
      ) : null}
      {selected !== null ? (
        <button type="button" onClick={() => choose(null)} className="text-xs font-medium text-sky-700 hover:underline">
          All accounts
        </button>
      ) : null}
    </div>
  );
}
