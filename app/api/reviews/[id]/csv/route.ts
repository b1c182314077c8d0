// GET /api/reviews/:id/csv — the agenda with its decisions as a CSV download (formula-safe cells).
import { currentActor } from '@/lib/actor';
import { handle } from '@/lib/http';
import { reviewCsv, reviewCsvFilename } from '@/lib/review/csv';
import { getReview, recordCsvExport } from '@/lib/review/queries';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  const detail = await getReview(id);
  await recordCsvExport(id, currentActor(), detail.items.length);
  return new Response(reviewCsv(detail), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${reviewCsvFilename(detail)}"`,
      'Cache-Control': 'no-store',
    },
  });
});
