// POST /api/findings/status — archive or re-activate findings in AWS (UpdateFindings), then record who, when and why.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { resolveActor } from '@/lib/findings/actor';
import { triageRequestSchema, type TriageResult } from '@/lib/findings/schema';
import { triageFindings } from '@/lib/findings/triage';

export const dynamic = 'force-dynamic';

/** AWS's own words per analyzer that refused; 502 when AWS rejected any finding (nothing changed for those). */
function failureMessage(r: TriageResult): string {
  const verb = r.action === 'archive' ? 'archive' : 're-activation';
  const n = r.rejected.length;
  const head =
    r.accepted.length > 0
      ? `AWS rejected the ${verb} of ${n} of ${r.accepted.length + n} findings; ${r.accepted.length} ${r.accepted.length === 1 ? 'was' : 'were'} changed, nothing changed for the other ${n}.`
      : `AWS rejected the ${verb} of ${n} finding${n === 1 ? '' : 's'}; nothing was changed.`;
  const lines = r.groups
    .filter((g) => g.error !== null)
    .map((g) => `• account ${g.accountId}, ${g.region}, analyzer ${g.analyzerArn.split('/').pop() ?? g.analyzerArn} (${g.rejected.length} finding${g.rejected.length === 1 ? '' : 's'}): ${g.error}`);
  return [head, ...lines].join('\n');
}

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(triageRequestSchema, await readJson(request));
  const result = await triageFindings(input, resolveActor(request));
  if (result.rejected.length > 0) return Response.json({ error: failureMessage(result), result }, { status: 502 });
  return Response.json(result);
});
