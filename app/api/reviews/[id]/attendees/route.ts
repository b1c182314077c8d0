// PUT /api/reviews/:id/attendees — who attended the meeting (replaces the list) of a draft review.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { setAttendees } from '@/lib/review/queries';
import { attendeesSchema } from '@/lib/review/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const PUT = handle(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const { attendees } = parseOrThrow(attendeesSchema, await readJson(request));
  return Response.json({ attendees: await setAttendees(id, attendees, currentActor()) });
});
