import 'server-only';
import { demoIdentity } from '@/lib/auth/identity';
import { signInRequired } from '@/lib/auth/config';
import { requestIdentity } from '@/lib/auth/request-context';

// Who did it, for audit records, decisions and triage: the caller a route handler was authorized
// for (`handle` in lib/http.ts) — the signed-in person, the API token ("token:<name>"), or the
// demo administrator when sign-in is off. Work the server starts on its own (the sync schedule,
// the demo seed) has no caller and is recorded as the system.

export const demoActor = demoIdentity.name;
export const systemActor = 'warden';

export function currentActor(): string {
  const identity = requestIdentity();
  if (identity) return identity.name;
  return signInRequired() ? systemActor : demoActor;
}
