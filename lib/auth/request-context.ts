import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Identity } from '@/lib/auth/identity';

// The identity of the request a route handler is serving, set by `handle` (lib/http.ts) after it
// authorized the request, read by currentActor() (lib/actor.ts). One store per process, whatever
// bundle the module ends up in.

const holder = globalThis as unknown as { wardenRequestIdentity?: AsyncLocalStorage<Identity> };
const storage = (holder.wardenRequestIdentity ??= new AsyncLocalStorage<Identity>());

export function runAs<T>(identity: Identity, fn: () => T): T {
  return storage.run(identity, fn);
}

export function requestIdentity(): Identity | undefined {
  return storage.getStore();
}
