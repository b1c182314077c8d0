import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard, AuthError } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { env } from '@/lib/env';
import { localSignInEnabled, oidcConfigured, signInRequired } from '@/lib/auth/config';
import { safeReturnPath } from '@/lib/auth/request-meta';
import { currentViewer } from '@/lib/auth/server';
import { needsFirstAdmin } from '@/lib/auth/setup';

export const metadata: Metadata = { title: 'Sign in' };

const errors: Record<string, string> = {
  expired: 'The sign-in took too long or was started in another browser. Please try again.',
  'provider-error': 'The identity provider did not sign you in.',
  'no-role': 'You signed in, but none of your groups gives access to Warden. Ask a Warden administrator to map one of your groups to a role.',
  disabled: 'Your Warden account is disabled. Ask a Warden administrator.',
  'last-admin': 'Your groups no longer make you an administrator, but you are Warden’s last one: make someone else an administrator first (or restore your groups).',
  failed: 'Single sign-on failed. The server log has the details.',
  unreachable: 'The identity provider could not be reached. Please try again later.',
  'sso-off': 'Single sign-on is not configured here.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeReturnPath(typeof params.next === 'string' ? params.next : null);
  if (!signInRequired()) {
    return (
      <AuthCard title="Sign-in is off in demo mode">
        <p className="text-sm text-slate-600">Everyone who opens this demo is its administrator. Set WARDEN_AUTH=required to try sign-in on the demo data.</p>
        <Link href="/" className="text-sm font-medium text-sky-700 hover:underline">
          Go to the overview
        </Link>
      </AuthCard>
    );
  }
  if (await currentViewer()) redirect(next);
  const error = typeof params.error === 'string' ? (errors[params.error] ?? 'Sign-in failed.') : null;
  const sso = oidcConfigured();
  const local = localSignInEnabled();
  const setup = await needsFirstAdmin();
  return (
    <AuthCard title="Sign in to Warden">
      <AuthError message={error} />
      {sso ? (
        <a
          href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
          className="block w-full rounded-md bg-sky-700 px-3 py-2 text-center text-sm font-medium text-white hover:bg-sky-800"
        >
          Sign in with {env().WARDEN_OIDC_LABEL}
        </a>
      ) : null}
      {sso && local ? (
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400" aria-hidden>
          <span className="h-px flex-1 bg-slate-200" />
          or with a Warden account
          <span className="h-px flex-1 bg-slate-200" />
        </div>
      ) : null}
      {local ? <SignInForm next={next} /> : null}
      {setup ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Warden has no administrator yet.{' '}
          <Link href="/setup" className="font-medium underline">
            Create the first one
          </Link>{' '}
          with the setup token printed in the server log.
        </p>
      ) : null}
    </AuthCard>
  );
}
