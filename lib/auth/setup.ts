import 'server-only';
import { currentTime } from '@/lib/clock';
import { DAY_MS } from '@/lib/dates';
import { db } from '@/lib/db';
import { recordAnonymousAudit, recordAudit } from '@/lib/audit/queries';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { randomSecret, sha256Hex } from '@/lib/auth/secrets';
import type { SetupInput } from '@/lib/auth/schema';
import { enabledAdminCount } from '@/lib/auth/users';

// The first administrator, without any default password: while Warden has no enabled admin, each
// server start prints a one-time setup token to its log; whoever can read the log opens /setup,
// enters it and chooses the admin's username and password. (`npm run user:create-admin` does the
// same from a shell on the host.) Several instances on one database each print their own token,
// and every one of them works (a load balancer sends /setup to any instance) until it expires or
// one of them has created the administrator.

const setupTokenLifetimeMs = DAY_MS;

/** A server that keeps restarting adds a token each time: only the newest this many stay valid. */
export const setupTokenCap = 20;

export async function needsFirstAdmin(): Promise<boolean> {
  return (await enabledAdminCount()) === 0;
}

/**
 * A new setup token; only its hash is stored. Earlier ones keep working until they expire (another
 * instance printed them), except beyond the newest `setupTokenCap`.
 */
export async function issueSetupToken(now = currentTime()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomSecret('setup_');
  const expiresAt = new Date(now.getTime() + setupTokenLifetimeMs);
  await db.setupToken.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.setupToken.create({ data: { tokenHash: sha256Hex(token), createdAt: now, expiresAt } });
  const beyondCap = await db.setupToken.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: setupTokenCap, select: { id: true } });
  if (beyondCap.length > 0) await db.setupToken.deleteMany({ where: { id: { in: beyondCap.map((t) => t.id) } } });
  return { token, expiresAt };
}

export type SetupOutcome = { ok: true; userId: string; name: string } | { ok: false; status: 400 | 403 | 409; message: string };

export async function createFirstAdmin(input: SetupInput, meta: { ip: string }, now = currentTime()): Promise<SetupOutcome> {
  if (!(await needsFirstAdmin())) return { ok: false, status: 409, message: 'Warden already has an administrator: sign in instead.' };
  const record = await db.setupToken.findUnique({ where: { tokenHash: sha256Hex(input.token) } });
  if (!record || record.expiresAt <= now) {
    await recordAnonymousAudit('auth.setup-failed', { attempted: input.username, ip: meta.ip, reason: record ? 'expired token' : 'wrong token' });
    return { ok: false, status: 403, message: 'The setup token is wrong or has expired. Restart Warden for a new one (it is printed to the server log).' };
  }
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, status: 400, message: problem };
  if (await db.user.findFirst({ where: { OR: [{ username: input.username }, { name: input.username }] } })) return { ok: false, status: 409, message: `username: ${input.username} already exists` };
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    // Single use: whoever deletes the token creates the admin.
    const used = await tx.setupToken.deleteMany({ where: { id: record.id } });
    if (used.count !== 1) return null;
    await tx.setupToken.deleteMany({});
    return tx.user.create({ data: { source: 'local', username: input.username, name: input.username, role: 'admin', passwordHash, lastSignInAt: now } });
  });
  if (!user) return { ok: false, status: 403, message: 'The setup token has just been used.' };
  await recordAudit(user.name, 'auth.setup', user.name, { ip: meta.ip, role: 'admin' });
  return { ok: true, userId: user.id, name: user.name };
}

/** At server start, with sign-in on and no administrator: a setup token in the log. */
export async function announceSetupIfNeeded(log: (line: string) => void, publicUrl: string | undefined): Promise<void> {
  if (!(await needsFirstAdmin())) return;
  const { token, expiresAt } = await issueSetupToken();
  const where = publicUrl ? `${publicUrl}/setup` : '/setup on this server';
  log(`No administrator yet. Open ${where} and enter this one-time setup token (valid until ${expiresAt.toISOString()}): ${token}`);
  log('Or create one from a shell on this host: npm run user:create-admin -- --username <name>');
}
