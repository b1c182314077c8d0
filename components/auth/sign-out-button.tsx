'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Ends the session, then forgets everything this browser tab loaded while signed in. */
export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          fetch('/api/auth/sign-out', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
            .then((res) => {
              if (!res.ok) throw new Error(`sign-out answered ${res.status}`);
              queryClient.clear();
              router.replace('/sign-in');
              router.refresh();
            })
            .catch((e: unknown) => {
              setPending(false);
              setError(e instanceof Error ? e.message : 'sign-out failed');
            });
        }}
        className="mt-2 w-full rounded border border-slate-600 px-2 py-1 text-xs font-medium text-slate-100 hover:bg-slate-700 disabled:opacity-50"
      >
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {error ? (
        <p role="alert" className="mt-1 text-red-300">
          {error}
        </p>
      ) : null}
    </>
  );
}
