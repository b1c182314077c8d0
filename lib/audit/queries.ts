import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditPageSize, type AuditLog, type AuditQuery } from '@/lib/audit/schema';

// The audit log: every state-changing action with who, when and what. Triage and reviews write
// their own events (lib/findings/triage.ts, lib/review/queries.ts); sign-in, users, tokens and
// sync triggers write theirs through recordAudit.

export async function recordAudit(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  await db.auditEvent.create({ data: { actor, action, target, details: details as Prisma.InputJsonValue } });
}

export async function listAuditLog(query: AuditQuery): Promise<AuditLog> {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
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
