'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AuthError, inputClass, primaryButtonClass } from '@/components/auth/auth-card';
import { fetchJson } from '@/lib/fetch-json';

/** The first administrator: setup token from the server log, username, password twice. */
export function SetupForm({ minLength }: { minLength: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get('password') !== form.get('confirm')) {
      setError('The two passwords differ.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await fetchJson('/api/auth/setup', z.unknown(), {
        method: 'POST',
        body: JSON.stringify({ token: form.get('token'), username: form.get('username'), password: form.get('password') }),
      });
      router.replace('/admin/users');
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Setup failed.');
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Create the first administrator">
      <label className="block text-sm font-medium text-slate-700">
        Setup token
        <input name="token" required autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Username
        <input name="username" required autoComplete="username" className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password <span className="font-normal text-slate-500">(at least {minLength} characters)</span>
        <input name="password" type="password" required minLength={minLength} autoComplete="new-password" className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password again
        <input name="confirm" type="password" required minLength={minLength} autoComplete="new-password" className={inputClass} />
      </label>
      <AuthError message={error} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Creating…' : 'Create administrator'}
      </button>
    </form>
  );
}
