// GET /api/findings — Access Analyzer findings, filtered, sorted and paginated, with counts by type and status.
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { accountExists, listFindings } from '@/lib/findings/queries';
import { findingListQuerySchema, type FindingListResponse } from '@/lib/findings/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(findingListQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account: ${query.account} is not known to Warden`, 'account');
  const body: FindingListResponse = await listFindings(query);
  return Response.json(body);
});
