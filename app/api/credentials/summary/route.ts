// GET /api/credentials/summary — active-key ages in buckets, the next monthly review per account and
// the keys that will be over the rotation limit by then (?account= for one account, ?ou= for an OU and its sub-OUs).
import { accountExists } from '@/lib/checklist/queries';
import { loadCredentialScope, summarizeCredentials } from '@/lib/credentials/queries';
import { credentialsSummaryQuerySchema, type CredentialsSummary } from '@/lib/credentials/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const { account, ou } = parseOrThrow(credentialsSummaryQuerySchema, searchParamsObject(request.url));
  if (account && !(await accountExists(account))) throw new HttpError(404, `account ${account} is not known to Warden`);
  const body: CredentialsSummary = await summarizeCredentials(await loadCredentialScope({ accountId: account, ou }));
  return Response.json(body);
});
