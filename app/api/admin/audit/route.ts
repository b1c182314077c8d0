// GET /api/admin/audit — the audit log of every state-changing action, newest first, filtered by
// action prefix and actor, one page.
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { listAuditLog } from '@/lib/audit/queries';
import { auditQuerySchema } from '@/lib/audit/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => Response.json(await listAuditLog(parseOrThrow(auditQuerySchema, searchParamsObject(request.url)))));
