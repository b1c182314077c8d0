import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { recordAnonymousAudit, recordAudit } from '@/lib/audit/queries';
import { localSignInEnabled } from '@/lib/auth/config';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';
import { recordSignInAttempt, signInBlock } from '@/lib/auth/rate-limit';
import type { Identity } from '@/lib/auth/identity';
import type { ChangePasswordInput, SignInInput } from '@/lib/auth/schema';
import { createSession, deleteOtherSessionsOf } from '@/lib/auth/sessions';
import { HttpError } from '@/lib/http';

// Local accounts: username and password, rate-limited per account and per address; every attempt,
// good or bad, is in the audit log (a failed one as `anonymous`, with the name that was tried).

export type RequestMeta = { ip: string; userAgent: string | null };

export type SignInOutcome =
  | { ok: true; userId: string; name: string; session: { token: string; expiresAt: Date } }
  | { ok: false; status: 401 | 403 | 429; message: string; retryAfterSeconds?: number };

const wrong = 'Wrong username or password.';

export async function signInWithPassword(input: SignInInput, meta: RequestMeta, now = currentTime()): Promise<SignInOutcome> {
  if (!localSignInEnabled()) return { ok: false, status: 403, message: 'Local accounts are turned off here: sign in with single sign-on.' };
  const username = input.username;
  const block = await signInBlock(username, meta.ip, now);
  if (block) {
    await recordAnonymousAudit('auth.sign-in-limited', { method: 'password', attempted: username, ip: meta.ip, scope: block.scope, retryAfterSeconds: block.retryAfterSeconds });
    return { ok: false, status: 429, message: block.message, retryAfterSeconds: block.retryAfterSeconds };
  }
  const user = await db.user.findUnique({ where: { username } });
  const passwordOk = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstNothing(input.password);
  if (!user || !passwordOk) {
    await recordSignInAttempt(username, meta.ip, false, now);
    await recordAnonymousAudit('auth.sign-in-failed', { method: 'password', attempted: username, ip: meta.ip, reason: user ? 'wrong password' : 'unknown username' });
    return { ok: false, status: 401, message: wrong };
  }
  if (user.disabled) {
    await recordSignInAttempt(username, meta.ip, false, now);
    await recordAnonymousAudit('auth.sign-in-failed', { method: 'password', attempted: username, ip: meta.ip, reason: 'account disabled' });
    return { ok: false, status: 403, message: 'This account is disabled. Ask a Warden administrator.' };
  }
  await recordSignInAttempt(username, meta.ip, true, now);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  const session = await createSession(user.id, meta, now);
  await recordAudit(user.name, 'auth.sign-in', user.name, { method: 'password', ip: meta.ip, role: user.role });
  return { ok: true, userId: user.id, name: user.name, session };
}

/**
 * A signed-in person changes their own password: the current one is asked for again (a session
 * left open is not enough), wrong guesses count against the account's sign-in limit, and their
 * other sessions end. Single sign-on users have no Warden password.
 */
export async function changeOwnPassword(identity: Identity | undefined, input: ChangePasswordInput, meta: RequestMeta, now = currentTime()): Promise<{ endedSessions: number }> {
  if (!identity?.userId || !identity.sessionId) throw new HttpError(400, 'only a signed-in person can change their password');
  const user = await db.user.findUnique({ where: { id: identity.userId } });
  if (!user) throw new HttpError(404, 'your account no longer exists');
  const { username, passwordHash } = user;
  if (user.source !== 'local' || !passwordHash || !username) {
    throw new HttpError(400, 'currentPassword: your account signs in with single sign-on; change your password at your identity provider', 'currentPassword');
  }
  const block = await signInBlock(username, meta.ip, now);
  if (block) {
    await recordAudit(user.name, 'user.password-change-limited', user.name, { ip: meta.ip, scope: block.scope, retryAfterSeconds: block.retryAfterSeconds });
    throw new HttpError(429, block.message.replace('failed sign-ins', 'wrong passwords'));
  }
  if (!(await verifyPassword(input.currentPassword, passwordHash))) {
    await recordSignInAttempt(username, meta.ip, false, now);
    await recordAudit(user.name, 'user.password-change-failed', user.name, { ip: meta.ip, reason: 'wrong current password' });
    throw new HttpError(400, 'currentPassword: that is not your current password', 'currentPassword');
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new HttpError(400, problem.replace(/^password:/, 'newPassword:'), 'newPassword');
  if (input.newPassword === input.currentPassword) throw new HttpError(400, 'newPassword: choose a password different from the current one', 'newPassword');
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const endedSessions = await deleteOtherSessionsOf(user.id, identity.sessionId);
  await recordAudit(user.name, 'user.password-change', user.name, { ip: meta.ip, endedSessions });
  return { endedSessions };
}
