// GET /api/checklist/summary — the Overview of many accounts: per OU how many accounts fail or
// cannot be judged on each item, and a page of accounts with their verdicts (no evidence), worst
// first; ?ou= (with its sub-OUs), ?q= (name or id), ?sort=, ?page=, ?pageSize=.
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { getChecklistSummary } from '@/lib/checklist/queries';
import { checklistSummaryQuerySchema, type ChecklistSummary } from '@/lib/checklist/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(checklistSummaryQuerySchema, searchParamsObject(request.url));
  const body: ChecklistSummary = await getChecklistSummary(query);
  return Response.json(body);
});
