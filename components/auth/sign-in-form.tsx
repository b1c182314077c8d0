'use client';

import { useState, type FormEvent } from 'react';
import { inputClass, primaryButtonClass } from '@/components/auth/auth-card';

/** Username and password; the server's own message on failure (wrong password, too many attempts). */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password'), next }),
      });
      const body = (await res.json().catch(() => null)) as { error?: string; redirect?: string } | null;
      if (!res.ok) throw new Error(body?.error ?? `sign-in answered ${res.status}`);
      // A full page load: the frame (navigation, role) is rendered anew for the signed-in person.
      window.location.assign(body?.redirect ?? '/');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Sign-in failed.');
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Sign in with a Warden account">
      <label className="block text-sm font-medium text-slate-700">
        Username
        <input name="username" autoComplete="username" required className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
