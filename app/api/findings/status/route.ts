// POST /api/findings/status — archive or re-activate findings in AWS (UpdateFindings), then record who, when and why.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { resolveActor } from '@/lib/findings/actor';
import { triageRequestSchema, type TriageResult } from '@/lib/findings/schema';
import { triageFindings } from '@/lib/findings/triage';

export const dynamic = 'force-dynamic';

/** The answer names AWS's own message; 502 when AWS rejected any of the findings (nothing changed for those). */
function failureMessage(r: TriageResult): string {
  const verb = r.action === 'archive' ? 'archive' : 're-activation';
  const errors = [...new Set(r.groups.map((g) => g.error).filter((e): e is string => e !== null))];
  const done = r.accepted.length > 0 ? `${r.accepted.length} of ${r.accepted.length + r.rejected.length} findings were changed; ` : '';
  return `AWS rejected the ${verb} of ${r.rejected.length} finding${r.rejected.length === 1 ? '' : 's'} (${done}nothing changed for the rest): ${errors.join(' | ')}`;
}

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(triageRequestSchema, await readJson(request));
  const result = await triageFindings(input, resolveActor(request));
  if (result.rejected.length > 0) return Response.json({ error: failureMessage(result), result }, { status: 502 });
  return Response.json(result);
});
