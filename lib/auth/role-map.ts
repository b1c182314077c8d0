import { highestRole, type Role } from '@/lib/auth/roles';

// Single sign-on: the role comes from the groups (or any claim values) the OpenID provider sends,
// through WARDEN_OIDC_ROLE_MAP; the highest mapped role wins. Someone none of whose groups is
// mapped gets WARDEN_OIDC_DEFAULT_ROLE, which is "none" — no access — unless the operator says so.

/** The values of a claim as strings; `path` may be dotted ("realm_access.roles" in Keycloak). */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function hasClaim(claims: Record<string, unknown>, path: string): boolean {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined;
}

export function roleForGroups(groups: readonly string[], map: Readonly<Record<string, Role>>, fallback: Role | null): Role | null {
  const mapped = groups.flatMap((g) => (Object.hasOwn(map, g) ? [map[g] as Role] : []));
  return highestRole(mapped) ?? fallback;
}
