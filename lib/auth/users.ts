import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/queries';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { roleSchema, type Role } from '@/lib/auth/roles';
import type { UpdateUserInput, UserRow } from '@/lib/auth/schema';
import { deleteSessionsOf } from '@/lib/auth/sessions';
import { HttpError } from '@/lib/http';

// People who may sign in: local accounts (created by an admin, the setup page or
// `npm run user:create-admin`) and single sign-on users (created at their first sign-in). There
// must always be at least one enabled administrator.

export async function listUsers(now = currentTime()): Promise<UserRow[]> {
  const users = await db.user.findMany({ orderBy: [{ disabled: 'asc' }, { name: 'asc' }], include: { _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } } } });
  return users.map((u) => ({
    id: u.id,
    source: u.source === 'oidc' ? 'oidc' : 'local',
    name: u.name,
    email: u.email,
    role: roleSchema.catch('viewer').parse(u.role),
    disabled: u.disabled,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
    activeSessions: u._count.sessions,
  }));
}

export async function enabledAdminCount(): Promise<number> {
  return db.user.count({ where: { role: 'admin', disabled: false } });
}

export async function createLocalUser(input: { username: string; role: Role; password: string }, by: string) {
  const problem = passwordProblem(input.password);
  if (problem) throw new HttpError(400, problem, 'password');
  // Nor may it be the name a single sign-on user goes by: the audit log could not tell them apart.
  if (await db.user.findFirst({ where: { OR: [{ username: input.username }, { name: input.username }] } })) throw new HttpError(409, `username: ${input.username} already exists`, 'username');
  const user = await db.user.create({
    data: { source: 'local', username: input.username, name: input.username, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  await recordAudit(by, 'user.create', user.name, { userId: user.id, role: user.role, source: 'local' });
  return user;
}

/** Role, enabled state or password of one user; their sessions end, so the change applies at once. */
export async function updateUser(id: string, input: UpdateUserInput, by: string) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new HttpError(404, `user ${id} is not known`);
  if (user.source === 'oidc' && input.role !== undefined) {
    throw new HttpError(400, 'role: a single sign-on user’s role comes from their groups (WARDEN_OIDC_ROLE_MAP) at each sign-in', 'role');
  }
  if (user.source === 'oidc' && input.password !== undefined) throw new HttpError(400, 'password: single sign-on users have no Warden password', 'password');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new HttpError(400, problem, 'password');
  }
  const losesAdmin = user.role === 'admin' && !user.disabled && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
  if (losesAdmin && (await enabledAdminCount()) <= 1) {
    throw new HttpError(409, 'Warden needs at least one enabled administrator: make someone else an admin first');
  }
  const changes: Record<string, unknown> = {};
  if (input.role !== undefined && input.role !== user.role) changes.role = { from: user.role, to: input.role };
  if (input.disabled !== undefined && input.disabled !== user.disabled) changes.disabled = input.disabled;
  if (input.password !== undefined) changes.password = 'reset';
  const updated = await db.user.update({
    where: { id },
    data: {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
    },
  });
  const endedSessions = Object.keys(changes).length > 0 ? await deleteSessionsOf(id) : 0;
  await recordAudit(by, 'user.update', user.name, { userId: id, ...changes, endedSessions });
  return updated;
}
