import { z } from 'zod';

// Warden's three roles, each including the one before: a viewer reads everything; a triager also
// archives and re-activates findings and takes part in reviews; an admin also manages users, API
// tokens and settings and triggers syncs. Shared by the server and the browser.

export const roles = ['viewer', 'triager', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { error: 'role must be viewer, triager or admin' });

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}

export function highestRole(candidates: Iterable<Role>): Role | null {
  let best: Role | null = null;
  for (const r of candidates) if (best === null || roleAtLeast(r, best)) best = r;
  return best;
}

export const roleDescriptions: Record<Role, string> = {
  viewer: 'reads everything',
  triager: 'also archives and re-activates findings and takes part in reviews',
  admin: 'also manages accounts, settings, users and API tokens, and triggers syncs',
};
