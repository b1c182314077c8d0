import 'server-only';
import { resolveMode } from '@/lib/env';

// Who is acting. Until sign-in exists this is the one place that names the actor of a triage
// action; sign-in replaces this function (the request is passed so that it can read a session).

export function resolveActor(request?: Request): string {
  void request;
  return resolveMode() === 'demo' ? 'demo-admin' : 'local-operator';
}

/** The actor of what Warden does by itself (an archive's expiry during a sync). */
export const systemActor = 'warden';
