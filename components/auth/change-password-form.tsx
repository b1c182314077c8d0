'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AuthError, inputClass } from '@/components/auth/auth-card';
import { fetchJson } from '@/lib/fetch-json';

const changedSchema = z.object({ ok: z.literal(true), endedSessions: z.number() });

/** Current password again, then the new one twice; the server's own message when it refuses. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [done, setDone] = useState<string | null>(null);
  // A refusal the form makes itself, before asking the server.
  const [mismatch, setMismatch] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (form: FormData) =>
      fetchJson('/api/auth/password', changedSchema, {
        method: 'POST',
        body: JSON.stringify({ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') }),
      }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(null);
    change.reset();
    if (form.get('newPassword') !== form.get('repeat')) {
      setMismatch('The new password and its repetition differ.');
      return;
    }
    setMismatch(null);
    change.mutate(form, {
      onSuccess: (res) => {
        formElement.reset();
        setDone(`Your password was changed.${res.endedSessions > 0 ? ` ${res.endedSessions} other session${res.endedSessions === 1 ? '' : 's'} signed out.` : ''}`);
      },
    });
  }

  return (
    <form onSubmit={submit} aria-label="Change your password" className="max-w-sm space-y-3">
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
      <AuthError message={mismatch ?? change.error?.message ?? null} />
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <button type="submit" disabled={change.isPending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
