// GET /api/reviews/:id — one review: its frozen snapshots, the changes since the last signed review,
// the agenda with evidence, activity and decisions (?ou=: only its accounts in that OU and below).
import { currentTime } from '@/lib/clock';
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { getReview } from '@/lib/review/queries';
import { reviewDetailQuerySchema } from '@/lib/review/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const { ou } = parseOrThrow(reviewDetailQuerySchema, searchParamsObject(request.url));
  return Response.json(await getReview(id, currentTime(), { ou }));
});
