'use client';

import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AuthError, inputClass, primaryButtonClass } from '@/components/auth/auth-card';
import { fetchJson } from '@/lib/fetch-json';

const signedInSchema = z.object({ redirect: z.string().optional() });

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
      const body = await fetchJson('/api/auth/sign-in', signedInSchema, {
        method: 'POST',
        body: JSON.stringify({ username: form.get('username'), password: form.get('password'), next }),
      });
      // A full page load: the frame (navigation, role) is rendered anew for the signed-in person.
      window.location.assign(body.redirect ?? '/');
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
      <AuthError message={error} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
