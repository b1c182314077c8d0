'use client';

import type { FormEvent } from 'react';
import { useSignOff } from '@/lib/review/hooks';
import type { ReviewDetail } from '@/lib/review/schema';

/** Closes the review: the signed-in person signs it off once every item is decided and attendees are recorded. */
export function SignOffForm({ detail }: { detail: ReviewDetail }) {
  const signOff = useSignOff(detail.review.id);
  // The whole review, also when the page shows one OU's accounts.
  const { items, undecided } = detail.inReview;
  const decided = items - undecided;
  const attendees = detail.review.attendees.length;

  function submit(event: FormEvent) {
    event.preventDefault();
    signOff.mutate({});
  }

  return (
    <form onSubmit={submit} className="space-y-3 text-sm" aria-label="Sign-off">
      <ul className="space-y-1">
        <li className={undecided === 0 ? 'text-emerald-800' : 'text-amber-900'}>
          {undecided === 0 ? '✓' : '○'} Agenda: {decided} of {items} items decided{undecided > 0 ? ` — ${undecided} to go` : ''}
        </li>
        <li className={attendees > 0 ? 'text-emerald-800' : 'text-amber-900'}>
          {attendees > 0 ? '✓' : '○'} Attendees: {attendees > 0 ? `${attendees} recorded` : 'none recorded yet'}
        </li>
      </ul>
      <p className="text-slate-600">
        You sign it off under the name you are signed in with. Once signed off, the review can no longer be edited; a correction is a new review.
      </p>
      {signOff.error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
          {signOff.error.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={signOff.isPending}
        className="rounded-md bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-600 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {signOff.isPending ? 'Signing off…' : 'Sign off review'}
      </button>
    </form>
  );
}
