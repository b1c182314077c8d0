// GET /api/activity/events — the notable CloudTrail events Warden keeps (root actions, console
// logins, cross-account AssumeRole), newest first, one page; ?kind=, ?user= and ?account= narrow it.
import { accountExists } from '@/lib/checklist/queries';
import { listTrailEvents } from '@/lib/activity/queries';
import { eventsQuerySchema, type EventsResponse } from '@/lib/activity/schema';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(eventsQuerySchema, searchParamsObject(request.url));
  if (query.account && !(await accountExists(query.account))) throw new HttpError(404, `account ${query.account} is not known to Warden`);
  const body: EventsResponse = await listTrailEvents(query);
  return Response.json(body);
});
