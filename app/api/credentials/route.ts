// GET /api/credentials — the newest credential report of every account (or ?account=, or ?ou= with
// its sub-OUs), searched, filtered, sorted and paginated on the server.
import { accountExists } from '@/lib/checklist/queries';
import { listCredentials, loadCredentialScope } from '@/lib/credentials/queries';
import { credentialsQuerySchema, type CredentialsPage } from '@/lib/credentials/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(credentialsQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account ${query.account} is not known to Warden`);
  const body: CredentialsPage = await listCredentials(query, await loadCredentialScope({ accountId: query.account, ou: query.ou }));
  return Response.json(body);
});
