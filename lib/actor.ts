import 'server-only';
import { resolveMode } from '@/lib/env';

// Who did it, for audit records and decisions. Warden has no sign-in yet: until it does, every
// action is attributed to the operator of this instance, named after the mode it runs in.

export const demoActor = 'demo-admin';
export const localActor = 'local-operator';

export function currentActor(): string {
  return resolveMode() === 'demo' ? demoActor : localActor;
}
