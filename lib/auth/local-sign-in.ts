import 'server-only';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/queries';
import { localSignInEnabled } from '@/lib/auth/config';
import { verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';
import { recordSignInAttempt, signInBlock } from '@/lib/auth/rate-limit';
import type { SignInInput } from '@/lib/auth/schema';
import { createSession } from '@/lib/auth/sessions';

// Local accounts: username and password, rate-limited per account and per address; every attempt,
// good or bad, is in the audit log.

export type RequestMeta = { ip: string; userAgent: string | null };

export type SignInOutcome =
  | { ok: true; userId: string; name: string; session: { token: string; expiresAt: Date } }
  | { ok: false; status: 401 | 403 | 429; message: string; retryAfterSeconds?: number };

const wrong = 'Wrong username or password.';

export async function signInWithPassword(input: SignInInput, meta: RequestMeta, now = new Date()): Promise<SignInOutcome> {
  if (!localSignInEnabled()) return { ok: false, status: 403, message: 'Local accounts are turned off here: sign in with single sign-on.' };
  const username = input.username;
  const block = await signInBlock(username, meta.ip, now);
  if (block) {
    await recordAudit(username, 'auth.sign-in-limited', username, { method: 'password', ip: meta.ip, scope: block.scope, retryAfterSeconds: block.retryAfterSeconds });
    return { ok: false, status: 429, message: block.message, retryAfterSeconds: block.retryAfterSeconds };
  }
  const user = await db.user.findUnique({ where: { username } });
  const passwordOk = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstNothing(input.password);
  if (!user || !passwordOk) {
    await recordSignInAttempt(username, meta.ip, false, now);
    await recordAudit(username, 'auth.sign-in-failed', username, { method: 'password', ip: meta.ip, reason: user ? 'wrong password' : 'unknown username' });
    return { ok: false, status: 401, message: wrong };
  }
  if (user.disabled) {
    await recordSignInAttempt(username, meta.ip, false, now);
    await recordAudit(user.name, 'auth.sign-in-failed', user.name, { method: 'password', ip: meta.ip, reason: 'account disabled' });
    return { ok: false, status: 403, message: 'This account is disabled. Ask a Warden administrator.' };
  }
  await recordSignInAttempt(username, meta.ip, true, now);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  const session = await createSession(user.id, meta, now);
  await recordAudit(user.name, 'auth.sign-in', user.name, { method: 'password', ip: meta.ip, role: user.role });
  return { ok: true, userId: user.id, name: user.name, session };
}
