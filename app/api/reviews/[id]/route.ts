// GET /api/reviews/:id — one review: its frozen snapshots, the changes since the last signed review,
// the agenda with evidence, activity and decisions.
import { handle } from '@/lib/http';
import { getReview } from '@/lib/review/queries';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  return Response.json(await getReview(id));
});
