import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditPageSize, type AuditLog, type AuditQuery } from '@/lib/audit/schema';
import { startsWithFilter } from '@/lib/sql-text';

// The audit log: every state-changing action with who, when and what. Triage and reviews write
// their own events (lib/findings/triage.ts, lib/review/queries.ts); sign-in, users, tokens and
// sync triggers write theirs through recordAudit.

export async function recordAudit(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}, now = currentTime()): Promise<void> {
  await db.auditEvent.create({ data: { at: now, actor, action, target, details: details as Prisma.InputJsonValue } });
}

/**
 * The actor of events by someone who is not signed in (failed and rate-limited sign-ins): what they
 * typed is not who they are, so it goes into the details (`attempted`), never into `actor`. No
 * user can be called this (lib/auth/reserved-names.ts).
 */
export const anonymousActor = 'anonymous';

/** Anyone on the network can cause these, so only the newest are kept: at most this many. */
export const anonymousAuditCap = 10_000;

/** The actions anonymous callers cause; the cap is counted over these (indexed by action). */
export const anonymousActions = ['auth.sign-in-failed', 'auth.sign-in-limited', 'auth.setup-failed'] as const;

export async function recordAnonymousAudit(
  action: (typeof anonymousActions)[number],
  details: Record<string, unknown>,
  { cap = anonymousAuditCap, now = currentTime() }: { cap?: number; now?: Date } = {},
): Promise<void> {
  await recordAudit(anonymousActor, action, null, details, now);
  const where = { action: { in: [...anonymousActions] }, actor: anonymousActor };
  const excess = (await db.auditEvent.count({ where })) - cap;
  if (excess <= 0) return;
  const oldest = await db.auditEvent.findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: excess, select: { id: true } });
  await db.auditEvent.deleteMany({ where: { id: { in: oldest.map((r) => r.id) } } });
}

export async function listAuditLog(query: AuditQuery): Promise<AuditLog> {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.action ? { action: startsWithFilter(query.action) } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * auditPageSize, take: auditPageSize }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: auditPageSize,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: typeof r.details === 'object' && r.details !== null && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : { value: r.details },
    })),
  };
}

/** The distinct action names, for the screen's filter. */
export async function auditActions(): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({ by: ['action'], orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}
