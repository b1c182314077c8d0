// GET /api/checklist/evidence?account=&item= — a page of one item's evidence for one account,
// failing evidence first, with the item's counts per status; ?status=, ?page=, ?pageSize=.
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { getEvidencePage } from '@/lib/checklist/queries';
import { evidenceQuerySchema, type EvidencePage } from '@/lib/checklist/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(evidenceQuerySchema, searchParamsObject(request.url));
  const body: EvidencePage = await getEvidencePage(query);
  return Response.json(body);
});
