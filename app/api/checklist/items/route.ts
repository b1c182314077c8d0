// GET /api/checklist/items?account= — one account's newest checklist without its evidence
// (verdict, summary, remedy, references, thresholds, since when); evidence is read per item.
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { getAccountItems } from '@/lib/checklist/queries';
import { checklistItemsQuerySchema, type AccountItems } from '@/lib/checklist/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const { account } = parseOrThrow(checklistItemsQuerySchema, searchParamsObject(request.url));
  const body: AccountItems = await getAccountItems(account);
  return Response.json(body);
});
