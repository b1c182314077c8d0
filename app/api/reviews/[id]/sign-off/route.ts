// POST /api/reviews/:id/sign-off — close the review, signed off by the caller (the signed-in person
// or token, never a name typed in); every agenda item must be decided and the attendees recorded. A
// signed review can no longer be edited.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { signOffReview } from '@/lib/review/queries';
import { signOffSchema } from '@/lib/review/schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const POST = handle(async (request: Request, { params }: Context) => {
  const { id } = await params;
  parseOrThrow(signOffSchema, await readJson(request));
  const caller = currentActor();
  await signOffReview(id, caller, caller);
  return Response.json({ ok: true });
});
