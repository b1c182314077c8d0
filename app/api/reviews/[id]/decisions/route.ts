// POST /api/reviews/:id/decisions — record (or change) the decision on one agenda item of a draft review.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { decideItem } from '@/lib/review/queries';
import { decideSchema } from '@/lib/review/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const POST = handle(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const input = parseOrThrow(decideSchema, await readJson(request));
  await decideItem(id, input, currentActor());
  return Response.json({ ok: true });
});
