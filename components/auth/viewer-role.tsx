'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { roleAtLeast, type Role } from '@/lib/auth/roles';

// The signed-in person's role, for the browser to show only what they may do. Convenience only:
// the server enforces every action (lib/auth/policy.ts).

const ViewerRoleContext = createContext<Role | null>(null);

export function ViewerRoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <ViewerRoleContext.Provider value={role}>{children}</ViewerRoleContext.Provider>;
}

/** Whether the person may do what needs `minimum`; false before the role is known. */
export function useCan(minimum: Role): boolean {
  const role = useContext(ViewerRoleContext);
  return role !== null && roleAtLeast(role, minimum);
}
