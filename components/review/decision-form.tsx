'use client';

import { useState, type FormEvent } from 'react';
import { decisionLabel } from '@/lib/review/labels';
import { useDecide } from '@/lib/review/hooks';
import { decisionKinds, type AgendaItemView, type DecisionKind } from '@/lib/review/schema';

/** The decision on one agenda item: what, who owns it, by when, and why (required for "keep"). */
export function DecisionForm({ reviewId, item }: { reviewId: string; item: AgendaItemView }) {
  const decide = useDecide(reviewId);
  const carried = item.carriedFrom;
  const [decision, setDecision] = useState<DecisionKind | ''>(item.decision ?? '');
  const [owner, setOwner] = useState(item.owner ?? '');
  const [dueDate, setDueDate] = useState(item.dueDate ?? '');
  const [justification, setJustification] = useState(item.justification ?? '');
  const [saved, setSaved] = useState(false);
  const id = `decision-${item.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (decision === '') return;
    setSaved(false);
    decide.mutate(
      {
        itemId: item.id,
        decision,
        owner,
        dueDate: dueDate === '' ? null : dueDate,
        ...(justification.trim() ? { justification: justification.trim() } : {}),
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  const keep = decision === 'keep';
  return (
    <form onSubmit={submit} className="space-y-2 text-sm" aria-label={`Decision on ${item.accountName}: ${item.userName}`}>
      {carried && item.decision === null ? (
        <button
          type="button"
          onClick={() => {
            // The last review's decision again, with its owner; the new due date is for the meeting to set.
            setDecision(carried.decision);
            setOwner(carried.owner ?? '');
            setJustification(carried.justification ?? '');
            setSaved(false);
          }}
          className="text-left text-xs font-medium text-sky-700 hover:underline"
        >
          Fill in from the last review ({decisionLabel(carried.decision)}{carried.owner ? `, ${carried.owner}` : ''})
        </button>
      ) : null}
      <div>
        <label htmlFor={`${id}-decision`} className="font-medium text-slate-800">
          Decision
        </label>
        <select
          id={`${id}-decision`}
          value={decision}
          required
          onChange={(e) => {
            const value = e.target.value;
            setDecision(decisionKinds.find((k) => k === value) ?? '');
            setSaved(false);
          }}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">Choose…</option>
          {decisionKinds.map((k) => (
            <option key={k} value={k}>
              {decisionLabel(k)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-owner`} className="font-medium text-slate-800">
            Owner
          </label>
          <input
            id={`${id}-owner`}
            value={owner}
            required
            onChange={(e) => setOwner(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </div>
        <div>
          <label htmlFor={`${id}-due`} className="font-medium text-slate-800">
            Due date
          </label>
          {keep ? (
            <span id={`${id}-due-hint`} className="text-xs text-slate-500">
              {' '}
              (optional)
            </span>
          ) : null}
          <input
            id={`${id}-due`}
            type="date"
            value={dueDate}
            required={!keep}
            aria-describedby={keep ? `${id}-due-hint` : undefined}
            onChange={(e) => setDueDate(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-why`} className="font-medium text-slate-800">
          Justification
        </label>
        <span id={`${id}-why-hint`} className="text-xs text-slate-500">
          {keep ? ' (required to keep)' : ' (optional)'}
        </span>
        <textarea
          id={`${id}-why`}
          value={justification}
          required={keep}
          rows={2}
          aria-describedby={`${id}-why-hint`}
          onChange={(e) => setJustification(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </div>
      {decide.error ? (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-800">
          Not saved: {decide.error.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={decision === '' || decide.isPending}
          className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {decide.isPending ? 'Saving…' : item.decision ? 'Update decision' : 'Save decision'}
        </button>
        <span role="status" className="text-xs text-emerald-700">
          {saved && !decide.isPending ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
