import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/queries';
import type { CheckAccountInput } from '@/lib/accounts/schema';
import { HttpError } from '@/lib/http';

// An access check assumes any role ARN with any ExternalId from Warden's own credentials: a probe
// into other people's accounts (does this role trust us? which ExternalId opens it?). So every
// check is in the audit log — that an ExternalId was given, never the ExternalId — and each
// caller may run only a few, counted in the database like sign-ins, so several instances agree.

export const accountCheckLimit = { checks: 10, windowMs: 10 * 60_000 } as const;
export const accountCheckAction = 'account.check';

/** Refuses (429) a caller who has run the limit's checks within its window; else records this one. */
export async function admitAccountCheck(input: CheckAccountInput, actor: string, now: Date = currentTime()): Promise<void> {
  const windowStart = new Date(now.getTime() - accountCheckLimit.windowMs);
  const recent = await db.auditEvent.findMany({
    where: { action: accountCheckAction, actor, at: { gt: windowStart } },
    orderBy: { at: 'asc' },
    take: accountCheckLimit.checks,
    select: { at: true },
  });
  if (recent.length >= accountCheckLimit.checks) {
    const oldest = recent[0]?.at ?? now;
    const minutes = Math.max(1, Math.ceil((oldest.getTime() + accountCheckLimit.windowMs - now.getTime()) / 60_000));
    throw new HttpError(
      429,
      `at most ${accountCheckLimit.checks} account checks per ${accountCheckLimit.windowMs / 60_000} minutes per person or token: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    );
  }
  const details = 'accountId' in input ? { accountId: input.accountId } : { roleArn: input.roleArn, externalIdGiven: input.externalId !== undefined };
  await recordAudit(actor, accountCheckAction, 'accountId' in input ? input.accountId : input.roleArn, details, now);
}
