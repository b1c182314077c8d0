import 'server-only';
import type { RequestContext } from '../context';
import { AwsError } from '../errors';
import type { JsonObject } from '../model';
import type { QueryParams } from '../query-params';
import { escapeXml } from '../xml';
import type { RestRoute } from './access-analyzer';

// Which regions an account has enabled: the Account Management API's ListRegions (REST-JSON, POST
// /listRegions) and EC2's DescribeRegions (the EC2 query protocol: no Result wrapper, its own error
// shape). Every sandbox account has the organisation's regions enabled.

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const OPT_STATUSES = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'];

function enabledRegions(ctx: RequestContext): string[] {
  return [...ctx.state.regions].sort();
}

function listRegions(ctx: RequestContext, request: { body: JsonObject }): JsonObject {
  const wanted = request.body['RegionOptStatusContains'];
  if (wanted !== undefined && (!Array.isArray(wanted) || !wanted.every((s) => typeof s === 'string' && OPT_STATUSES.includes(s)))) {
    throw new AwsError(400, 'ValidationException', `RegionOptStatusContains must be a list of ${OPT_STATUSES.join(', ')}`);
  }
  const maxResults = request.body['MaxResults'];
  if (maxResults !== undefined && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)) {
    throw new AwsError(400, 'ValidationException', 'MaxResults must be between 1 and 50');
  }
  const regions = enabledRegions(ctx).map((name) => ({ RegionName: name, RegionOptStatus: 'ENABLED_BY_DEFAULT' }));
  const filtered = Array.isArray(wanted) && wanted.length > 0 ? regions.filter((r) => wanted.includes(r.RegionOptStatus)) : regions;
  const size = typeof maxResults === 'number' ? maxResults : 20;
  const token = request.body['NextToken'];
  const offset = typeof token === 'string' ? Number(ctx.tokens.decode(`account:ListRegions:${ctx.account.id}`, token)?.o ?? NaN) : 0;
  if (!Number.isInteger(offset)) throw new AwsError(400, 'ValidationException', 'The pagination token is not valid');
  const page = filtered.slice(offset, offset + size);
  const out: JsonObject = { Regions: page };
  if (offset + page.length < filtered.length) out['NextToken'] = ctx.tokens.encode(`account:ListRegions:${ctx.account.id}`, { o: offset + page.length });
  return out;
}

export const accountRoutes: RestRoute[] = [{ method: 'POST', pattern: /^\/listRegions$/, operation: 'ListRegions', handler: (ctx, request) => listRegions(ctx, request) }];

/** DescribeRegions as EC2 answers it (enabled regions only, unless AllRegions). */
export function describeRegionsXml(ctx: RequestContext, params: QueryParams, requestId: string): string {
  void params;
  const items = enabledRegions(ctx)
    .map((name) => `<item><regionName>${escapeXml(name)}</regionName><regionEndpoint>ec2.${escapeXml(name)}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="${EC2_NAMESPACE}"><requestId>${escapeXml(requestId)}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
}

/** EC2's error document: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>. */
export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}
