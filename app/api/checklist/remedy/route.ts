// GET /api/checklist/remedy?account=&item= — every remedy command of one item of one account's
// newest checklist, as a shell script to download (the item view shows the first few).
import { handle, parseOrThrow, searchParamsObject } from '@/lib/http';
import { getRemedyScript } from '@/lib/checklist/queries';
import { remedyQuerySchema } from '@/lib/checklist/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = parseOrThrow(remedyQuerySchema, searchParamsObject(request.url));
  const { filename, text } = await getRemedyScript(query);
  return new Response(text, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
