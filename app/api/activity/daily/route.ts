// GET /api/activity/daily — the seed's key CloudTrail events per day (UTC) over the last 90 days,
// zeros included; ?account= and ?event= narrow it, ?days= shortens the window.
import { accountExists } from '@/lib/checklist/queries';
import { getDailyEventCounts } from '@/lib/activity/queries';
import { dailyQuerySchema, type DailyResponse } from '@/lib/activity/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(dailyQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account ${query.account} is not known to Warden`);
  const body: DailyResponse = await getDailyEventCounts(query);
  return Response.json(body);
});
