import { z } from 'zod';

// The audit log as the admin screen and GET /api/admin/audit see it.

export const auditPageSize = 50;

export const auditQuerySchema = z.object({
  page: z.coerce.number().int('page: must be a whole number').min(1, 'page: must be 1 or more').default(1),
  // A prefix of the action: "auth.", "finding.", "review.", "user.", "token.", "sync.", "account.", "settings."
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.coerce.date(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditLogSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AuditLog = z.infer<typeof auditLogSchema>;
