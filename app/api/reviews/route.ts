// GET /api/reviews — every credential-report review (?ou=: those covering an account in the OU or
// below it), newest first, with what became of its decisions.
// POST /api/reviews — start a review of the given accounts on their newest credential reports.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson, searchParamsObject } from '@/lib/http';
import { listReviews, reviewIntervalDays, startReview } from '@/lib/review/queries';
import { reviewListQuerySchema, startReviewSchema, type ReviewList } from '@/lib/review/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(reviewListQuerySchema, searchParamsObject(request.url));
  const body: ReviewList = { reviews: await listReviews(query), reviewIntervalDays: await reviewIntervalDays() };
  return Response.json(body);
});

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(startReviewSchema, await readJson(request));
  const started = await startReview(input, currentActor());
  return Response.json(started, { status: 201 });
});
