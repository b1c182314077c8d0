'use client';

import { useState, type FormEvent } from 'react';
import { useSetAttendees } from '@/lib/review/hooks';

export function AttendeesForm({ reviewId, attendees }: { reviewId: string; attendees: string[] }) {
  const save = useSetAttendees(reviewId);
  const [text, setText] = useState(attendees.join('\n'));
  const [saved, setSaved] = useState<number | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const names = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    save.mutate(
      { attendees: names },
      {
        onSuccess: (result) => {
          setText(result.attendees.join('\n'));
          setSaved(result.attendees.length);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-2 text-sm">
      <div>
        <label htmlFor={`attendees-${reviewId}`} className="font-medium text-slate-800">
          Attendees
        </label>
        <span id={`attendees-${reviewId}-hint`} className="text-slate-500">
          {' '}
          (one name per line)
        </span>
        <textarea
          id={`attendees-${reviewId}`}
          value={text}
          rows={4}
          aria-describedby={`attendees-${reviewId}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(null);
          }}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </div>
      {save.error ? (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-800">
          Not saved: {save.error.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
        >
          {save.isPending ? 'Saving…' : 'Save attendees'}
        </button>
        <span role="status" className="text-xs text-emerald-700">
          {saved !== null ? `Saved: ${saved} attendee${saved === 1 ? '' : 's'}.` : ''}
        </span>
      </div>
    </form>
  );
}
