// POST /api/findings/status — archive or re-activate findings in AWS (UpdateFindings), then record who, when and why.
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { currentActor } from '@/lib/actor';
import { triageRequestSchema, type TriageResult } from '@/lib/findings/schema';
import { triageFindings } from '@/lib/findings/triage';

export const dynamic = 'force-dynamic';

/** Who refused, in their own words, per account and analyzer; 502 when any finding was refused (nothing changed for those). */
function failureMessage(r: TriageResult): string {
  const done = r.action === 'archive' ? 'archived' : 're-activated';
  const n = r.rejected.length;
  const head =
    r.accepted.length > 0
      ? `${r.accepted.length} of ${r.accepted.length + n} findings were ${done}; the other ${n} ${n === 1 ? 'was' : 'were'} refused and did not change.`
      : `Nothing was changed: the ${r.action === 'archive' ? 'archive' : 're-activation'} of ${n} finding${n === 1 ? '' : 's'} was refused.`;
  const lines = r.groups
    .filter((g) => g.error !== null)
    .map((g) => `• account ${g.accountId}, ${g.region}, analyzer ${g.analyzerArn.split('/').pop() ?? g.analyzerArn} (${g.rejected.length} finding${g.rejected.length === 1 ? '' : 's'}): ${g.error}`);
  return [head, ...lines].join('\n');
}

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(triageRequestSchema, await readJson(request));
  const result = await triageFindings(input, currentActor());
  if (result.rejected.length > 0) return Response.json({ error: failureMessage(result), result }, { status: 502 });
  return Response.json(result);
});
