// GET /api/findings/<key> — one finding (key = analyzer ARN/finding id, URL-encoded) with its details
// (read from AWS now when the listing carried none) and audit trail.
import { HttpError, handle, parseOrThrow } from '@/lib/http';
import { ensureFindingDetails } from '@/lib/findings/details';
import { getFinding } from '@/lib/findings/queries';
import { z } from 'zod';
import { findingKeySchema, type FindingDetailResponse } from '@/lib/findings/schema';

export const dynamic = 'force-dynamic';

/** The path segment as sent (encoded) or as decoded by the router; keys never contain "%". */
function decodeKey(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'key: is not a valid URL-encoded finding key', 'key');
  }
}

export const GET = handle(async (_request: Request, context: { params: Promise<{ key: string }> }) => {
  const { key: raw } = await context.params;
  const { key } = parseOrThrow(z.object({ key: findingKeySchema }), { key: decodeKey(raw) });
  // Details the listing did not carry (unused and internal access) are read when someone opens the finding.
  const { error: detailsError } = await ensureFindingDetails(key);
  const finding = await getFinding(key);
  if (!finding) throw new HttpError(404, `key: finding ${key} is not known to Warden`, 'key');
  const body: FindingDetailResponse = { ...finding, finding: { ...finding.finding, detailsError } };
  return Response.json(body);
});
