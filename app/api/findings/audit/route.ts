// GET /api/findings/audit — the triage audit trail (archive, re-activate, expire), filtered and paginated.
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { accountExists, listAudit } from '@/lib/findings/queries';
import { auditQuerySchema, type AuditResponse } from '@/lib/findings/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(auditQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account: ${query.account} is not known to Warden`, 'account');
  const body: AuditResponse = await listAudit(query);
  return Response.json(body);
});
