import Link from 'next/link';
import type { Identity } from '@/lib/auth/identity';
import { SignOutButton } from '@/components/auth/sign-out-button';

const roleLabels = { viewer: 'Viewer', triager: 'Triager', admin: 'Admin' } as const;

/** Who is signed in, with which role; in demo mode, that nobody is. */
export function SessionPanel({ viewer }: { viewer: Identity }) {
  if (viewer.via === 'demo') {
    return (
      <div className="rounded-md bg-slate-800/70 px-3 py-2 text-xs text-slate-300" aria-label="Signed in">
        <p className="font-medium text-white">Demo administrator</p>
        <p className="mt-0.5">Sign-in is off in demo mode.</p>
      </div>
    );
  }
  return (
    <div className="rounded-md bg-slate-800/70 px-3 py-2 text-xs text-slate-300" aria-label="Signed in">
      <p className="text-slate-400">Signed in as</p>
      <p className="truncate font-medium text-white" title={viewer.name}>
        {viewer.name}
      </p>
      <p className="mt-0.5">
        Role: <span className="font-medium text-white">{roleLabels[viewer.role]}</span>
      </p>
      <Link href="/account" className="mt-1 inline-block text-slate-300 underline hover:text-white">
        Your account
      </Link>
      <SignOutButton />
    </div>
  );
}
