'use client';

import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AuthError, inputClass } from '@/components/auth/auth-card';
import { useAction } from '@/components/ui/use-action';
import { fetchJson } from '@/lib/fetch-json';

const changedSchema = z.object({ ok: z.literal(true), endedSessions: z.number() });

/** Current password again, then the new one twice; the server's own message when it refuses. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const { pending, error, setError, run } = useAction('The password could not be changed.');
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(null);
    if (form.get('newPassword') !== form.get('repeat')) {
      setError('The new password and its repetition differ.');
      return;
    }
    await run(async () => {
      const res = await fetchJson('/api/auth/password', changedSchema, {
        method: 'POST',
        body: JSON.stringify({ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') }),
      });
      formElement.reset();
      setDone(`Your password was changed.${res.endedSessions > 0 ? ` ${res.endedSessions} other session${res.endedSessions === 1 ? '' : 's'} signed out.` : ''}`);
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Change your password" className="max-w-sm space-y-3">
      <label className="block text-sm font-medium text-slate-700">
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        New password <span className="font-normal text-slate-500">(≥ {minLength} characters)</span>
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={minLength} className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        New password again
        <input name="repeat" type="password" autoComplete="new-password" required minLength={minLength} className={inputClass} />
      </label>
      <AuthError message={error} />
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
