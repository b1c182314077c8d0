import { db } from '@/lib/db';
import { createApiToken } from '@/lib/auth/api-tokens';
import type { Role } from '@/lib/auth/roles';
import { createSession, sessionCookie } from '@/lib/auth/sessions';

// Real users, sessions and API tokens in the test database, and requests that carry them.

export const appOrigin = 'http://warden.test';

export async function createTestUser(role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`) {
  return db.user.create({ data: { source: 'local', username: name, name, role } });
}

/** A new session of a new user with this role, as the Cookie header a browser would send. */
export async function sessionCookieFor(role: Role): Promise<{ cookie: string; name: string; userId: string }> {
  const user = await createTestUser(role);
  const { token } = await createSession(user.id, { ip: '127.0.0.1', userAgent: 'test' });
  return { cookie: `${sessionCookie.plain}=${token}`, name: user.name, userId: user.id };
}

export async function apiTokenFor(role: Role, expiresInDays: number | null = null): Promise<{ token: string; id: string }> {
  const { token, record } = await createApiToken({ name: `${role} pipeline`, role, expiresInDays, createdBy: 'test' });
  return { token, id: record.id };
}

export type Caller = { label: string; headers: Record<string, string> };

/** A request as a browser on Warden's own pages sends it (same-origin), with these headers added. */
export function browserRequest(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Request {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', ...(method !== 'GET' ? { origin: appOrigin, 'content-type': 'application/json' } : {}), ...init.headers };
  return new Request(`${appOrigin}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(init.body ?? {}) });
}
