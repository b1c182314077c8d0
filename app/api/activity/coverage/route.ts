// GET /api/activity/coverage — CloudTrail coverage per account and region from the newest cloudtrail
// snapshot: trails, multi-region, logging, log file validation, latest delivery, status errors.
import { accountExists } from '@/lib/checklist/queries';
import { getTrailCoverage } from '@/lib/activity/queries';
import { coverageQuerySchema, type CoverageResponse } from '@/lib/activity/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const { account } = parseOrThrow(coverageQuerySchema, searchParamsObject(request.url));
  if (account && !(await accountExists(account))) throw new HttpError(404, `account ${account} is not known to Warden`);
  const body: CoverageResponse = { accounts: await getTrailCoverage({ accountId: account }) };
  return Response.json(body);
});
