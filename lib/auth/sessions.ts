import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { sessionLimits } from '@/lib/auth/config';
import { randomSecret, sha256Hex } from '@/lib/auth/secrets';
import type { Role } from '@/lib/auth/roles';
import { roleSchema } from '@/lib/auth/roles';

// Sessions live in the database; the browser holds a random 256-bit value in an HttpOnly,
// SameSite=Lax cookie (Secure, and named __Host-…, when served over https). A session ends after
// WARDEN_SESSION_IDLE_MINUTES without a request, WARDEN_SESSION_MAX_HOURS after sign-in, at
// sign-out, and when an admin disables the user or changes their role.

export const sessionCookie = { secure: '__Host-warden_session', plain: 'warden_session' } as const;

/** Only writes lastSeenAt once a minute, not on every request. */
const touchEveryMs = 60_000;

export type SessionUser = { sessionId: string; userId: string; name: string; role: Role; expiresAt: Date };

export async function createSession(userId: string, meta: { ip: string | null; userAgent: string | null }, now = currentTime()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomSecret();
  const expiresAt = new Date(now.getTime() + sessionLimits().maxMs);
  await db.session.create({
    data: { tokenHash: sha256Hex(token), userId, createdAt: now, lastSeenAt: now, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  });
  return { token, expiresAt };
}

/** The signed-in user of a session cookie value, or null when it is unknown, idle, expired or the user is disabled. */
export async function findSession(token: string, now = currentTime()): Promise<SessionUser | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await db.session.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
  if (!session) return null;
  const { idleMs } = sessionLimits();
  const role = roleSchema.safeParse(session.user.role);
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > idleMs || session.user.disabled || !role.success) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: session.id, userId: session.userId, name: session.user.name, role: role.data, expiresAt: session.expiresAt };
}

export async function deleteSession(token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: sha256Hex(token) } });
}

export async function deleteSessionsOf(userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}

/** Every session of a user but one (after they change their password, their other browsers sign out). */
export async function deleteOtherSessionsOf(userId: string, keepSessionId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId, id: { not: keepSessionId } } })).count;
}

/** Sessions past their idle or absolute end (they are also refused when used). */
export async function pruneSessions(now = currentTime()): Promise<void> {
  const { idleMs } = sessionLimits();
  await db.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: new Date(now.getTime() - idleMs) } }] } });
}

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/**
 * The session cookie's value. Over https only the `__Host-` cookie counts: a plain one could have
 * been planted by a sibling subdomain or over http (cookie tossing), `__Host-` cannot.
 */
export function readSessionToken(headers: Headers, secure: boolean): string | null {
  const cookies = parseCookies(headers.get('cookie'));
  return (secure ? cookies.get(sessionCookie.secure) : cookies.get(sessionCookie.plain)) ?? null;
}

export function sessionSetCookie(token: string, expiresAt: Date, secure: boolean, now = currentTime()): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  const name = secure ? sessionCookie.secure : sessionCookie.plain;
  return `${name}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearSessionCookies(secure: boolean): string[] {
  const plain = `${sessionCookie.plain}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return secure ? [`${sessionCookie.secure}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure`, plain] : [plain];
}
