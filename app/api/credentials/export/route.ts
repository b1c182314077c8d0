// GET /api/credentials/export — the current view of the credentials table (same filters and order,
// every page) as a CSV download, recorded in the audit log (who took which keys' list, when).
import { currentActor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit/queries';
import { accountExists } from '@/lib/checklist/queries';
import { credentialsCsv, credentialsCsvFilename } from '@/lib/credentials/csv';
import { listAllCredentials, loadCredentialScope } from '@/lib/credentials/queries';
import { credentialsViewQuerySchema } from '@/lib/credentials/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(credentialsViewQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account ${query.account} is not known to Warden`);
  const scope = await loadCredentialScope({ accountId: query.account, ou: query.ou });
  const { rows, reports } = await listAllCredentials(query, scope);
  await recordAudit(currentActor(), 'credentials.export-csv', query.account ?? null, { rows: rows.length, query });
  return new Response(credentialsCsv(rows, reports), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${credentialsCsvFilename(query.account, scope.now)}"`,
      'Cache-Control': 'no-store',
    },
  });
});
