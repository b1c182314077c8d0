import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { identify, type Identity } from '@/lib/auth/identity';
import { servedOverHttps } from '@/lib/auth/request-meta';
import { roleAtLeast, type Role } from '@/lib/auth/roles';

// For server components: who is looking at the page. proxy.ts has already applied the access
// table to the page's path; pages that read the database themselves check again here, so that a
// mistake in the proxy's matcher cannot leak data.

export async function currentViewer(): Promise<Identity | null> {
  const h = await headers();
  return (await identify(h, { api: false, secure: servedOverHttps(h) })).identity;
}

export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export async function requireRole(minimum: Role, returnTo = '/'): Promise<Identity> {
  const identity = await currentViewer();
  if (!identity) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!roleAtLeast(identity.role, minimum)) throw new ForbiddenError(`This page needs the ${minimum} role; you are signed in as a ${identity.role}.`);
  return identity;
}
