// GET /api/checklist/history — checklist score (passed/failed/unknown) per evaluation, oldest first.
import { z } from 'zod';
import { HttpError, handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { accountExists, getScoreHistory } from '@/lib/checklist/queries';
import type { ScoreHistory } from '@/lib/checklist/hooks';
import { accountIdSchema } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ account: accountIdSchema.optional() });

export const GET = handle(async (request: Request) => {
  const { account } = parseOrThrow(querySchema, searchParamsObject(request.url));
  if (account && !(await accountExists(account))) throw new HttpError(404, `account ${account} is not known to Warden`);
  const body: ScoreHistory = { points: await getScoreHistory({ accountId: account }) };
  return Response.json(body);
});
