import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SetupForm } from '@/components/auth/setup-form';
import { signInRequired } from '@/lib/auth/config';
import { passwordMinLength } from '@/lib/auth/password';
import { needsFirstAdmin } from '@/lib/auth/setup';

export const metadata: Metadata = { title: 'Set up' };

export default async function SetupPage() {
  await connection();
  if (!signInRequired()) {
    return (
      <AuthCard title="Nothing to set up in demo mode">
        <p className="text-sm text-slate-600">Sign-in is off in demo mode: everyone who opens the demo is its administrator.</p>
        <Link href="/" className="text-sm font-medium text-sky-700 hover:underline">
          Go to the overview
        </Link>
      </AuthCard>
    );
  }
  if (!(await needsFirstAdmin())) {
    return (
      <AuthCard title="Warden is set up">
        <p className="text-sm text-slate-600">It has an administrator already. Administrators add further people under Administration → Users.</p>
        <Link href="/sign-in" className="text-sm font-medium text-sky-700 hover:underline">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create the first administrator">
      <p className="text-sm text-slate-600">
        Warden printed a one-time setup token to its server log when it started. Enter it with the username and password of the first administrator.
      </p>
      <SetupForm minLength={passwordMinLength} />
    </AuthCard>
  );
}
