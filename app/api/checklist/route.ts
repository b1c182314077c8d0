// GET /api/checklist — the newest checklist verdicts per account (?account=<id> for one).
import { z } from 'zod';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { accountExists, getChecklist } from '@/lib/checklist/queries';
import type { ChecklistResponse } from '@/lib/checklist/schema';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ account: z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id').optional() });

export const GET = handle(async (request: Request) => {
  const { account } = parseOrThrow(querySchema, searchParamsObject(request.url));
  if (account && !(await accountExists(account))) throw new HttpError(404, `account ${account} is not known to Warden`);
  const body: ChecklistResponse = { accounts: await getChecklist({ accountId: account }) };
  return Response.json(body);
});
