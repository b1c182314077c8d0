import 'server-only';
import { findApiToken } from '@/lib/auth/api-tokens';
import { signInRequired } from '@/lib/auth/config';
import type { Role } from '@/lib/auth/roles';
import { findSession, readSessionToken } from '@/lib/auth/sessions';

// Who is calling: the demo administrator when sign-in is off (demo mode), else the person of the
// session cookie, or — for route handlers only — the API token in `Authorization: Bearer …`.

export type Identity = {
  via: 'demo' | 'session' | 'token';
  /** Recorded as the actor of audit events, decisions and triage. */
  name: string;
  role: Role;
  userId: string | null;
  sessionId: string | null;
  tokenId: string | null;
};

export const demoIdentity: Identity = { via: 'demo', name: 'demo-admin', role: 'admin', userId: null, sessionId: null, tokenId: null };

export type Resolution = { identity: Identity | null; problem: string | null };

export function bearerToken(headers: Headers): string | null {
  const value = headers.get('authorization');
  if (!value) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m?.[1] ?? '';
}

export async function identify(headers: Headers, { api, secure }: { api: boolean; secure: boolean }): Promise<Resolution> {
  if (!signInRequired()) return { identity: demoIdentity, problem: null };
  const bearer = api ? bearerToken(headers) : null;
  if (bearer !== null) {
    const found = await findApiToken(bearer);
    if (!found.ok) return { identity: null, problem: found.reason };
    return { identity: { via: 'token', name: `token:${found.token.name}`, role: found.token.role, userId: null, sessionId: null, tokenId: found.token.tokenId }, problem: null };
  }
  const token = readSessionToken(headers, secure);
  if (token === null) return { identity: null, problem: null };
  const session = await findSession(token);
  if (!session) return { identity: null, problem: null };
  return { identity: { via: 'session', name: session.name, role: session.role, userId: session.userId, sessionId: session.sessionId, tokenId: null }, problem: null };
}
