// GET /api/findings/<key> — one finding (key = analyzer ARN/finding id, URL-encoded) with its details and audit trail.
import { HttpError, handle, parseOrThrow } from '@/lib/http';
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
  const finding = await getFinding(key);
  if (!finding) throw new HttpError(404, `key: finding ${key} is not known to Warden`, 'key');
  const body: FindingDetailResponse = finding;
  return Response.json(body);
});
