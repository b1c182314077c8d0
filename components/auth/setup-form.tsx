'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { inputClass, primaryButtonClass } from '@/components/auth/auth-card';

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
      const res = await fetch('/api/auth/setup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token: form.get('token'), username: form.get('username'), password: form.get('password') }),
      });
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      if (!res.ok) throw new Error(body?.error ?? `setup answered ${res.status}`);
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
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Creating…' : 'Create administrator'}
      </button>
    </form>
  );
}
