// Names that stand for no person in the audit log, decisions and triage: nobody may sign in under
// them, locally or through single sign-on, or the log could be made to lie about who did what.

/** Audit actors that are not users: the anonymous caller, the server itself, the demo visitor, the identity provider. */
export const reservedActorNames: readonly string[] = ['anonymous', 'warden', 'system', 'demo-admin', 'identity provider'];

/** Whether a user may not be called this (API tokens act as "token:<name>"). */
export function isReservedName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return reservedActorNames.includes(n) || n.startsWith('token:');
}

function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

/**
 * The names a single sign-on user may be shown under, best first: the email address only when the
 * provider says it verified it, else `subject@issuer-host` (stable and the provider's own). Display
 * names and `preferred_username` are anyone's to choose at many providers, so they are never used.
 */
export function oidcNameCandidates(claims: Record<string, unknown>, issuer: string): string[] {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const subject = typeof claims.sub === 'string' ? claims.sub : String(claims.sub);
  const candidates = [...(verified && email.length > 0 && email.length <= 200 ? [email] : []), `${subject.slice(0, 150)}@${issuerHost(issuer)}`];
  return candidates.filter((name) => !isReservedName(name));
}
