import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { DAY_MS } from '@/lib/dates';

// Sign-in attempts are limited per account and per client address, counted in the database so
// that every instance sees them: 5 failures for one account (since its last success) or 20 from
// one address within 15 minutes refuse further attempts with 429 until the oldest one ages out.

export const signInLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

export type SignInBlock = { scope: 'account' | 'address'; retryAfterSeconds: number; message: string };

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
}

export async function signInBlock(username: string, ip: string, now = currentTime()): Promise<SignInBlock | null> {
  const windowStart = new Date(now.getTime() - signInLimits.windowMs);
  const lastOk = await db.signInAttempt.findFirst({ where: { username, ok: true }, orderBy: { at: 'desc' }, select: { at: true } });
  const since = lastOk && lastOk.at > windowStart ? lastOk.at : windowStart;
  const accountFailures = await db.signInAttempt.findMany({ where: { username, ok: false, at: { gt: since } }, orderBy: { at: 'asc' }, select: { at: true } });
  if (accountFailures.length >= signInLimits.perAccount) {
    const oldest = accountFailures[accountFailures.length - signInLimits.perAccount]?.at ?? now;
    const retryAfterSeconds = Math.ceil((oldest.getTime() + signInLimits.windowMs - now.getTime()) / 1000);
    return { scope: 'account', retryAfterSeconds, message: `Too many failed sign-ins for this account. Try again in ${minutes(retryAfterSeconds)}.` };
  }
  const addressFailures = await db.signInAttempt.findMany({ where: { ip, ok: false, at: { gt: windowStart } }, orderBy: { at: 'asc' }, select: { at: true } });
  if (addressFailures.length >= signInLimits.perAddress) {
    const oldest = addressFailures[addressFailures.length - signInLimits.perAddress]?.at ?? now;
    const retryAfterSeconds = Math.ceil((oldest.getTime() + signInLimits.windowMs - now.getTime()) / 1000);
    return { scope: 'address', retryAfterSeconds, message: `Too many failed sign-ins from your address. Try again in ${minutes(retryAfterSeconds)}.` };
  }
  return null;
}

export async function recordSignInAttempt(username: string, ip: string, ok: boolean, now = currentTime()): Promise<void> {
  await db.signInAttempt.create({ data: { username, ip, ok, at: now } });
  // Attempts older than a day count for nothing: keep the table small.
  await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - DAY_MS) } } });
}
